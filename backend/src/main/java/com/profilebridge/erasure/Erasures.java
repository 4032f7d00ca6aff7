package com.profilebridge.erasure;

import com.profilebridge.audit.AuditPseudonyms;
import com.profilebridge.audit.AuditTrail;
import com.profilebridge.cdp.CdpClient;
import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.console.ConsoleRoles;
import com.profilebridge.identity.IdentifierParser;
import com.profilebridge.identity.InteractionLinkErasure;
import com.profilebridge.masking.PiiMasker;
import com.profilebridge.outcome.OutcomeErasure;
import com.profilebridge.profile.ProfileInvalidation;
import com.profilebridge.security.CallerAuthenticator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Erases one customer from every store the bridge keeps ("right to be forgotten"); {@code ADMIN}
 * only, for the console view and its REST endpoint alike.
 *
 * <ol>
 *   <li>Learn where the customer is: their phone number and e-mail address from the CDP (read
 *       directly, so nothing is cached on the way) and from this instance's cache keys; their
 *       interactions from links, audit rows and outcomes.
 *   <li>Evict the caches: Redis, this instance's memory, and every other instance's memory by a
 *       pub/sub message ({@link ProfileInvalidation}), including "nobody matched" entries of their
 *       phone number or e-mail address.
 *   <li>In one transaction: delete their links and outbox messages, clear their outcome intake
 *       records, redact mentions of them in other customers' outcome texts, replace their id by a
 *       pseudonym in the audit trail, and record the erasure (audit row {@code ERASURE} and the
 *       erasure register), naming the pseudonym only. The audit write failing undoes the erasure.
 * </ol>
 *
 * Running it again finds nothing and is audited again. What it cannot reach (the CDP itself,
 * logs, backups) is in docs/console/erasure.md.
 */
@Service
public class Erasures {

    /** Audit action of an erasure. */
    public static final String ERASURE = "ERASURE";
    /** Audit action of an administrator looking at what an erasure would find (masked). */
    public static final String ERASURE_PREVIEW = "ERASURE_PREVIEW";
    static final String CHANNEL = "console";
    /** The longest reason stored with an erasure. */
    public static final int MAX_REASON = 500;

    private static final Logger log = LoggerFactory.getLogger(Erasures.class);

    private final CdpClient cdp;
    private final IdentifierParser parser;
    private final ProfileInvalidation caches;
    private final InteractionLinkErasure links;
    private final OutcomeErasure outcomes;
    private final AuditPseudonyms auditRows;
    private final AuditTrail audit;
    private final ErasureRegister register;
    private final Pseudonyms pseudonyms;
    private final PiiMasker masker;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;

