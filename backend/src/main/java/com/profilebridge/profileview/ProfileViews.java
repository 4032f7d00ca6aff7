package com.profilebridge.profileview;

import com.profilebridge.audit.AuditTrail;
import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpProfile;
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
import com.profilebridge.profileview.ProfileView.Identity;
import com.profilebridge.profileview.ProfileView.NotAllowed;
import com.profilebridge.profileview.ProfileView.NotFound;
import com.profilebridge.profileview.ProfileView.Reason;
import com.profilebridge.profileview.ProfileView.Shown;
import com.profilebridge.profileview.ProfileView.Unavailable;
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
import org.springframework.stereotype.Service;

/**
 * The one use case behind every screen that shows a customer to a person. A profile is always read
 * by its user id (one source, one freshness, whatever route found the customer); a shared
 * identifier yields a chooser, never the first member's profile; when the customer data service is
 * down every cached route to the same person is tried; nothing is shown that was not audited.
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

    /** The customer on screen again (Refresh: {@code bypassCache}), audited again. */
    public ProfileView show(Viewer viewer, String userId, Identity identity, @Nullable String interactionId,
            CallerLine caller, Deadline deadline, boolean bypassCache) {
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
        return show(viewer, userId, new Identity(true, 1.0, MatchType.AGENT_VERIFIED, 1), interactionId, caller,
                deadline, false, null);
    }

    /** How sure a stored link is: verified only by proof, never by a typed-in number's score alone. */
    Identity identityOf(InteractionLink link) {
        boolean verified = PROOF.contains(link.matchType())
                && Math.round(link.confidence() * 100) / 100.0 >= identity.verifiedThreshold();
        return new Identity(verified, link.confidence(), link.matchType(), SHARED.contains(link.matchType()) ? 2 : 1);
    }

    private ProfileView byIdentifier(Viewer viewer, CdpIdentifier identifier, Reason nobody,
            @Nullable String interactionId, CallerLine caller, Deadline deadline) {
        ProfileLookup lookup = profiles.lookup(identifier, deadline, false);
        String masked = maskedNumber(caller);
        if (!lookup.found()) {
            return lookup.healthy() ? new NotFound(nobody, masked) : new Unavailable(masked);
        }
        if (lookup.profiles().size() > 1) {
            return new Ambiguous(candidates(lookup), identifier.kind() == CdpIdentifier.Kind.PHONE
                    ? masker.maskPhone(identifier.value()) : masked);
        }
        List<String> ids = lookup.profiles().stream().map(MaskedProfile::userId).toList();
        IdentityDecision decision = identifier.kind() == CdpIdentifier.Kind.EMAIL
                ? scorer.score(null, ids, List.of())
                : scorer.score(null, List.of(), ids);
        Identity found = new Identity(decision.status() == IdentityStatus.VERIFIED, decision.confidence(),
                decision.matchType(), decision.candidateCount());
        return show(viewer, ids.getFirst(), found, interactionId, caller, deadline, false, identifier);
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
                return new Unavailable(maskedNumber(caller));
            }
        }
        try {
            audit.recordView(viewer.actor(), viewer.organisation(), userId, interactionId, viewer.channel());
        } catch (RuntimeException e) {
            log.error("Audit write failed; profile not shown: {}", e.toString());
            return new AuditUnavailable();
        }
        return new Shown(profile, who, source, age, !lookup.healthy());
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
        if (route == null) {
            return null;
        }
        return route.kind() == CdpIdentifier.Kind.PHONE ? masker.maskPhone(route.value())
                : masker.maskEmail(route.value());
    }

    private static List<Candidate> candidates(ProfileLookup lookup) {
        return lookup.profiles().stream().map(MaskedProfile::profile)
                .map(p -> new Candidate(p.userId(), firstName(p), p.email(), p.phone())).toList();
    }

    private static String firstName(CdpProfile p) {
        String name = p.name() == null ? "" : p.name().strip();
        int space = name.indexOf(' ');
        return name.isEmpty() ? "?" : space < 0 ? name : name.substring(0, space);
    }

    private static @Nullable CdpProfile of(ProfileLookup lookup, String userId) {
        return lookup.profiles().stream().map(MaskedProfile::profile).filter(p -> p.userId().equals(userId))
                .findFirst().orElse(null);
    }
}
