package com.profilebridge.console.operations;

import com.profilebridge.audit.AuditTrail;
import com.profilebridge.cdp.CdpClient;
import com.profilebridge.console.ConsoleRoles;
import com.profilebridge.identity.IdentityProperties;
import com.profilebridge.outcome.OutboxEntry;
import com.profilebridge.outcome.OutboxStats;
import com.profilebridge.outcome.OutcomeAttributed;
import com.profilebridge.outcome.OutcomeOperations;
import com.profilebridge.profile.ProfileService;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The operations page's use cases, for the Vaadin view and the {@code /api/console/operations} REST
 * endpoints alike: {@code SUPERVISOR} reads (the history, dead letters, parked outcomes),
 * {@code ADMIN} acts (replay, manual attribution). The roles are checked here, on the server,
 * whatever the caller shows or hides.
 */
@Service
public class OperationsConsole {

    /** Audit action: an operator put a dead letter back in the queue (one record per message). */
    public static final String OUTCOME_REPLAYED = OutcomeOperations.OUTCOME_REPLAYED;
    /** Audit action: an operator attributed a parked outcome to a customer by hand. */
    public static final String OUTCOME_ATTRIBUTED = "OUTCOME_ATTRIBUTED";
    /** The most dead letters or parked outcomes one list shows. */
    public static final int LIST_LIMIT = 200;
    /** Outbox message ids are {@code pb-<hash>-r<revision>}; anything else is not looked up. */
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final Logger log = LoggerFactory.getLogger(OperationsConsole.class);

    private final OperationsHistory history;
    private final OutcomeOperations outcomes;
    private final ProfileService profiles;
    private final CdpClient cdp;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Pattern userId;
    private final Clock clock;
    private final OperationsProperties properties;
    private final OperationsInstance instance;
    private final SecurityContextHolderStrategy securityContexts;

    /**
     * @param securityContexts the strategy the security filters and method security of this
     *     application use (Vaadin declares one); the static holder may belong to another application
     *     context in the same JVM (tests)
     */
    OperationsConsole(OperationsHistory history, OutcomeOperations outcomes, ProfileService profiles, CdpClient cdp,
            AuditTrail audit, TransactionTemplate transactions, IdentityProperties identity, Clock clock,
            OperationsProperties properties, OperationsInstance instance,
            ObjectProvider<SecurityContextHolderStrategy> securityContexts) {
        this.history = history;
        this.outcomes = outcomes;
        this.profiles = profiles;
        this.cdp = cdp;
        this.audit = audit;
        this.transactions = transactions;
        this.userId = Pattern.compile(identity.userIdPattern());
        this.clock = clock;
        this.properties = properties;
        this.instance = instance;
        this.securityContexts = securityContexts.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
    }

    /**
     * The history of every instance the store knows, merged for the charts, with each instance's
     * state (see {@link ClusterMerge} for how).
     */
    @PreAuthorize(ConsoleRoles.CAN_READ)
    public OperationsSnapshot snapshot() {
        Instant now = clock.instant();
        CircuitBreaker.State breaker = profiles.breakerState();
        OperationsHistory.Histories histories = history.read();
        Duration interval = properties.sampleInterval();
        List<OperationsSnapshot.InstanceStatus> instances = histories.instances().stream()
                .map(h -> ClusterMerge.status(h, h.self() ? breaker : null, now, interval)).toList();
        return new OperationsSnapshot(now, instance.name(), profiles.cdpName(), interval, properties.window(), breaker,
                histories.scope(), ClusterMerge.samples(histories.instances(), interval),
                ClusterMerge.transitions(histories.instances()), instances, ClusterMerge.rules(interval));
    }

    /** The outbox figures now (one aggregate query), for a page that just listed or changed the outbox. */
    @PreAuthorize(ConsoleRoles.CAN_READ)
    public OutboxStats outbox() {
        return outcomes.stats();
    }

    @PreAuthorize(ConsoleRoles.CAN_READ)
    public List<OutboxEntry> deadLetters() {
        return outcomes.deadLetters(LIST_LIMIT);
    }

    @PreAuthorize(ConsoleRoles.CAN_READ)
    public List<OutboxEntry> unattributed() {
        return outcomes.unattributed(LIST_LIMIT);
    }

    /**
     * Puts one dead letter back in the queue (same message id: the CDP dedupes a resend), with an
     * {@value #OUTCOME_REPLAYED} audit record naming the operator, in one transaction.
     */
    @PreAuthorize(ConsoleRoles.CAN_ACT)
    public Replay replay(String messageId) {
        if (!isMessageId(messageId)) {
            return new Replay.InvalidMessageId();
        }
        int requeued = requeue(messageId);
        return requeued == 0 ? new Replay.NoSuchDeadLetter() : new Replay.Requeued(requeued);
    }

    /** Puts every dead letter back in the queue, with one audit record per message. */
    @PreAuthorize(ConsoleRoles.CAN_ACT)
    public Replay.Requeued replayAll() {
        return new Replay.Requeued(requeue(null));
    }

    /** Requeues and audits together (see {@link OutcomeOperations#replay}), as the signed-in operator. */
    private int requeue(@Nullable String messageId) {
        return outcomes.replay(messageId, actor(), AuditTrail.CONSOLE).size();
    }

    /**
     * Attributes a parked outcome to a customer: the id must look like a CDP user id and the CDP
     * must know the customer; then every parked message of the interaction becomes due with that
     * id and an {@code OUTCOME_ATTRIBUTED} audit record names the operator, in one transaction
     * (no audit record, no change).
     */
    @PreAuthorize(ConsoleRoles.CAN_ACT)
    public Attribution attribute(String messageId, @Nullable String cdpUserId) {
        if (!isMessageId(messageId)) {
            return new Attribution.InvalidMessageId();
        }
        String customer = cdpUserId == null ? "" : cdpUserId.strip();
        if (!userId.matcher(customer).matches()) {
            return new Attribution.InvalidCustomerId();
        }
        if (outcomes.parked(messageId).isEmpty()) {
            return new Attribution.NoSuchParkedOutcome();
        }
        try {
            if (cdp.profile(customer).isEmpty()) {
                return new Attribution.UnknownCustomer();
            }
        } catch (RuntimeException e) {
            log.warn("Console: the CDP could not confirm a customer for a manual attribution: {}", e.toString());
            return new Attribution.CustomerNotChecked();
        }
        String actor = actor();
        Optional<OutcomeAttributed> done = transactions.execute(tx -> {
            Optional<OutcomeAttributed> attributed = outcomes.attribute(messageId, customer);
            attributed.ifPresent(a -> audit.record(actor, null, OUTCOME_ATTRIBUTED, a.cdpUserId(), a.interactionId(),
                    AuditTrail.CONSOLE));
            return attributed;
        });
        if (done == null || done.isEmpty()) {
            return new Attribution.NoSuchParkedOutcome();
        }
        log.info("Console: {} attributed {} parked outcome message(s) by hand", actor, done.get().messages());
        return new Attribution.Attributed(done.get().interactionId(), done.get().cdpUserId(), done.get().messages());
    }

    private static boolean isMessageId(String messageId) {
        return MESSAGE_ID.matcher(messageId).matches();
    }

    private String actor() {
        Authentication authentication = securityContexts.getContext().getAuthentication();
        return authentication == null ? "unknown" : authentication.getName();
    }
}
