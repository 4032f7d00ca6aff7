package com.profilebridge.identity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Computes the match confidence the CDPs do not provide. Deterministic: a CDP user id the IVR has
 * verified (PIN, knowledge questions), or e-mail and phone agreeing on one profile. Everything else
 * needs verification: a user id the caller typed in (a claim), a single weak identifier (phone
 * alone) divided by the number of profiles sharing it (a household phone), and identifiers that
 * disagree ({@link MatchType#CONFLICT}, nobody named).
 */
@Component
public class ConfidenceScorer {

    private final IdentityProperties properties;

    public ConfidenceScorer(IdentityProperties properties) {
        this.properties = properties;
    }

    /**
     * Scores without an IVR verification: a user id is a claim.
     *
     * @see #score(String, boolean, List, List)
     */
    public IdentityDecision score(@Nullable String byUserId, List<String> byEmail, List<String> byPhone) {
        return score(byUserId, false, byEmail, byPhone);
    }

    /**
     * @param byUserId the profile found by CDP user id, if one was asked for and exists
     * @param userIdVerified the IVR says it verified the caller as that user (an authorised caller's
     *     {@code verifiedBy}); only then is a user id alone {@code VERIFIED}
     * @param byEmail user ids matching the e-mail address (best first)
     * @param byPhone user ids matching the phone number (best first)
     */
    public IdentityDecision score(@Nullable String byUserId, boolean userIdVerified, List<String> byEmail,
            List<String> byPhone) {
        IdentityProperties.Scores s = properties.scores();
        if (byUserId != null) {
            if (userIdVerified) {
                // the IVR checked a secret of this very account: a caller ringing from another
                // phone (or giving an old e-mail) is still that customer
                return decide(byUserId, MatchType.CDP_USER_ID_VERIFIED, s.userId(), 1);
            }
            boolean emailDisagrees = !byEmail.isEmpty() && !byEmail.contains(byUserId);
            boolean phoneDisagrees = !byPhone.isEmpty() && !byPhone.contains(byUserId);
            if (emailDisagrees || phoneDisagrees) {
                // a typed-in id and the caller's other identifiers name different customers
                int candidates = union(List.of(byUserId), union(byEmail, byPhone)).size();
                return decide(byUserId, MatchType.CONFLICT, s.conflict(), candidates);
            }
            if (byEmail.contains(byUserId) && byPhone.contains(byUserId)) {
                return decide(byUserId, MatchType.EMAIL_AND_PHONE, s.emailAndPhone(), 1);
            }
            return decide(byUserId, MatchType.CDP_USER_ID, s.userIdUnverified(), 1);
        }
        Set<String> both = new LinkedHashSet<>(byEmail);
        both.retainAll(Set.copyOf(byPhone));
        if (both.size() == 1) {
            return decide(both.iterator().next(), MatchType.EMAIL_AND_PHONE, s.emailAndPhone(), 1);
        }
        if (!byEmail.isEmpty()) {
            if (!byPhone.isEmpty() && both.isEmpty()) {
                // E-mail and phone point at different customers: trust neither without verification.
                return decide(byEmail.getFirst(), MatchType.CONFLICT, s.conflict(), union(byEmail, byPhone).size());
            }
            return decide(byEmail.getFirst(), byEmail.size() == 1 ? MatchType.EMAIL : MatchType.EMAIL_SHARED,
                    s.email() / byEmail.size(), byEmail.size());
        }
        if (!byPhone.isEmpty()) {
            return decide(byPhone.getFirst(), byPhone.size() == 1 ? MatchType.PHONE : MatchType.PHONE_SHARED,
                    s.phone() / byPhone.size(), byPhone.size());
        }
        return new IdentityDecision(null, MatchType.NONE, 0.0, IdentityStatus.GUEST, 0);
    }

    private static List<String> union(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        b.stream().filter(id -> !all.contains(id)).forEach(all::add);
        return all;
    }

    private IdentityDecision decide(String userId, MatchType type, double score, int candidates) {
        double rounded = Math.round(score * 100) / 100.0;
        // several candidates or disagreeing identifiers are never verified, whatever the configured scores
        boolean ambiguous = type == MatchType.CONFLICT || candidates > 1;
        IdentityStatus status = !ambiguous && rounded >= properties.verifiedThreshold()
                ? IdentityStatus.VERIFIED
                : IdentityStatus.NEEDS_VERIFICATION;
        return new IdentityDecision(userId, type, rounded, status, candidates);
    }
}
