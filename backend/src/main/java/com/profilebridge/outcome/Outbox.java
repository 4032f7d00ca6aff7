package com.profilebridge.outcome;

import static com.profilebridge.outcome.OutboxStatus.DEAD;
import static com.profilebridge.outcome.OutboxStatus.DELIVERED;
import static com.profilebridge.outcome.OutboxStatus.PENDING;
import static com.profilebridge.outcome.OutboxStatus.UNATTRIBUTED;

import com.profilebridge.shared.Sha256;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox table ({@code outbox_message}) and the only class that reads or writes it: intake's
 * new messages and folded updates, delivery's claims and results, operators' replays and
 * attributions, housekeeping, erasure. Every status change is an {@link OutboxStatus.Transition}
 * whose statement is guarded by its {@code from} status, so a change that lost a race changes
 * nothing. Workers claim due messages with {@code FOR UPDATE SKIP LOCKED} and a lease:
 * the row lock keeps two workers (in any instance) from claiming the same message, the lease keeps
 * it theirs while they deliver outside the transaction, and a worker that dies leaves a lease that
 * expires, so the message is claimed again, never lost.
 */
@Repository
class Outbox {

    static final String COMPLETED = "Interaction Completed";
    static final String CORRECTED = "Interaction Outcome Corrected";

    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {};
    /** What operators see of a message ({@link OutboxEntry}): no payload. */
    private static final String ENTRY_COLUMNS = """
            SELECT message_id, interaction_id, revision, cdp_user_id, event_name, event_time, status, attempts,
                   available_at, last_error, created_at, delivered_at FROM outbox_message""";

    /** Rows per statement when many are changed by their keys (an IN list the databases take without trouble). */
    static final int CHUNK = 500;

    private static final OutboxStatus.Transition ATTRIBUTED = UNATTRIBUTED.to(PENDING);
    private static final OutboxStatus.Transition ACCEPTED = PENDING.to(DELIVERED);
    private static final OutboxStatus.Transition GIVEN_UP = PENDING.to(DEAD);
    private static final OutboxStatus.Transition REPLAYED = DEAD.to(PENDING);

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final TransactionTemplate transactions;
    private final JsonMapper json;

