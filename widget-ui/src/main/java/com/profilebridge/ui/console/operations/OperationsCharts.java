package com.profilebridge.ui.console.operations;

import com.profilebridge.console.operations.OperationsSnapshot;
import com.profilebridge.console.operations.Sample;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The operations page's charts for one snapshot, in the viewer's language and time zone: which
 * figure of the samples each chart draws, its scale and its spoken summary ({@code <desc>}).
 */
final class OperationsCharts {

    /** The view's translations ({@code getTranslation}). */
    @FunctionalInterface
    interface Texts {
        String get(String key, Object... args);
    }

    private final OperationsSnapshot snapshot;
    private final Texts texts;
    private final Locale locale;
    private final ZoneId zone;
    private final Instant from;
    private final Instant to;

    OperationsCharts(OperationsSnapshot snapshot, Texts texts, Locale locale, ZoneId zone) {
        this.snapshot = snapshot;
        this.texts = texts;
        this.locale = locale;
        this.zone = zone;
        this.to = snapshot.at();
        this.from = snapshot.at().minus(snapshot.window());
    }

    String latency() {
        List<Sample> samples = snapshot.samples();
        Sample last = samples.isEmpty() ? null : samples.getLast();
        return chart("chart-latency", "console.operations.chart.latency")
                .description(texts.get("console.operations.chart.latency.desc", snapshot.sampleInterval().toSeconds(),
                        millis(last == null ? null : last.cdpLatencyP95Ms()),
                        millis(last == null ? null : last.cdpLatencyMeanMs()),
                        millis(max(samples, Sample::cdpLatencyP95Ms)), minutes()))
                .yAtLeast(10)
                .yLabel(v -> texts.get("console.operations.unit.ms", NumberFormat.getIntegerInstance(locale).format(v)))
                .series(new SvgChart.Series(texts.get("console.operations.chart.latency.p95"), "pb-ops-p95",
                        points(Sample::cdpLatencyP95Ms), true))
                .series(new SvgChart.Series(texts.get("console.operations.chart.latency.mean"), "pb-ops-mean",
                        points(Sample::cdpLatencyMeanMs), false))
                .build().render();
    }

    String errors() {
        List<Sample> samples = snapshot.samples();
        long rejected = samples.stream().mapToLong(Sample::cdpRejected).sum();
        return chart("chart-errors", "console.operations.chart.errors")
                .description(texts.get("console.operations.chart.errors.desc",
                        percent(samples.isEmpty() ? null : samples.getLast().cdpErrorRate()),
                        percent(max(samples, Sample::cdpErrorRate)), rejected, minutes()))
                .yAtLeast(0.05)
                .yLabel(this::percentAxis)
                .series(new SvgChart.Series(texts.get("console.operations.chart.errors.rate"), "pb-ops-errors",
                        points(Sample::cdpErrorRate), true))
                .build().render();
    }

    String cache() {
        List<Sample> samples = snapshot.samples();
        Sample last = samples.isEmpty() ? null : samples.getLast();
        return chart("chart-cache", "console.operations.chart.cache")
                .description(texts.get("console.operations.chart.cache.desc",
                        percent(last == null ? null : last.cacheShare(last.cacheHits())),
                        percent(last == null ? null : last.cacheShare(last.cacheStale())),
                        percent(last == null ? null : last.cacheShare(last.cacheMisses())),
                        last == null ? 0 : last.cacheLookups(), minutes()))
                .yAtLeast(1)
                .yLabel(this::percentAxis)
                .series(new SvgChart.Series(texts.get("console.operations.chart.cache.hit"), "pb-ops-hit",
                        points(s -> s.cacheShare(s.cacheHits())), false))
                .series(new SvgChart.Series(texts.get("console.operations.chart.cache.stale"), "pb-ops-stale",
                        points(s -> s.cacheShare(s.cacheStale())), false))
                .series(new SvgChart.Series(texts.get("console.operations.chart.cache.miss"), "pb-ops-miss",
                        points(s -> s.cacheShare(s.cacheMisses())), false))
                .build().render();
    }

    String backlog() {
        List<Sample> samples = snapshot.samples();
        Sample last = samples.isEmpty() ? null : samples.getLast();
        Double highest = max(samples, s -> s.outboxBacklog() == null ? null : s.outboxBacklog().doubleValue());
        NumberFormat integers = NumberFormat.getIntegerInstance(locale);
        return chart("chart-backlog", "console.operations.chart.backlog")
                .description(texts.get("console.operations.chart.backlog.desc",
                        last == null || last.outboxBacklog() == null ? none() : integers.format(last.outboxBacklog()),
                        last == null || last.oldestUndeliveredSeconds() == null ? none()
                                : age(texts, last.oldestUndeliveredSeconds()),
                        highest == null ? none() : integers.format(highest), minutes()))
                .yAtLeast(10)
                .yLabel(integers::format)
                .series(new SvgChart.Series(texts.get("console.operations.chart.backlog.series"), "pb-ops-backlog",
                        points(s -> s.outboxBacklog() == null ? null : s.outboxBacklog().doubleValue()), true))
                .build().render();
    }

