package com.profilebridge.audit;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Erasure of a customer from the audit trail: every row stays (who looked, when, through which
 * channel and interaction), only its customer reference becomes a pseudonym, the same for all of
 * the customer's rows, so they still group together.
 */
@Repository
public class AuditPseudonyms {

    private final JdbcClient jdbc;

    AuditPseudonyms(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The interactions in which the customer was viewed or verified. */
    public List<String> interactionsOf(String cdpUserId) {
        return jdbc.sql("""
                        SELECT DISTINCT interaction_id FROM audit_event
                         WHERE cdp_user_id = :user AND interaction_id IS NOT NULL""")
                .param("user", cdpUserId).query(String.class).list();
    }

    public long count(String cdpUserId) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE cdp_user_id = :user")
                .param("user", cdpUserId).query(Long.class).single();
    }

    /** Replaces the customer's id by the pseudonym in their rows; returns how many. */
    public long pseudonymise(String cdpUserId, String pseudonym) {
        return jdbc.sql("UPDATE audit_event SET cdp_user_id = :pseudonym WHERE cdp_user_id = :user")
                .param("pseudonym", pseudonym).param("user", cdpUserId).update();
    }
}
