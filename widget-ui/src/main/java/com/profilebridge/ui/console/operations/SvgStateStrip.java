package com.profilebridge.ui.console.operations;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A state over time as one coloured band (the CDP breaker: closed, half-open, open), as SVG markup
 * with a time axis, a legend, a {@code <title>} and a {@code <desc>}; every text escaped. Marks show
 * moments between samples (a breaker that opened and closed again within one interval).
 */
final class SvgStateStrip {

    static final int WIDTH = 1040;
    static final int HEIGHT = 64;
    private static final int LEFT = 8;
    private static final int RIGHT = 8;
    private static final int BAND_TOP = 6;
    private static final int BAND_HEIGHT = 18;
    /** Half a time label's width: ticks closer to the edges go unlabelled. */
    private static final int TICK_ROOM = 26;

    /** The state from {@code from} to {@code to}, drawn with {@code styleClass}. */
    record Band(Instant from, Instant to, String styleClass) {}

    /** A moment worth a line of its own (a transition between samples), drawn with {@code styleClass}. */
    record Mark(Instant at, String styleClass) {}

    /** A legend entry. */
    record Key(String label, String styleClass) {}

    private SvgStateStrip() {}

    static String render(String id, String title, String description, Instant from, Instant to, Locale locale,
            ZoneId zone, List<Band> bands, List<Mark> marks, List<Key> keys) {
        if (!to.isAfter(from) || !id.matches("[A-Za-z][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("a strip needs a plain id and a time range that ends after it starts");
        }
        StringBuilder svg = new StringBuilder(2048);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" class=\"pb-ops-svg\" aria-labelledby=\"").append(id).append("-title ").append(id)
                .append("-desc\">");
        svg.append("<title id=\"").append(id).append("-title\">").append(SvgMarkup.escape(title)).append("</title>");
        svg.append("<desc id=\"").append(id).append("-desc\">").append(SvgMarkup.escape(description)).append("</desc>");
        svg.append("<rect class=\"pb-ops-band-none\" x=\"").append(LEFT).append("\" y=\"").append(BAND_TOP)
                .append("\" width=\"").append(WIDTH - LEFT - RIGHT).append("\" height=\"").append(BAND_HEIGHT).append("\"/>");
        for (Band band : bands) {
            Instant start = band.from().isBefore(from) ? from : band.from();
            Instant end = band.to().isAfter(to) ? to : band.to();
            if (!end.isAfter(start)) {
                continue;
            }
            double x1 = x(start, from, to);
            svg.append("<rect class=\"").append(SvgMarkup.escape(band.styleClass())).append("\" x=\"")
                    .append(SvgMarkup.coordinate(x1)).append("\" y=\"").append(BAND_TOP).append("\" width=\"")
                    .append(SvgMarkup.coordinate(Math.max(1, x(end, from, to) - x1))).append("\" height=\"")
                    .append(BAND_HEIGHT).append("\"/>");
        }
        for (Mark mark : marks) {
            if (!mark.at().isBefore(from) && !mark.at().isAfter(to)) {
                svg.append("<rect class=\"").append(SvgMarkup.escape(mark.styleClass())).append("\" x=\"")
                        .append(SvgMarkup.coordinate(Math.min(x(mark.at(), from, to), WIDTH - RIGHT - 3))).append("\" y=\"")
                        .append(BAND_TOP - 4).append("\" width=\"3\" height=\"").append(BAND_HEIGHT + 8).append("\"/>");
            }
        }
        DateTimeFormatter format = SvgMarkup.timeFormat(locale, zone);
        int base = BAND_TOP + BAND_HEIGHT;
        for (Instant tick : SvgMarkup.timeTicks(from, to, zone)) {
            if (x(tick, from, to) < LEFT + TICK_ROOM || x(tick, from, to) > WIDTH - RIGHT - TICK_ROOM) {
                continue; // its label would run off the image
            }
            String x = SvgMarkup.coordinate(x(tick, from, to));
            svg.append("<line class=\"pb-ops-axis\" x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"")
                    .append(base).append("\" y2=\"").append(base + 4).append("\"/>");
            svg.append("<text class=\"pb-ops-tick\" x=\"").append(x).append("\" y=\"").append(base + 16)
                    .append("\" text-anchor=\"middle\">").append(SvgMarkup.escape(format.format(tick))).append("</text>");
        }
        int x = LEFT;
        for (Key key : keys) {
            String css = SvgMarkup.escape(key.styleClass());
            svg.append("<rect class=\"").append(css).append("\" x=\"").append(x).append("\" y=\"").append(HEIGHT - 12)
                    .append("\" width=\"10\" height=\"10\"/>");
            svg.append("<text class=\"pb-ops-legend\" x=\"").append(x + 14).append("\" y=\"").append(HEIGHT - 7)
                    .append("\" dominant-baseline=\"middle\">").append(SvgMarkup.escape(key.label())).append("</text>");
            x += (int) (28 + 7.5 * key.label().length());
        }
        return svg.append("</svg>").toString();
    }

    private static double x(Instant at, Instant from, Instant to) {
        return LEFT + (double) Duration.between(from, at).toMillis() / Duration.between(from, to).toMillis()
                * (WIDTH - LEFT - RIGHT);
    }
}
