package com.profilebridge.outcome;

import com.profilebridge.identity.CallerOrganisations;
import com.profilebridge.identity.InteractionLink;
import com.profilebridge.identity.InteractionLinks;
import com.profilebridge.shared.Sha256;
import com.profilebridge.shared.web.BadRequest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
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
 *
 * <p>Everything is scoped to the authenticated caller: dedupe keys are hashed with the caller's name
 * (another caller's event, signed or not, can never make this one a "duplicate"), interactions and
 * the links that attribute them belong to the caller's organisation, and a caller may send only the
 * shapes ({@code genesys}, {@code cxone}, {@code other}) configured for it.
 */
@Service
public class OutcomeIntake {

    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final OutcomeParser parser;
    private final WebhookSignatures signatures;
    private final InteractionLinks links;
    private final CallerOrganisations organisations;
    private final OutcomeProperties properties;
    private final OutcomeMetrics metrics;
    private final JsonMapper json;
    private final Clock clock;

    OutcomeIntake(JdbcClient jdbc, TransactionTemplate transactions, OutcomeParser parser, WebhookSignatures signatures,
            InteractionLinks links, CallerOrganisations organisations, OutcomeProperties properties,
            OutcomeMetrics metrics, JsonMapper json, Clock clock) {
        this.signatures = signatures;
        this.organisations = organisations;
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
     * @throws com.profilebridge.shared.web.BadRequest for bodies that are not an outcome or values out
     *     of range (400), missing or wrong signatures (401) and shapes the caller may not send (403)
     */
    public TrackAnswer track(JsonNode body, String caller, Signed signed) {
        String webhookId = signatures.verify(caller, signed.id(), signed.timestamp(), signed.signature(), signed.rawBody());
        IncomingOutcome outcome = parser.parse(body, caller, webhookId, clock.instant());
        OutcomeProperties.Caller allowed = properties.callers().get(caller);
        if (allowed != null && !allowed.allows(outcome.source())) {
            throw new BadRequest(HttpStatus.FORBIDDEN, "source-not-allowed", "This caller may not send "
                    + outcome.source() + " outcomes (bridge.outcomes.callers.<caller>.sources).");
        }
        Scope scope = new Scope(organisations.of(caller), caller);
        TrackAnswer answer = Objects.requireNonNull(transactions.execute(tx -> store(outcome, scope)));
        metrics.intake(outcome.source(), answer.status());
        return answer;
    }

    /** Who sent an update: its caller, and the organisation whose interaction it updates. */
    private record Scope(String organisation, String caller) {}

    private TrackAnswer store(IncomingOutcome o, Scope scope) {
        Instant now = clock.instant();
        String bodyHash = null;
        String key = Sha256.hex(scope.caller(), o.dedupeKey());
        boolean created;
        if (o.retryWindowOnly()) {
            // No id, no time: lock the interaction first, then this caller's latest update of it
            // decides. The same body again within the retry window is a retry; anything else (a
            // change, or the same disposition chosen again later) is a new update.
            bodyHash = key;
            created = createInteraction(scope, o.interactionId(), now);
            if (!created) {
                lockInteraction(scope, o.interactionId());
                if (isRetry(scope, o.interactionId(), bodyHash, now)) {
                    return TrackAnswer.duplicate(o.interactionId());
                }
            }
            key = Sha256.hex(scope.caller(), o.dedupeKey(), UUID.randomUUID().toString());
            insertEvent(o, scope, key, bodyHash, now);
        } else {
            if (!insertEvent(o, scope, key, null, now)) {
                return TrackAnswer.duplicate(o.interactionId());
            }
            created = createInteraction(scope, o.interactionId(), now);
        }
        if (created) {
            // the interaction's first update (the common case): nothing to merge with, no earlier message;
            // the new row stays locked until commit, so a concurrent update of it waits below
            String userId = o.userId() != null ? o.userId() : linkedUser(scope, o.interactionId());
            return insertMessage(scope, o.interactionId(), 1, userId, o.eventTime(), json.writeValueAsString(o.fields()),
                    now);
        }
        int revisions = lockInteraction(scope, o.interactionId());

        Merged merged = merge(scope, o.interactionId());
        String userId = merged.userId() != null ? merged.userId() : linkedUser(scope, o.interactionId());
        String status = userId == null ? Outbox.UNATTRIBUTED : Outbox.PENDING;
        String payload = json.writeValueAsString(merged.fields());

        Outbox.Latest latest = jdbc.sql("""
                        SELECT id, revision, status, attempts, lease_until, payload, cdp_user_id, created_at
                          FROM outbox_message WHERE organisation = :organisation AND interaction_id = :id
                         ORDER BY revision DESC LIMIT 1""")
                .param("organisation", scope.organisation())
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
        jdbc.sql("""
                        UPDATE outcome_interaction SET revision = :revision, last_update_at = :now
                         WHERE organisation = :organisation AND interaction_id = :id""")
                .param("revision", revision)
                .param("now", Timestamp.from(now))
                .param("organisation", scope.organisation())
                .param("id", o.interactionId())
                .update();
        return insertMessage(scope, o.interactionId(), revision, userId, merged.eventTime(), payload, now);
    }

    /** The intake record; false when its key exists (a retry of an event already taken). */
    private boolean insertEvent(IncomingOutcome o, Scope scope, String key, @Nullable String bodyHash, Instant now) {
        return jdbc.sql("""
                        INSERT INTO outcome_event (dedupe_key, organisation, caller, body_hash, interaction_id, source, kind,
                                                   user_id, event_time, received_at, fields)
                        VALUES (:key, :organisation, :caller, :hash, :interaction, :source, :kind, :user, :time, :now, :fields)
                        ON CONFLICT DO NOTHING""")
                .param("key", key)
                .param("organisation", scope.organisation())
                .param("caller", scope.caller())
                .param("hash", bodyHash)
                .param("interaction", o.interactionId())
                .param("source", o.source())
                .param("kind", o.kind())
                .param("user", o.userId())
                .param("time", Timestamp.from(o.eventTime()))
                .param("now", Timestamp.from(now))
                .param("fields", json.writeValueAsString(o.fields()))
                .update() == 1;
    }

    /** True when this call created the interaction's row (and holds its lock until commit). */
    private boolean createInteraction(Scope scope, String interactionId, Instant now) {
        return jdbc.sql("""
                        INSERT INTO outcome_interaction (organisation, interaction_id, revision, first_update_at, last_update_at)
                        VALUES (:organisation, :id, 1, :now, :now) ON CONFLICT DO NOTHING""")
                .param("organisation", scope.organisation())
                .param("id", interactionId)
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    /** Locks the interaction's row: concurrent updates of it (any instance) go one at a time. */
    private int lockInteraction(Scope scope, String interactionId) {
        return jdbc.sql("""
                        SELECT revision FROM outcome_interaction
                         WHERE organisation = :organisation AND interaction_id = :id FOR UPDATE""")
                .param("organisation", scope.organisation())
                .param("id", interactionId)
                .query(Integer.class)
                .single();
    }

    /** Whether the caller's latest update of the interaction is this very body, received within the retry window. */
    private boolean isRetry(Scope scope, String interactionId, String bodyHash, Instant now) {
        return jdbc.sql("""
                        SELECT body_hash, received_at FROM outcome_event
                         WHERE organisation = :organisation AND interaction_id = :id AND caller = :caller
                         ORDER BY seq DESC LIMIT 1""")
                .param("organisation", scope.organisation())
                .param("id", interactionId)
                .param("caller", scope.caller())
                .query((rs, n) -> bodyHash.equals(rs.getString(1))
                        && !rs.getTimestamp(2).toInstant().isBefore(now.minus(properties.retryWindow())))
                .optional()
                .orElse(false);
    }

    private TrackAnswer insertMessage(Scope scope, String interactionId, int revision, @Nullable String userId,
            Instant eventTime, String payload, Instant now) {
        String status = userId == null ? Outbox.UNATTRIBUTED : Outbox.PENDING;
        Instant due = now.plus(properties.settleWindow());
        jdbc.sql("""
                        INSERT INTO outbox_message (message_id, organisation, interaction_id, revision, cdp_user_id, event_name,
                                                    event_time, payload, status, attempts, available_at, created_at)
                        VALUES (:message, :organisation, :interaction, :revision, :user, :event, :time, :payload, :status, 0,
                                :due, :now)""")
                .param("message", Outbox.messageId(scope.organisation(), interactionId, revision))
                .param("organisation", scope.organisation())
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

    private @Nullable String linkedUser(Scope scope, String interactionId) {
        return links.find(interactionId, scope.organisation()).map(InteractionLink::cdpUserId).orElse(null);
    }

    private record Merged(Map<String, Object> fields, @Nullable String userId, Instant eventTime) {}

    /** All updates of the interaction, oldest event first: later ones override field by field. */
    private Merged merge(Scope scope, String interactionId) {
        List<Object[]> rows = jdbc.sql("""
                        SELECT user_id, event_time, fields FROM outcome_event
                         WHERE organisation = :organisation AND interaction_id = :id ORDER BY event_time, seq""")
                .param("organisation", scope.organisation())
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
