package com.profilebridge.outcome;

import com.profilebridge.shared.Sha256;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox table. Workers claim due messages with {@code FOR UPDATE SKIP LOCKED} and a lease:
 * the row lock keeps two workers (in any instance) from claiming the same message, the lease keeps
 * it theirs while they deliver outside the transaction, and a worker that dies leaves a lease that
 * expires, so the message is claimed again, never lost.
 */
@Repository
class Outbox {

    static final String UNATTRIBUTED = "UNATTRIBUTED";
    static final String PENDING = "PENDING";
    static final String DELIVERED = "DELIVERED";
    static final String DEAD = "DEAD";
    static final String COMPLETED = "Interaction Completed";
    static final String CORRECTED = "Interaction Outcome Corrected";

    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {};
    /** What operators see of a message ({@link OutboxEntry}): no payload. */
    private static final String ENTRY_COLUMNS = """
            SELECT message_id, interaction_id, revision, cdp_user_id, event_name, event_time, status, attempts,
                   available_at, last_error, created_at, delivered_at FROM outbox_message""";

    /** Rows changed per statement by a replay (an IN list the databases take without trouble). */
    private static final int REPLAY_BATCH = 500;

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
    record Latest(long id, int revision, String status, int attempts, @Nullable Instant leaseUntil, String payload,
            @Nullable String userId, Instant createdAt) {

        static Latest map(ResultSet rs, int row) throws SQLException {
            Timestamp lease = rs.getTimestamp("lease_until");
            return new Latest(rs.getLong("id"), rs.getInt("revision"), rs.getString("status"), rs.getInt("attempts"),
                    lease == null ? null : lease.toInstant(), rs.getString("payload"), rs.getString("cdp_user_id"),
                    rs.getTimestamp("created_at").toInstant());
        }

        /** Never attempted and not claimed: it may still change without a new message id. */
        boolean isOpen(Instant now) {
            return (status.equals(PENDING) || status.equals(UNATTRIBUTED)) && attempts == 0
                    && (leaseUntil == null || leaseUntil.isBefore(now));
        }
    }

    /** A message claimed for delivery. */
    record Claimed(long id, String messageId, String organisation, String interactionId, int revision, String userId,
            String eventName, Instant eventTime, Map<String, Object> payload, int attempts) {}

    /** An interaction of an organisation. */
    record Interaction(String organisation, String interactionId) {}

