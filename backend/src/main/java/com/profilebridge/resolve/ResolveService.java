package com.profilebridge.resolve;

import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.identity.CallerOrganisations;
import com.profilebridge.identity.ConfidenceScorer;
import com.profilebridge.identity.IdentifierParser;
import com.profilebridge.identity.IdentityDecision;
import com.profilebridge.identity.IdentityStatus;
import com.profilebridge.identity.InteractionLink;
import com.profilebridge.identity.InteractionLinks;
import com.profilebridge.identity.VerificationClaims;
import com.profilebridge.masking.MaskedProfile;
import com.profilebridge.profile.ProfileLookup;
import com.profilebridge.profile.ProfileService;
import com.profilebridge.profile.ProfileSource;
import com.profilebridge.shared.Deadline;
import com.profilebridge.shared.InteractionId;
import com.profilebridge.shared.web.CorrelationIdFilter;
import com.profilebridge.identity.MatchType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Resolves a caller: normalises the identifiers, looks each up through the profile cache in
 * parallel (all bounded by one deadline), scores the match, records the interaction link in the
 * caller's organisation and builds the IVR answer. The link is committed before the answer leaves
 * (read-your-writes for the widget, the proxy and outcomes on any instance), unless the database
 * is slower than {@code bridge.resolve.link-wait}: then the answer goes and the write finishes in
 * the background.
 */
@Service
public class ResolveService {

    private static final Logger log = LoggerFactory.getLogger(ResolveService.class);
    /** Time kept back from the budget for scoring, the link hand-off and writing the answer. */
    private static final Duration MARGIN = Duration.ofMillis(40);
    private static final java.util.Set<MatchType> AMBIGUOUS =
            java.util.EnumSet.of(MatchType.PHONE_SHARED, MatchType.EMAIL_SHARED, MatchType.CONFLICT);

    /** A platform name the link may carry as its source; anything else is replaced by the caller. */
    private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

    private final IdentifierParser parser;
    private final ConfidenceScorer scorer;
    private final VerificationClaims verification;
    private final CallerOrganisations organisations;
    private final ProfileService profiles;
    private final InteractionLinks links;
    private final ResolveProperties properties;
    private final ResponseSizeGuard sizeGuard;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Timer> latencyTimers = new java.util.concurrent.ConcurrentHashMap<>();
    private final Counter linksDeferred;

    ResolveService(IdentifierParser parser, ConfidenceScorer scorer, VerificationClaims verification,
            CallerOrganisations organisations, ProfileService profiles, InteractionLinks links,
            ResolveProperties properties, ResponseSizeGuard sizeGuard, Clock clock, MeterRegistry meters) {
        this.parser = parser;
        this.scorer = scorer;
        this.verification = verification;
        this.organisations = organisations;
        this.profiles = profiles;
        this.links = links;
        this.properties = properties;
        this.sizeGuard = sizeGuard;
        this.clock = clock;
        this.meters = meters;
        this.linksDeferred = Counter.builder("bridge.resolve.links.deferred")
                .description("Interaction links not committed within bridge.resolve.link-wait (written in the background)")
                .register(meters);
    }

