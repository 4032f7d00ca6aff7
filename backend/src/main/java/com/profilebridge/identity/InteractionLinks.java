package com.profilebridge.identity;

import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The interaction -> CDP user links recorded by resolve and read by the widget and outcomes. */
@Repository
public class InteractionLinks {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    public InteractionLinks(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /**
     * Stores a link. A repeat (the CXone action retries twice) or a weaker match for the same
     * interaction keeps the stronger link already stored.
     */
    @Transactional
    public void record(InteractionLink link) {
        int updated = jdbc.sql("""
                        UPDATE interaction_link
                           SET cdp_user_id = :user, confidence = :confidence, match_type = :type,
                               source = :source, linked_at = :at
                         WHERE interaction_id = :id AND confidence <= :confidence""")
                .param("user", link.cdpUserId())
                .param("confidence", link.confidence())
                .param("type", link.matchType().name())
                .param("source", link.source())
                .param("at", Timestamp.from(link.linkedAt()))
                .param("id", link.interactionId())
                .update();
        if (updated == 0) {
            try {
                jdbc.sql("""
                        INSERT INTO interaction_link (interaction_id, cdp_user_id, confidence, match_type, source, linked_at)
                        VALUES (:id, :user, :confidence, :type, :source, :at)""")
                        .param("id", link.interactionId())
                        .param("user", link.cdpUserId())
                        .param("confidence", link.confidence())
                        .param("type", link.matchType().name())
                        .param("source", link.source())
                        .param("at", Timestamp.from(link.linkedAt()))
                        .update();
            } catch (DuplicateKeyException stronger) {
                return; // a stronger link exists already
            }
        }
        events.publishEvent(new InteractionLinked(link.interactionId(), link.cdpUserId()));
    }

    public Optional<InteractionLink> find(String interactionId) {
        return jdbc.sql("""
                        SELECT interaction_id, cdp_user_id, confidence, match_type, source, linked_at
                          FROM interaction_link WHERE interaction_id = :id""")
                .param("id", interactionId)
                .query((rs, n) -> new InteractionLink(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getDouble(3),
                        MatchType.valueOf(rs.getString(4)),
                        rs.getString(5),
                        rs.getTimestamp(6).toInstant()))
                .optional();
    }
}
