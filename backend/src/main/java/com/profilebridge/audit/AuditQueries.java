package com.profilebridge.audit;

import com.profilebridge.audit.AuditQueryRejected.Reason;
import com.profilebridge.console.ConsoleRoles;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The console's audit trail for supervisors: pages of it, newest first, by keyset (a cursor, never an
 * offset), and the CSV export. Every look is itself audited before anything is shown
 * ({@link AuditTrail#AUDIT_VIEW} per page, {@link AuditTrail#AUDIT_EXPORT} per export; the signed-in
 * user as actor, channel {@code console}, the customer filter as the customer) and fails closed:
 * when that row cannot be written, {@link AuditWriteFailed} and nothing is shown. One use case for
 * the Vaadin view and the {@code /api/console/audit} endpoints.
 */
@Service
public class AuditQueries {

    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 500;
    /** The most rows one CSV export holds; narrow the filters (a time range) for more. */
    public static final int MAX_EXPORT_ROWS = 100_000;
    static final int EXPORT_BATCH = 1_000;

    private static final Logger log = LoggerFactory.getLogger(AuditQueries.class);

    private final AuditTrail trail;
    private final SecurityContextHolderStrategy contexts;

    /** @param strategies the one method security reads (Vaadin installs its own), else the default */
    AuditQueries(AuditTrail trail, ObjectProvider<SecurityContextHolderStrategy> strategies) {
        this.trail = trail;
        this.contexts = strategies.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
    }

    /**
     * One page of the rows the filter matches.
     *
     * @param cursor null for the first page, else the {@link AuditPage#next()} of the page before
     * @param limit rows per page, 1 to {@link #MAX_PAGE_SIZE}
     * @throws AuditQueryRejected for a limit out of range or a cursor not issued for this filter
     * @throws AuditWriteFailed when this look could not be recorded
     */
    @PreAuthorize(ConsoleRoles.CAN_READ)
    public AuditPage page(AuditFilter filter, @Nullable String cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new AuditQueryRejected(Reason.INVALID_LIMIT, "limit must be between 1 and " + MAX_PAGE_SIZE + ".");
        }
        AuditCursor after = cursor == null || cursor.isEmpty() ? null : AuditCursor.decode(cursor, filter);
        List<AuditEvent> rows = trail.find(filter, after, limit + 1);
        boolean more = rows.size() > limit;
        List<AuditEvent> items = List.copyOf(more ? rows.subList(0, limit) : rows);
        recordLook(AuditTrail.AUDIT_VIEW, filter);
        return new AuditPage(items, more ? AuditCursor.after(items.getLast()).encode(filter) : null);
    }

    /**
     * Starts an export of the rows the filter matches: recorded first, so a failed record means no
     * export at all; the export holds the rows older than its own record.
     *
     * @throws AuditWriteFailed when this export could not be recorded
     */
    @PreAuthorize(ConsoleRoles.CAN_READ)
    public AuditExport export(AuditFilter filter) {
        AuditCursor recorded = recordLook(AuditTrail.AUDIT_EXPORT, filter);
        return new AuditExport(trail, filter, recorded, MAX_EXPORT_ROWS, EXPORT_BATCH);
    }

    private AuditCursor recordLook(String action, AuditFilter filter) {
        String actor = signedIn();
        try {
            return trail.write(actor, null, action, filter.customer(), null, AuditTrail.CONSOLE);
        } catch (RuntimeException e) {
            log.error("Audit write failed; audit trail not shown: {}", e.toString());
            throw new AuditWriteFailed(e);
        }
    }

    private String signedIn() {
        Authentication authentication = contexts.getContext().getAuthentication();
        if (authentication == null || authentication.getName() == null) {
            // method security let the call in, so this is a programming error, not a caller's
            throw new AccessDeniedException("no signed-in user");
        }
        return authentication.getName();
    }
}
