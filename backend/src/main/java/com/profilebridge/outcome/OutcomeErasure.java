package com.profilebridge.outcome;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One customer's erasure from the outcome tables. Their outbox messages are deleted whatever their
 * state (pending, parked, dead or delivered: nothing about them is to reach the CDP any more), and
 * so are parked messages of their interactions or naming them. Intake records ({@code outcome_event})
 * are kept, because their key is what makes a platform's retry of an old event a duplicate, but
 * lose the customer's id and the outcome's fields. Where another customer's outcome text names
 * them (an agent's notes), the mention is replaced and the row kept.
 *
 * <p>"Their interactions" are the caller's to give (links, audit rows, attributed messages); an
 * interaction id is taken in every organisation. This class decides; the outbox rows are read,
 * deleted and redacted through {@link Outbox}, the owner of that table.
 */
@Repository
public class OutcomeErasure {

    private static final String EMPTY_FIELDS = "{}";

    private final JdbcClient jdbc;
    private final Outbox outbox;

    OutcomeErasure(JdbcClient jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /**
     * What an erasure finds (and what it did, from {@link #erase}).
     *
     * @param pending undelivered messages attributed to the customer
     * @param parked unattributed messages of the customer's interactions or naming them
     * @param deadLetters messages that exhausted their attempts or were refused
     * @param delivered messages kept after delivery (until {@code bridge.outcomes.delivered-retention})
     * @param intakeRecords intake records whose customer id and fields are cleared
     * @param mentions other rows whose texts name the customer (redacted)
     */
    public record Found(long pending, long parked, long deadLetters, long delivered, long intakeRecords, long mentions) {}

    /** The interactions whose outcomes were attributed to the customer or sent with their id. */
    public List<String> interactionsOf(String cdpUserId) {
        Set<String> interactions = new LinkedHashSet<>(outbox.interactionsAttributedTo(cdpUserId));
        interactions.addAll(jdbc.sql("SELECT DISTINCT interaction_id FROM outcome_event WHERE user_id = :user")
                .param("user", cdpUserId).query(String.class).list());
        return List.copyOf(interactions);
    }

    /**
     * @param terms the customer's identifiers as they could appear in stored texts (id, E.164 phone,
     *     e-mail), matched without regard to case
     */
    public Found count(String cdpUserId, Collection<String> interactions, Collection<String> terms) {
        return plan(cdpUserId, Set.copyOf(interactions), terms).found();
    }

    /**
     * Deletes, clears and redacts what {@link #count} finds; run it in the erasure's transaction.
     *
     * @param replacement what a mention of the customer in a kept text becomes (their pseudonym)
     */
    public Found erase(String cdpUserId, Collection<String> interactions, Collection<String> terms, String replacement) {
        Plan plan = plan(cdpUserId, Set.copyOf(interactions), terms);
        outbox.delete(plan.deleted.keySet());
        Outbox.chunked(plan.cleared, keys -> jdbc.sql("UPDATE outcome_event SET user_id = NULL, fields = :empty WHERE dedupe_key IN (:keys)")
                .param("empty", EMPTY_FIELDS).param("keys", keys).update());
        for (Outbox.Stored m : plan.redactedMessages) {
            outbox.redact(m.id(), plan.redact(m.payload(), replacement),
                    m.lastError() == null ? null : plan.redact(m.lastError(), replacement));
        }
        for (IntakeRow e : plan.redactedIntake) {
            jdbc.sql("UPDATE outcome_event SET fields = :fields WHERE dedupe_key = :key")
                    .param("fields", plan.redact(e.fields(), replacement)).param("key", e.key()).update();
        }
        return plan.found();
    }

    private record IntakeRow(String key, String organisation, String interactionId, @Nullable String userId,
            String fields) {}

    /** The rows to delete, clear and redact, decided before anything changes. */
    private static final class Plan {
        final Map<Long, OutboxStatus> deleted = new LinkedHashMap<>();
        final List<String> cleared = new ArrayList<>();
        final List<Outbox.Stored> redactedMessages = new ArrayList<>();
        final List<IntakeRow> redactedIntake = new ArrayList<>();
        final List<Pattern> terms;

        Plan(Collection<String> terms) {
            this.terms = terms.stream().filter(t -> !t.isBlank())
                    .map(t -> Pattern.compile(Pattern.quote(t), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)).toList();
        }

        boolean mentions(@Nullable String text) {
            return text != null && terms.stream().anyMatch(t -> t.matcher(text).find());
        }

        String redact(String text, String replacement) {
            String result = text;
            for (Pattern term : terms) {
                result = term.matcher(result).replaceAll(Matcher.quoteReplacement(replacement));
            }
            return result;
        }

        Found found() {
            return new Found(status(OutboxStatus.PENDING), status(OutboxStatus.UNATTRIBUTED), status(OutboxStatus.DEAD),
                    status(OutboxStatus.DELIVERED), cleared.size(), redactedMessages.size() + redactedIntake.size());
        }

        private long status(OutboxStatus status) {
            return deleted.values().stream().filter(status::equals).count();
        }
    }

    private Plan plan(String user, Set<String> interactions, Collection<String> terms) {
        Plan plan = new Plan(terms);
        Map<Long, Outbox.Stored> messages = new LinkedHashMap<>();
        outbox.attributedTo(user).forEach(m -> messages.put(m.id(), m));
        outbox.parkedOf(interactions).forEach(m -> messages.put(m.id(), m));
        for (String pattern : likePatterns(terms)) {
            outbox.mentioning(pattern).forEach(m -> messages.put(m.id(), m));
        }
        Set<Outbox.Interaction> deletedInteractions = new HashSet<>();
        for (Outbox.Stored m : messages.values()) {
            boolean mentions = plan.mentions(m.payload()) || plan.mentions(m.lastError());
            boolean parkedOfTheCustomer = m.userId() == null && m.status() == OutboxStatus.UNATTRIBUTED
                    && (interactions.contains(m.interactionId()) || mentions);
            if (user.equals(m.userId()) || parkedOfTheCustomer) {
                plan.deleted.put(m.id(), m.status());
                deletedInteractions.add(new Outbox.Interaction(m.organisation(), m.interactionId()));
            } else if (mentions) {
                plan.redactedMessages.add(m);
            }
        }
        Set<String> intakeInteractions = new HashSet<>(interactions);
        deletedInteractions.forEach(i -> intakeInteractions.add(i.interactionId()));

        Map<String, IntakeRow> intake = new LinkedHashMap<>();
        String intakeColumns = "SELECT dedupe_key, organisation, interaction_id, user_id, fields FROM outcome_event WHERE ";
        jdbc.sql(intakeColumns + "user_id = :user").param("user", user).query(OutcomeErasure::intake).list()
                .forEach(e -> intake.put(e.key(), e));
        Outbox.chunked(intakeInteractions, ids -> jdbc.sql(intakeColumns + "user_id IS NULL AND interaction_id IN (:ids)")
                .param("ids", ids).query(OutcomeErasure::intake).list().forEach(e -> intake.put(e.key(), e)));
        for (String pattern : likePatterns(terms)) {
            jdbc.sql(intakeColumns + "LOWER(fields) LIKE :p ESCAPE '\\'").param("p", pattern)
                    .query(OutcomeErasure::intake).list().forEach(e -> intake.put(e.key(), e));
        }
        for (IntakeRow e : intake.values()) {
            // the records behind a deleted message, or of the customer's interaction unless its outcome went to another
            boolean ofTheCustomer = user.equals(e.userId()) || (e.userId() == null && !EMPTY_FIELDS.equals(e.fields())
                    && (deletedInteractions.contains(new Outbox.Interaction(e.organisation(), e.interactionId()))
                            || interactions.contains(e.interactionId())
                                    && !outbox.attributedToAnother(e.organisation(), e.interactionId(), user)));
            if (ofTheCustomer) {
                plan.cleared.add(e.key());
            } else if (plan.mentions(e.fields())) {
                plan.redactedIntake.add(e);
            }
        }
        return plan;
    }

    private static List<String> likePatterns(Collection<String> terms) {
        return terms.stream().filter(t -> !t.isBlank())
                .map(t -> "%" + t.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
                .toList();
    }

    private static IntakeRow intake(ResultSet rs, int row) throws SQLException {
        return new IntakeRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
    }
}
