package com.profilebridge.console.operations;

import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} elements, oldest dropped first: memory stays bounded however long the
 * process runs. Thread-safe (one writer, the sampler; readers are the views and the REST snapshot).
 */
final class RingBuffer<T> {

    private final Object[] elements;
    private int next;
    private int size;

    RingBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a ring buffer holds at least one element, not " + capacity);
        }
        this.elements = new Object[capacity];
    }

    synchronized void add(T element) {
        elements[next] = element;
        next = (next + 1) % elements.length;
        size = Math.min(size + 1, elements.length);
    }

    /** A copy, oldest first. */
    @SuppressWarnings("unchecked")
    synchronized List<T> toList() {
        List<T> copy = new ArrayList<>(size);
        int first = (next - size + elements.length) % elements.length;
        for (int i = 0; i < size; i++) {
            copy.add((T) elements[(first + i) % elements.length]);
        }
        return copy;
    }

    int capacity() {
        return elements.length;
    }
}
