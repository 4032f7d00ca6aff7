package com.profilebridge;

import java.time.Duration;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import com.profilebridge.cdp.CdpClient;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.identity.InteractionLink;
import com.profilebridge.identity.InteractionLinks;
import com.profilebridge.identity.MatchType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The embedded default as a newcomer gets it: demo CDP, H2, Flyway, health, docs, metrics. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "bridge.outcomes.settle-window=1s")
@ActiveProfiles({"demo", "test"})
class EmbeddedDefaultTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    InteractionLinks links;

    @Autowired
    CdpClient cdp;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void healthIsUpWithLivenessAndReadinessGroups() throws Exception {
        JsonNode health = json.readTree(get("/actuator/health").body());
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("cdp").path("details").path("provider").asString())
                .isEqualTo("demo");
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        JsonNode readiness = json.readTree(get("/actuator/health/readiness").body());
        assertThat(readiness.path("components").has("db")).isTrue();
        assertThat(readiness.path("components").has("cdp")).as("CDP never decides readiness").isFalse();
    }

    @Test
    void migrationsAreApplied() {
        Integer applied = jdbc.sql("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\" = TRUE")
                .query(Integer.class).single();
        assertThat(applied).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM interaction_link").query(Integer.class).single()).isNotNull();
    }

    @Test
    void demoCdpAnswersTheGuidesGenesysLookup() throws Exception {
        HttpResponse<String> response = post("/v1/profiles/resolve", "application/json",
                "{\"identifier\":\"+1 (555) 100-0042\",\"channel\":\"voice\",\"source\":\"genesys\"}",
                "ivr-demo:demo-ivr-secret");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("cdp_user_id").asString()).isEqualTo("usr_00042");
        assertThat(body.path("profile").path("cdp_user_id").asString()).isEqualTo("usr_00042");
        assertThat(body.path("match_type").asString()).isEqualTo("PHONE");
        assertThat(response.body()).doesNotContain("null");
    }

    @Test
    void recordsTheInteractionLinkForTheWidgetAndOutcomes() throws Exception {
        HttpResponse<String> response = post("/v1/profiles/resolve", "application/x-www-form-urlencoded",
                "{\"interactionId\":\"cx-link-1\",\"phoneNumber\":\"+15551000042\",\"email\":\"\"}",
                "ivr-demo:demo-ivr-secret");
        assertThat(json.readTree(response.body()).path("cdp_user_id").asString()).isEqualTo("usr_00042");
        // the link is written off the IVR path
        InteractionLink link = await().atMost(Duration.ofSeconds(5))
                .until(() -> links.find("cx-link-1").orElse(null), java.util.Objects::nonNull);
        assertThat(link).isNotNull();
        assertThat(link.cdpUserId()).isEqualTo("usr_00042");
        assertThat(link.confidence()).isEqualTo(0.7);
        assertThat(link.matchType()).isEqualTo(MatchType.PHONE);
    }

    @Test
    void aDispositionForAResolvedCallReachesTheDemoCdpThroughTheOutboxOnH2() throws Exception {
        post("/v1/profiles/resolve", "application/x-www-form-urlencoded",
                "{\"interactionId\":\"cx-outcome-1\",\"phoneNumber\":\"+15551000077\"}", "ivr-demo:demo-ivr-secret");
        await().atMost(Duration.ofSeconds(5)).until(() -> links.find("cx-outcome-1").isPresent());
        // CXone's Studio action: no customer id in the body (the trap), the link supplies it
        HttpResponse<String> answer = post("/v1/interactions/track", "application/x-www-form-urlencoded",
                "{\"contactId\":\"cx-outcome-1\",\"userId\":\"null\",\"disposition\":\"Upsell accepted\","
                        + "\"summary\":\"Upgraded plan\"}",
                "ivr-demo:demo-ivr-secret");
        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(json.readTree(answer.body()).path("status").asString()).isEqualTo("accepted");

        // settle 1 s, then a worker round
        List<String> history = await().atMost(Duration.ofSeconds(15))
                .until(() -> cdp.profile("usr_00077").orElseThrow().recentInteractions().stream()
                        .map(CdpProfile.Interaction::outcome).toList(), h -> h.contains("Upsell accepted"));
        assertThat(history).contains("Upsell accepted");
    }

    @Test
    void correlationIdIsTakenFromGenesysAndEchoed() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/actuator/health"))
                .header("ININ-Correlation-Id", "corr-123").build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("X-Correlation-Id")).contains("corr-123");
        assertThat(get("/actuator/health").headers().firstValue("X-Correlation-Id")).isPresent();
    }

    @Test
    void missingCredentialsAreAProblemDetail() throws Exception {
        HttpResponse<String> response = post("/v1/profiles/resolve", "application/json",
                "{\"identifier\":\"+15551000042\"}", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(401);
        assertThat(problem.path("type").asString()).endsWith("/unauthorized");
    }

    @Test
    void openApiDocumentDescribesTheResolveEndpoint() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).path("paths").has("/v1/profiles/resolve")).isTrue();
        assertThat(get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
    }

    @Test
    void prometheusExposesResolveAndCacheMetrics() throws Exception {
        post("/v1/profiles/resolve", "application/json", "{\"identifier\":\"+15551000043\"}", "ivr-demo:demo-ivr-secret");
        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics).contains("bridge_resolve_latency_seconds_bucket");
        assertThat(metrics).contains("bridge_cache_lookups_total");
        assertThat(metrics).contains("resilience4j_circuitbreaker_state");
    }

    @Test
    void unknownPathsAnswerProblemDetailsWithoutInternals() throws Exception {
        HttpResponse<String> response = post("/v1/nothing-here", "application/json", "{}", "ivr-demo:demo-ivr-secret");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"status\":404").doesNotContain("Exception").doesNotContain("at com.");
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String contentType, String body, String basic) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (basic != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes()));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
