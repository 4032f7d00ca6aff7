package com.profilebridge.cdp.segment;

import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpMatches;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.cdp.CdpUnavailable;
import com.profilebridge.limiter.Limiter;
import io.github.resilience4j.bulkhead.Bulkhead;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lookups through Segment's Profile API (https://segment.com/docs/unify/profile-api/):
 * {@code GET /v1/spaces/{space}/collections/users/profiles/{type}:{value}/traits?include=...} for the
 * fields and {@code .../external_ids?include=user_id} for the user id the Tracking API writes to.
 * A 404 ({@code {"error":{"code":"not_found"}}}) is no match; a 400 (our identifier or request was
 * invalid) is no match either, logged, and never counts against the breaker. Every call takes a
 * permit from our rate limiter (Segment allows 100 requests/s per space: with Redis one budget for
 * the space, shared by all instances) and a bulkhead slot; without one within the short configured
 * wait the lookup fails fast as {@link CdpUnavailable}.
 */
final class SegmentProfiles {

    private static final Logger log = LoggerFactory.getLogger(SegmentProfiles.class);
    /** A user id no profile has: {@code /metadata} of it answers 404 when Segment is up and the token good. */
    private static final String PING_ID = "user_id:profile-bridge-health-check";

    private final SegmentHttp http;
    private final SegmentCredential token;
    private final JsonMapper json;
    private final Limiter.Budget limiter;
    private final Bulkhead bulkhead;
    private final Executor executor;
    private final SegmentProperties properties;
    private final SegmentTraitMapper traits;
    private final String profilesBase;

    SegmentProfiles(SegmentHttp http, SegmentCredential token, JsonMapper json, Limiter.Budget limiter,
            Bulkhead bulkhead, Executor executor, SegmentProperties properties) {
        this.http = http;
        this.token = token;
        this.json = json;
        this.limiter = limiter;
        this.bulkhead = bulkhead;
        this.executor = executor;
        this.properties = properties;
        this.traits = new SegmentTraitMapper(properties.traits());
        String base = properties.profileBase().toString().replaceAll("/+$", "");
        this.profilesBase = base + "/v1/spaces/" + encode(properties.spaceId()) + "/collections/users/profiles/";
    }

    CdpMatches lookup(CdpIdentifier identifier) {
        SegmentProperties.Identifiers types = properties.identifiers();
        return switch (identifier.kind()) {
            case USER_ID -> byUserId(identifier.value()).map(p -> new CdpMatches(List.of(p))).orElse(CdpMatches.none());
            case EMAIL -> byIdentifier(types.email() + ":" + encode(identifier.value()), false);
            case PHONE -> byIdentifier(types.phone() + ":" + encode(identifier.value()), true);
        };
    }

    Optional<CdpProfile> profile(String userId) {
        return byUserId(userId);
    }

    /** Traits only: the user id is what we asked by. */
    private Optional<CdpProfile> byUserId(String userId) {
        if (!CdpProfile.namesAUser(userId)) {
            return Optional.empty();
        }
        JsonNode answer = get(traitsUri(properties.identifiers().userId() + ":" + encode(userId.strip())));
        return answer == null ? Optional.empty() : Optional.of(traits.toProfile(userId.strip(), answer.path("traits")));
    }

    /**
     * Traits and external ids in parallel (two permits, one round trip of latency). A profile without
     * a {@code user_id} (anonymous only) is no match: the Tracking API could not write its outcome.
     */
    private CdpMatches byIdentifier(String externalId, boolean phone) {
        CompletableFuture<@Nullable JsonNode> ids = CompletableFuture.supplyAsync(
                () -> get(URI.create(profilesBase + externalId + "/external_ids?include=user_id&limit=25")), executor);
        JsonNode answer;
        JsonNode externalIds;
        try {
            answer = get(traitsUri(externalId));
            externalIds = answer == null ? null : ids.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new CdpUnavailable("Segment lookup failed", e);
        } finally {
            ids.cancel(false);
        }
        if (answer == null || externalIds == null) {
            return CdpMatches.none();
        }
        String userId = userIdIn(externalIds);
        if (userId == null) {
            return CdpMatches.none();
        }
        JsonNode found = answer.path("traits");
        List<CdpProfile> matches = new ArrayList<>();
        matches.add(traits.toProfile(userId, found));
        if (phone) {
            matches.addAll(household(userId, found));
        }
        return new CdpMatches(matches);
    }

