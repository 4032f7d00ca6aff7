package com.profilebridge.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Concurrent callers' items done together, each caller answered with its own result or done alone. */
class GroupCommitTests {

    static final Duration WAIT = Duration.ofSeconds(5);

    final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
    final List<Integer> alone = Collections.synchronizedList(new ArrayList<>());
    final ExecutorService callers = Executors.newFixedThreadPool(16);
    volatile CountDownLatch firstBatchMayCommit = new CountDownLatch(0);

    GroupCommit<Integer, String> commits = new GroupCommit<>("test", 1, 8, items -> {
        hold(firstBatchMayCommit);
        batches.add(items);
        if (items.contains(13)) {
            throw new IllegalStateException("the database refuses item 13");
        }
        return items.stream().map(i -> "together " + i).toList();
    }, item -> {
        alone.add(item);
        if (item == 13) {
            throw new IllegalArgumentException("item 13 is refused");
        }
        return "alone " + item;
    });

    @AfterEach
    void stop() {
        commits.stop();
        callers.shutdownNow();
    }

    @Test
    void aLoneCallerIsABatchOfOne() {
        commits.start();

        assertThat(commits.submit(1)).isEqualTo("together 1");
        assertThat(batches).containsExactly(List.of(1));
    }

    @Test
    void callersWaitingWhileATransactionRunsShareTheNextOneAndEachGetsItsOwnResult() throws Exception {
        firstBatchMayCommit = new CountDownLatch(1);
        commits.start();
        Future<String> first = callers.submit(() -> commits.submit(0));
        // the committer holds the first batch open while twelve more callers arrive
        await().atMost(WAIT).until(() -> commits.committing() == 1);
        List<Future<String>> rest = IntStream.rangeClosed(1, 12).mapToObj(i -> callers.submit(() -> commits.submit(i)))
                .toList();
        await().atMost(WAIT).until(() -> commits.queued() == 12);
        firstBatchMayCommit.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("together 0");
        for (int i = 1; i <= 12; i++) {
            assertThat(rest.get(i - 1).get(5, TimeUnit.SECONDS)).isEqualTo("together " + i);
        }
        assertThat(batches).hasSize(3);
        assertThat(batches.get(1)).as("at most max-batch a transaction").hasSize(8);
        assertThat(batches.get(2)).hasSize(4);
        assertThat(alone).isEmpty();
    }

    @Test
    void whenTheBatchFailsEachCallerDoesItsItemAloneAndGetsItsOwnAnswerOrError() throws Exception {
        firstBatchMayCommit = new CountDownLatch(1);
        commits.start();
        Future<String> first = callers.submit(() -> commits.submit(0));
        await().atMost(WAIT).until(() -> commits.committing() == 1);
        Future<String> twelve = callers.submit(() -> commits.submit(12));
        Future<String> thirteen = callers.submit(() -> commits.submit(13));
        await().atMost(WAIT).until(() -> commits.queued() == 2);
        firstBatchMayCommit.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("together 0");
        assertThat(twelve.get(5, TimeUnit.SECONDS)).isEqualTo("alone 12");
        assertThatThrownBy(() -> thirteen.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("item 13 is refused");
        assertThat(alone).containsExactlyInAnyOrder(12, 13);
    }

    @Test
    void beforeStartAndAfterStopEveryItemIsDoneAlone() {
        assertThat(commits.submit(1)).isEqualTo("alone 1");
        commits.start();
        assertThat(commits.submit(2)).isEqualTo("together 2");
        commits.stop();
        assertThat(commits.submit(3)).isEqualTo("alone 3");
        assertThat(commits.isRunning()).isFalse();
    }

    @Test
    void stoppingCommitsWhatIsQueuedBeforeTheCommittersEnd() throws Exception {
        firstBatchMayCommit = new CountDownLatch(1);
        commits.start();
        Future<String> first = callers.submit(() -> commits.submit(0));
        await().atMost(WAIT).until(() -> commits.committing() == 1);
        Future<String> queued = callers.submit(() -> commits.submit(1));
        await().atMost(WAIT).until(() -> commits.queued() == 1);
        Future<?> stopping = callers.submit(commits::stop);
        firstBatchMayCommit.countDown();
        stopping.get(5, TimeUnit.SECONDS);

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("together 0");
        assertThat(queued.get(5, TimeUnit.SECONDS)).isEqualTo("together 1");
    }

    @Test
    void refusesSettingsThatCouldNeverCommit() {
        assertThatThrownBy(() -> new GroupCommit<Integer, String>("bad", 0, 8, items -> List.of(), item -> ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
