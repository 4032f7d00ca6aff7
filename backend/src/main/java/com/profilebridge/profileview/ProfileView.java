package com.profilebridge.profileview;

import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.identity.MatchType;
import com.profilebridge.profile.ProfileSource;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What may be shown to a person asking for a customer's profile: one of a closed set of outcomes.
 * Callers switch over it exhaustively (the widget, the console search, the REST proxy).
 */
public sealed interface ProfileView {

    /**
     * Profiles shown, each audited first and masked by the viewer's {@link Masking}. An agent is shown
     * one; an investigation every profile the identifier reaches.
     */
    sealed interface Displayed extends ProfileView permits Shown, ShownStale {

        List<CdpProfile> profiles();

        Identity identity();

        ProfileSource source();

        /** How old the data is ({@link Duration#ZERO} when fresh from the customer data service). */
        Duration age();

        /** The profile an agent is shown (the first of an investigation's). */
        default CdpProfile profile() {
            return profiles().getFirst();
        }
    }

    /** The customer data service answered, or the cache did without trouble. */
    record Shown(List<CdpProfile> profiles, Identity identity, ProfileSource source, Duration age)
            implements Displayed {

        public Shown {
            profiles = List.copyOf(profiles);
        }
    }

    /**
     * The customer data service is down (or too slow): this is what the cache held, by any route to the
     * same customer, {@code age} old; label it so.
     *
     * @param problem {@code cdp_timeout}, {@code cdp_unavailable} or {@code circuit_open}
     */
    record ShownStale(List<CdpProfile> profiles, Identity identity, ProfileSource source, Duration age,
            String problem) implements Displayed {

        public ShownStale {
            profiles = List.copyOf(profiles);
        }
    }

    /**
     * Several customers share the identifier (a household phone): nobody's profile until the agent
     * has verified the caller and picked one. Candidates carry only what tells people apart.
     *
     * @param callerNumber the shared number, masked
     */
    record Ambiguous(List<Candidate> candidates, @Nullable String callerNumber) implements ProfileView {}

    /** Nobody to show, and why; {@code callerNumber} (masked) prefills the agent's search. */
    record NotFound(Reason reason, @Nullable String callerNumber) implements ProfileView {}

    /** The customer data service is down and no route to this customer is cached: nothing to show. */
    record CdpDown(@Nullable String callerNumber) implements ProfileView {}

    /** The view could not be audited, so nothing is shown. */
    record AuditUnavailable() implements ProfileView {}

    /** This viewer may not see this, and why. */
    record NotAllowed(Refusal refusal) implements ProfileView {

        /** Linked customers only, and no interaction linked to this customer was named. */
        public NotAllowed() {
            this(Refusal.LINKED_ONLY);
        }

        /** Why a viewer without free search is refused. */
        public enum Refusal {
            /** No interaction linked to this customer was named (linked customers only). */
            LINKED_ONLY,
            /** The platform says the viewer is not (or long ago was) on the interaction. */
            NOT_PARTICIPANT,
            /** The platform would not say (expired sign-in, no permission to read interactions, unknown to it). */
            UNCONFIRMED,
            /** The platform could not be asked: refused until it can (fail closed); try again shortly. */
            PLATFORM_UNAVAILABLE
        }
    }

    /** Why nobody is shown. */
    enum Reason {
        /** The caller's number is known to no customer. */
        UNKNOWN_CALLER,
        /** The caller withheld their number and nobody is linked. */
        WITHHELD,
        /** The host gave no identifier at all (no number, no link). */
        NO_IDENTIFIER,
        /** The search found nobody. */
        NO_MATCH,
        /** The customer asked for (by id or by link) has no profile (any more). */
        NO_PROFILE,
        /** No customer is linked to the interaction asked for. */
        NO_LINK,
        /** What was typed is no identifier this search takes. */
        INVALID_QUERY
    }

    /**
     * How sure the identity is, and why.
     *
     * @param verified the caller is verified (IVR, deterministic match or the agent): discuss the account
     * @param candidates customers sharing the identifier the match came from
     * @param threshold the confidence at and above which a deterministic match counts as verified
     * @param matches which identifier reached which profiles (empty when the match came from a stored link)
     */
    record Identity(boolean verified, double confidence, MatchType matchType, int candidates, double threshold,
            List<Match> matches) {

        public Identity {
            matches = List.copyOf(matches);
        }

        public boolean byAgent() {
            return matchType == MatchType.AGENT_VERIFIED;
        }
    }

    /**
     * One identifier and the profiles it reached.
     *
     * @param identifier masked when it is a phone number or an e-mail address
     */
    record Match(CdpIdentifier.Kind kind, String identifier, List<String> userIds) {

        public Match {
            userIds = List.copyOf(userIds);
        }
    }

    /**
     * One member of a household, told apart by what the caller can confirm; all of it masked.
     *
     * @param userId for the pick only (views keep it server-side)
     */
    record Candidate(String userId, String firstName, @Nullable String email, @Nullable String phone) {}
}
