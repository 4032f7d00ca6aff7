package com.profilebridge.audit;

import com.profilebridge.shared.web.CorrelationIdFilter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Records every profile view. Fail closed: {@link #recordView} throws when the record cannot be
 * written, and callers show nothing in that case, so no view goes unaudited. The only class that
 * touches {@code audit_event}: it writes the rows and reads them back for {@link AuditQueries}.
 */
@Repository
public class AuditTrail {

    /** A person was shown a customer's profile. */
    public static final String PROFILE_VIEW = "PROFILE_VIEW";
    /** A supervisor was shown a page of the audit trail (filters: customer in {@code cdp_user_id}). */
    public static final String AUDIT_VIEW = "AUDIT_VIEW";
    /** A supervisor exported the audit trail as CSV. */
    public static final String AUDIT_EXPORT = "AUDIT_EXPORT";
    /** The channel of the supervisor console (its views and its {@code /api/console} endpoints). */
    public static final String CONSOLE = "console";
    /** The channel of machine callers of the integration API ({@code /v1/**}), e.g. a data-subject-request tool. */
    public static final String INTEGRATION_API = "api";

    private static final String COLUMNS =
            "id, occurred_at, actor, organization, action, cdp_user_id, interaction_id, channel, correlation_id";

    /** Rows per batch statement of {@link #recordEach}. */
    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, JdbcTemplate batches, Clock clock) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.clock = clock;
    }

    /** What one row of {@link #recordEach} is about: a customer and, when there was one, an interaction. */
    public record Subject(@Nullable String cdpUserId, @Nullable String interactionId) {}

    /**
     * One row per subject, all with the same actor, action, channel and time (an operator acting on
     * many records at once, e.g. replaying every dead letter), written in batches. Joins the caller's
     * transaction; throws when the rows cannot be written, so the caller's change is undone with them.
     */
    public void recordEach(String actor, @Nullable String organization, String action, List<Subject> subjects,
            String channel) {
        OffsetDateTime at = utc(clock.instant().truncatedTo(ChronoUnit.MICROS));
        String correlation = CorrelationIdFilter.current();
        for (int from = 0; from < subjects.size(); from += BATCH) {
            List<Object[]> rows = subjects.subList(from, Math.min(subjects.size(), from + BATCH)).stream()
                    .map(s -> new Object[] {at, actor, organization, action, s.cdpUserId(), s.interactionId(), channel,
                            correlation})
                    .toList();
            batches.batchUpdate("""
                    INSERT INTO audit_event (occurred_at, actor, organization, action, cdp_user_id, interaction_id, channel, correlation_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        }
    }

    /**
     * @param channel {@code widget}, {@code proxy}, {@code console}
     */
    public void recordView(String actor, @Nullable String organization, String cdpUserId,
            @Nullable String interactionId, String channel) {
        record(actor, organization, PROFILE_VIEW, cdpUserId, interactionId, channel);
    }

    /**
     * Records an action on a customer other than a view ({@code CALLER_VERIFIED}: an agent marked the
     * caller verified as this customer, e.g. picked them from a household). Fails closed like views.
     */
    public void record(String actor, @Nullable String organization, String action, String cdpUserId,
            @Nullable String interactionId, String channel) {
        write(actor, organization, action, cdpUserId, interactionId, channel);
    }

    /**
     * Any row, also one about no single customer (a look at the whole audit trail). Throws when not
     * written.
     *
     * @return where the row stands in the trail's order
     */
    AuditCursor write(String actor, @Nullable String organization, String action, @Nullable String cdpUserId,
            @Nullable String interactionId, String channel) {
        // microseconds: what both databases keep, so the position returned is exactly the stored one
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO audit_event (occurred_at, actor, organization, action, cdp_user_id, interaction_id, channel, correlation_id)
                VALUES (:at, :actor, :org, :action, :user, :interaction, :channel, :correlation)""")
                .param("action", action)
                .param("at", utc(at))
                .param("actor", actor)
                .param("org", organization)
                .param("user", cdpUserId)
                .param("interaction", interactionId)
                .param("channel", channel)
                .param("correlation", CorrelationIdFilter.current())
                .update(keys, "id");
        return new AuditCursor(at, keys.getKeyAs(Long.class));
    }

    /**
     * The rows the filter matches, newest first ({@code occurred_at DESC, id DESC}), strictly after
     * the cursor in that order.
     */
    List<AuditEvent> find(AuditFilter filter, @Nullable AuditCursor after, int limit) {
        Select select = select(filter, after, limit);
        return jdbc.sql(select.sql()).params(select.params()).query(AuditTrail::event).list();
    }

    /** A statement and its parameters. */
    record Select(String sql, Map<String, Object> params) {}

    /**
     * The keyset query of {@link #find}: each filter is an equality or range on the leading columns of
     * one of V4's indexes, so the database walks that index backwards from the cursor and stops after
     * {@code limit} rows, however deep the page (no OFFSET).
     */
    static Select select(AuditFilter filter, @Nullable AuditCursor after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM audit_event WHERE 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.agent() != null) {
            sql.append(" AND actor = :agent");
            params.put("agent", filter.agent());
        }
        if (filter.customer() != null) {
            sql.append(" AND cdp_user_id = :customer");
            params.put("customer", filter.customer());
        }
        if (filter.channel() != null) {
            sql.append(" AND channel = :channel");
            params.put("channel", filter.channel());
        }
        if (filter.action() != null) {
            sql.append(" AND action = :action");
            params.put("action", filter.action());
        }
        if (filter.from() != null) {
            sql.append(" AND occurred_at >= :from");
            params.put("from", utc(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND occurred_at < :to");
            params.put("to", utc(filter.to()));
        }
        if (after != null) {
            // the row comparison is the exact keyset condition (PostgreSQL uses it as an index bound);
            // the plain bound before it lets H2 range-scan too
            sql.append(" AND occurred_at <= :afterAt AND (occurred_at, id) < (:afterAt, :afterId)");
            params.put("afterAt", utc(after.occurredAt()));
            params.put("afterId", after.id());
        }
        sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT :limit");
        params.put("limit", limit);
        return new Select(sql.toString(), params);
    }

    private static AuditEvent event(ResultSet rs, int row) throws SQLException {
        return new AuditEvent(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"), rs.getString("organization"), rs.getString("action"),
                rs.getString("cdp_user_id"), rs.getString("interaction_id"), rs.getString("channel"),
                rs.getString("correlation_id"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** How many records of this action on this customer there are. */
    public int count(String action, String cdpUserId) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE cdp_user_id = :user AND action = :action")
                .param("user", cdpUserId)
                .param("action", action)
                .query(Integer.class)
                .single();
    }

    /** How many views of this customer's profile were recorded. */
    public int viewsOf(String cdpUserId) {
        return count(PROFILE_VIEW, cdpUserId);
    }
}
