package com.profilebridge.ui.console.operations;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.DoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * A time-series line chart as SVG markup, drawn on the server: no chart library, nothing added to
 * the Vaadin frontend bundle. Every text (title, description, labels, legend) is escaped; numbers
 * and times are written in the viewer's language and time zone; the chart is an image with a
 * {@code <title>} and a {@code <desc>} for screen readers. A missing value breaks the line (a gap,
 * not a zero). Colours come from the CSS classes of the series.
 */
final class SvgChart {

    static final int WIDTH = 520;
    static final int HEIGHT = 210;
    /** Room for the longest y label, {@code 1,500 ms} at 13 px. */
    static final int LEFT = 72;
    static final int RIGHT = 12;
    static final int TOP = 12;
    static final int BOTTOM = 46;
    /** Half a time label's width: ticks closer to the plot's edges go unlabelled. */
    private static final int TICK_ROOM = 22;
    /** At most this many steps up the y axis. */
    private static final int Y_STEPS = 5;

    /** One value at one time; null where nothing was measured. */
    record Point(Instant at, @Nullable Double value) {}

    /**
     * @param styleClass CSS class of the line, its area and its legend swatch
     * @param area fill the area under the line
     */
    record Series(String label, String styleClass, List<Point> points, boolean area) {}

    private final String id;
    private final String title;
    private final String description;
    private final Instant from;
    private final Instant to;
    private final Locale locale;
    private final ZoneId zone;
    private final double yAtLeast;
    private final DoubleFunction<String> yLabel;
    private final String emptyText;
    private final List<Series> series;

    private SvgChart(Builder b) {
        this.id = b.id;
        this.title = Objects.requireNonNull(b.title, "title");
        this.description = Objects.requireNonNull(b.description, "description");
        this.from = Objects.requireNonNull(b.from, "from");
        this.to = Objects.requireNonNull(b.to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("a chart's time range must end after it starts");
        }
        this.locale = b.locale;
        this.zone = b.zone;
        this.yAtLeast = b.yAtLeast;
        this.yLabel = b.yLabel;
        this.emptyText = b.emptyText;
        this.series = List.copyOf(b.series);
    }

    /** @param id unique on the page: the title and description are referenced by it */
    static Builder builder(String id) {
        return new Builder(id);
    }

    /** The highest value shown on the axis: the data's maximum (at least {@code yAtLeast}) rounded up to a step. */
    double yMax() {
        return axis(dataMax())[0];
    }

    private double dataMax() {
        double max = yAtLeast;
        for (Series s : series) {
            for (Point p : s.points()) {
                if (p.value() != null && inRange(p.at()) && p.value() > max) {
                    max = p.value();
                }
            }
        }
        return max;
    }

