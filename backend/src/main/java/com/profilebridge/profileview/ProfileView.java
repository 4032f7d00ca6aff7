package com.profilebridge.profileview;

import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.identity.MatchType;
import com.profilebridge.profile.ProfileSource;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What may be shown to a person asking for a customer's profile: one of a closed set of outcomes. */
public sealed interface ProfileView {

    /**
     * The profile, audited. {@code degraded}: the customer data service could not answer and this
     * is what the cache held (by any route to the same customer).
     */
    record Shown(CdpProfile profile, Identity identity, ProfileSource source, Duration age, boolean degraded)
            implements ProfileView {}

    /**
     * Several customers share the identifier (a household phone): nobody's profile until the agent
     * has verified the caller and picked one. Candidates carry only what tells people apart.
     *
     * @param callerNumber the shared number, masked
     */
    record Ambiguous(List<Candidate> candidates, @Nullable String callerNumber) implements ProfileView {}

    /** Nobody to show, and why; {@code callerNumber} (masked) prefills the agent's search. */
    record NotFound(Reason reason, @Nullable String callerNumber) implements ProfileView {}

    /** The customer data service is down and no route to this customer is cached. */
    record Unavailable(@Nullable String callerNumber) implements ProfileView {}

    /** The view could not be audited, so nothing is shown. */
    record AuditUnavailable() implements ProfileView {}

    /** This viewer may not see this (linked customers only, no link). */
    record NotAllowed() implements ProfileView {}

    /** Why nobody is shown. */
    enum Reason {
        /** The caller's number is known to no customer. */
        UNKNOWN_CALLER,
        /** The caller withheld their number and nobody is linked. */
        WITHHELD,
        /** The host gave no identifier at all (no number, no link). */
        NO_IDENTIFIER,
        /** The agent's search found nobody. */
        NO_MATCH,
        /** The linked customer has no profile (any more). */
        NO_PROFILE,
        /** What the agent typed is no phone number or e-mail address. */
        INVALID_QUERY
    }

    /**
     * How sure the identity is.
     *
     * @param verified the caller is verified (IVR, deterministic match or the agent): discuss the account
     * @param candidates customers sharing the identifier the match came from
     */
    record Identity(boolean verified, double confidence, MatchType matchType, int candidates) {

        public boolean byAgent() {
            return matchType == MatchType.AGENT_VERIFIED;
        }
    }

    /**
     * One member of a household, told apart by what the caller can confirm; all of it masked.
     *
     * @param userId for the pick only (views keep it server-side)
     */
    record Candidate(String userId, String firstName, @Nullable String email, @Nullable String phone) {}
}
