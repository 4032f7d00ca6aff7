package com.profilebridge.console.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.profilebridge.console.operations.OperationsSnapshot.Health;
import com.profilebridge.console.operations.OperationsSnapshot.Scope;
import com.profilebridge.testing.MovableClock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared history against the machine's real Redis (127.0.0.1:6379, a key prefix of its own per
 * run): two "instances" (two histories with their own ids in one test) see each other's samples and
 * transitions; an instance that stops writing ages out of the page and out of Redis; a Redis that
 * cannot be reached leaves each instance its own history.
 */
class RedisOperationsHistoryTests {

    static final OperationsProperties SETTINGS = new OperationsProperties(Duration.ofSeconds(10), Duration.ofHours(1), 50, "");
    static final Instant T0 = Instant.parse("2026-12-01T10:00:10Z");

    final String prefix = "pb-test:ops:" + UUID.randomUUID() + ":";
    final MovableClock clock = new MovableClock(T0);
    final JsonMapper json = JsonMapper.builder().build();
    final LettuceConnectionFactory connections = connect(6379, Duration.ofSeconds(2));
    final StringRedisTemplate redis = template(connections);

    final OperationsInstance podA = new OperationsInstance("id-a-" + UUID.randomUUID(), "pod-a");
    final OperationsInstance podB = new OperationsInstance("id-b-" + UUID.randomUUID(), "pod-b");

