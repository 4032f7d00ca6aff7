package com.profilebridge.identity;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One customer's interaction links, for their erasure: a link is nothing but the customer's id on
 * an interaction, so erasing it deletes it (in every organisation).
 */
@Repository
public class InteractionLinkErasure {

    private final JdbcClient jdbc;

    InteractionLinkErasure(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The interactions linked to the customer, in any organisation. */
    public List<String> interactionsOf(String cdpUserId) {
        return jdbc.sql("SELECT DISTINCT interaction_id FROM interaction_link WHERE cdp_user_id = :user")
                .param("user", cdpUserId).query(String.class).list();
    }

    public long count(String cdpUserId) {
        return jdbc.sql("SELECT COUNT(*) FROM interaction_link WHERE cdp_user_id = :user")
                .param("user", cdpUserId).query(Long.class).single();
    }

    /** Deletes the customer's links; returns how many. */
    public long delete(String cdpUserId) {
        return jdbc.sql("DELETE FROM interaction_link WHERE cdp_user_id = :user").param("user", cdpUserId).update();
    }
}