    /** A revision of an interaction's outcome, new in the outbox. */
    record NewMessage(String messageId, String organisation, String interactionId, int revision, @Nullable String userId,
            String eventName, Instant eventTime, String payload, String status, Instant availableAt, Instant createdAt) {}

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
            ps.setString(9, m.status());
            ps.setTimestamp(10, Timestamp.from(m.availableAt()));
            ps.setTimestamp(11, Timestamp.from(m.createdAt()));
        }));
    }

    /**
     * Claims up to {@code limit} due messages for {@code owner} until {@code leaseUntil}. A correction
     * waits while an earlier revision of its interaction is still undelivered, so the CDP sees them
     * in order. Ordered like the {@code (status, available_at)} index, so the database walks the index
     * and stops after {@code limit} rows however large the backlog is.
     */
    List<Claimed> claim(String owner, int limit, Instant now, Instant leaseUntil) {
        return transactions.execute(tx -> {
            List<Claimed> due = jdbc.sql("""
                            SELECT id, message_id, organisation, interaction_id, revision, cdp_user_id, event_name, event_time,
                                   payload, attempts
                              FROM outbox_message o
                             WHERE o.status = 'PENDING' AND o.available_at <= :now
                               AND (o.lease_until IS NULL OR o.lease_until < :now)
                               AND (o.revision = 1
                                    OR NOT EXISTS (SELECT 1 FROM outbox_message p
                                                    WHERE p.organisation = o.organisation
                                                      AND p.interaction_id = o.interaction_id AND p.revision < o.revision
                                                      AND p.status IN ('PENDING', 'UNATTRIBUTED')))
                             ORDER BY o.status, o.available_at
                             LIMIT :limit
                             FOR UPDATE SKIP LOCKED""")
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

    /**
     * Marks messages the CDP accepted, in one statement per round. A message whose lease was lost
     * meanwhile is left alone (another worker may send it again: same message id, the CDP dedupes).
     */
    int delivered(List<Claimed> messages, String owner, Instant now) {
        if (messages.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        UPDATE outbox_message
                           SET status = 'DELIVERED', delivered_at = :now, attempts = attempts + 1,
                               lease_owner = NULL, lease_until = NULL, last_error = NULL
                         WHERE id IN (:ids) AND lease_owner = :owner""")
                .param("now", Timestamp.from(now))
                .param("ids", messages.stream().map(Claimed::id).toList())
                .param("owner", owner)
                .update();
    }

    void retryLater(Claimed m, String owner, Instant at, String error) {
        jdbc.sql("""
                        UPDATE outbox_message
                           SET attempts = attempts + 1, available_at = :at, last_error = :error,
                               lease_owner = NULL, lease_until = NULL
                         WHERE id = :id AND lease_owner = :owner""")
                .param("at", Timestamp.from(at))
                .param("error", truncate(error))
                .param("id", m.id())
                .param("owner", owner)
                .update();
    }

    void deadLetter(Claimed m, String owner, String error) {
        jdbc.sql("""
                        UPDATE outbox_message
                           SET status = 'DEAD', attempts = attempts + 1, last_error = :error,
                               lease_owner = NULL, lease_until = NULL
                         WHERE id = :id AND lease_owner = :owner""")
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

    /** Parked messages of this organisation's interaction now have a customer: they become due. */
    int attribute(String organisation, String interactionId, String cdpUserId) {
        return jdbc.sql("""
                        UPDATE outbox_message SET cdp_user_id = :user, status = 'PENDING'
                         WHERE organisation = :organisation AND interaction_id = :id AND status = 'UNATTRIBUTED'""")
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
                                 WHERE message_id = :message AND status = 'UNATTRIBUTED' FOR UPDATE""")
                        .param("message", messageId)
                        .query((rs, n) -> new Interaction(rs.getString(1), rs.getString(2)))
                        .optional()
                        .map(parked -> new OutcomeAttributed(parked.interactionId(), cdpUserId,
                                attribute(parked.organisation(), parked.interactionId(), cdpUserId))));
    }

    List<Interaction> unattributedInteractions(int limit) {
        return jdbc.sql("""
                        SELECT DISTINCT organisation, interaction_id FROM outbox_message
                         WHERE status = 'UNATTRIBUTED' LIMIT :limit""")
                .param("limit", limit)
                .query((rs, n) -> new Interaction(rs.getString(1), rs.getString(2)))
                .list();
    }

    List<OutboxEntry> list(String status, int limit) {
        return jdbc.sql(ENTRY_COLUMNS + " WHERE status = :status ORDER BY created_at LIMIT :limit")
                .param("status", status)
                .param("limit", limit)
                .query(Outbox::entry)
                .list();
    }

    Optional<OutboxEntry> find(String messageId, String status) {
        return jdbc.sql(ENTRY_COLUMNS + " WHERE message_id = :message AND status = :status")
                .param("message", messageId)
                .param("status", status)
                .query(Outbox::entry)
                .optional();
    }

    private static OutboxEntry entry(ResultSet rs, int row) throws SQLException {
        Timestamp delivered = rs.getTimestamp("delivered_at");
        return new OutboxEntry(rs.getString("message_id"), rs.getString("interaction_id"), rs.getInt("revision"),
                rs.getString("cdp_user_id"), rs.getString("event_name"), rs.getTimestamp("event_time").toInstant(),
                rs.getString("status"), rs.getInt("attempts"), rs.getTimestamp("available_at").toInstant(),
                rs.getString("last_error"), rs.getTimestamp("created_at").toInstant(),
                delivered == null ? null : delivered.toInstant());
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
                    + " WHERE status = 'DEAD'" + (messageId == null ? "" : " AND message_id = :message")
                    + " ORDER BY id FOR UPDATE");
            if (messageId != null) {
                select = select.param("message", messageId);
            }
            List<Map.Entry<Long, OutboxEntry>> dead = select.query((rs, n) -> Map.entry(rs.getLong("id"), entry(rs, n))).list();
            List<Long> ids = dead.stream().map(Map.Entry::getKey).toList();
            for (int from = 0; from < ids.size(); from += REPLAY_BATCH) {
                jdbc.sql("""
                                UPDATE outbox_message SET status = 'PENDING', attempts = 0, available_at = :now, last_error = NULL
                                 WHERE id IN (:ids)""")
                        .param("now", Timestamp.from(now))
                        .param("ids", ids.subList(from, Math.min(ids.size(), from + REPLAY_BATCH)))
                        .update();
            }
            return dead.stream().map(Map.Entry::getValue).toList();
        });
    }

    OutboxStats stats(Instant now) {
        return jdbc.sql("""
                        SELECT SUM(CASE WHEN status = 'PENDING' THEN 1 ELSE 0 END),
                               MIN(CASE WHEN status = 'PENDING' THEN created_at END),
                               SUM(CASE WHEN status = 'UNATTRIBUTED' THEN 1 ELSE 0 END),
                               SUM(CASE WHEN status = 'DEAD' THEN 1 ELSE 0 END)
                          FROM outbox_message WHERE status <> 'DELIVERED'""")
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
                                           AND o.interaction_id = i.interaction_id AND o.status <> 'DELIVERED')""")
                .param("before", Timestamp.from(intakeBefore))
                .update();
        int messages = jdbc.sql("DELETE FROM outbox_message WHERE status = 'DELIVERED' AND delivered_at < :before")
                .param("before", Timestamp.from(deliveredBefore))
                .update();
        return events + interactions + messages;
    }

    private static String truncate(String error) {
        return error.length() <= 500 ? error : error.substring(0, 500);
    }
}