    @AfterEach
    void cleanUp() {
        Set<String> keys = redis.keys(prefix + "*");
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
        }
        connections.destroy();
    }

    @Test
    void twoInstancesSeeEachOthersSamplesAndTransitionsAndTheChartsMergeThem() {
        RedisOperationsHistory a = history(podA);
        RedisOperationsHistory b = history(podB);
        a.record(ClusterMergeTests.sample(T0.plusMillis(3), 100, 0, 40.0, Map.of(30.0, 0L, 40.0, 100L), State.CLOSED));
        b.record(new BreakerTransition(T0.minusSeconds(4), State.CLOSED, State.OPEN));
        b.record(ClusterMergeTests.sample(T0.minusMillis(2), 300, 30, 80.0, Map.of(70.0, 0L, 80.0, 300L), State.OPEN));

        OperationsHistory.Histories seenByA = a.read();
        OperationsHistory.Histories seenByB = b.read();

        assertThat(seenByA.scope()).isEqualTo(Scope.ALL_INSTANCES);
        assertThat(seenByA.instances()).extracting(InstanceHistory::name).containsExactly("pod-a", "pod-b");
        assertThat(seenByA.instances()).extracting(InstanceHistory::self).containsExactly(true, false);
        InstanceHistory bFromA = seenByA.instances().get(1);
        assertThat(bFromA.id()).isEqualTo(podB.id());
        assertThat(bFromA.samples()).singleElement().satisfies(s -> {
            assertThat(s.cdpCalls()).isEqualTo(300);
            assertThat(s.breaker()).isEqualTo(State.OPEN);
            assertThat(s.cdpLatencyBuckets()).containsEntry(80.0, 300L);
        });
        assertThat(bFromA.transitions()).singleElement().extracting(BreakerTransition::to).isEqualTo(State.OPEN);
        assertThat(seenByB.instances()).extracting(InstanceHistory::name).containsExactly("pod-b", "pod-a");

        // what the page draws, whichever instance serves it
        for (OperationsHistory.Histories seen : List.of(seenByA, seenByB)) {
            Sample merged = ClusterMerge.samples(seen.instances(), SETTINGS.sampleInterval()).getFirst();
            assertThat(merged.cdpCalls()).isEqualTo(400);
            assertThat(merged.cdpErrorRate()).isEqualTo(0.075);
            assertThat(merged.breaker()).isEqualTo(State.OPEN);
            assertThat(ClusterMerge.transitions(seen.instances())).extracting(OperationsSnapshot.Transition::instance)
                    .containsExactly("pod-b");
        }
        assertThat(ClusterMerge.status(bFromA, null, T0.plusSeconds(1), SETTINGS.sampleInterval()).health())
                .as("pod-b's breaker is open").isEqualTo(Health.DEGRADED);
        // every key expires with the window, whoever wrote it
        for (String key : redis.keys(prefix + "*")) {
            assertThat(redis.getExpire(key)).as(key).isPositive().isLessThanOrEqualTo(3600);
        }
    }

    @Test
    void anInstanceThatStoppedIsShownAsNotReportingThenAgesOutOfThePageAndOfRedis() {
        RedisOperationsHistory a = history(podA);
        RedisOperationsHistory b = history(podB);
        b.record(ClusterMergeTests.sample(T0, 50, 0, 40.0, Map.of(), State.CLOSED));
        a.record(ClusterMergeTests.sample(T0, 50, 0, 40.0, Map.of(), State.CLOSED));
        // pod-b stops here; pod-a goes on sampling

        clock.advance(Duration.ofSeconds(40));
        a.record(ClusterMergeTests.sample(clock.instant(), 50, 0, 40.0, Map.of(), State.CLOSED));
        InstanceHistory silent = a.read().instances().get(1);
        assertThat(silent.name()).isEqualTo("pod-b");
        assertThat(ClusterMerge.status(silent, null, clock.instant(), SETTINGS.sampleInterval()).health())
                .isEqualTo(Health.NOT_REPORTING);

        clock.advance(Duration.ofMinutes(60));
        a.record(ClusterMergeTests.sample(clock.instant(), 50, 0, 40.0, Map.of(), State.CLOSED));
        OperationsHistory.Histories later = a.read();

        assertThat(later.instances()).extracting(InstanceHistory::name).containsExactly("pod-a");
        assertThat(ClusterMerge.samples(later.instances(), SETTINGS.sampleInterval()))
                .as("pod-b's last sample has left the window").allSatisfy(s -> assertThat(s.at()).isAfter(T0));
        assertThat(redis.opsForZSet().score(prefix + "instances", podB.id())).as("dropped from the live set").isNull();
        // Redis itself forgets the rest on its own timer: the window after pod-b's last write
        for (String part : List.of("", ":samples")) {
            assertThat(redis.getExpire(prefix + "instance:" + podB.id() + part)).isPositive().isLessThanOrEqualTo(3600);
        }
        assertThat(redis.opsForZSet().rangeByScore(prefix + "instance:" + podA.id() + ":samples", 0, Double.MAX_VALUE))
                .as("pod-a's own samples older than the window are trimmed").hasSize(2);
    }

    @Test
    void aRedisThatCannotBeReachedLeavesEachInstanceItsOwnHistory() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        LettuceConnectionFactory nowhere = connect(closedPort, Duration.ofMillis(300));
        try {
            RedisOperationsHistory alone = new RedisOperationsHistory(template(nowhere), json, prefix, podA, SETTINGS,
                    clock);
            Sample sample = ClusterMergeTests.sample(T0, 10, 0, 40.0, Map.of(), State.CLOSED);

            assertThatCode(() -> alone.record(sample)).doesNotThrowAnyException();
            assertThatCode(() -> alone.record(new BreakerTransition(T0, State.CLOSED, State.OPEN)))
                    .doesNotThrowAnyException();
            OperationsHistory.Histories read = alone.read();

            assertThat(read.scope()).isEqualTo(Scope.SHARED_STORE_UNREACHABLE);
            assertThat(read.instances()).singleElement().satisfies(self -> {
                assertThat(self.self()).isTrue();
                assertThat(self.samples()).containsExactly(sample);
                assertThat(self.transitions()).hasSize(1);
            });
        } finally {
            nowhere.destroy();
        }
    }

    private RedisOperationsHistory history(OperationsInstance instance) {
        return new RedisOperationsHistory(redis, json, prefix, instance, SETTINGS, clock);
    }

    private static LettuceConnectionFactory connect(int port, Duration timeout) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port),
                LettuceClientConfiguration.builder().commandTimeout(timeout).build());
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    private static StringRedisTemplate template(LettuceConnectionFactory connections) {
        StringRedisTemplate template = new StringRedisTemplate(connections);
        template.afterPropertiesSet();
        return template;
    }
}
