package com.profilebridge.outcome;

import com.profilebridge.identity.InteractionLink;
import com.profilebridge.identity.InteractionLinks;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepts outcome updates. In one transaction: the intake record (its primary key is the dedupe
 * key, so a platform retry changes nothing), then, under a lock on the interaction's row, the
 * interaction's outcome is recomputed from all its updates in event-time order and written to the
 * outbox: into the revision still settling when there is one, else as a new revision (a
 * correction). Nothing reaches the CDP from here; the delivery workers send what is due.
 */
@Service
public class OutcomeIntake {

    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final OutcomeParser parser;
    private final WebhookSignatures signatures;
    private final InteractionLinks links;
    private final OutcomeProperties properties;
    private final OutcomeMetrics metrics;
    private final JsonMapper json;
    private final Clock clock;

    OutcomeIntake(JdbcClient jdbc, TransactionTemplate transactions, OutcomeParser parser, WebhookSignatures signatures,
            InteractionLinks links, OutcomeProperties properties, OutcomeMetrics metrics, JsonMapper json, Clock clock) {
        this.signatures = signatures;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.parser = parser;
        this.links = links;
        this.properties = properties;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The Standard Webhooks headers of a request and its body exactly as received.
     */
    public record Signed(@Nullable String id, @Nullable String timestamp, @Nullable String signature, byte[] rawBody) {}

    /**
     * @param caller the authenticated integration
     * @param signed its webhook headers; required and checked when the caller has signing secrets
     * @throws com.profilebridge.shared.web.BadRequest for bodies that are not an outcome (400) and
     *     missing or wrong signatures (401)
     */
    public TrackAnswer track(JsonNode body, String caller, Signed signed) {
        String webhookId = signatures.verify(caller, signed.id(), signed.timestamp(), signed.signature(), signed.rawBody());
        IncomingOutcome outcome = parser.parse(body, caller, webhookId, clock.instant());
        TrackAnswer answer = Objects.requireNonNull(transactions.execute(tx -> store(outcome)));
        metrics.intake(outcome.source(), answer.status());
        return answer;
    }

    private TrackAnswer store(IncomingOutcome o) {
        Instant now = clock.instant();
        int inserted = jdbc.sql("""
                        INSERT INTO outcome_event (dedupe_key, interaction_id, source, kind, user_id, event_time, received_at, fields)
                        VALUES (:key, :interaction, :source, :kind, :user, :time, :now, :fields)
                        ON CONFLICT DO NOTHING""")
                .param("key", o.dedupeKey())
                .param("interaction", o.interactionId())
                .param("source", o.source())
                .param("kind", o.kind())
                .param("user", o.userId())
                .param("time", Timestamp.from(o.eventTime()))
                .param("now", Timestamp.from(now))
                .param("fields", json.writeValueAsString(o.fields()))
                .update();
        if (inserted == 0) {
            return TrackAnswer.duplicate(o.interactionId());
        }
        int created = jdbc.sql("""
                        INSERT INTO outcome_interaction (interaction_id, revision, first_update_at, last_update_at)
                        VALUES (:id, 1, :now, :now) ON CONFLICT DO NOTHING""")
                .param("id", o.interactionId())
                .param("now", Timestamp.from(now))
                .update();
        if (created == 1) {
            // the interaction's first update (the common case): nothing to merge with, no earlier message;
            // the new row stays locked until commit, so a concurrent update of it waits below
            String userId = o.userId() != null ? o.userId() : linkedUser(o.interactionId());
            return insertMessage(o.interactionId(), 1, userId, o.eventTime(), json.writeValueAsString(o.fields()), now);
        }
        int revisions = jdbc.sql("SELECT revision FROM outcome_interaction WHERE interaction_id = :id FOR UPDATE")
                .param("id", o.interactionId())
                .query(Integer.class)
                .single();

        Merged merged = merge(o.interactionId());
        String userId = merged.userId() != null ? merged.userId() : linkedUser(o.interactionId());
        String status = userId == null ? Outbox.UNATTRIBUTED : Outbox.PENDING;
        String payload = json.writeValueAsString(merged.fields());

        Outbox.Latest latest = jdbc.sql("""
                        SELECT id, revision, status, attempts, lease_until, payload, cdp_user_id, created_at
                          FROM outbox_message WHERE interaction_id = :id ORDER BY revision DESC LIMIT 1""")
                .param("id", o.interactionId())
                .query(Outbox.Latest::map)
                .optional()
                .orElse(null);

        if (latest != null && latest.isOpen(now)) {
            // still settling and never attempted: fold this update in and restart the window
            Instant due = earliest(now.plus(properties.settleWindow()), latest.createdAt().plus(properties.maxSettle()));
            jdbc.sql("""
                            UPDATE outbox_message
                               SET payload = :payload, cdp_user_id = :user, status = :status, event_time = :time,
                                   available_at = :due
                             WHERE id = :id""")
                    .param("payload", payload)
                    .param("user", userId)
                    .param("status", status)
                    .param("time", Timestamp.from(merged.eventTime()))
                    .param("due", Timestamp.from(due))
                    .param("id", latest.id())
                    .update();
            return new TrackAnswer(answerStatus(status), o.interactionId(), latest.revision(), due);
        }
        if (latest != null && json.readValue(latest.payload(), FIELDS).equals(merged.fields())
                && Objects.equals(latest.userId(), userId)) {
            // a late update older than what was sent: the final state did not change, nothing to correct
            return new TrackAnswer(answerStatus(latest.status().equals(Outbox.UNATTRIBUTED)
                    ? Outbox.UNATTRIBUTED : Outbox.PENDING), o.interactionId(), latest.revision(), null);
        }
        int revision = revisions + 1;
        jdbc.sql("UPDATE outcome_interaction SET revision = :revision, last_update_at = :now WHERE interaction_id = :id")
                .param("revision", revision)
                .param("now", Timestamp.from(now))
                .param("id", o.interactionId())
                .update();
        return insertMessage(o.interactionId(), revision, userId, merged.eventTime(), payload, now);
    }

    private TrackAnswer insertMessage(String interactionId, int revision, @Nullable String userId, Instant eventTime,
            String payload, Instant now) {
        String status = userId == null ? Outbox.UNATTRIBUTED : Outbox.PENDING;
        Instant due = now.plus(properties.settleWindow());
        jdbc.sql("""
                        INSERT INTO outbox_message (message_id, interaction_id, revision, cdp_user_id, event_name, event_time,
                                                    payload, status, attempts, available_at, created_at)
                        VALUES (:message, :interaction, :revision, :user, :event, :time, :payload, :status, 0, :due, :now)""")
                .param("message", Outbox.messageId(interactionId, revision))
                .param("interaction", interactionId)
                .param("revision", revision)
                .param("user", userId)
                .param("event", revision == 1 ? Outbox.COMPLETED : Outbox.CORRECTED)
                .param("time", Timestamp.from(eventTime))
                .param("payload", payload)
                .param("status", status)
                .param("due", Timestamp.from(due))
                .param("now", Timestamp.from(now))
                .update();
        return new TrackAnswer(answerStatus(status), interactionId, revision, due);
    }

    private @Nullable String linkedUser(String interactionId) {
        return links.find(interactionId).map(InteractionLink::cdpUserId).orElse(null);
    }

    private record Merged(Map<String, Object> fields, @Nullable String userId, Instant eventTime) {}

    /** All updates of the interaction, oldest event first: later ones override field by field. */
    private Merged merge(String interactionId) {
        List<Object[]> rows = jdbc.sql("""
                        SELECT user_id, event_time, fields FROM outcome_event
                         WHERE interaction_id = :id ORDER BY event_time, seq""")
                .param("id", interactionId)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3)})
                .list();
        Map<String, Object> fields = new LinkedHashMap<>();
        String userId = null;
        Instant eventTime = Instant.EPOCH;
        for (Object[] row : rows) {
            if (row[0] != null) {
                userId = (String) row[0];
            }
            eventTime = (Instant) row[1];
            fields.putAll(json.readValue((String) row[2], FIELDS));
        }
        return new Merged(fields, userId, eventTime);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String answerStatus(String outboxStatus) {
        return outboxStatus.equals(Outbox.UNATTRIBUTED) ? "unattributed" : "accepted";
    }
}