    Erasures(CdpClient cdp, IdentifierParser parser, ProfileInvalidation caches, InteractionLinkErasure links,
            OutcomeErasure outcomes, AuditPseudonyms auditRows, AuditTrail audit, ErasureRegister register,
            Pseudonyms pseudonyms, PiiMasker masker, TransactionTemplate transactions, JsonMapper json, Clock clock) {
        this.cdp = cdp;
        this.parser = parser;
        this.caches = caches;
        this.links = links;
        this.outcomes = outcomes;
        this.auditRows = auditRows;
        this.audit = audit;
        this.register = register;
        this.pseudonyms = pseudonyms;
        this.masker = masker;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    /**
     * What an erasure would find, counted per store, with the customer's phone number and e-mail
     * address masked. Audited ({@value #ERASURE_PREVIEW}) under the pseudonym.
     *
     * @throws ErasureRefused when the id is blank, not a customer id, or a pseudonym
     */
    @PreAuthorize(ConsoleRoles.CAN_ACT)
    public ErasurePreview preview(@Nullable String cdpUserId, String actor) {
        String user = customerId(cdpUserId);
        String pseudonym = pseudonyms.of(user);
        CustomerTraces traces = trace(user);
        Map<ErasedStore, Long> counts = new EnumMap<>(ErasedStore.class);
        counts.put(ErasedStore.INTERACTION_LINKS, links.count(user));
        put(counts, outcomes.count(user, traces.interactions(), traces.terms()));
        counts.put(ErasedStore.AUDIT_EVENTS, auditRows.count(user));
        List<ErasureNote> notes = notes(traces);
        try {
            ProfileInvalidation.Holdings held = caches.count(traces.identifiers());
            counts.put(ErasedStore.MEMORY_CACHES, held.memory());
            counts.put(ErasedStore.SHARED_CACHE, held.shared());
        } catch (RuntimeException e) {
            log.warn("Shared cache not reachable while counting an erasure's entries: {}", e.toString());
            counts.put(ErasedStore.MEMORY_CACHES, 0L);
            notes.add(ErasureNote.SHARED_CACHE_UNREACHABLE);
        }
        audit.record(actor, null, ERASURE_PREVIEW, pseudonym, null, CHANNEL);
        return new ErasurePreview(pseudonym, masker.maskPhone(traces.value(CdpIdentifier.Kind.PHONE)),
                masker.maskEmail(traces.value(CdpIdentifier.Kind.EMAIL)), counts, notes);
    }

    /**
     * Erases the customer (see the class comment) and reports what was found where.
     *
     * @param actor who asks (the signed-in administrator)
     * @param reason why, e.g. the ticket of the request; masked, and the customer's identifiers in it
     *     replaced by the pseudonym, before it is stored
     * @throws ErasureRefused when the id is blank, not a customer id, or a pseudonym, or the reason
     *     is too long
     */
    @PreAuthorize(ConsoleRoles.CAN_ACT)
    public ErasureReport erase(@Nullable String cdpUserId, String actor, @Nullable String reason) {
        return erasure(cdpUserId, actor, reason, CHANNEL);
    }

    /**
     * The same erasure asked for by a machine: a data-subject-request tool (OneTrust, a ticket
     * system) calling {@code POST /v1/erasures} with a bearer token that carries the {@code ERASURE}
     * role. Audited with the token's OAuth client as the actor, on the channel {@code api}.
     *
     * @param clientId the OAuth client of the token (never a person's name)
     */
    @PreAuthorize("hasRole('" + CallerAuthenticator.ERASURE + "')")
    public ErasureReport eraseOnRequestOf(String clientId, @Nullable String cdpUserId, @Nullable String reason) {
        return erasure(cdpUserId, clientId, reason, AuditTrail.INTEGRATION_API);
    }

    private ErasureReport erasure(@Nullable String cdpUserId, String actor, @Nullable String reason, String channel) {
        String user = customerId(cdpUserId);
        if (reason != null && reason.strip().length() > MAX_REASON) {
            throw new ErasureRefused("reason-too-long", "The reason is longer than " + MAX_REASON + " characters.");
        }
        String pseudonym = pseudonyms.of(user);
        CustomerTraces traces = trace(user);
        List<ErasureNote> notes = notes(traces);
        Map<ErasedStore, Long> counts = new EnumMap<>(ErasedStore.class);
        long instances = 0;
        boolean complete = true;
        // caches first: the transaction below is the record of the erasure and must come last
        try {
            ProfileInvalidation.Eviction eviction = caches.evict(traces.identifiers());
            counts.put(ErasedStore.MEMORY_CACHES, eviction.memory());
            counts.put(ErasedStore.SHARED_CACHE, eviction.shared());
            instances = eviction.instancesNotified();
        } catch (RuntimeException e) {
            log.warn("Shared cache not reachable during an erasure; caches not erased: {}", e.toString());
            notes.add(ErasureNote.SHARED_CACHE_UNREACHABLE);
            complete = false;
        }
        Instant now = clock.instant();
        long instancesNotified = instances;
        boolean done = complete;
        return Objects.requireNonNull(transactions.execute(tx -> {
            counts.put(ErasedStore.INTERACTION_LINKS, links.delete(user));
            put(counts, outcomes.erase(user, traces.interactions(), traces.terms(), pseudonym));
            counts.put(ErasedStore.AUDIT_EVENTS, auditRows.pseudonymise(user, pseudonym));
            ErasureReport report = new ErasureReport(pseudonym, now, counts, instancesNotified, notes, done);
            register.record(now, actor, pseudonym, storedReason(reason, traces, pseudonym), json.writeValueAsString(report));
            audit.record(actor, null, ERASURE, pseudonym, null, channel);
            return report;
        }));
    }

    /** The id as given, checked: a customer id ({@code bridge.identity.user-id-pattern}), never a pseudonym. */
    private String customerId(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            throw new ErasureRefused("blank-customer-id", "Enter the customer's id (CDP user id).");
        }
        String value = raw.strip();
        if (Pseudonyms.isPseudonym(value)) {
            throw new ErasureRefused("already-a-pseudonym", "This is the pseudonym of an erased customer, not a customer id.");
        }
        CdpIdentifier id = parser.userId(value).identifier();
        if (id == null) {
            throw new ErasureRefused("invalid-customer-id", "This is not a customer id (CDP user id).");
        }
        return id.value();
    }