    /**
     * The other people on a shared phone, from the configured household trait. Segment keeps one
     * value of an identifier on one profile, so the phone itself never names them. A member that
     * cannot be fetched still counts (by id only): leaving it out would make a shared phone look
     * like one person's and raise the caller's confidence.
     */
    private List<CdpProfile> household(String owner, JsonNode found) {
        String trait = properties.traits().household();
        if (trait == null || trait.isBlank()) {
            return List.of();
        }
        Set<String> members = new LinkedHashSet<>();
        JsonNode value = found.path(trait);
        if (value.isArray()) {
            value.forEach(m -> members.add(m.asString("").strip()));
        } else if (value.isString()) {
            for (String m : value.asString().split(",")) {
                members.add(m.strip());
            }
        }
        members.remove(owner);
        List<CdpProfile> profiles = new ArrayList<>();
        for (String member : members) {
            if (!CdpProfile.namesAUser(member) || profiles.size() >= properties.limits().householdMembers()) {
                continue;
            }
            try {
                profiles.add(byUserId(member).orElseGet(() -> SegmentTraitMapper.bare(member)));
            } catch (CdpUnavailable e) {
                profiles.add(SegmentTraitMapper.bare(member));
            }
        }
        return profiles;
    }

    private static @Nullable String userIdIn(JsonNode externalIds) {
        for (JsonNode id : externalIds.path("data")) {
            if ("user_id".equals(id.path("type").asString("")) && CdpProfile.namesAUser(id.path("id").asString(null))) {
                return id.path("id").asString().strip();
            }
        }
        return null;
    }

    /** Reachable and the token accepted: a made-up id's metadata answers 404. A call like any other: it takes a permit. */
    boolean ping() {
        if (!limiter.acquire().isZero()) {
            return true; // every permit is in use by lookups: Segment is answering them
        }
        try {
            SegmentHttp.Answer answer = http.send(() -> HttpRequest.newBuilder(URI.create(profilesBase + PING_ID + "/metadata"))
                    .timeout(properties.readTimeout()).GET(), token);
            return answer.ok() || answer.status() == 404;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private URI traitsUri(String externalId) {
        // names encoded one by one, the commas between them left as Segment's examples write them
        String include = String.join(",", traits.projection().stream().map(SegmentProfiles::encode).toList());
        return URI.create(profilesBase + externalId + "/traits?include=" + include
                + "&limit=" + Math.clamp(traits.projection().size(), 1, 200));
    }

    /**
     * One Profile API GET: the body as JSON, null for "no such profile" (404) or an invalid request
     * (400); everything else that is not 2xx is an outage.
     */
    private @Nullable JsonNode get(URI uri) {
        if (!bulkhead.tryAcquirePermission()) {
            throw new CdpUnavailable("Segment Profile API: " + properties.limits().profileConcurrency()
                    + " calls already in flight from this instance");
        }
        SegmentHttp.Answer answer;
        try {
            answer = http.send(() -> {
                Duration wait = limiter.acquire();
                if (!wait.isZero()) {
                    // over our share of Segment's 100 requests/s per space: fail fast, the caller has a deadline
                    throw new CdpUnavailable("Segment Profile API rate limit reached on our side", null, wait);
                }
                return HttpRequest.newBuilder(uri).timeout(properties.readTimeout()).header("Accept", "application/json").GET();
            }, token);
        } catch (HttpTimeoutException e) {
            throw new CdpUnavailable("Segment Profile API too slow", e);
        } catch (IOException e) {
            throw new CdpUnavailable("Segment Profile API unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CdpUnavailable("interrupted while calling Segment", e);
        } finally {
            bulkhead.onComplete();
        }
        int status = answer.status();
        if (status == 404) {
            return null;
        }
        if (status == 400) {
            log.warn("Segment Profile API refused a lookup as invalid ({}); treated as no match", errorCode(answer));
            return null;
        }
        if (!answer.ok()) {
            String why = status == 401 || status == 403 ? "refused the access token" : "answered";
            throw new CdpUnavailable("Segment Profile API " + why + " HTTP " + status + " (" + errorCode(answer) + ")",
                    null, status == 429 || status == 503 ? answer.retryAfter() : null);
        }
        try {
            JsonNode body = json.readTree(answer.body());
            if (!body.isObject()) {
                throw new CdpUnavailable("Segment Profile API answered with no JSON object");
            }
            return body;
        } catch (JacksonException e) {
            throw new CdpUnavailable("Segment Profile API answered with unreadable JSON", e);
        }
    }

    /** Segment's {@code error.code}; never the message, which can echo the identifier. */
    private String errorCode(SegmentHttp.Answer answer) {
        try {
            String code = json.readTree(answer.body()).path("error").path("code").asString("");
            return code.matches("[a-z_]{1,40}") ? code : "no error code";
        } catch (JacksonException e) {
            return "no error code";
        }
    }

    /** Percent-encoding for a path segment or query value: {@code +} as {@code %2B}, space as {@code %20}. */
    static String encode(@Nullable String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "SegmentProfiles[" + properties.region().name().toLowerCase(Locale.ROOT) + "]";
    }
}
