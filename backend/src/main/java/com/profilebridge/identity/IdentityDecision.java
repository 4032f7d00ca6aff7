package com.profilebridge.identity;

import org.jspecify.annotations.Nullable;

/** The chosen profile (if any), how it was matched and how sure we are. */
public record IdentityDecision(
        @Nullable String userId, MatchType matchType, double confidence, IdentityStatus status, int candidateCount) {}