    String render() {
        double[] axis = axis(dataMax());
        double yMax = axis[0];
        String prefix = SvgMarkup.escape(id);
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" class=\"pb-ops-svg\" aria-labelledby=\"").append(prefix).append("-title ")
                .append(prefix).append("-desc\">");
        svg.append("<title id=\"").append(prefix).append("-title\">").append(SvgMarkup.escape(title)).append("</title>");
        svg.append("<desc id=\"").append(prefix).append("-desc\">").append(SvgMarkup.escape(description)).append("</desc>");
        yAxis(svg, yMax, axis[1]);
        timeAxis(svg);
        boolean anyValue = false;
        for (Series s : series) {
            anyValue |= line(svg, s, yMax);
        }
        if (!anyValue) {
            svg.append("<text class=\"pb-ops-empty\" x=\"").append(SvgMarkup.coordinate(LEFT + plotWidth() / 2.0))
                    .append("\" y=\"").append(SvgMarkup.coordinate(TOP + plotHeight() / 2.0))
                    .append("\" text-anchor=\"middle\">").append(SvgMarkup.escape(emptyText)).append("</text>");
        }
        legend(svg);
        return svg.append("</svg>").toString();
    }

    double x(Instant at) {
        double share = (double) Duration.between(from, at).toMillis() / Duration.between(from, to).toMillis();
        return LEFT + share * plotWidth();
    }

    double y(double value, double yMax) {
        return TOP + plotHeight() - Math.max(0, Math.min(value, yMax)) / yMax * plotHeight();
    }

    private static int plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    private static int plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    private boolean inRange(Instant at) {
        return !at.isBefore(from) && !at.isAfter(to);
    }

    private void yAxis(StringBuilder svg, double yMax, double step) {
        long ticks = Math.round(yMax / step);
        for (int i = 0; i <= ticks; i++) {
            double value = i * step;
            String y = SvgMarkup.coordinate(y(value, yMax));
            svg.append("<line class=\"pb-ops-grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                    .append("\" y1=\"").append(y).append("\" y2=\"").append(y).append("\"/>");
            svg.append("<text class=\"pb-ops-tick\" x=\"").append(LEFT - 6).append("\" y=\"").append(y)
                    .append("\" text-anchor=\"end\" dominant-baseline=\"middle\">")
                    .append(SvgMarkup.escape(yLabel.apply(value))).append("</text>");
        }
    }

    private void timeAxis(StringBuilder svg) {
        DateTimeFormatter format = SvgMarkup.timeFormat(locale, zone);
        int base = TOP + plotHeight();
        svg.append("<line class=\"pb-ops-axis\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                .append("\" y1=\"").append(base).append("\" y2=\"").append(base).append("\"/>");
        for (Instant tick : SvgMarkup.timeTicks(from, to, zone)) {
            if (x(tick) < LEFT + TICK_ROOM || x(tick) > WIDTH - RIGHT - TICK_ROOM) {
                continue; // its label would run into the y labels or off the image
            }
            String x = SvgMarkup.coordinate(x(tick));
            svg.append("<line class=\"pb-ops-axis\" x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"")
                    .append(base).append("\" y2=\"").append(base + 4).append("\"/>");
            svg.append("<text class=\"pb-ops-tick\" x=\"").append(x).append("\" y=\"").append(base + 16)
                    .append("\" text-anchor=\"middle\">").append(SvgMarkup.escape(format.format(tick))).append("</text>");
        }
    }

    /** The series' line (and area), broken where values are missing; true when it has any value. */
    private boolean line(StringBuilder svg, Series s, double yMax) {
        List<List<Point>> runs = new ArrayList<>();
        List<Point> run = new ArrayList<>();
        for (Point p : s.points()) {
            if (p.value() == null || !inRange(p.at())) {
                if (!run.isEmpty()) {
                    runs.add(run);
                    run = new ArrayList<>();
                }
            } else {
                run.add(p);
            }
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        if (runs.isEmpty()) {
            return false;
        }
        String css = SvgMarkup.escape(s.styleClass());
        StringBuilder line = new StringBuilder();
        StringBuilder area = new StringBuilder();
        String base = SvgMarkup.coordinate(y(0, yMax));
        for (List<Point> r : runs) {
            for (int i = 0; i < r.size(); i++) {
                Point p = r.get(i);
                line.append(i == 0 ? "M" : "L").append(SvgMarkup.coordinate(x(p.at()))).append(' ')
                        .append(SvgMarkup.coordinate(y(p.value(), yMax)));
            }
            if (s.area() && r.size() > 1) {
                area.append('M').append(SvgMarkup.coordinate(x(r.getFirst().at()))).append(' ').append(base);
                for (Point p : r) {
                    area.append('L').append(SvgMarkup.coordinate(x(p.at()))).append(' ')
                            .append(SvgMarkup.coordinate(y(p.value(), yMax)));
                }
                area.append('L').append(SvgMarkup.coordinate(x(r.getLast().at()))).append(' ').append(base).append('Z');
            }
            if (r.size() == 1) { // a lone value has no line to show it: a dot
                svg.append("<circle class=\"pb-ops-dot ").append(css).append("\" cx=\"")
                        .append(SvgMarkup.coordinate(x(r.getFirst().at()))).append("\" cy=\"")
                        .append(SvgMarkup.coordinate(y(r.getFirst().value(), yMax))).append("\" r=\"2.5\"/>");
            }
        }
        if (!area.isEmpty()) {
            svg.append("<path class=\"pb-ops-area ").append(css).append("\" d=\"").append(area).append("\"/>");
        }
        svg.append("<path class=\"pb-ops-line ").append(css).append("\" d=\"").append(line).append("\"/>");
        return true;
    }

    private void legend(StringBuilder svg) {
        int x = LEFT;
        int y = HEIGHT - 10;
        for (Series s : series) {
            String css = SvgMarkup.escape(s.styleClass());
            svg.append("<rect class=\"pb-ops-swatch ").append(css).append("\" x=\"").append(x).append("\" y=\"")
                    .append(y - 9).append("\" width=\"12\" height=\"4\"/>");
            svg.append("<text class=\"pb-ops-legend\" x=\"").append(x + 16).append("\" y=\"").append(y - 4)
                    .append("\" dominant-baseline=\"middle\">").append(SvgMarkup.escape(s.label())).append("</text>");
            x += (int) (24 + 7.5 * s.label().length());
        }
    }

    /**
     * The y axis for data up to {@code max}: a step of 1, 2 or 5 times a power of ten that reaches
     * {@code max} in at most five steps, and the top (a whole number of steps). Readable labels:
     * 0, 2, 4, 6, 8, 10 ms rather than 0, 2.5, 5, 7.5, 10.
     *
     * @return {top, step}
     */
    static double[] axis(double max) {
        double target = max > 0 && !Double.isInfinite(max) ? max : 1;
        double raw = target / Y_STEPS;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = 10 * magnitude;
        for (double multiple : new double[] {1, 2, 5}) {
            if (multiple * magnitude >= raw * (1 - 1e-9)) {
                step = multiple * magnitude;
                break;
            }
        }
        return new double[] {Math.ceil(target / step - 1e-9) * step, step};
    }

    /** Builds a chart; title, description and the time range are required. */
    static final class Builder {
        private final String id;
        private @Nullable String title;
        private @Nullable String description;
        private @Nullable Instant from;
        private @Nullable Instant to;
        private Locale locale = Locale.ENGLISH;
        private ZoneId zone = ZoneId.of("UTC");
        private double yAtLeast = 1;
        private DoubleFunction<String> yLabel = v -> String.valueOf(v);
        private String emptyText = "";
        private final List<Series> series = new ArrayList<>();

        private Builder(String id) {
            if (!id.matches("[A-Za-z][A-Za-z0-9_-]*")) {
                throw new IllegalArgumentException("a chart id is a plain identifier");
            }
            this.id = id;
        }

        Builder title(String title) {
            this.title = title;
            return this;
        }

        Builder description(String description) {
            this.description = description;
            return this;
        }

        Builder range(Instant from, Instant to) {
            this.from = from;
            this.to = to;
            return this;
        }

        Builder viewer(Locale locale, ZoneId zone) {
            this.locale = locale;
            this.zone = zone;
            return this;
        }

        /** The y axis reaches at least this high (so a quiet hour does not look like a storm). */
        Builder yAtLeast(double value) {
            this.yAtLeast = value;
            return this;
        }

        Builder yLabel(DoubleFunction<String> label) {
            this.yLabel = label;
            return this;
        }

        Builder emptyText(String text) {
            this.emptyText = text;
            return this;
        }

        Builder series(Series s) {
            series.add(s);
            return this;
        }

        SvgChart build() {
            return new SvgChart(this);
        }
    }
}
