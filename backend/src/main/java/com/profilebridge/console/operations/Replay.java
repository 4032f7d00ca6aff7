package com.profilebridge.console.operations;

/** What replaying dead letters came to. */
public sealed interface Replay {

    /** {@code messages} dead letters are back in the queue with fresh attempts. */
    record Requeued(int messages) implements Replay {}

    /** Not a message id at all (nothing was looked up). */
    record InvalidMessageId() implements Replay {}

    /** No dead letter has this id (never was one, or already replayed). */
    record NoSuchDeadLetter() implements Replay {}
}
