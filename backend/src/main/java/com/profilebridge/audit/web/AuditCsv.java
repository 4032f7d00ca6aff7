package com.profilebridge.audit.web;

import com.profilebridge.audit.AuditEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The audit trail as CSV (RFC 4180: comma-separated, CRLF line ends, a header line, fields with a
 * comma, quote or line break in double quotes with inner quotes doubled), UTF-8 with a byte order
 * mark so spreadsheet programs read the characters right. Spreadsheet formula injection (OWASP
 * "CSV injection") is defused: a cell that begins with {@code = + - @}, a tab or a carriage return
 * gets a leading apostrophe, so a spreadsheet shows it as text instead of evaluating it. Actor,
 * customer and interaction ids come from callers and must never run as formulas on a supervisor's
 * machine.
 */
final class AuditCsv {

    static final String BYTE_ORDER_MARK = "\uFEFF";
    static final List<String> HEADER = List.of("id", "occurred_at_utc", "actor", "organization", "action",
            "customer", "interaction_id", "channel", "correlation_id");

    private final Writer out;

    AuditCsv(Writer out) {
        this.out = out;
    }

    void header() {
        write(BYTE_ORDER_MARK);
        line(HEADER);
    }

    void row(AuditEvent event) {
        line(Arrays.asList(Long.toString(event.id()), event.occurredAt().toString(), event.actor(),
                event.organization(), event.action(), event.customer(), event.interactionId(), event.channel(),
                event.correlationId()));
    }

    private void line(List<@Nullable String> cells) {
        StringBuilder line = new StringBuilder(128);
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells.get(i)));
        }
        write(line.append("\r\n").toString());
    }

    /** One field: defused, then quoted when it has to be; an absent value is an empty field. */
    static String cell(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = startsLikeAFormula(value) ? "'" + value : value;
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\r') >= 0
                || text.indexOf('\n') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static boolean startsLikeAFormula(String value) {
        return switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> true;
            default -> false;
        };
    }

    private void write(String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