    Outbox(JdbcClient jdbc, JdbcTemplate batches, TransactionTemplate transactions, JsonMapper json) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.transactions = transactions;
        this.json = json;
    }

    /**
     * Stable per organisation, interaction and revision (under Segment's 100 characters), never
     * containing PII. Two organisations' interactions with the same id (CXone contact ids are
     * per-tenant numbers) get different ids, so the CDP does not drop one as a resend of the other.
     * Rows from before organisations ({@code ''}) keep the ids they were sent with.
     */
    static String messageId(String organisation, String interactionId, int revision) {
        byte[] digest = organisation.isEmpty()
                ? Sha256.of(interactionId)
                : HexFormat.of().parseHex(Sha256.hex(organisation, interactionId));
        String hash = Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        return "pb-" + hash.substring(0, 32) + "-r" + revision;
    }

    /** The newest revision of an interaction, as intake sees it. */
    record Latest(long id, int revision, OutboxStatus status, int attempts, @Nullable Instant leaseUntil, String payload,
            @Nullable String userId, Instant createdAt) {

        static Latest map(ResultSet rs, int row) throws SQLException {
            Timestamp lease = rs.getTimestamp("lease_until");
            return new Latest(rs.getLong("id"), rs.getInt("revision"), OutboxStatus.valueOf(rs.getString("status")),
                    rs.getInt("attempts"),
                    lease == null ? null : lease.toInstant(), rs.getString("payload"), rs.getString("cdp_user_id"),
                    rs.getTimestamp("created_at").toInstant());
        }

        /** Never attempted and not claimed: it may still change without a new message id. */
        boolean isOpen(Instant now) {
            return status.isUndelivered() && attempts == 0
                    && (leaseUntil == null || leaseUntil.isBefore(now));
        }
    }

    /** A message claimed for delivery. */
    record Claimed(long id, String messageId, String organisation, String interactionId, int revision, String userId,
            String eventName, Instant eventTime, Map<String, Object> payload, int attempts) {}

    /** An interaction of an organisation. */
    record Interaction(String organisation, String interactionId) {}

    /** A revision of an interaction's outcome, new in the outbox: pending with a customer, parked without one. */
    record NewMessage(String messageId, String organisation, String interactionId, int revision, @Nullable String userId,
            String eventName, Instant eventTime, String payload, Instant availableAt, Instant createdAt) {

        OutboxStatus status() {
            return OutboxStatus.initial(userId != null);
        }
    }

    /** New messages, in one statement (one round trip however many). */
    void insert(List<NewMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        batches.batchUpdate("""
                INSERT INTO outbox_message (message_id, organisation, interaction_id, revision, cdp_user_id, event_name,
                                            event_time, payload, status, attempts, available_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""", new OutcomeIntake.Rows<>(messages, (ps, m) -> {
            ps.setString(1, m.messageId());
            ps.setString(2, m.organisation());
            ps.setString(3, m.interactionId());
            ps.setInt(4, m.revision());
            OutcomeIntake.setText(ps, 5, m.userId());
            ps.setString(6, m.eventName());
            ps.setTimestamp(7, Timestamp.from(m.eventTime()));
            ps.setString(8, m.payload());
            ps.setString(9, m.status().name());
            ps.setTimestamp(10, Timestamp.from(m.availableAt()));
            ps.setTimestamp(11, Timestamp.from(m.createdAt()));
        }));
    }

    /** The newest revision of this organisation's interaction, if it has one; under the interaction's lock. */
    Optional<Latest> latest(String organisation, String interactionId) {
        return jdbc.sql("""
                        SELECT id, revision, status, attempts, lease_until, payload, cdp_user_id, created_at
                          FROM outbox_message WHERE organisation = :organisation AND interaction_id = :id
                         ORDER BY revision DESC LIMIT 1""")
                .param("organisation", organisation)
                .param("id", interactionId)
                .query(Latest::map)
                .optional();
    }

    /**
     * Folds an update into a revision still settling ({@link Latest#isOpen}): its payload, customer
     * and event time are replaced, it is due at {@code due}, and it is pending with a customer,
     * parked without one. One statement, guarded: a message that a worker claimed or tried since
     * {@code latest} was read is left alone.
     *
     * @return the message's status now; empty when it was no longer open (the update is then a correction)
     */
    Optional<OutboxStatus> fold(Latest latest, String payload, @Nullable String userId, Instant eventTime, Instant due,
            Instant now) {
        OutboxStatus status = OutboxStatus.initial(userId != null);
        if (status != latest.status()) {
            latest.status().to(status); // throws for a change the lifecycle refuses
        }
        int folded = jdbc.sql("""
                        UPDATE outbox_message
                           SET payload = :payload, cdp_user_id = :user, status = :status, event_time = :time,
                               available_at = :due
                         WHERE id = :id AND status = :from AND attempts = 0
                           AND (lease_until IS NULL OR lease_until < :now)""")
                .param("payload", payload)
                .param("user", userId)
                .param("status", status.name())
                .param("time", Timestamp.from(eventTime))
                .param("due", Timestamp.from(due))
                .param("id", latest.id())
                .param("from", latest.status().name())
                .param("now", Timestamp.from(now))
                .update();
        return folded == 1 ? Optional.of(status) : Optional.empty();
    }

    private static final String CLAIM = """
            SELECT id, message_id, organisation, interaction_id, revision, cdp_user_id, event_name, event_time,
                   payload, attempts
              FROM outbox_message o
             WHERE o.status = %1$s AND o.available_at <= :now
               AND (o.lease_until IS NULL OR o.lease_until < :now)
               AND (o.revision = 1
                    OR NOT EXISTS (SELECT 1 FROM outbox_message p
                                    WHERE p.organisation = o.organisation
                                      AND p.interaction_id = o.interaction_id AND p.revision < o.revision
                                      AND p.status IN (%1$s, %2$s)))
             ORDER BY o.status, o.available_at
             LIMIT :limit
             FOR UPDATE SKIP LOCKED""".formatted(PENDING.literal(), UNATTRIBUTED.literal());

    /**
     * Claims up to {@code limit} due messages for {@code owner} until {@code leaseUntil}. A correction
     * waits while an earlier revision of its interaction is still undelivered, so the CDP sees them
     * in order. Ordered like the {@code (status, available_at)} index, so the database walks the index
     * and stops after {@code limit} rows however large the backlog is.
     */
    List<Claimed> claim(String owner, int limit, Instant now, Instant leaseUntil) {
        return transactions.execute(tx -> {
            List<Claimed> due = jdbc.sql(CLAIM)
                    .param("now", Timestamp.from(now))
                    .param("limit", limit)
                    .query((rs, n) -> new Claimed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant(),
                            json.readValue(rs.getString(9), FIELDS), rs.getInt(10)))
                    .list();
            if (!due.isEmpty()) {
                jdbc.sql("UPDATE outbox_message SET lease_owner = :owner, lease_until = :until WHERE id IN (:ids)")
                        .param("owner", owner)
                        .param("until", Timestamp.from(leaseUntil))
                        .param("ids", due.stream().map(Claimed::id).toList())
                        .update();
            }
            return due;
        });
    }

    private static final String DELIVER = """
            UPDATE outbox_message
               SET status = %s, delivered_at = :now, attempts = attempts + 1,
                   lease_owner = NULL, lease_until = NULL, last_error = NULL
             WHERE id IN (:ids) AND lease_owner = :owner AND status = %s"""
            .formatted(ACCEPTED.to().literal(), ACCEPTED.from().literal());

    /**
     * Marks messages the CDP accepted, in one statement per round. A message whose lease was lost
     * meanwhile is left alone (another worker may send it again: same message id, the CDP dedupes).
     */
    int delivered(List<Claimed> messages, String owner, Instant now) {
        if (messages.isEmpty()) {
            return 0;
        }
        return jdbc.sql(DELIVER)
                .param("now", Timestamp.from(now))
                .param("ids", messages.stream().map(Claimed::id).toList())
                .param("owner", owner)
                .update();
    }

    private static final String RETRY = """
            UPDATE outbox_message
               SET attempts = attempts + 1, available_at = :at, last_error = :error,
                   lease_owner = NULL, lease_until = NULL
             WHERE id = :id AND lease_owner = :owner AND status = %s""".formatted(PENDING.literal());

    /** A failed attempt: the message stays pending and is due again at {@code at}. */
    int retryLater(Claimed m, String owner, Instant at, String error) {
        return jdbc.sql(RETRY)
                .param("at", Timestamp.from(at))
                .param("error", truncate(error))
                .param("id", m.id())
                .param("owner", owner)
                .update();
    }

    private static final String GIVE_UP = """
            UPDATE outbox_message
               SET status = %s, attempts = attempts + 1, last_error = :error,
                   lease_owner = NULL, lease_until = NULL
             WHERE id = :id AND lease_owner = :owner AND status = %s"""
            .formatted(GIVEN_UP.to().literal(), GIVEN_UP.from().literal());

    /** Refused, or the last attempt failed: the message waits in dead letters for an operator. */
    int deadLetter(Claimed m, String owner, String error) {
        return jdbc.sql(GIVE_UP)
                .param("error", truncate(error))
                .param("id", m.id())
                .param("owner", owner)
                .update();
    }

    /** Gives claimed messages back untouched (the worker stopped the round: the CDP is down). */
    void release(List<Claimed> messages, String owner) {
        if (messages.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE outbox_message SET lease_owner = NULL, lease_until = NULL WHERE id IN (:ids) AND lease_owner = :owner")
                .param("ids", messages.stream().map(Claimed::id).toList())
                .param("owner", owner)
                .update();
    }

    private static final String ATTRIBUTE = """
            UPDATE outbox_message SET cdp_user_id = :user, status = %s
             WHERE organisation = :organisation AND interaction_id = :id AND status = %s"""
            .formatted(ATTRIBUTED.to().literal(), ATTRIBUTED.from().literal());

    /** Parked messages of this organisation's interaction now have a customer: they become due. */
    int attribute(String organisation, String interactionId, String cdpUserId) {
        return jdbc.sql(ATTRIBUTE)
                .param("user", cdpUserId)
                .param("organisation", organisation)
                .param("id", interactionId)
                .update();
    }

    /**
     * Attributes a parked message by hand: every parked message of its interaction (later
     * revisions wait for earlier ones, so they go together) becomes due with this customer id.
     * The row lock keeps a concurrent link, sweep or second operator from attributing it twice.
     *
     * @return empty when no parked message has this id
     */
    Optional<OutcomeAttributed> attributeParked(String messageId, String cdpUserId) {
        return transactions.execute(tx -> jdbc.sql("""
                                SELECT organisation, interaction_id FROM outbox_message
                                 WHERE message_id = :message AND status = :parked FOR UPDATE""")
                        .param("message", messageId)
                        .param("parked", ATTRIBUTED.from().name())
                        .query((rs, n) -> new Interaction(rs.getString(1), rs.getString(2)))
                        .optional()
                        .map(parked -> new OutcomeAttributed(parked.interactionId(), cdpUserId,
                                attribute(parked.organisation(), parked.interactionId(), cdpUserId))));
    }

    List<Interaction> unattributedInteractions(int limit) {
        return jdbc.sql("""
                        SELECT DISTINCT organisation, interaction_id FROM outbox_message
                         WHERE status = :parked LIMIT :limit""")
                .param("parked", UNATTRIBUTED.name())
                .param("limit", limit)
                .query((rs, n) -> new Interaction(rs.getString(1), rs.getString(2)))
                .list();
    }

    List<OutboxEntry> list(OutboxStatus status, int limit) {
        return jdbc.sql(ENTRY_COLUMNS + " WHERE status = :status ORDER BY created_at LIMIT :limit")
                .param("status", status.name())
                .param("limit", limit)
                .query(Outbox::entry)
                .list();
    }

    Optional<OutboxEntry> find(String messageId, OutboxStatus status) {
        return jdbc.sql(ENTRY_COLUMNS + " WHERE message_id = :message AND status = :status")
                .param("message", messageId)
                .param("status", status.name())
                .query(Outbox::entry)
                .optional();
    }

    private static OutboxEntry entry(ResultSet rs, int row) throws SQLException {
        Timestamp delivered = rs.getTimestamp("delivered_at");
        return new OutboxEntry(rs.getString("message_id"), rs.getString("interaction_id"), rs.getInt("revision"),
                rs.getString("cdp_user_id"), rs.getString("event_name"), rs.getTimestamp("event_time").toInstant(),
                OutboxStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                rs.getTimestamp("available_at").toInstant(), rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant(), delivered == null ? null : delivered.toInstant());
    }

    /**
     * Dead letters back to the queue with fresh attempts; the message id stays (the CDP dedupes).
     * The rows are locked, then changed by their keys, so what is returned is exactly what was
     * requeued (a message a worker marks dead meanwhile is not). Joins the caller's transaction: an
     * operator's audit records commit with the change or not at all.
     *
     * @return the requeued messages as they were (status {@code DEAD})
     */
    List<OutboxEntry> replay(@Nullable String messageId, Instant now) {
        return transactions.execute(tx -> {
            JdbcClient.StatementSpec select = jdbc.sql("SELECT id, " + ENTRY_COLUMNS.substring("SELECT ".length())
                    + " WHERE status = :dead" + (messageId == null ? "" : " AND message_id = :message")
                    + " ORDER BY id FOR UPDATE").param("dead", REPLAYED.from().name());
            if (messageId != null) {
                select = select.param("message", messageId);
            }
            List<Map.Entry<Long, OutboxEntry>> dead = select.query((rs, n) -> Map.entry(rs.getLong("id"), entry(rs, n))).list();
            chunked(dead.stream().map(Map.Entry::getKey).toList(), ids -> jdbc.sql("""
                            UPDATE outbox_message SET status = :to, attempts = 0, available_at = :now, last_error = NULL
                             WHERE id IN (:ids) AND status = :from""")
                    .param("to", REPLAYED.to().name())
                    .param("from", REPLAYED.from().name())
                    .param("now", Timestamp.from(now))
                    .param("ids", ids)
                    .update());
            return dead.stream().map(Map.Entry::getValue).toList();
        });
    }

    private static final String STATS = """
            SELECT SUM(CASE WHEN status = %1$s THEN 1 ELSE 0 END),
                   MIN(CASE WHEN status = %1$s THEN created_at END),
                   SUM(CASE WHEN status = %2$s THEN 1 ELSE 0 END),
                   SUM(CASE WHEN status = %3$s THEN 1 ELSE 0 END)
              FROM outbox_message WHERE status <> %4$s"""
            .formatted(PENDING.literal(), UNATTRIBUTED.literal(), DEAD.literal(), DELIVERED.literal());

    OutboxStats stats(Instant now) {
        return jdbc.sql(STATS)
                .query((rs, n) -> {
                    Timestamp oldest = rs.getTimestamp(2);
                    return new OutboxStats(rs.getLong(1), oldest == null ? 0 : Math.max(0,
                            now.getEpochSecond() - oldest.toInstant().getEpochSecond()), rs.getLong(3), rs.getLong(4));
                })
                .single();
    }

    /** Drops intake records and delivered messages past their retention. */
    int purge(Instant intakeBefore, Instant deliveredBefore) {
        int events = jdbc.sql("DELETE FROM outcome_event WHERE received_at < :before")
                .param("before", Timestamp.from(intakeBefore))
                .update();
        int interactions = jdbc.sql("""
                        DELETE FROM outcome_interaction i WHERE i.last_update_at < :before
                           AND NOT EXISTS (SELECT 1 FROM outbox_message o WHERE o.organisation = i.organisation
                                           AND o.interaction_id = i.interaction_id AND o.status <> :delivered)""")
                .param("before", Timestamp.from(intakeBefore))
                .param("delivered", DELIVERED.name())
                .update();
        int messages = jdbc.sql("DELETE FROM outbox_message WHERE status = :delivered AND delivered_at < :before")
                .param("delivered", DELIVERED.name())
                .param("before", Timestamp.from(deliveredBefore))
                .update();
        return events + interactions + messages;
    }

    // --- erasure (OutcomeErasure decides, this reads and writes the rows) ---------------------------

    /** A stored message as an erasure sees it: whose it is, and the texts that may name someone. */
    record Stored(long id, OutboxStatus status, @Nullable String userId, String organisation, String interactionId,
            String payload, @Nullable String lastError) {

        private static Stored map(ResultSet rs, int row) throws SQLException {
            return new Stored(rs.getLong(1), OutboxStatus.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getString(6), rs.getString(7));
        }
    }

    private static final String STORED_COLUMNS =
            "SELECT id, status, cdp_user_id, organisation, interaction_id, payload, last_error FROM outbox_message WHERE ";

    /** The interactions whose messages were attributed to the customer (in any organisation). */
    List<String> interactionsAttributedTo(String cdpUserId) {
        return jdbc.sql("SELECT DISTINCT interaction_id FROM outbox_message WHERE cdp_user_id = :user")
                .param("user", cdpUserId).query(String.class).list();
    }

    /** Every message attributed to the customer, whatever its status. */
    List<Stored> attributedTo(String cdpUserId) {
        return jdbc.sql(STORED_COLUMNS + "cdp_user_id = :user").param("user", cdpUserId).query(Stored::map).list();
    }

    /** Parked messages without a customer of these interactions (in any organisation). */
    List<Stored> parkedOf(Collection<String> interactionIds) {
        List<Stored> parked = new ArrayList<>();
        chunked(interactionIds, ids -> parked.addAll(jdbc.sql(STORED_COLUMNS
                        + "status = :parked AND cdp_user_id IS NULL AND interaction_id IN (:ids)")
                .param("parked", UNATTRIBUTED.name()).param("ids", ids).query(Stored::map).list()));
        return parked;
    }

    /** Messages whose payload or last error contains {@code likePattern} (lower case, {@code \} escapes). */
    List<Stored> mentioning(String likePattern) {
        return jdbc.sql(STORED_COLUMNS + "LOWER(payload) LIKE :p ESCAPE '\\' OR LOWER(last_error) LIKE :p ESCAPE '\\'")
                .param("p", likePattern).query(Stored::map).list();
    }

    /** Whether this organisation's outcome of the interaction went to a customer other than {@code cdpUserId}. */
    boolean attributedToAnother(String organisation, String interactionId, String cdpUserId) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM outbox_message
                         WHERE organisation = :organisation AND interaction_id = :id
                           AND cdp_user_id IS NOT NULL AND cdp_user_id <> :user""")
                .param("organisation", organisation).param("id", interactionId).param("user", cdpUserId)
                .query(Long.class).single() > 0;
    }

    /** Deletes messages whatever their status (an erasure: nothing of them is to reach the CDP any more). */
    void delete(Collection<Long> ids) {
        chunked(ids, chunk -> jdbc.sql("DELETE FROM outbox_message WHERE id IN (:ids)").param("ids", chunk).update());
    }

    /** Replaces a kept message's texts (a mention of an erased customer redacted); its status does not change. */
    void redact(long id, String payload, @Nullable String lastError) {
        jdbc.sql("UPDATE outbox_message SET payload = :payload, last_error = :error WHERE id = :id")
                .param("payload", payload)
                .param("error", lastError)
                .param("id", id)
                .update();
    }

    /** Hands {@code values} to {@code each} in lists of at most {@link #CHUNK}. */
    static <T> void chunked(Collection<T> values, Consumer<List<T>> each) {
        List<T> all = List.copyOf(values);
        for (int from = 0; from < all.size(); from += CHUNK) {
            each.accept(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
    }

    private static String truncate(String error) {
        return error.length() <= 500 ? error : error.substring(0, 500);
    }
}
