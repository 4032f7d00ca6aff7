package com.profilebridge.ui.console.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.profilebridge.console.operations.OperationsSnapshot;
import com.profilebridge.console.operations.Sample;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Which figure of the samples each chart draws, and what its summary says. */
class OperationsChartsTests {

    static final Instant NOW = Instant.parse("2026-12-01T11:00:00Z");
    /** The key and its arguments, so the tests see what the view asked for. */
    static final OperationsCharts.Texts TEXTS = (key, args) -> key + Arrays.toString(args);

    @Test
    void latencyDrawsThe95thPercentileAndTheAverageOfEachInterval() {
        String svg = charts(sample(20, 4, 1, 12.0, 30.0, 100, 10L), sample(30, 0, 0, 15.0, 45.0, 120, 12L),
                sample(10, 0, 0, 9.0, 20.0, 90, 8L)).latency();
        assertThat(points(svg, "pb-ops-p95")).hasSize(3);
        assertThat(points(svg, "pb-ops-mean")).hasSize(3);
        assertThat(svg).contains("console.operations.chart.latency.desc[10, console.operations.unit.ms[20], "
                + "console.operations.unit.ms[9], console.operations.unit.ms[45], 60]");
    }

    @Test
    void errorRateAndCacheSharesComeFromTheIntervalsCounts() {
        OperationsCharts charts = charts(sample(20, 5, 3, 12.0, 30.0, 100, 10L));
        assertThat(charts.errors()).contains("console.operations.chart.errors.desc[25%, 25%, 3, 60]");
        // 100 lookups: 70 hits, 10 stale, 20 misses
        assertThat(charts.cache()).contains("console.operations.chart.cache.desc[70%, 10%, 20%, 100, 60]");
    }

    @Test
    void anIntervalWithoutOutboxFiguresIsAGapInTheBacklog() {
        String svg = charts(sample(1, 0, 0, 1.0, 1.0, 1, 4L), sample(1, 0, 0, 1.0, 1.0, 1, 5L),
                sample(1, 0, 0, 1.0, 1.0, 1, null), sample(1, 0, 0, 1.0, 1.0, 1, 7L)).backlog();
        Matcher line = Pattern.compile("<path class=\"pb-ops-line pb-ops-backlog\" d=\"([^\"]+)\"").matcher(svg);
        assertThat(line.find()).isTrue();
        assertThat(line.group(1).chars().filter(c -> c == 'M')).hasSize(2);
    }

    @Test
    void theBreakerStripColoursEachIntervalByItsStateAndMarksEachTransition() {
        List<Sample> samples = timed(List.of(sample(1, 0, 0, 1.0, 1.0, 1, 0L),
                withBreaker(sample(1, 1, 0, 1.0, 1.0, 1, 0L), State.OPEN)));
        OperationsSnapshot snapshot = snapshot(State.HALF_OPEN, OperationsSnapshot.Scope.THIS_INSTANCE, samples,
                List.of(new OperationsSnapshot.Transition(NOW.minusSeconds(5), "pod-1", State.OPEN, State.HALF_OPEN)),
                List.of(status("pod-1", true, State.HALF_OPEN, samples)));
        String svg = new OperationsCharts(snapshot, TEXTS, Locale.ENGLISH, ZoneOffset.UTC).breakerStrip();
        assertThat(svg).contains("class=\"pb-ops-band-closed\" x=", "class=\"pb-ops-band-open\" x=",
                "class=\"pb-ops-band-half-open\" x=", "console.operations.breaker.strip.desc[console.operations.state.HALF_OPEN[], 1]");
        assertThat(svg).as("one instance: one unnamed row").doesNotContain("pod-1");
    }

    @Test
    void withSeveralInstancesTheStripHasARowPerInstanceNamedAndMarkedWithItsOwnTransitions() {
        List<Sample> closed = timed(List.of(sample(1, 0, 0, 1.0, 1.0, 1, 0L), sample(1, 0, 0, 1.0, 1.0, 1, 0L)));
        List<Sample> open = timed(List.of(withBreaker(sample(1, 1, 0, 1.0, 1.0, 1, 0L), State.OPEN),
                withBreaker(sample(1, 1, 0, 1.0, 1.0, 1, 0L), State.OPEN)));
        OperationsSnapshot snapshot = snapshot(State.CLOSED, OperationsSnapshot.Scope.ALL_INSTANCES, closed,
                List.of(new OperationsSnapshot.Transition(NOW.minusSeconds(15), "pod-2", State.CLOSED, State.OPEN)),
                List.of(status("pod-1", true, State.CLOSED, closed), status("pod-2", false, State.OPEN, open)));

        String svg = new OperationsCharts(snapshot, TEXTS, Locale.ENGLISH, ZoneOffset.UTC).breakerStrip();

        assertThat(svg.split("<g class=\"pb-ops-strip-row\">", -1)).hasSize(3);
        String first = svg.substring(svg.indexOf("<title>pod-1</title>"), svg.indexOf("<title>pod-2</title>"));
        String second = svg.substring(svg.indexOf("<title>pod-2</title>"), svg.lastIndexOf("</g>"));
        assertThat(first).contains("pb-ops-band-closed").doesNotContain("pb-ops-band-open");
        // pod-2's row: its two open intervals and the mark of its transition
        assertThat(second.split("class=\"pb-ops-band-open\"", -1)).hasSize(4);
        assertThat(svg).contains("console.operations.breaker.strip.desc.instances[pod-1: console.operations.state.CLOSED[], "
                + "pod-2: console.operations.state.OPEN[], 1]");
    }