    /**
     * Each instance's breaker across the window, one row per instance (named when there are several):
     * its state at each sample, and a mark at each transition it reported.
     */
    String breakerStrip() {
        boolean several = snapshot.instances().size() > 1;
        List<SvgStateStrip.Row> rows = new ArrayList<>();
        for (OperationsSnapshot.InstanceStatus instance : snapshot.instances()) {
            List<SvgStateStrip.Band> bands = instance.breakerStates().stream()
                    .map(span -> new SvgStateStrip.Band(span.from(), span.to(), stateClass(span.state()))).toList();
            // every change the breaker reported, in the colour of the state it went to: an opening between
            // two samples shows even though no sample caught it
            List<SvgStateStrip.Mark> marks = snapshot.transitions().reversed().stream()
                    .filter(t -> t.instance().equals(instance.name()))
                    .map(t -> new SvgStateStrip.Mark(t.at(), stateClass(t.to()))).toList();
            rows.add(new SvgStateStrip.Row(several ? instance.name() : null, bands, marks));
        }
        List<SvgStateStrip.Key> keys = List.of(
                new SvgStateStrip.Key(state(CircuitBreaker.State.CLOSED), stateClass(CircuitBreaker.State.CLOSED)),
                new SvgStateStrip.Key(state(CircuitBreaker.State.HALF_OPEN), stateClass(CircuitBreaker.State.HALF_OPEN)),
                new SvgStateStrip.Key(state(CircuitBreaker.State.OPEN), stateClass(CircuitBreaker.State.OPEN)),
                new SvgStateStrip.Key(texts.get("console.operations.breaker.none"), "pb-ops-band-none"));
        String description = several
                ? texts.get("console.operations.breaker.strip.desc.instances", String.join(", ", snapshot.instances()
                        .stream().map(i -> i.name() + ": " + state(i.breaker())).toList()), snapshot.transitions().size())
                : texts.get("console.operations.breaker.strip.desc", state(snapshot.breaker()),
                        snapshot.transitions().size());
        return SvgStateStrip.render("chart-breaker", texts.get("console.operations.breaker.strip", minutes()),
                description, from, to, locale, zone, rows, keys);
    }

    String state(CircuitBreaker.State state) {
        return texts.get("console.operations.state." + state.name());
    }

    static String stateClass(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED -> "pb-ops-band-closed";
            case HALF_OPEN -> "pb-ops-band-half-open";
            case OPEN, FORCED_OPEN -> "pb-ops-band-open";
            case DISABLED, METRICS_ONLY -> "pb-ops-band-none";
        };
    }

    /** {@code 45 s}, {@code 3 min 20 s}, {@code 1 h 5 min} in the viewer's language. */
    static String age(Texts texts, long seconds) {
        Duration d = Duration.ofSeconds(Math.max(0, seconds));
        if (d.toHours() > 0) {
            return texts.get("console.operations.age.hours", d.toHours(), d.toMinutesPart());
        }
        return d.toMinutes() > 0 ? texts.get("console.operations.age.minutes", d.toMinutes(), d.toSecondsPart())
                : texts.get("console.operations.age.seconds", seconds);
    }

    private SvgChart.Builder chart(String id, String titleKey) {
        return SvgChart.builder(id).title(texts.get(titleKey)).range(from, to).viewer(locale, zone)
                .emptyText(texts.get("console.operations.chart.empty"));
    }

    private List<SvgChart.Point> points(Function<Sample, @Nullable Double> value) {
        return snapshot.samples().stream().map(s -> new SvgChart.Point(s.at(), value.apply(s))).toList();
    }

    private static @Nullable Double max(List<Sample> samples, Function<Sample, @Nullable Double> value) {
        return samples.stream().map(value).filter(Objects::nonNull).max(Double::compare).orElse(null);
    }

    String millis(@Nullable Double value) {
        return value == null ? none()
                : texts.get("console.operations.unit.ms", NumberFormat.getIntegerInstance(locale).format(value));
    }

    String percent(@Nullable Double share) {
        if (share == null) {
            return none();
        }
        NumberFormat format = NumberFormat.getPercentInstance(locale);
        format.setMaximumFractionDigits(1);
        return format.format(share);
    }

    private String percentAxis(double share) {
        NumberFormat format = NumberFormat.getPercentInstance(locale);
        format.setMaximumFractionDigits(share > 0 && share < 0.1 ? 1 : 0);
        return format.format(share);
    }

    /** How far back the charts reach. */
    private long minutes() {
        return snapshot.window().toMinutes();
    }

    private String none() {
        return texts.get("console.operations.chart.none");
    }
}