    private CustomerTraces trace(String user) {
        Set<CdpIdentifier> identifiers = new LinkedHashSet<>();
        identifiers.add(new CdpIdentifier(CdpIdentifier.Kind.USER_ID, user));
        boolean answered = true;
        Optional<CdpProfile> profile = Optional.empty();
        try {
            profile = cdp.profile(user);
        } catch (RuntimeException e) {
            answered = false;
            log.warn("CDP {} did not answer for an erasure; identifiers from the cache only: {}", cdp.name(), e.toString());
        }
        profile.ifPresent(p -> {
            if (p.phone() != null) {
                add(identifiers, parser.phoneNotRemembered(p.phone()).identifier());
            }
            if (p.email() != null) {
                add(identifiers, parser.email(p.email()).identifier());
            }
        });
        identifiers.addAll(caches.cachedRoutesTo(user));
        Set<String> interactions = new LinkedHashSet<>(links.interactionsOf(user));
        interactions.addAll(auditRows.interactionsOf(user));
        interactions.addAll(outcomes.interactionsOf(user));
        return new CustomerTraces(user, identifiers, interactions, answered, profile.isPresent());
    }

    private static void add(Set<CdpIdentifier> identifiers, @Nullable CdpIdentifier identifier) {
        if (identifier != null) {
            identifiers.add(identifier);
        }
    }

    private static List<ErasureNote> notes(CustomerTraces traces) {
        List<ErasureNote> notes = new ArrayList<>();
        if (!traces.cdpAnswered()) {
            notes.add(ErasureNote.CDP_UNREACHABLE);
        } else if (!traces.inCdp()) {
            notes.add(ErasureNote.NOT_IN_CDP);
        }
        return notes;
    }

    private static void put(Map<ErasedStore, Long> counts, OutcomeErasure.Found found) {
        counts.put(ErasedStore.OUTCOMES_PENDING, found.pending());
        counts.put(ErasedStore.OUTCOMES_PARKED, found.parked());
        counts.put(ErasedStore.OUTCOMES_DEAD_LETTERS, found.deadLetters());
        counts.put(ErasedStore.OUTCOMES_DELIVERED, found.delivered());
        counts.put(ErasedStore.OUTCOME_INTAKE_RECORDS, found.intakeRecords());
        counts.put(ErasedStore.MENTIONS, found.mentions());
    }

    /** The reason as stored: masked like any free text, the customer's identifiers replaced. */
    private @Nullable String storedReason(@Nullable String reason, CustomerTraces traces, String pseudonym) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        String text = masker.maskText(reason.strip());
        for (String term : traces.terms()) {
            text = Pattern.compile(Pattern.quote(term), Pattern.CASE_INSENSITIVE).matcher(text)
                    .replaceAll(Matcher.quoteReplacement(pseudonym));
        }
        return text;
    }
}
