package com.profilebridge.ui.console.operations;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the server-drawn charts share: escaping, coordinates, the time axis. */
final class SvgMarkup {

    /** Tick spacings of a time axis, in minutes: the first that gives at most {@link #MAX_TIME_TICKS}. */
    private static final int[] TICK_MINUTES = {1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440};
    private static final int MAX_TIME_TICKS = 7;

    private SvgMarkup() {}

    /** Text and attribute values: nothing from the data or the translations can open or close markup. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // control characters are not allowed in XML 1.0 text
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A coordinate: always a dot, whatever the viewer's language. */
    static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Round times between {@code from} and {@code to} (in the viewer's zone) to label the axis at. */
    static List<Instant> timeTicks(Instant from, Instant to, ZoneId zone) {
        long minutes = Math.max(1, Duration.between(from, to).toMinutes());
        int step = TICK_MINUTES[TICK_MINUTES.length - 1];
        for (int candidate : TICK_MINUTES) {
            if (minutes / candidate <= MAX_TIME_TICKS) {
                step = candidate;
                break;
            }
        }
        ZonedDateTime day = from.atZone(zone).truncatedTo(ChronoUnit.DAYS);
        long sinceMidnight = Duration.between(day, from.atZone(zone)).toMinutes();
        ZonedDateTime tick = day.plusMinutes((sinceMidnight / step + 1) * step);
        List<Instant> ticks = new ArrayList<>();
        while (!tick.toInstant().isAfter(to) && ticks.size() <= MAX_TIME_TICKS) {
            ticks.add(tick.toInstant());
            tick = tick.plusMinutes(step);
        }
        return ticks;
    }

    /** {@code 10:40} or {@code 10:40 AM}, as the viewer's language writes a time. */
    static DateTimeFormatter timeFormat(Locale locale, ZoneId zone) {
        return DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).withZone(zone);
    }
}
