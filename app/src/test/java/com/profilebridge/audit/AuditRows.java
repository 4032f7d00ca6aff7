package com.profilebridge.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * Audit rows written straight into {@code audit_event}, with the times a test needs (equal ones,
 * old ones), as the application's writers leave them. Each test uses its own names and time window
 * ({@link #run()}), so tests sharing a database never see each other's rows.
 */
final class AuditRows {

    private final JdbcClient jdbc;

    AuditRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A short name unique to this run, for actors, customers and interactions. */
    static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Inserts one row; returns its id. */
    long add(Instant at, String actor, String action, @Nullable String customer, @Nullable String interaction,
            String channel) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO audit_event (occurred_at, actor, organization, action, cdp_user_id, interaction_id, channel, correlation_id)
                VALUES (:at, :actor, NULL, :action, :customer, :interaction, :channel, :correlation)""")
                .param("at", at.atOffset(ZoneOffset.UTC))
                .param("actor", actor)
                .param("action", action)
                .param("customer", customer)
                .param("interaction", interaction)
                .param("channel", channel)
                .param("correlation", UUID.randomUUID().toString())
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    /** How many console rows of this action the actor has about this customer. */
    int looks(String actor, String action, String customer) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM audit_event
                 WHERE actor = :actor AND action = :action AND channel = 'console' AND cdp_user_id = :customer""")
                .param("actor", actor).param("action", action).param("customer", customer)
                .query(Integer.class).single();
    }

    /** How many console rows of this action the actor has about no single customer. */
    int looksWithoutCustomer(String actor, String action) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM audit_event
                 WHERE actor = :actor AND action = :action AND channel = 'console' AND cdp_user_id IS NULL""")
                .param("actor", actor).param("action", action)
                .query(Integer.class).single();
    }
}
