package com.profilebridge.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ResponseSizeGuardTests {

    final JsonMapper json = JsonMapper.builder().build();

    ResponseSizeGuard guard(int maxBytes) {
        return new ResponseSizeGuard(json, new ResolveProperties(Duration.ofMillis(1500), maxBytes, 10, Duration.ofMillis(250)));
    }

    static ResolveResponse answer(List<String> orders, String ignored, String tier) {
        return new ResolveResponse("success", "VERIFIED", 0.97, "EMAIL_AND_PHONE", "CACHED", 12L, "usr_00042", 1,
                tier, new BigDecimal("1234.50"), "voice", orders.size(), 0.4, null, ignored, "conv-1", "corr-1", null,
                new ResolveResponse.Profile("usr_00042", tier, new BigDecimal("1234.50"), "voice", orders, orders.size(),
                        0.4));
    }

    static List<String> orders(int n, int length) {
        return IntStream.range(0, n).mapToObj(i -> String.format("%0" + length + "d", i)).toList();
    }

    int size(ResolveResponse response) {
        return json.writeValueAsBytes(response).length;
    }

    @Test
    void anAnswerThatFitsIsLeftAloneAndNotMarkedTruncated() {
        ResolveResponse small = answer(orders(3, 8), "email: not an e-mail address", "gold");
        ResponseSizeGuard.Bounded bounded = guard(10_240).bound(small);
        assertThat(bounded.response()).isEqualTo(small);
        assertThat(bounded.response().truncated()).isNull();
        assertThat(bounded.body()).isEqualTo(json.writeValueAsBytes(small));
    }

    @Test
    void anAnswerOfExactlyTheCapFits() {
        ResolveResponse response = answer(orders(10, 20), "x", "gold");
        ResponseSizeGuard.Bounded bounded = guard(size(response)).bound(response);
        assertThat(bounded.response().truncated()).isNull();
        assertThat(bounded.body().length).isEqualTo(size(response));
    }

    @Test
    void orderIdsAreCutToFiveFirstAndTheCountsStay() {
        ResolveResponse response = answer(orders(10, 20), "x", "gold");
        ResolveResponse fiveOrders = ResolveResponseCopies.withOrders(response, 5);
        ResponseSizeGuard.Bounded bounded = guard(size(fiveOrders)).bound(response);
        assertThat(bounded.response().profile().recentOrders()).hasSize(5);
        assertThat(bounded.response().profile().recentOrderCount()).isEqualTo(10);
        assertThat(bounded.response().recentOrderCount()).isEqualTo(10);
        assertThat(bounded.response().ignoredFields()).isEqualTo("x");
        assertThat(bounded.response().truncated()).isTrue();
        assertThat(bounded.body().length).isLessThanOrEqualTo(size(fiveOrders));
    }

    @Test
    void thenNoOrderIdsThenTheIgnoredFieldsGo() {
        ResolveResponse response = answer(orders(10, 20), "y".repeat(300), "gold");
        ResolveResponse noOrders = ResolveResponseCopies.withOrders(response, 0);
        ResponseSizeGuard.Bounded withoutOrders = guard(size(noOrders)).bound(response);
        assertThat(withoutOrders.response().profile().recentOrders()).isEmpty();
        assertThat(withoutOrders.response().ignoredFields()).isNotNull();

        ResponseSizeGuard.Bounded withoutIgnored = guard(size(noOrders) - 1).bound(response);
        assertThat(withoutIgnored.response().ignoredFields()).isNull();
        assertThat(withoutIgnored.response().tier()).isEqualTo("gold");
        assertThat(withoutIgnored.response().profile()).isNotNull();
    }

    @Test
    void longFreeTextIsCutTo64CharactersBeforeTheNestedProfileIsDropped() {
        String tier = "t".repeat(2_000);
        ResolveResponse response = answer(List.of(), null, tier);
        ResponseSizeGuard.Bounded bounded = guard(1_000).bound(response);
        assertThat(bounded.response().tier()).hasSize(64);
        assertThat(bounded.response().profile()).isNotNull();
        assertThat(bounded.response().profile().tier()).hasSize(64);
        assertThat(bounded.body().length).isLessThanOrEqualTo(1_000);
    }

    @Test
    void theNestedProfileGoesBeforeTheRoutingFieldsAreAllThatIsLeft() {
        ResolveResponse response = answer(List.of(), null, "gold");
        ResolveResponse noProfile = new ResolveResponse(response.status(), response.identityStatus(),
                response.confidenceScore(), response.matchType(), response.profileSource(), response.profileAgeSeconds(),
                response.cdpUserId(), response.candidateCount(), "gold", response.lifetimeValue(),
                response.preferredChannel(), response.recentOrderCount(), response.sentimentScore(), null, null,
                response.interactionId(), response.correlationId(), true, null);
        ResponseSizeGuard.Bounded bounded = guard(size(noProfile)).bound(response);
        assertThat(bounded.response().profile()).isNull();
        assertThat(bounded.response().tier()).isEqualTo("gold");
        assertThat(bounded.response().lifetimeValue()).isEqualByComparingTo("1234.50");
    }

    @Test
    void atWorstOnlyTheRoutingFieldsRemainAndTheAnswerSaysItWasTruncated() {
        ResolveResponse response = answer(List.of(), null, "gold");
        ResponseSizeGuard.Bounded bounded = guard(10).bound(response);
        JsonNode body = json.readTree(bounded.body());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("status", "identity_status", "confidence_score",
                "match_type", "profile_source", "cdp_user_id", "candidate_count", "correlation_id", "truncated");
        assertThat(body.get("truncated").asBoolean()).isTrue();
        assertThat(body.get("identity_status").asString()).isEqualTo("VERIFIED");
    }

    @Test
    void anOverlongUserIdIsNotKeptInTheRoutingOnlyAnswer() {
        ResolveResponse response = new ResolveResponse("success", "VERIFIED", 1.0, "CDP_USER_ID", "FRESH", null,
                "u".repeat(257), 1, null, null, null, null, null, null, null, null, "corr", null, null);
        ResolveResponse shortId = new ResolveResponse("success", "VERIFIED", 1.0, "CDP_USER_ID", "FRESH", null,
                "u".repeat(256), 1, null, null, null, null, null, null, null, null, "corr", null, null);
        assertThat(guard(10).bound(response).response().cdpUserId()).isNull();
        assertThat(guard(10).bound(shortId).response().cdpUserId()).hasSize(256);
    }

    /** The guard's own copy step, re-stated to compute expected sizes. */
    static final class ResolveResponseCopies {
        static ResolveResponse withOrders(ResolveResponse r, int keep) {
            ResolveResponse.Profile p = r.profile();
            return new ResolveResponse(r.status(), r.identityStatus(), r.confidenceScore(), r.matchType(),
                    r.profileSource(), r.profileAgeSeconds(), r.cdpUserId(), r.candidateCount(), r.tier(),
                    r.lifetimeValue(), r.preferredChannel(), r.recentOrderCount(), r.sentimentScore(), r.reason(),
                    r.ignoredFields(), r.interactionId(), r.correlationId(), true,
                    new ResolveResponse.Profile(p.cdpUserId(), p.tier(), p.lifetimeValue(), p.preferredChannel(),
                            p.recentOrders().stream().limit(keep).toList(), p.recentOrderCount(), p.sentimentScore()));
        }
    }
}
