package com.profilebridge.audit;

import java.util.List;
import java.util.function.Consumer;

/**
 * An export of the audit trail that has been allowed and recorded ({@link AuditQueries#export}):
 * hands the matching rows, newest first, to a sink in keyset batches, so neither the database nor
 * the heap holds more than one batch, and stops after the row limit.
 */
public final class AuditExport {

    private final AuditTrail trail;
    private final AuditFilter filter;
    private final int maxRows;
    private final int batch;

    AuditExport(AuditTrail trail, AuditFilter filter, int maxRows, int batch) {
        this.trail = trail;
        this.filter = filter;
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
        AuditCursor after = null;
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
