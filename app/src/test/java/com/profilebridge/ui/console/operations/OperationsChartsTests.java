package com.profilebridge.ui.console.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.profilebridge.console.operations.BreakerTransition;
import com.profilebridge.console.operations.OperationsSnapshot;
import com.profilebridge.console.operations.Sample;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
        List<Sample> samples = List.of(sample(1, 0, 0, 1.0, 1.0, 1, 0L), withBreaker(sample(1, 1, 0, 1.0, 1.0, 1, 0L), State.OPEN));
        OperationsSnapshot snapshot = new OperationsSnapshot(NOW, "pod-1", "demo", Duration.ofSeconds(10),
                Duration.ofHours(1), State.HALF_OPEN, timed(samples),
                List.of(new BreakerTransition(NOW.minusSeconds(5), State.OPEN, State.HALF_OPEN)));
        String svg = new OperationsCharts(snapshot, TEXTS, Locale.ENGLISH, ZoneOffset.UTC).breakerStrip();
        assertThat(svg).contains("class=\"pb-ops-band-closed\" x=", "class=\"pb-ops-band-open\" x=",
                "class=\"pb-ops-band-half-open\" x=", "console.operations.breaker.strip.desc[console.operations.state.HALF_OPEN[], 1]");
    }

    @Test
    void agesReadAsSecondsMinutesOrHours() {
        assertThat(OperationsCharts.age(TEXTS, 45)).isEqualTo("console.operations.age.seconds[45]");
        assertThat(OperationsCharts.age(TEXTS, 200)).isEqualTo("console.operations.age.minutes[3, 20]");
        assertThat(OperationsCharts.age(TEXTS, 3900)).isEqualTo("console.operations.age.hours[1, 5]");
    }

    static OperationsCharts charts(Sample... samples) {
        OperationsSnapshot snapshot = new OperationsSnapshot(NOW, "pod-1", "demo", Duration.ofSeconds(10),
                Duration.ofHours(1), State.CLOSED, timed(List.of(samples)), List.of());
        return new OperationsCharts(snapshot, TEXTS, Locale.ENGLISH, ZoneOffset.UTC);
    }

    /** The samples of the last minutes, 10 s apart, the last one now. */
    static List<Sample> timed(List<Sample> samples) {
        return java.util.stream.IntStream.range(0, samples.size()).mapToObj(i -> {
            Sample s = samples.get(i);
            return new Sample(NOW.minusSeconds(10L * (samples.size() - 1 - i)), s.interval(), s.cdpCalls(),
                    s.cdpFailures(), s.cdpRejected(), s.cdpErrorRate(), s.cdpLatencyMeanMs(), s.cdpLatencyP50Ms(),
                    s.cdpLatencyP95Ms(), s.cacheHits(), s.cacheStale(), s.cacheMisses(), s.breaker(), s.outboxBacklog(),
                    s.oldestUndeliveredSeconds(), s.unattributed(), s.deadLetters());
        }).toList();
    }

    static Sample sample(long calls, long failures, long rejected, double mean, double p95, long lookups, Long backlog) {
        return new Sample(NOW, Duration.ofSeconds(10), calls, failures, rejected, calls == 0 ? null : (double) failures / calls,
                mean, mean, p95, lookups * 7 / 10, lookups / 10, lookups - lookups * 7 / 10 - lookups / 10, State.CLOSED,
                backlog, backlog == null ? null : 30L, backlog == null ? null : 0L, backlog == null ? null : 0L);
    }

    static Sample withBreaker(Sample s, State state) {
        return new Sample(s.at(), s.interval(), s.cdpCalls(), s.cdpFailures(), s.cdpRejected(), s.cdpErrorRate(),
                s.cdpLatencyMeanMs(), s.cdpLatencyP50Ms(), s.cdpLatencyP95Ms(), s.cacheHits(), s.cacheStale(),
                s.cacheMisses(), state, s.outboxBacklog(), s.oldestUndeliveredSeconds(), s.unattributed(), s.deadLetters());
    }

    static List<String> points(String svg, String series) {
        Matcher line = Pattern.compile("<path class=\"pb-ops-line " + series + "\" d=\"([^\"]+)\"").matcher(svg);
        assertThat(line.find()).as("a %s line", series).isTrue();
        return Arrays.stream(line.group(1).split("[ML]")).filter(p -> !p.isBlank()).toList();
    }
}
