package com.profilebridge.audit;

import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * An export of the audit trail that has been allowed and recorded ({@link AuditQueries#export}):
 * hands the matching rows older than its own record, newest first, to a sink in keyset batches, so
 * neither the database nor the heap holds more than one batch, and stops after the row limit.
 */
public final class AuditExport {

    private final AuditTrail trail;
    private final AuditFilter filter;
    private final int maxRows;
    private final int batch;
    private final @Nullable AuditCursor start;

    /** @param start the export's own record: rows from there on (it, and rows written meanwhile) are not exported */
    AuditExport(AuditTrail trail, AuditFilter filter, @Nullable AuditCursor start, int maxRows, int batch) {
        this.trail = trail;
        this.filter = filter;
        this.start = start;
        this.maxRows = maxRows;
        this.batch = batch;
    }

    /** The most rows this export writes. */
    public int maxRows() {
        return maxRows;
    }

    /** Sends every matching row, at most {@link #maxRows()}, to the sink; returns how many. */
    public int writeTo(Consumer<AuditEvent> sink) {
        int written = 0;
        AuditCursor after = start;
        while (written < maxRows) { // bounded: every round but the last adds a full batch
            int wanted = Math.min(batch, maxRows - written);
            List<AuditEvent> rows = trail.find(filter, after, wanted);
            rows.forEach(sink);
            written += rows.size();
            if (rows.size() < wanted) {
                break;
            }
            after = AuditCursor.after(rows.getLast());
        }
        return written;
    }
}