    ResolveAnswer resolve(ResolveRequest request, String caller, long receivedNanos) {
        long started = System.nanoTime();
        // The budget counts from the request's arrival, so time spent queueing counts too.
        Deadline deadline = Deadline.after(receivedNanos, properties.budget()).minus(MARGIN);
        IdentifierParser.Parsed parsed = parser.parse(new IdentifierParser.Fields(
                request.identifier(), request.phoneNumber(), request.email(), request.userId()));

        // Identifiers are looked up in parallel; the first on this thread (a cache hit costs no hand-off).
        Map<CdpIdentifier, CompletableFuture<ProfileLookup>> running = new java.util.LinkedHashMap<>();
        for (CdpIdentifier identifier : parsed.identifiers().subList(Math.min(1, parsed.identifiers().size()),
                parsed.identifiers().size())) {
            running.put(identifier, CompletableFuture.supplyAsync(
                    () -> profiles.lookup(identifier, deadline, false), workers));
        }
        Map<CdpIdentifier.Kind, ProfileLookup> results = new EnumMap<>(CdpIdentifier.Kind.class);
        if (!parsed.identifiers().isEmpty()) {
            CdpIdentifier first = parsed.identifiers().getFirst();
            results.put(first.kind(), profiles.lookup(first, deadline, false));
        }
        running.forEach((identifier, future) -> results.put(identifier.kind(), await(identifier, future, deadline)));

        List<IdentifierParser.Ignored> ignored = new ArrayList<>(parsed.ignored());
        VerificationClaims.Claim claim = verification.read(request.verifiedBy(), caller);
        if (claim.ignoredBecause() != null) {
            ignored.add(new IdentifierParser.Ignored("verifiedBy", claim.ignoredBecause()));
        } else if (claim.verified() && !results.containsKey(CdpIdentifier.Kind.USER_ID)) {
            ignored.add(new IdentifierParser.Ignored("verifiedBy", "applies to a CDP user id only"));
        }
        ProfileLookup byUser = results.get(CdpIdentifier.Kind.USER_ID);
        IdentityDecision decision = scorer.score(
                byUser != null && byUser.found() ? byUser.profiles().getFirst().userId() : null,
                claim.verified(),
                ids(results.get(CdpIdentifier.Kind.EMAIL)),
                ids(results.get(CdpIdentifier.Kind.PHONE)));

        MaskedProfile chosen = null;
        ProfileLookup source = null;
        // An ambiguous match (household phone, shared e-mail, conflict) names nobody: the IVR
        // verifies first, and no one's profile is shown or linked on a guess.
        if (decision.userId() != null && !AMBIGUOUS.contains(decision.matchType())) {
            for (ProfileLookup lookup : results.values()) {
                for (MaskedProfile profile : lookup.profiles()) {
                    if (profile.userId().equals(decision.userId()) && (source == null || rank(lookup) < rank(source))) {
                        chosen = profile;
                        source = lookup;
                    }
                }
            }
        }
        String problem = results.values().stream()
                .map(ProfileLookup::problem).filter(p -> p != null).findFirst().orElse(null);

        // an id the widget, the proxy and outcomes would refuse is not stored, nor does it fail the call
        String sent = request.interaction();
        String interaction = InteractionId.parse(sent).map(InteractionId::value).orElse(null);
        if (sent != null && interaction == null) {
            ignored.add(new IdentifierParser.Ignored(request.interactionField(), "not an interaction id (1-"
                    + InteractionId.MAX_LENGTH + " letters, digits and . _ : -)"));
        }
        CompletableFuture<Void> linking = interaction != null && chosen != null
                ? link(new InteractionLink(interaction, decision.userId(), decision.confidence(), decision.matchType(),
                        linkSource(request.source(), caller), clock.instant(), organisations.of(caller), caller))
                : null;

        String status;
        String reason;
        if (parsed.identifiers().isEmpty()) {
            status = "not_found";
            reason = "no_identifier";
        } else if (problem != null) {
            status = "degraded";
            reason = problem;
        } else if (chosen == null && decision.userId() != null) {
            status = "success";
            reason = "ambiguous_match";
        } else {
            status = chosen == null ? "not_found" : "success";
            reason = chosen == null ? "no_match" : null;
        }
        ProfileSource profileSource = source == null ? ProfileSource.NONE : source.source();
        ResolveResponse response = build(status, reason, decision, chosen, source, ignored, interaction);
        ResponseSizeGuard.Bounded bounded = sizeGuard.bound(response);
        if (linking != null) {
            awaitLink(linking, deadline);
        }
        latency(profileSource, response.identityStatus()).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return new ResolveAnswer(bounded.response(), bounded.body());
    }

    /** One timer per tag pair, built once: registering on every call costs the hot path a registry lookup. */
    private Timer latency(ProfileSource source, String identityStatus) {
        return latencyTimers.computeIfAbsent(source.name() + "/" + identityStatus, k -> Timer.builder("bridge.resolve.latency")
                .tag("profile_source", source.name())
                .tag("identity_status", identityStatus)
                .publishPercentileHistogram()
                .register(meters));
    }

