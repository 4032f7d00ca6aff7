package com.profilebridge.outcome;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: the work of concurrent callers done in one transaction. A caller hands its item
 * over and waits; a few committer threads each take whatever is waiting (up to {@code maxBatch}),
 * do it all in one transaction ({@code together}) and hand every caller its result once that
 * transaction has committed. Nothing waits for a batch to fill: a committer takes what queued up
 * while the previous transaction ran, so a lone request is a batch of one and batches grow with
 * the load. When the batch fails (anything thrown, the transaction rolled back), each caller does
 * its own item alone ({@code alone}) in its own thread and transaction and gets its own answer or
 * error, exactly as without group commit. Before {@link #start()} and after {@link #stop()} every
 * item is done alone.
 *
 * @param <T> an item of work
 * @param <R> its result
 */
final class GroupCommit<T, R> {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(100);

    private final String name;
    private final int committers;
    private final int maxBatch;
    private final Function<List<T>, List<R>> together;
    private final Function<T, R> alone;
    private final BlockingQueue<Pending<T, R>> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger committing = new AtomicInteger();
    private volatile boolean running;

    /** An item and its caller's answer; completed with null when the caller is to do it alone. */
    private record Pending<T, R>(T item, CompletableFuture<@Nullable R> result) {}

    /**
     * @param together does a batch in one transaction; its results in the items' order
     * @param alone does one item in a transaction of its own (before start, after stop, after a failed batch)
     */
    GroupCommit(String name, int committers, int maxBatch, Function<List<T>, List<R>> together, Function<T, R> alone) {
        if (committers < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("group commit '" + name + "' needs committers >= 1 and max-batch >= 1");
        }
        this.name = name;
        this.committers = committers;
        this.maxBatch = maxBatch;
        this.together = together;
        this.alone = alone;
    }

    /** The item's result once its transaction has committed; what {@code alone} throws, if it comes to that. */
    R submit(T item) {
        if (!running) {
            return alone.apply(item);
        }
        Pending<T, R> pending = new Pending<>(item, new CompletableFuture<>());
        queue.add(pending);
        if (!running && queue.remove(pending)) {
            // stopped meanwhile and no committer took it: the committers may be gone already
            return alone.apply(item);
        }
        R result = pending.result().join();
        return result != null ? result : alone.apply(item);
    }

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < committers; i++) {
            Thread thread = Thread.ofPlatform().name(name + "-" + i).daemon().start(this::commitLoop);
            threads.add(thread);
        }
    }

    /** Stops taking items; what is queued is still committed, then the committers end. */
    synchronized void stop() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        threads.clear();
        // a committer that did not end in time leaves nobody waiting: they do their items alone
        Pending<T, R> left;
        while ((left = queue.poll()) != null) {
            left.result().complete(null);
        }
    }

    boolean isRunning() {
        return running;
    }

    /** Items waiting for a committer. */
    int queued() {
        return queue.size();
    }

    /** Batches being committed right now. */
    int committing() {
        return committing.get();
    }

    private void commitLoop() {
        List<Pending<T, R>> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending<T, R> first = queue.poll(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // the committer stays: callers queued behind this batch must not wait forever
                log.error("Group commit '{}' failed unexpectedly; its callers do their items alone", name, e);
            } finally {
                // whatever happened, nobody is left waiting: an unanswered caller does its item alone
                batch.forEach(pending -> pending.result().complete(null));
                batch.clear();
            }
        }
    }

    private void commit(List<Pending<T, R>> batch) {
        List<R> results;
        committing.incrementAndGet();
        try {
            results = together.apply(batch.stream().map(Pending::item).toList());
        } catch (RuntimeException e) {
            // e.g. a deadlock with another batch, or one item the database refuses: each on its own
            log.debug("Group commit of {} item(s) failed, each is done alone: {}", batch.size(), e.toString());
            return;
        } finally {
            committing.decrementAndGet();
        }
        if (results.size() != batch.size()) {
            throw new IllegalStateException("group commit '" + name + "' gave " + results.size() + " results for "
                    + batch.size() + " items");
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(Objects.requireNonNull(results.get(i)));
        }
    }
}