    @Test
    void agesReadAsSecondsMinutesOrHours() {
        assertThat(OperationsCharts.age(TEXTS, 45)).isEqualTo("console.operations.age.seconds[45]");
        assertThat(OperationsCharts.age(TEXTS, 200)).isEqualTo("console.operations.age.minutes[3, 20]");
        assertThat(OperationsCharts.age(TEXTS, 3900)).isEqualTo("console.operations.age.hours[1, 5]");
    }

    static OperationsCharts charts(Sample... samples) {
        List<Sample> timed = timed(List.of(samples));
        OperationsSnapshot snapshot = snapshot(State.CLOSED, OperationsSnapshot.Scope.THIS_INSTANCE, timed, List.of(),
                List.of(status("pod-1", true, State.CLOSED, timed)));
        return new OperationsCharts(snapshot, TEXTS, Locale.ENGLISH, ZoneOffset.UTC);
    }

    static OperationsSnapshot snapshot(State breaker, OperationsSnapshot.Scope scope, List<Sample> samples,
            List<OperationsSnapshot.Transition> transitions, List<OperationsSnapshot.InstanceStatus> instances) {
        return new OperationsSnapshot(NOW, "pod-1", "demo", Duration.ofSeconds(10), Duration.ofHours(1), breaker, scope,
                samples, transitions, instances, new OperationsSnapshot.HealthRules(Duration.ofMinutes(5), 0.05, 20,
                        Duration.ofSeconds(30)));
    }

    /** An instance whose breaker had each sample's state over that sample's interval. */
    static OperationsSnapshot.InstanceStatus status(String name, boolean self, State breaker, List<Sample> samples) {
        List<OperationsSnapshot.BreakerSpan> spans = samples.stream()
                .map(s -> new OperationsSnapshot.BreakerSpan(s.at().minus(s.interval()), s.at(), s.breaker())).toList();
        return new OperationsSnapshot.InstanceStatus(name, name, self, OperationsSnapshot.Health.OK, NOW, breaker, 0, null,
                null, 0, spans);
    }

    /** The samples of the last minutes, 10 s apart, the last one now. */
    static List<Sample> timed(List<Sample> samples) {
        return java.util.stream.IntStream.range(0, samples.size()).mapToObj(i -> {
            Sample s = samples.get(i);
            return new Sample(NOW.minusSeconds(10L * (samples.size() - 1 - i)), s.interval(), s.cdpCalls(),
                    s.cdpFailures(), s.cdpRejected(), s.cdpErrorRate(), s.cdpLatencyMeanMs(), s.cdpLatencyP50Ms(),
                    s.cdpLatencyP95Ms(), s.cacheHits(), s.cacheStale(), s.cacheMisses(), s.breaker(), s.outboxBacklog(),
                    s.oldestUndeliveredSeconds(), s.unattributed(), s.deadLetters(), s.cdpLatencyBuckets());
        }).toList();
    }

    static Sample sample(long calls, long failures, long rejected, double mean, double p95, long lookups, Long backlog) {
        return new Sample(NOW, Duration.ofSeconds(10), calls, failures, rejected, calls == 0 ? null : (double) failures / calls,
                mean, mean, p95, lookups * 7 / 10, lookups / 10, lookups - lookups * 7 / 10 - lookups / 10, State.CLOSED,
                backlog, backlog == null ? null : 30L, backlog == null ? null : 0L, backlog == null ? null : 0L,
                new TreeMap<>());
    }

    static Sample withBreaker(Sample s, State state) {
        return new Sample(s.at(), s.interval(), s.cdpCalls(), s.cdpFailures(), s.cdpRejected(), s.cdpErrorRate(),
                s.cdpLatencyMeanMs(), s.cdpLatencyP50Ms(), s.cdpLatencyP95Ms(), s.cacheHits(), s.cacheStale(),
                s.cacheMisses(), state, s.outboxBacklog(), s.oldestUndeliveredSeconds(), s.unattributed(), s.deadLetters(),
                s.cdpLatencyBuckets());
    }

    static List<String> points(String svg, String series) {
        Matcher line = Pattern.compile("<path class=\"pb-ops-line " + series + "\" d=\"([^\"]+)\"").matcher(svg);
        assertThat(line.find()).as("a %s line", series).isTrue();
        return Arrays.stream(line.group(1).split("[ML]")).filter(p -> !p.isBlank()).toList();
    }
}
