package com.profilebridge.console.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import java.time.Duration;
import java.time.Instant;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The in-memory history keeps the last hour and the last transitions, and never more. */
class OperationsHistoryTests {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final OperationsInstance SELF = new OperationsInstance("self-id", "pod-a");

    @Test
    void aRingBufferKeepsTheNewestElementsOldestFirst() {
        RingBuffer<Integer> ring = new RingBuffer<>(3);
        assertThat(ring.toList()).isEmpty();
        ring.add(1);
        ring.add(2);
        assertThat(ring.toList()).containsExactly(1, 2);
        IntStream.rangeClosed(3, 7).forEach(ring::add);
        assertThat(ring.toList()).containsExactly(5, 6, 7);
    }

    @Test
    void aRingBufferNeedsRoomForOneElement() {
        assertThatThrownBy(() -> new RingBuffer<>(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tenSecondSamplesOverAnHourAre360PointsAndAFullDayOfThemMoreIsStill360() {
        OperationsProperties defaults = new OperationsProperties(Duration.ofSeconds(10), Duration.ofHours(1), 50, "");
        assertThat(defaults.samples()).isEqualTo(360);
        InMemoryOperationsHistory history = new InMemoryOperationsHistory(SELF, defaults.samples(), 50);
        int day = 24 * 360;
        for (int i = 0; i < day; i++) {
            history.record(sample(T0.plusSeconds(10L * i), i));
        }
        assertThat(history.samples()).hasSize(360);
        assertThat(history.samples().getFirst().at()).isEqualTo(T0.plusSeconds(10L * (day - 360)));
        assertThat(history.latest()).get().extracting(Sample::cdpCalls).isEqualTo((long) day - 1);
    }

    @Test
    void transitionsAreKeptNewestFirstUpToTheirLimit() {
        InMemoryOperationsHistory history = new InMemoryOperationsHistory(SELF, 10, 2);
        history.record(new BreakerTransition(T0, State.CLOSED, State.OPEN));
        history.record(new BreakerTransition(T0.plusSeconds(30), State.OPEN, State.HALF_OPEN));
        history.record(new BreakerTransition(T0.plusSeconds(31), State.HALF_OPEN, State.CLOSED));
        assertThat(history.transitions()).extracting(BreakerTransition::to).containsExactly(State.CLOSED, State.HALF_OPEN);
    }

    @Test
    void theInMemoryHistoryIsThisInstancesOnly() {
        InMemoryOperationsHistory history = new InMemoryOperationsHistory(SELF, 10, 2);
        history.record(sample(T0, 3));

        OperationsHistory.Histories read = history.read();

        assertThat(read.scope()).isEqualTo(OperationsSnapshot.Scope.THIS_INSTANCE);
        assertThat(read.instances()).singleElement().satisfies(instance -> {
            assertThat(instance.name()).isEqualTo("pod-a");
            assertThat(instance.self()).isTrue();
            assertThat(instance.samples()).extracting(Sample::cdpCalls).containsExactly(3L);
        });
    }

    @Test
    void anEmptyHistoryHasNoLatestSample() {
        assertThat(new InMemoryOperationsHistory(SELF, 5, 5).latest()).isEmpty();
    }

    @Test
    void settingsThatWouldGrowMemoryWithoutBoundAreRefused() {
        assertThatThrownBy(() -> new OperationsProperties(Duration.ofSeconds(1), Duration.ofDays(1), 50, ""))
                .hasMessageContaining("bridge.operations.window");
        assertThatThrownBy(() -> new OperationsProperties(Duration.ofMillis(100), Duration.ofMinutes(1), 50, ""))
                .hasMessageContaining("sample-interval");
        assertThatThrownBy(() -> new OperationsProperties(Duration.ofSeconds(10), Duration.ofHours(1), 0, ""))
                .hasMessageContaining("transitions-kept");
    }

    static Sample sample(Instant at, long calls) {
        return new Sample(at, Duration.ofSeconds(10), calls, 0, 0, null, null, null, null, 0, 0, 0, State.CLOSED,
                0L, 0L, 0L, 0L, new TreeMap<>());
    }
}
