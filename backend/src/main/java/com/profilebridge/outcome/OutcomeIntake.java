package com.profilebridge.outcome;

import com.profilebridge.identity.CallerOrganisations;
import com.profilebridge.identity.InteractionLink;
import com.profilebridge.identity.InteractionLinks;
import com.profilebridge.shared.Sha256;
import com.profilebridge.shared.web.BadRequest;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
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
 *
 * <p>Concurrent updates share transactions ({@link GroupCommit}, {@code bridge.outcomes.intake.*}):
 * one transaction takes every update waiting, with one statement per table for the lot (intake
 * records, new interactions, their first messages), and only later updates of an interaction take
 * the lock-merge-compare path one by one inside it. Each caller is answered once that transaction
 * has committed; if it fails, each update is taken again alone, in a transaction of its own.
 */
@Service
public class OutcomeIntake implements SmartLifecycle {

    private static final String INSERT_EVENT = """
            INSERT INTO outcome_event (dedupe_key, organisation, caller, body_hash, interaction_id, source, kind,
                                       user_id, event_time, received_at, fields)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";
    private static final String INSERT_INTERACTION = """
            INSERT INTO outcome_interaction (organisation, interaction_id, revision, first_update_at, last_update_at)
            VALUES (?, ?, 1, ?, ?) ON CONFLICT DO NOTHING""";

    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final TransactionTemplate transactions;
    private final OutcomeParser parser;
    private final WebhookSignatures signatures;
    private final InteractionLinks links;
    private final CallerOrganisations organisations;
    private final OutcomeProperties properties;
    private final OutcomeMetrics metrics;
    private final JsonMapper json;
    private final Clock clock;
    private final Outbox outbox;
    private final GroupCommit<Update, TrackAnswer> commits;

    OutcomeIntake(JdbcClient jdbc, JdbcTemplate batches, TransactionTemplate transactions, OutcomeParser parser,
            WebhookSignatures signatures, InteractionLinks links, CallerOrganisations organisations,
            OutcomeProperties properties, OutcomeMetrics metrics, JsonMapper json, Clock clock, Outbox outbox) {
        this.signatures = signatures;
        this.organisations = organisations;
        this.jdbc = jdbc;
        this.batches = batches;
        this.outbox = outbox;
        this.transactions = transactions;
        this.parser = parser;
        this.links = links;
        this.properties = properties;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
        OutcomeProperties.Intake intake = properties.intake();
        this.commits = new GroupCommit<>("outcome-intake", intake.committers(), intake.maxBatch(), this::storeTogether,
                this::storeAlone);
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
        Update update = Update.of(outcome, new Scope(organisations.of(caller), caller));
        // an update without id and time is told from a retry under the interaction's lock: alone
        TrackAnswer answer = outcome.retryWindowOnly() ? storeAlone(update) : commits.submit(update);
        metrics.intake(outcome.source(), answer.status());
        return answer;
    }

    /** Who sent an update: its caller, and the organisation whose interaction it updates. */
    private record Scope(String organisation, String caller) {}

    /** An update on its way into the database, with its intake record's key (the dedupe key hashed with the caller). */
    private record Update(IncomingOutcome outcome, Scope scope, String key) {

        static Update of(IncomingOutcome outcome, Scope scope) {
            return new Update(outcome, scope, Sha256.hex(scope.caller(), outcome.dedupeKey()));
        }
    }

    private TrackAnswer storeAlone(Update update) {
        return Objects.requireNonNull(transactions.execute(tx -> store(update.outcome(), update.scope())));
    }

    /**
     * Several updates in one transaction, with what {@link #store} does for each: the intake
     * records in one statement (a key already there is a duplicate, and so is a second update with
     * the same key in this batch), the interactions they are the first update of in one statement,
     * those interactions' messages in one statement, then every later update one by one (in arrival
     * order, each merging with everything stored before it, this batch's rows included). Rows are
     * written in key order, so concurrent batches lock them in the same order.
     */
    private List<TrackAnswer> storeTogether(List<Update> updates) {
        return Objects.requireNonNull(transactions.execute(tx -> {
            Instant now = clock.instant();
            int n = updates.size();
            TrackAnswer[] answers = new TrackAnswer[n];
            List<Integer> byKey = sortedIndices(n, Comparator.comparing(i -> updates.get(i).key()));
            boolean[] taken = insertEvents(byKey.stream().map(i -> event(updates.get(i), now)).toList());
            List<Integer> fresh = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                int i = byKey.get(k);
                if (taken[k]) {
                    fresh.add(i);
                } else {
                    answers[i] = TrackAnswer.duplicate(updates.get(i).outcome().interactionId());
                }
            }
            fresh.sort(Comparator.<Integer, String>comparing(i -> updates.get(i).scope().organisation())
                    .thenComparing(i -> updates.get(i).outcome().interactionId()).thenComparing(i -> i));
            boolean[] created = createInteractions(fresh.stream().map(updates::get)
                    .map(u -> new Outbox.Interaction(u.scope().organisation(), u.outcome().interactionId())).toList(), now);
            List<Outbox.NewMessage> firsts = new ArrayList<>();
            List<Integer> later = new ArrayList<>();
            for (int k = 0; k < fresh.size(); k++) {
                int i = fresh.get(k);
                if (created[k]) {
                    IncomingOutcome o = updates.get(i).outcome();
                    Scope scope = updates.get(i).scope();
                    String userId = o.userId() != null ? o.userId() : linkedUser(scope, o.interactionId());
                    Outbox.NewMessage first = newMessage(scope, o.interactionId(), 1, userId, o.eventTime(),
                            json.writeValueAsString(o.fields()), now);
                    firsts.add(first);
                    answers[i] = answer(first);
                } else {
                    later.add(i);
                }
            }
            outbox.insert(firsts);
            later.sort(Comparator.naturalOrder());
            for (int i : later) {
                answers[i] = laterUpdate(updates.get(i).outcome(), updates.get(i).scope(), now);
            }
            return Arrays.asList(answers);
        }));
    }

    private static List<Integer> sortedIndices(int n, Comparator<Integer> order) {
        List<Integer> indices = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            indices.add(i);
        }
        indices.sort(order.thenComparing(Comparator.naturalOrder()));
        return indices;
    }

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
            insertEvents(List.of(new EventRow(key, scope, bodyHash, o, json.writeValueAsString(o.fields()), now)));
        } else {
            if (!insertEvents(List.of(event(new Update(o, scope, key), now)))[0]) {
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
        return laterUpdate(o, scope, now);
    }

    /**
     * An update of an interaction that has one already: under the interaction's lock, its outcome
     * is recomputed from all its updates and folded into the revision still settling, or written
     * as a correction.
     */
    private TrackAnswer laterUpdate(IncomingOutcome o, Scope scope, Instant now) {
        int revisions = lockInteraction(scope, o.interactionId());

        Merged merged = merge(scope, o.interactionId());
        String userId = merged.userId() != null ? merged.userId() : linkedUser(scope, o.interactionId());
        String payload = json.writeValueAsString(merged.fields());
        Outbox.Latest latest = outbox.latest(scope.organisation(), o.interactionId()).orElse(null);

        if (latest != null && latest.isOpen(now)) {
            // still settling and never attempted: fold this update in and restart the window
            Instant due = earliest(now.plus(properties.settleWindow()), latest.createdAt().plus(properties.maxSettle()));
            Optional<OutboxStatus> folded = outbox.fold(latest, payload, userId, merged.eventTime(), due, now);
            if (folded.isPresent()) {
                return new TrackAnswer(answerStatus(folded.get()), o.interactionId(), latest.revision(), due);
            }
            // a worker claimed it since: what it sends is the revision before this update, so a correction follows
        }
        if (latest != null && json.readValue(latest.payload(), FIELDS).equals(merged.fields())
                && Objects.equals(latest.userId(), userId)) {
            // a late update older than what was sent: the final state did not change, nothing to correct
            return new TrackAnswer(answerStatus(latest.status()), o.interactionId(), latest.revision(), null);
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

    /** An intake record as {@link #INSERT_EVENT} writes it. */
    private record EventRow(String key, Scope scope, @Nullable String bodyHash, IncomingOutcome outcome, String fields,
            Instant receivedAt) {}

    private EventRow event(Update update, Instant now) {
        return new EventRow(update.key(), update.scope(), null, update.outcome(),
                json.writeValueAsString(update.outcome().fields()), now);
    }

    /** The intake records, in one statement; per row false when its key exists (a retry of an event already taken). */
    private boolean[] insertEvents(List<EventRow> rows) {
        return inserted(batches.batchUpdate(INSERT_EVENT, new Rows<>(rows, (ps, row) -> {
            IncomingOutcome o = row.outcome();
            ps.setString(1, row.key());
            ps.setString(2, row.scope().organisation());
            ps.setString(3, row.scope().caller());
            setText(ps, 4, row.bodyHash());
            ps.setString(5, o.interactionId());
            ps.setString(6, o.source());
            ps.setString(7, o.kind());
            setText(ps, 8, o.userId());
            ps.setTimestamp(9, Timestamp.from(o.eventTime()));
            ps.setTimestamp(10, Timestamp.from(row.receivedAt()));
            ps.setString(11, row.fields());
        })), rows.size());
    }

    /** True when this call created the interaction's row (and holds its lock until commit). */
    private boolean createInteraction(Scope scope, String interactionId, Instant now) {
        return createInteractions(List.of(new Outbox.Interaction(scope.organisation(), interactionId)), now)[0];
    }

    /** The interactions, in one statement; per row true when it created the row (locked until commit). */
    private boolean[] createInteractions(List<Outbox.Interaction> interactions, Instant now) {
        Timestamp at = Timestamp.from(now);
        return inserted(batches.batchUpdate(INSERT_INTERACTION, new Rows<>(interactions, (ps, interaction) -> {
            ps.setString(1, interaction.organisation());
            ps.setString(2, interaction.interactionId());
            ps.setTimestamp(3, at);
            ps.setTimestamp(4, at);
        })), interactions.size());
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
        Outbox.NewMessage message = newMessage(scope, interactionId, revision, userId, eventTime, payload, now);
        outbox.insert(List.of(message));
        return answer(message);
    }

    /** A revision of the interaction's outcome, due after the settle window; parked while nobody is attributed. */
    private Outbox.NewMessage newMessage(Scope scope, String interactionId, int revision, @Nullable String userId,
            Instant eventTime, String payload, Instant now) {
        return new Outbox.NewMessage(Outbox.messageId(scope.organisation(), interactionId, revision),
                scope.organisation(), interactionId, revision, userId,
                revision == 1 ? Outbox.COMPLETED : Outbox.CORRECTED, eventTime, payload,
                now.plus(properties.settleWindow()), now);
    }

    private static TrackAnswer answer(Outbox.NewMessage message) {
        return new TrackAnswer(answerStatus(message.status()), message.interactionId(), message.revision(),
                message.availableAt());
    }

    /** Sets each row of a batch statement. */
    @FunctionalInterface
    interface RowSetter<T> {
        void set(PreparedStatement ps, T row) throws SQLException;
    }

    /** A JDBC batch of one statement over rows: one round trip for all of them. */
    record Rows<T>(List<T> rows, RowSetter<T> setter) implements BatchPreparedStatementSetter {

        @Override
        public void setValues(PreparedStatement ps, int i) throws SQLException {
            setter.set(ps, rows.get(i));
        }

        @Override
        public int getBatchSize() {
            return rows.size();
        }
    }

    /**
     * Per row of an {@code INSERT ... ON CONFLICT DO NOTHING} batch, whether it inserted. A driver
     * that does not tell (batches rewritten into one statement) is an error: the batch is then taken
     * again row by row.
     */
    static boolean[] inserted(int[] counts, int rows) {
        if (counts.length != rows) {
            throw new IllegalStateException("expected " + rows + " update counts, got " + counts.length);
        }
        boolean[] inserted = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            if (counts[i] != 0 && counts[i] != 1) {
                throw new IllegalStateException("update count " + counts[i] + " does not say whether row " + i
                        + " was inserted");
            }
            inserted[i] = counts[i] == 1;
        }
        return inserted;
    }

    static void setText(PreparedStatement ps, int index, @Nullable String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
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

    @Override
    public void start() {
        if (properties.intake().groupCommit()) {
            commits.start();
        }
    }

    /** Queued updates are still committed; updates arriving later are taken alone. */
    @Override
    public void stop() {
        commits.stop();
    }

    @Override
    public boolean isRunning() {
        return commits.isRunning();
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String answerStatus(OutboxStatus outboxStatus) {
        return outboxStatus == OutboxStatus.UNATTRIBUTED ? "unattributed" : "accepted";
    }
}
