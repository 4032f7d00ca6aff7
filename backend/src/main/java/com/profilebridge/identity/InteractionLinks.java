package com.profilebridge.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The interaction -> CDP user links recorded by resolve and read by the widget and outcomes. Each
 * organisation has its own: a caller can neither overwrite another organisation's link nor attribute
 * outcomes with it.
 */
@Repository
public class InteractionLinks {

    private static final Logger log = LoggerFactory.getLogger(InteractionLinks.class);
    private static final String COLUMNS =
            "interaction_id, cdp_user_id, confidence, match_type, source, linked_at, organisation, caller";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    public InteractionLinks(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /**
     * Stores a link in its organisation. A repeat (the CXone action retries twice) or a weaker match
     * for the same interaction keeps the stronger link already stored.
     */
    @Transactional
    public void record(InteractionLink link) {
        int updated = jdbc.sql("""
                        UPDATE interaction_link
                           SET cdp_user_id = :user, confidence = :confidence, match_type = :type,
                               source = :source, caller = :caller, linked_at = :at
                         WHERE organisation = :organisation AND interaction_id = :id AND confidence <= :confidence""")
                .param("user", link.cdpUserId())
                .param("confidence", link.confidence())
                .param("type", link.matchType().name())
                .param("source", link.source())
                .param("caller", link.caller())
                .param("at", Timestamp.from(link.linkedAt()))
                .param("organisation", link.organisation())
                .param("id", link.interactionId())
                .update();
        if (updated == 0) {
            try {
                jdbc.sql("INSERT INTO interaction_link (" + COLUMNS + """
                        ) VALUES (:id, :user, :confidence, :type, :source, :at, :organisation, :caller)""")
                        .param("id", link.interactionId())
                        .param("user", link.cdpUserId())
                        .param("confidence", link.confidence())
                        .param("type", link.matchType().name())
                        .param("source", link.source())
                        .param("at", Timestamp.from(link.linkedAt()))
                        .param("organisation", link.organisation())
                        .param("caller", link.caller())
                        .update();
            } catch (DuplicateKeyException stronger) {
                return; // a stronger link exists already
            }
        }
        events.publishEvent(new InteractionLinked(link.organisation(), link.interactionId(), link.cdpUserId()));
    }

    /**
     * The agent verified the caller as this customer: every organisation's link of the interaction
     * now names them with full confidence ({@link MatchType#AGENT_VERIFIED}, the agent as caller),
     * whatever the IVR had matched; without a link one is created in {@code organisation}.
     */
    @Transactional
    public void verifyByAgent(String interactionId, String cdpUserId, String agent, String organisation, Instant at) {
        List<String> organisations = jdbc.sql("SELECT organisation FROM interaction_link WHERE interaction_id = :id")
                .param("id", interactionId).query(String.class).list();
        if (organisations.isEmpty()) {
            record(new InteractionLink(interactionId, cdpUserId, 1.0, MatchType.AGENT_VERIFIED, "agent", at,
                    organisation, agent));
            return;
        }
        jdbc.sql("UPDATE interaction_link SET cdp_user_id = :user, confidence = 1.0, match_type = :type,"
                        + " source = 'agent', caller = :caller, linked_at = :at WHERE interaction_id = :id")
                .param("user", cdpUserId).param("type", MatchType.AGENT_VERIFIED.name()).param("caller", agent)
                .param("at", Timestamp.from(at)).param("id", interactionId)
                .update();
        organisations.forEach(o -> events.publishEvent(new InteractionLinked(o, interactionId, cdpUserId)));
    }

    /** The organisation's link of an interaction (outcome attribution). */
    public Optional<InteractionLink> find(String interactionId, String organisation) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM interaction_link WHERE organisation = :organisation AND interaction_id = :id")
                .param("organisation", organisation)
                .param("id", interactionId)
                .query(InteractionLinks::map)
                .optional();
    }

    /**
     * The link of an interaction for readers that know no organisation (the agent widget and the
     * REST proxy authenticate agents, not integrations): the strongest link when every organisation
     * that linked the interaction names the same customer, and none when they disagree, so a caller
     * of another organisation cannot make an agent see the customer of its choice.
     */
    public Optional<InteractionLink> find(String interactionId) {
        List<InteractionLink> all = jdbc.sql("SELECT " + COLUMNS + " FROM interaction_link WHERE interaction_id = :id")
                .param("id", interactionId)
                .query(InteractionLinks::map)
                .list();
        if (all.stream().map(InteractionLink::cdpUserId).distinct().count() > 1) {
            log.warn("Interaction {} is linked to different customers by {} organisations; showing none",
                    interactionId, all.size());
            return Optional.empty();
        }
        return all.stream().max(Comparator.comparingDouble(InteractionLink::confidence));
    }

    private static InteractionLink map(ResultSet rs, int row) throws SQLException {
        return new InteractionLink(
                rs.getString(1),
                rs.getString(2),
                rs.getDouble(3),
                MatchType.valueOf(rs.getString(4)),
                rs.getString(5),
                rs.getTimestamp(6).toInstant(),
                rs.getString(7),
                rs.getString(8));
    }
}
