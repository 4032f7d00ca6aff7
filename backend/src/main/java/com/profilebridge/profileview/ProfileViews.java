package com.profilebridge.profileview;

import com.profilebridge.audit.AuditTrail;
import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.console.ConsoleRoles;
import com.profilebridge.identity.ConfidenceScorer;
import com.profilebridge.identity.IdentifierParser;
import com.profilebridge.identity.IdentityDecision;
import com.profilebridge.identity.IdentityProperties;
import com.profilebridge.identity.IdentityStatus;
import com.profilebridge.identity.InteractionLink;
import com.profilebridge.identity.InteractionLinks;
import com.profilebridge.identity.MatchType;
import com.profilebridge.masking.MaskedProfile;
import com.profilebridge.masking.PiiMasker;
import com.profilebridge.profile.ProfileLookup;
import com.profilebridge.profile.ProfileService;
import com.profilebridge.profile.ProfileSource;
import com.profilebridge.profileview.ProfileView.AuditUnavailable;
import com.profilebridge.profileview.ProfileView.Ambiguous;
import com.profilebridge.profileview.ProfileView.Candidate;
import com.profilebridge.profileview.ProfileView.CdpDown;
import com.profilebridge.profileview.ProfileView.Identity;
import com.profilebridge.profileview.ProfileView.Match;
import com.profilebridge.profileview.ProfileView.NotAllowed;
import com.profilebridge.profileview.ProfileView.NotFound;
import com.profilebridge.profileview.ProfileView.Reason;
import com.profilebridge.profileview.ProfileView.Shown;
import com.profilebridge.profileview.ProfileView.ShownStale;
import com.profilebridge.shared.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The one use case behind every screen and API that shows a customer to a person: the agent widget
 * ({@link #forInteraction}, {@link #search}, {@link #show}, {@link #verify}), the REST proxy
 * ({@link #byUserId}, {@link #linkedTo}) and the console search ({@link #investigate}). Each answers
 * with a {@link ProfileView} outcome. For an agent a profile is always read by its user id (one
 * source, one freshness, whatever route found the customer) and a shared identifier yields a chooser,
 * never the first member's profile; an investigation shows every profile the identifier reaches, with
 * the resolve path's identity decision. When the customer data service is down every cached route to
 * the same person is tried; nothing is shown that was not audited (fail closed); what is shown is
 * masked by the viewer's {@link Masking}. A viewer without free search sees only the customer linked to
 * an interaction it names, and only when its {@link InteractionGate} admits it to that interaction
 * (the platform says the agent is on it), asked before anything is read.
 */
@Service
public class ProfileViews {

    /** Audit action of an agent marking the caller verified as a customer (a household pick included). */
    public static final String CALLER_VERIFIED = "CALLER_VERIFIED";

    private static final Logger log = LoggerFactory.getLogger(ProfileViews.class);
    /** Only these matches can be verified; a typed-in customer number is a claim, whatever its score. */
    private static final Set<MatchType> PROOF =
            EnumSet.of(MatchType.CDP_USER_ID_VERIFIED, MatchType.EMAIL_AND_PHONE, MatchType.AGENT_VERIFIED);
    private static final Set<MatchType> SHARED =
            EnumSet.of(MatchType.PHONE_SHARED, MatchType.EMAIL_SHARED, MatchType.CONFLICT);

    private final ProfileService profiles;
    private final InteractionLinks links;
    private final IdentifierParser parser;
    private final ConfidenceScorer scorer;
    private final AuditTrail audit;
    private final PiiMasker masker;
    private final IdentityProperties identity;
    private final Clock clock;

    ProfileViews(ProfileService profiles, InteractionLinks links, IdentifierParser parser, ConfidenceScorer scorer,
            AuditTrail audit, PiiMasker masker, IdentityProperties identity, Clock clock) {
        this.profiles = profiles;
        this.links = links;
        this.parser = parser;
        this.scorer = scorer;
        this.audit = audit;
        this.masker = masker;
        this.identity = identity;
        this.clock = clock;
    }

    /**
     * The customer of an interaction: its link, else (for viewers who may search) whoever the caller's
     * number names; a shared number or a shared link with a known caller number yields the chooser.
     */
    public ProfileView forInteraction(Viewer viewer, @Nullable String interactionId, CallerLine caller,
            Deadline deadline) {
        Optional<InteractionLink> link = interactionId == null ? Optional.empty() : links.find(interactionId);
        CdpIdentifier callerRoute = route(caller);
        if (link.isPresent()) {
            InteractionLink l = link.get();
            Optional<ProfileView> refused = refusal(viewer, interactionId);
            if (refused.isPresent()) {
                return refused.get();
            }
            if (SHARED.contains(l.matchType()) && callerRoute != null) {
                ProfileLookup household = profiles.lookup(callerRoute, deadline, false);
                if (household.profiles().size() > 1) {
                    return new Ambiguous(candidates(household), maskedNumber(caller));
                }
            }
            return show(viewer, l.cdpUserId(), identityOf(l), interactionId, caller, deadline, false, null);
        }
        if (!viewer.maySearch()) {
            return new NotAllowed();
        }
        if (caller.number() == null) {
            return new NotFound(Reason.NO_IDENTIFIER, null);
        }
        if (callerRoute == null) {
            return new NotFound(Reason.WITHHELD, null);
        }
        return byIdentifier(viewer, callerRoute, Reason.UNKNOWN_CALLER, interactionId, caller, deadline);
    }

    /**
     * The agent's search by phone or e-mail. The caller's masked number, as prefilled, stands for the
     * caller's number itself (the raw number never reaches the browser).
     */
    public ProfileView search(Viewer viewer, @Nullable String query, @Nullable String interactionId, CallerLine caller,
            Deadline deadline) {
        if (!viewer.maySearch()) {
            return new NotAllowed();
        }
        String text = query == null ? "" : query.strip();
        String masked = maskedNumber(caller);
        if (masked != null && masked.equals(text) && caller.searchable() != null) {
            text = caller.searchable();
        }
        CdpIdentifier identifier = parser.detect(text).identifier();
        if (identifier == null || identifier.kind() == CdpIdentifier.Kind.USER_ID) {
            return new NotFound(Reason.INVALID_QUERY, masked);
        }
        return byIdentifier(viewer, identifier, Reason.NO_MATCH, interactionId, caller, deadline);
    }

    /**
     * The customer on screen again (Refresh: {@code bypassCache}), audited again. A viewer without free
     * search gets only the customer still linked to the interaction, when its gate still admits it.
     */
    public ProfileView show(Viewer viewer, String userId, Identity identity, @Nullable String interactionId,
            CallerLine caller, Deadline deadline, boolean bypassCache) {
        if (!viewer.maySearch()) {
            if (interactionId == null || links.find(interactionId).filter(l -> l.cdpUserId().equals(userId)).isEmpty()) {
                return new NotAllowed();
            }
            Optional<ProfileView> refused = refusal(viewer, interactionId);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        return show(viewer, userId, identity, interactionId, caller, deadline, bypassCache, null);
    }

    /**
     * The agent asked the security question and marks the caller verified as this customer (also how a
     * household member is picked): audited, the interaction's link updated ({@link MatchType#AGENT_VERIFIED},
     * so outcomes are attributed to them), then their profile is shown as verified.
     *
     * @param linkOrganisation whose link to create when the interaction has none yet
     */
    public ProfileView verify(Viewer viewer, String userId, @Nullable String interactionId, String linkOrganisation,
            CallerLine caller, Deadline deadline) {
        if (!viewer.maySearch()) {
            // an agent without free search verifies callers of interactions it is on only (it relinks them)
            if (interactionId == null) {
                return new NotAllowed();
            }
            Optional<ProfileView> refused = refusal(viewer, interactionId);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        try {
            audit.record(viewer.actor(), viewer.organisation(), CALLER_VERIFIED, userId, interactionId,
                    viewer.channel());
        } catch (RuntimeException e) {
            log.error("Audit write failed; verification not recorded: {}", e.toString());
            return new AuditUnavailable();
        }
        if (interactionId != null) {
            links.verifyByAgent(interactionId, userId, viewer.actor(), linkOrganisation, clock.instant());
        }
        return show(viewer, userId, new Identity(true, 1.0, MatchType.AGENT_VERIFIED, 1, identity.verifiedThreshold(),
                List.of()), interactionId, caller, deadline, false, null);
    }

    /**
     * The REST proxy's lookup by CDP user id. A viewer without free search sees only the customer linked
     * to the interaction it names; the identity is the link's, else that of a typed-in id (a claim).
     *
     * @param interactionId a well-formed interaction id, or null
     */
    public ProfileView byUserId(Viewer viewer, String userId, @Nullable String interactionId, boolean bypassCache,
            Deadline deadline) {
        Optional<InteractionLink> link = interactionId == null ? Optional.empty()
                : links.find(interactionId).filter(l -> l.cdpUserId().equals(userId));
        if (!viewer.maySearch()) {
            if (link.isEmpty()) {
                return new NotAllowed();
            }
            Optional<ProfileView> refused = refusal(viewer, link.get().interactionId());
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        Identity who = link.map(this::identityOf).orElseGet(() -> identity(scorer.score(userId, List.of(), List.of()),
                List.of()));
        return show(viewer, userId, who, interactionId, CallerLine.UNKNOWN, deadline, bypassCache, null);
    }

    /**
     * The REST proxy's lookup by interaction: the customer the IVR (or an agent) linked to it; for a
     * viewer without free search only when its gate admits it to the interaction.
     */
    public ProfileView linkedTo(Viewer viewer, String interactionId, boolean bypassCache, Deadline deadline) {
        Optional<InteractionLink> link = links.find(interactionId);
        if (link.isEmpty()) {
            return new NotFound(Reason.NO_LINK, null);
        }
        Optional<ProfileView> refused = refusal(viewer, interactionId);
        if (refused.isPresent()) {
            return refused.get();
        }
        return show(viewer, link.get().cdpUserId(), identityOf(link.get()), interactionId, CallerLine.UNKNOWN,
                deadline, bypassCache, null);
    }

    /**
     * The console search by phone, e-mail or CDP user id: every profile the identifier reaches (a
     * household phone reaches several), each audited, with the identity decision the resolve path
     * would take on that identifier ({@link ConfidenceScorer}) and which profiles it matched.
     */
    @PreAuthorize(ConsoleRoles.CAN_READ)
    public ProfileView investigate(Viewer viewer, @Nullable String query, Deadline deadline) {
        if (!viewer.maySearch()) {
            return new NotAllowed();
        }
        CdpIdentifier identifier = parser.detect(query == null ? "" : query).identifier();
        if (identifier == null) {
            return new NotFound(Reason.INVALID_QUERY, null);
        }
        ProfileLookup lookup = profiles.lookup(identifier, deadline, false);
        if (!lookup.found()) {
            return lookup.healthy() ? new NotFound(Reason.NO_MATCH, null) : new CdpDown(null);
        }
        List<String> ids = lookup.profiles().stream().map(MaskedProfile::userId).toList();
        for (String userId : ids) {
            if (!audited(viewer, userId, null)) {
                return new AuditUnavailable();
            }
        }
        List<CdpProfile> shown = lookup.profiles().stream()
                .map(p -> viewer.masking().apply(p.profile(), masker)).toList();
        Identity who = decide(identifier, ids);
        String problem = lookup.problem();
        return problem == null ? new Shown(shown, who, lookup.source(), lookup.age())
                : new ShownStale(shown, who, lookup.source(), lookup.age(), problem);
    }

    /**
     * Why a viewer without free search may not see this interaction's linked customer (its gate asks
     * the platform); empty when it may, and always for viewers who may search.
     */
    private Optional<ProfileView> refusal(Viewer viewer, String interactionId) {
        if (viewer.maySearch()) {
            return Optional.empty();
        }
        Optional<NotAllowed.Refusal> refusal = viewer.interactions().refusal(interactionId);
        refusal.ifPresent(r -> log.info("{} may not see the customer linked to interaction {}: {}", viewer.actor(),
                interactionId, r));
        return refusal.map(NotAllowed::new);
    }

    /** How sure a stored link is: verified only by proof, never by a typed-in number's score alone. */
    Identity identityOf(InteractionLink link) {
        boolean verified = PROOF.contains(link.matchType())
                && Math.round(link.confidence() * 100) / 100.0 >= identity.verifiedThreshold();
        return new Identity(verified, link.confidence(), link.matchType(), SHARED.contains(link.matchType()) ? 2 : 1,
                identity.verifiedThreshold(), List.of());
    }

    /** The resolve path's decision on one identifier and the profiles it matched. */
    private Identity decide(CdpIdentifier identifier, List<String> ids) {
        IdentityDecision decision = switch (identifier.kind()) {
            case USER_ID -> scorer.score(ids.getFirst(), List.of(), List.of());
            case EMAIL -> scorer.score(null, ids, List.of());
            case PHONE -> scorer.score(null, List.of(), ids);
        };
        return identity(decision, List.of(new Match(identifier.kind(), masked(identifier), ids)));
    }

    private Identity identity(IdentityDecision decision, List<Match> matches) {
        return new Identity(decision.status() == IdentityStatus.VERIFIED, decision.confidence(), decision.matchType(),
                decision.candidateCount(), identity.verifiedThreshold(), matches);
    }

    private ProfileView byIdentifier(Viewer viewer, CdpIdentifier identifier, Reason nobody,
            @Nullable String interactionId, CallerLine caller, Deadline deadline) {
        ProfileLookup lookup = profiles.lookup(identifier, deadline, false);
        String masked = maskedNumber(caller);
        if (!lookup.found()) {
            return lookup.healthy() ? new NotFound(nobody, masked) : new CdpDown(masked);
        }
        if (lookup.profiles().size() > 1) {
            return new Ambiguous(candidates(lookup), identifier.kind() == CdpIdentifier.Kind.PHONE
                    ? masker.maskPhone(identifier.value()) : masked);
        }
        List<String> ids = lookup.profiles().stream().map(MaskedProfile::userId).toList();
        return show(viewer, ids.getFirst(), decide(identifier, ids), interactionId, caller, deadline, false,
                identifier);
    }

    private ProfileView show(Viewer viewer, String userId, Identity who, @Nullable String interactionId,
            CallerLine caller, Deadline deadline, boolean bypassCache, @Nullable CdpIdentifier foundBy) {
        ProfileLookup lookup = profiles.lookup(new CdpIdentifier(CdpIdentifier.Kind.USER_ID, userId), deadline,
                bypassCache);
        CdpProfile profile = of(lookup, userId);
        ProfileSource source = lookup.source();
        Duration age = lookup.age();
        if (profile == null) {
            if (lookup.healthy()) {
                return new NotFound(Reason.NO_PROFILE, maskedNumber(caller));
            }
            // the data service is down: any cached route to the same person will do
            for (CdpIdentifier route : routes(caller, foundBy)) {
                ProfileLookup cached = profiles.cachedOnly(route, lookup.problem() == null ? "cdp_unavailable"
                        : lookup.problem());
                profile = of(cached, userId);
                if (profile != null) {
                    source = cached.source();
                    age = cached.age();
                    break;
                }
            }
            if (profile == null) {
                return new CdpDown(maskedNumber(caller));
            }
        }
        if (!audited(viewer, userId, interactionId)) {
            return new AuditUnavailable();
        }
        List<CdpProfile> shown = List.of(viewer.masking().apply(profile, masker));
        String problem = lookup.problem();
        return problem == null ? new Shown(shown, who, source, age) : new ShownStale(shown, who, source, age, problem);
    }

    /** Records the view; false (logged) when the record cannot be written: then nothing may be shown. */
    private boolean audited(Viewer viewer, String userId, @Nullable String interactionId) {
        try {
            audit.recordView(viewer.actor(), viewer.organisation(), userId, interactionId, viewer.channel());
            return true;
        } catch (RuntimeException e) {
            log.error("Audit write failed; profile not shown: {}", e.toString());
            return false;
        }
    }

    private List<CdpIdentifier> routes(CallerLine caller, @Nullable CdpIdentifier foundBy) {
        List<CdpIdentifier> routes = new ArrayList<>();
        if (foundBy != null) {
            routes.add(foundBy);
        }
        CdpIdentifier line = route(caller);
        if (line != null && !routes.contains(line)) {
            routes.add(line);
        }
        return routes;
    }

    /** The caller's number (or, on chats, e-mail) as an identifier, if the host gave a usable one. */
    private @Nullable CdpIdentifier route(CallerLine caller) {
        String value = caller.searchable();
        if (value == null) {
            return null;
        }
        CdpIdentifier identifier = parser.detect(value).identifier();
        return identifier == null || identifier.kind() == CdpIdentifier.Kind.USER_ID ? null : identifier;
    }

    /** The caller's number masked for display and the search prefill; null without one. */
    public @Nullable String maskedNumber(CallerLine caller) {
        CdpIdentifier route = route(caller);
        return route == null ? null : masked(route);
    }

    private String masked(CdpIdentifier identifier) {
        return switch (identifier.kind()) {
            case PHONE -> masker.maskPhone(identifier.value());
            case EMAIL -> masker.maskEmail(identifier.value());
            case USER_ID -> identifier.value();
        };
    }

    private static List<Candidate> candidates(ProfileLookup lookup) {
        return lookup.profiles().stream().map(MaskedProfile::profile)
                .map(p -> new Candidate(p.userId(), firstName(p), p.email(), p.phone())).toList();
    }

    private static String firstName(CdpProfile p) {
        String first = Masking.firstName(p.name());
        return first == null ? "?" : first;
    }

    private static @Nullable CdpProfile of(ProfileLookup lookup, String userId) {
        return lookup.profiles().stream().map(MaskedProfile::profile).filter(p -> p.userId().equals(userId))
                .findFirst().orElse(null);
    }
}