    private ProfileLookup await(CdpIdentifier identifier, CompletableFuture<ProfileLookup> future, Deadline deadline) {
        // ProfileService already answers by the deadline; this guard covers a starved worker thread.
        long waitNanos = Math.max(1, deadline.remaining().toNanos() + MARGIN.toNanos() / 2);
        try {
            return future.get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return profiles.cachedOnly(identifier, "cdp_timeout");
        }
    }

    private static int rank(ProfileLookup lookup) {
        return lookup.source().ordinal();
    }

    private static List<String> ids(@Nullable ProfileLookup lookup) {
        return lookup == null ? List.of() : lookup.profiles().stream().map(MaskedProfile::userId).toList();
    }

    /** The platform the caller says it is, when that is a plain name; else the caller itself. */
    private static String linkSource(@Nullable String claimed, String caller) {
        return claimed != null && SOURCE.matcher(claimed).matches() ? claimed : caller;
    }

    /** Starts the link's write now, so it overlaps building and serialising the answer. */
    private CompletableFuture<Void> link(InteractionLink link) {
        return CompletableFuture.runAsync(() -> {
            try {
                links.record(link);
            } catch (RuntimeException e) {
                log.error("Could not record the link of interaction {}: {}", link.interactionId(), e.toString());
            }
        }, workers);
    }

    /**
     * Waits for the link's commit, at most {@code link-wait} and never past the deadline: a slow
     * database costs the IVR that much at worst, and the write still lands in the background.
     */
    private void awaitLink(CompletableFuture<Void> linking, Deadline deadline) {
        long wait = Math.min(properties.linkWait().toNanos(), deadline.remaining().toNanos() + MARGIN.toNanos() / 2);
        try {
            linking.get(Math.max(0, wait), TimeUnit.NANOSECONDS);
        } catch (TimeoutException slow) {
            linksDeferred.increment();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.error("Could not record an interaction link: {}", e.getCause().toString());
        }
    }

    private ResolveResponse build(String status, @Nullable String reason, IdentityDecision decision,
            @Nullable MaskedProfile chosen, @Nullable ProfileLookup source, List<IdentifierParser.Ignored> ignoredFields,
            @Nullable String interaction) {
        String ignored = ignoredFields.isEmpty() ? null : ignoredFields.stream()
                .map(i -> i.field() + ": " + i.reason()).collect(Collectors.joining("; "));
        Long age = source == null || source.source() == ProfileSource.FRESH ? null : source.age().toSeconds();
        if (chosen == null) {
            boolean ambiguous = decision.userId() != null;
            return new ResolveResponse(status,
                    ambiguous ? IdentityStatus.NEEDS_VERIFICATION.name() : IdentityStatus.GUEST.name(),
                    ambiguous ? decision.confidence() : 0.0, decision.matchType().name(),
                    ProfileSource.NONE.name(), null, null, ambiguous ? decision.candidateCount() : 0, null, null,
                    null, null, null, reason, ignored, interaction, CorrelationIdFilter.current(), null, null);
        }
        CdpProfile p = chosen.profile();
        List<String> orders = new ArrayList<>();
        p.recentOrders().stream().limit(properties.maxOrders()).forEach(o -> orders.add(o.id()));
        return new ResolveResponse(status, decision.status().name(), decision.confidence(), decision.matchType().name(),
                source.source().name(), age, p.userId(), decision.candidateCount(), p.tier(), p.lifetimeValue(),
                p.preferredChannel(), p.recentOrders().size(), p.sentimentScore(), reason, ignored, interaction,
                CorrelationIdFilter.current(), null,
                new ResolveResponse.Profile(p.userId(), p.tier(), p.lifetimeValue(), p.preferredChannel(), orders,
                        p.recentOrders().size(), p.sentimentScore()));
    }

    /** The answer and its serialised bytes (measured against the size cap). */
    record ResolveAnswer(ResolveResponse response, byte[] body) {}
}
