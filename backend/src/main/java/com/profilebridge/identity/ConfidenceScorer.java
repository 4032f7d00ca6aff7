package com.profilebridge.identity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Computes the match confidence the CDPs do not provide. Deterministic: a CDP user id, or e-mail
 * and phone agreeing on one profile. Probabilistic: a single weak identifier (phone alone), divided
 * by the number of profiles sharing it (a household phone).
 */
@Component
public class ConfidenceScorer {

    private final IdentityProperties properties;

    public ConfidenceScorer(IdentityProperties properties) {
        this.properties = properties;
    }

    /**
     * @param byUserId the profile found by CDP user id, if one was asked for and exists
     * @param byEmail user ids matching the e-mail address (best first)
     * @param byPhone user ids matching the phone number (best first)
     */
    public IdentityDecision score(@Nullable String byUserId, List<String> byEmail, List<String> byPhone) {
        IdentityProperties.Scores s = properties.scores();
        if (byUserId != null) {
            return decide(byUserId, MatchType.CDP_USER_ID, s.userId(), 1);
        }
        Set<String> both = new LinkedHashSet<>(byEmail);
        both.retainAll(Set.copyOf(byPhone));
        if (both.size() == 1) {
            return decide(both.iterator().next(), MatchType.EMAIL_AND_PHONE, s.emailAndPhone(), 1);
        }
        if (!byEmail.isEmpty()) {
            if (!byPhone.isEmpty() && both.isEmpty()) {
                // E-mail and phone point at different customers: trust neither without verification.
                return decide(byEmail.getFirst(), MatchType.CONFLICT, s.conflict(), union(byEmail, byPhone));
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

    private static int union(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        b.stream().filter(id -> !all.contains(id)).forEach(all::add);
        return all.size();
    }

    private IdentityDecision decide(String userId, MatchType type, double score, int candidates) {
        double rounded = Math.round(score * 100) / 100.0;
        IdentityStatus status = rounded >= properties.verifiedThreshold()
                ? IdentityStatus.VERIFIED
                : IdentityStatus.NEEDS_VERIFICATION;
        return new IdentityDecision(userId, type, rounded, status, candidates);
    }
}
