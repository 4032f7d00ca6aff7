package com.profilebridge.ui.console.operations;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A state over time as coloured bands (the CDP breaker: closed, half-open, open), one row per
 * instance, as SVG markup with a time axis, a legend, a {@code <title>} and a {@code <desc>}; every
 * text escaped. Marks show moments between samples (a breaker that opened and closed again within one
 * interval). With one unnamed row it is the single strip of one instance.
 */
final class SvgStateStrip {

    static final int WIDTH = 1040;
    static final int HEIGHT = 64;
    private static final int LEFT = 8;
    private static final int RIGHT = 8;
    /** Room for the instance names left of the bands when rows are named. */
    private static final int LABELS = 150;
    private static final int BAND_TOP = 6;
    private static final int BAND_HEIGHT = 18;
    private static final int ROW_GAP = 8;
    /** Half a time label's width: ticks closer to the edges go unlabelled. */
    private static final int TICK_ROOM = 26;
    /** The most characters of a name shown beside a row (the full name is in the row's title). */
    private static final int LABEL_CHARS = 20;

    /** The state from {@code from} to {@code to}, drawn with {@code styleClass}. */
    record Band(Instant from, Instant to, String styleClass) {}

    /** A moment worth a line of its own (a transition between samples), drawn with {@code styleClass}. */
    record Mark(Instant at, String styleClass) {}

    /** A legend entry. */
    record Key(String label, String styleClass) {}

    /** One row: an instance's name (null for a single unnamed strip), its bands and marks. */
    record Row(@Nullable String label, List<Band> bands, List<Mark> marks) {}

    private SvgStateStrip() {}

    static String render(String id, String title, String description, Instant from, Instant to, Locale locale,
            ZoneId zone, List<Band> bands, List<Mark> marks, List<Key> keys) {
        return render(id, title, description, from, to, locale, zone, List.of(new Row(null, bands, marks)), keys);
    }

    static String render(String id, String title, String description, Instant from, Instant to, Locale locale,
            ZoneId zone, List<Row> rows, List<Key> keys) {
        if (!to.isAfter(from) || !id.matches("[A-Za-z][A-Za-z0-9_-]*") || rows.isEmpty()) {
            throw new IllegalArgumentException("a strip needs a plain id, a row and a time range that ends after it starts");
        }
        boolean named = rows.stream().anyMatch(row -> row.label() != null);
        int left = named ? LABELS : LEFT;
        int rowsHeight = rows.size() * BAND_HEIGHT + (rows.size() - 1) * ROW_GAP;
        int height = HEIGHT + rowsHeight - BAND_HEIGHT;
        StringBuilder svg = new StringBuilder(2048);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" class=\"pb-ops-svg\" aria-labelledby=\"").append(id).append("-title ").append(id)
                .append("-desc\">");
        svg.append("<title id=\"").append(id).append("-title\">").append(SvgMarkup.escape(title)).append("</title>");
        svg.append("<desc id=\"").append(id).append("-desc\">").append(SvgMarkup.escape(description)).append("</desc>");
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            int top = BAND_TOP + r * (BAND_HEIGHT + ROW_GAP);
            svg.append("<g class=\"pb-ops-strip-row\">");
            if (row.label() != null) {
                String label = row.label().length() > LABEL_CHARS ? row.label().substring(0, LABEL_CHARS - 1) + "…" : row.label();
                svg.append("<title>").append(SvgMarkup.escape(row.label())).append("</title>");
                svg.append("<text class=\"pb-ops-legend\" x=\"").append(left - 8).append("\" y=\"")
                        .append(top + BAND_HEIGHT / 2).append("\" text-anchor=\"end\" dominant-baseline=\"middle\">")
                        .append(SvgMarkup.escape(label)).append("</text>");
            }
            svg.append("<rect class=\"pb-ops-band-none\" x=\"").append(left).append("\" y=\"").append(top)
                    .append("\" width=\"").append(WIDTH - left - RIGHT).append("\" height=\"").append(BAND_HEIGHT)
                    .append("\"/>");
            for (Band band : row.bands()) {
                Instant start = band.from().isBefore(from) ? from : band.from();
                Instant end = band.to().isAfter(to) ? to : band.to();
                if (!end.isAfter(start)) {
                    continue;
                }
                double x1 = x(start, from, to, left);
                svg.append("<rect class=\"").append(SvgMarkup.escape(band.styleClass())).append("\" x=\"")
                        .append(SvgMarkup.coordinate(x1)).append("\" y=\"").append(top).append("\" width=\"")
                        .append(SvgMarkup.coordinate(Math.max(1, x(end, from, to, left) - x1))).append("\" height=\"")
                        .append(BAND_HEIGHT).append("\"/>");
            }
            for (Mark mark : row.marks()) {
                if (!mark.at().isBefore(from) && !mark.at().isAfter(to)) {
                    svg.append("<rect class=\"").append(SvgMarkup.escape(mark.styleClass())).append("\" x=\"")
                            .append(SvgMarkup.coordinate(Math.min(x(mark.at(), from, to, left), WIDTH - RIGHT - 3)))
                            .append("\" y=\"").append(top - 4).append("\" width=\"3\" height=\"").append(BAND_HEIGHT + 8)
                            .append("\"/>");
                }
            }
            svg.append("</g>");
        }
        DateTimeFormatter format = SvgMarkup.timeFormat(locale, zone);
        int base = BAND_TOP + rowsHeight;
        for (Instant tick : SvgMarkup.timeTicks(from, to, zone)) {
            double tickX = x(tick, from, to, left);
            if (tickX < left + TICK_ROOM || tickX > WIDTH - RIGHT - TICK_ROOM) {
                continue; // its label would run off the image
            }
            String x = SvgMarkup.coordinate(tickX);
            svg.append("<line class=\"pb-ops-axis\" x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"")
                    .append(base).append("\" y2=\"").append(base + 4).append("\"/>");
            svg.append("<text class=\"pb-ops-tick\" x=\"").append(x).append("\" y=\"").append(base + 16)
                    .append("\" text-anchor=\"middle\">").append(SvgMarkup.escape(format.format(tick))).append("</text>");
        }
        int x = left;
        for (Key key : keys) {
            String css = SvgMarkup.escape(key.styleClass());
            svg.append("<rect class=\"").append(css).append("\" x=\"").append(x).append("\" y=\"").append(height - 12)
                    .append("\" width=\"10\" height=\"10\"/>");
            svg.append("<text class=\"pb-ops-legend\" x=\"").append(x + 14).append("\" y=\"").append(height - 7)
                    .append("\" dominant-baseline=\"middle\">").append(SvgMarkup.escape(key.label())).append("</text>");
            x += (int) (28 + 7.5 * key.label().length());
        }
        return svg.append("</svg>").toString();
    }

    private static double x(Instant at, Instant from, Instant to, int left) {
        return left + (double) Duration.between(from, at).toMillis() / Duration.between(from, to).toMillis()
                * (WIDTH - left - RIGHT);
    }
}
