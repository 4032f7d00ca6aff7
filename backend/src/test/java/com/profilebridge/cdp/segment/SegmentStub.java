package com.profilebridge.cdp.segment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Segment's two APIs as their documentation describes them, on one WireMock server.
 *
 * <p>Profile API: https://segment.com/docs/unify/profile-api/ (routes {@code traits},
 * {@code external_ids}, {@code metadata}; Basic auth with the access token as user and an empty
 * password; 404 {@code {"error":{"code":"not_found","message":"Profile was not found."}}}; 429
 * {@code rate_limit_error} over 100 requests/s per space; a {@code +} must be sent as {@code %2B}).
 *
 * <p>Tracking API: https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/
 * ({@code POST /v1/batch} with Basic auth of {@code writeKey:}; 200 {@code {"success":true}} for any
 * write key, including a wrong one whose events are then dropped; 400 for oversize or invalid JSON;
 * 429 with {@code Retry-After}).
 */
final class SegmentStub {

    static final String PROFILES = "/v1/spaces/" + SegmentSettings.SPACE + "/collections/users/profiles/";

    static String basic(String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((secret + ":").getBytes(StandardCharsets.UTF_8));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req-1111-2222").withBody(body);
    }

    static ResponseDefinitionBuilder notFound() {
        return json(404, "{\"error\":{\"code\":\"not_found\",\"message\":\"Profile was not found.\"}}");
    }

    /** What Segment answers when nothing more specific matches: unknown profiles, wrong tokens, no write key. */
    static void defaults(WireMockServer segment, String token) {
        segment.stubFor(any(anyUrl()).atPriority(10).willReturn(notFound()));
        segment.stubFor(get(anyUrl()).atPriority(9)
                .withHeader("Authorization", matching("(?!" + java.util.regex.Pattern.quote(basic(token)) + "$).*"))
                .willReturn(json(401, "{\"error\":{\"code\":\"authentication_error\",\"message\":\"Unauthorized\"}}")));
        segment.stubFor(post(urlPathEqualTo("/v1/batch")).atPriority(8)
                .willReturn(json(400, "{\"code\":\"missing_write_key\"}")));
        // any write key, right or wrong, is "success": Segment drops events of an unknown key silently
        segment.stubFor(post(urlPathEqualTo("/v1/batch")).atPriority(7)
                .withHeader("Authorization", matching("Basic .+"))
                .withHeader("Content-Type", equalTo("application/json"))
                .willReturn(json(200, "{\"success\":true}")));
    }

    static void traits(WireMockServer segment, String externalId, String traitsJson) {
        segment.stubFor(get(urlPathEqualTo(PROFILES + externalId + "/traits")).atPriority(5)
                .withHeader("Authorization", equalTo(basic(SegmentSettings.TOKEN)))
                .willReturn(json(200, "{\"traits\":" + traitsJson + ",\"cursor\":{\"url\":\"" + PROFILES + externalId
                        + "/traits\",\"has_more\":false,\"next\":\"\"}}")));
    }

    static void externalIds(WireMockServer segment, String externalId, String... userIds) {
        StringBuilder data = new StringBuilder();
        data.append("{\"source_id\":\"GFu4AJc2bE\",\"collection\":\"users\",\"id\":\"a1f3-anon\",\"type\":\"anonymous_id\","
                + "\"created_at\":\"2026-10-30T06:05:01.40468Z\",\"encoding\":\"none\"}");
        for (String userId : userIds) {
            data.append(",{\"source_id\":\"GFu4AJc2bE\",\"collection\":\"users\",\"id\":\"").append(userId)
                    .append("\",\"type\":\"user_id\",\"created_at\":\"2026-11-01T06:05:01.40468Z\",\"encoding\":\"none\"}");
        }
        segment.stubFor(get(urlPathEqualTo(PROFILES + externalId + "/external_ids")).atPriority(5)
                .withHeader("Authorization", equalTo(basic(SegmentSettings.TOKEN)))
                .willReturn(json(200, "{\"data\":[" + data + "],\"cursor\":{\"url\":\"" + PROFILES + externalId
                        + "/external_ids\",\"has_more\":false,\"next\":\"\"}}")));
    }

    private SegmentStub() {}
}
