package com.profilebridge.audit;

import com.profilebridge.shared.web.CorrelationIdFilter;
import java.sql.Timestamp;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Records every profile view. Fail closed: {@link #recordView} throws when the record cannot be
 * written, and callers show nothing in that case, so no view goes unaudited.
 */
@Repository
public class AuditTrail {

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * @param channel {@code widget}, {@code proxy}, {@code console}
     */
    public void recordView(String actor, @Nullable String organization, String cdpUserId,
            @Nullable String interactionId, String channel) {
        record(actor, organization, "PROFILE_VIEW", cdpUserId, interactionId, channel);
    }

    /**
     * Records an action on a customer other than a view ({@code CALLER_VERIFIED}: an agent marked the
     * caller verified as this customer, e.g. picked them from a household). Fails closed like views.
     */
    public void record(String actor, @Nullable String organization, String action, String cdpUserId,
            @Nullable String interactionId, String channel) {
        jdbc.sql("""
                INSERT INTO audit_event (occurred_at, actor, organization, action, cdp_user_id, interaction_id, channel, correlation_id)
                VALUES (:at, :actor, :org, :action, :user, :interaction, :channel, :correlation)""")
                .param("action", action)
                .param("at", Timestamp.from(clock.instant()))
                .param("actor", actor)
                .param("org", organization)
                .param("user", cdpUserId)
                .param("interaction", interactionId)
                .param("channel", channel)
                .param("correlation", CorrelationIdFilter.current())
                .update();
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
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE cdp_user_id = :user AND action = 'PROFILE_VIEW'")
                .param("user", cdpUserId)
                .query(Integer.class)
                .single();
    }
}
