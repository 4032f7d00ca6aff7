package com.profilebridge.outcome;

import static com.profilebridge.support.RouteComparison.comparableBody;
import static com.profilebridge.support.RouteComparison.comparableHeaders;
import static com.profilebridge.support.RouteComparison.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.profilebridge.ProfileBridgeApplication;
import com.profilebridge.support.Http;
import com.profilebridge.support.RouteComparison.Call;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The track fast path answers exactly as the full Spring stack does: the same calls go to an
 * instance with the fast path (the default) and to one with {@code bridge.outcomes.fast-path=false},
 * where {@code TrackController} behind Spring Security serves everything, each on a database of its
 * own, and status, headers and body must agree (bar the correlation id, the date and the end of the
 * settle window, which each instance counts from its own clock). The table holds what the platforms
 * send, their retries, and every kind of bad call, including those the intake itself refuses (which
 * the fast path hands to the controller); the last test runs both into the integration's rate limit.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrackFastPathEquivalenceTests {

    static final int LIMIT = 100;
    static final String SECRET = "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String SIGNED = "Basic " + Base64.getEncoder().encodeToString("signed-genesys:signed-secret".getBytes());
    static final String OPS = "Basic " + Base64.getEncoder().encodeToString("ops-demo:demo-ops-secret".getBytes());
    static final String WRONG = "Basic " + Base64.getEncoder().encodeToString("ivr-demo:not-the-secret".getBytes());
    static final JsonMapper JSON = JsonMapper.builder().build();

    static ConfigurableApplicationContext fast;
    static ConfigurableApplicationContext full;

    static Call json(String name, String body, int status) {
        return new Call(name, "POST", "/v1/interactions/track", "application/json", null, Http.DEMO_CALLER, Map.of(),
                body, status);
    }

    static String genesys(String conversation) {
        return OutcomePipelineTests.genesysBody(conversation, "cdp-eq-1", "Resolved", "2026-11-29T09:00:00Z");
    }

    static Stream<Call> calls() {
        String signedBody = genesys("conv-eq-signed");
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return Stream.of(
                json("Genesys webhook body", genesys("conv-eq-1"), 202),
                json("the same event again: a duplicate", genesys("conv-eq-1"), 202),
                json("a correction of the same conversation",
                        OutcomePipelineTests.genesysBody("conv-eq-1", "cdp-eq-1", "Sale", "2026-11-29T09:05:00Z"), 202),
                json("no customer and no link: unattributed",
                        "{\"conversationId\":\"conv-eq-2\",\"outcome\":\"Resolved\",\"timestamp\":\"2026-11-29T09:00:00Z\"}",
                        202),
                json("CXone body", "{\"contactId\":\"4711\",\"userId\":\"cdp-eq-3\",\"disposition\":\"Callback\","
                        + "\"eventId\":\"cx-eq-1\"}", 202),
                json("no id and no time of its own (the retry window path)",
                        "{\"conversationId\":\"conv-eq-4\",\"userId\":\"cdp-eq-4\",\"outcome\":\"Resolved\"}", 202),
                new Call("CXone form-encoded single-line JSON", "POST", "/v1/interactions/track",
                        "application/x-www-form-urlencoded", null, Http.DEMO_CALLER, Map.of(),
                        "{\"contactId\":\"4712\",\"userId\":\"cdp-eq-5\",\"disposition\":\"Sale\",\"eventId\":\"cx-eq-2\"}",
                        202),
                new Call("JSON with a charset", "POST", "/v1/interactions/track", "application/json; charset=UTF-8", null,
                        Http.DEMO_CALLER, Map.of(), genesys("conv-eq-6"), 202),
                new Call("API key header", "POST", "/v1/interactions/track", "application/json", null, null,
                        Map.of("X-API-Key", "demo-ivr-secret"), genesys("conv-eq-7"), 202),
                new Call("Accept list with JSON", "POST", "/v1/interactions/track", "application/json",
                        "application/xml;q=0.9, application/json", Http.DEMO_CALLER, Map.of(), genesys("conv-eq-8"), 202),
                new Call("signed by a caller that must sign", "POST", "/v1/interactions/track", "application/json", null,
                        SIGNED, Map.of("webhook-id", "msg-eq-1", "webhook-timestamp", timestamp,
                                "webhook-signature", sign("msg-eq-1", timestamp, signedBody)), signedBody, 202),
                new Call("unsigned from a caller that must sign", "POST", "/v1/interactions/track", "application/json",
                        null, SIGNED, Map.of(), genesys("conv-eq-9"), 401),
                new Call("a source the caller may not send", "POST", "/v1/interactions/track", "application/json", null,
                        SIGNED, Map.of("webhook-id", "msg-eq-2", "webhook-timestamp", timestamp, "webhook-signature",
                                sign("msg-eq-2", timestamp, "{\"contactId\":\"4713\",\"disposition\":\"Sale\"}")),
                        "{\"contactId\":\"4713\",\"disposition\":\"Sale\"}", 403),
                new Call("no credentials", "POST", "/v1/interactions/track", "application/json", null, null, Map.of(),
                        genesys("conv-eq-10"), 401),
                new Call("wrong secret", "POST", "/v1/interactions/track", "application/json", null, WRONG, Map.of(),
                        genesys("conv-eq-10"), 401),
                new Call("operator credentials (no INTEGRATION role)", "POST", "/v1/interactions/track",
                        "application/json", null, OPS, Map.of(), genesys("conv-eq-10"), 403),
                json("malformed JSON", "{\"conversationId\":", 400),
                json("empty body", "", 400),
                json("array instead of object", "[\"conv-eq-11\"]", 400),
                json("no interaction and no customer", "{\"outcome\":\"Resolved\"}", 400),
                json("a time out of range", "{\"conversationId\":\"conv-eq-12\",\"timestamp\":\"1999-12-31T23:59:59Z\"}",
                        400),
                json("an interaction id breaking the rule", "{\"conversationId\":\"conv eq 13\"}", 400),
                json("a property that is no scalar", "{\"conversationId\":\"conv-eq-14\",\"outcome\":{\"a\":1}}", 400),
                json("a key twice", "{\"conversationId\":\"conv-eq-15\",\"userId\":\"cdp-a\",\"userId\":\"cdp-b\"}", 400),
                json("a number beyond what JSON readers keep exactly",
                        "{\"conversationId\":\"conv-eq-16\",\"userId\":\"cdp-a\",\"duration\":1e400}", 400),
                json("an event id that is an object",
                        "{\"conversationId\":\"conv-eq-17\",\"userId\":\"cdp-a\",\"eventId\":{\"a\":1}}", 400),
                json("body over the integration cap",
                        "{\"conversationId\":\"conv-eq-15\",\"pad\":\"" + "x".repeat(65 * 1024) + "\"}", 413),
                new Call("XML content type", "POST", "/v1/interactions/track", "application/xml", null, Http.DEMO_CALLER,
                        Map.of(), "<conversationId>conv-eq-16</conversationId>", 415),
                new Call("Accept HTML only", "POST", "/v1/interactions/track", "application/json", "text/html",
                        Http.DEMO_CALLER, Map.of(), genesys("conv-eq-17"), 406),
                new Call("GET", "GET", "/v1/interactions/track", null, null, Http.DEMO_CALLER, Map.of(), "", 405),
                new Call("browser saying Sec-Fetch-Site: cross-site", "POST", "/v1/interactions/track",
                        "application/json", null, Http.DEMO_CALLER, Map.of("Sec-Fetch-Site", "cross-site"),
                        genesys("conv-eq-18"), 403),
                new Call("encoded path, well-formed call", "POST", "/%761/interactions/track", "application/json", null,
                        Http.DEMO_CALLER, Map.of(), genesys("conv-eq-19"), 202),
                new Call("Genesys correlation and organisation ids", "POST", "/v1/interactions/track",
                        "application/json", "*/*", Http.DEMO_CALLER, Map.of("ININ-Correlation-Id", "corr-eq-1",
                                "ININ-Organization-Id", "0a1b2c3d-0000-4000-8000-000000000001"), genesys("conv-eq-20"),
                        202));
    }

    static String sign(String id, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring("whsec_".length())), "HmacSHA256"));
            byte[] signature = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signature);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void start() {
        fast = launch();
        full = launch("--bridge.outcomes.fast-path=false");
    }

    static ConfigurableApplicationContext launch(String... extra) {
        String[] args = Stream.concat(Stream.of("--server.port=0",
                "--bridge.rate-limit.integration.limit=" + LIMIT,
                "--bridge.rate-limit.integration.period=1h",
                "--bridge.outcomes.delivery.enabled=false",
                "--bridge.security.callers.signedgenesys.secrets=signed-secret",
                "--bridge.outcomes.webhooks.signedgenesys.secrets=" + SECRET,
                "--bridge.outcomes.callers.signedgenesys.sources=genesys"), Stream.of(extra)).toArray(String[]::new);
        return new SpringApplicationBuilder(ProfileBridgeApplication.class).profiles("demo", "test").run(args);
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {full, fast}) {
            if (context != null) {
                context.close();
            }
        }
    }

    @Test
    @Order(0)
    void theFastPathIsOnByDefaultAndOffWhenSwitchedOff() {
        assertThat(fast.containsBean("trackFastPath")).isTrue();
        assertThat(full.containsBean("trackFastPath")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    @Order(1)
    void answersAsTheFullStackDoes(Call call) throws Exception {
        HttpResponse<String> viaFastPath = send(fast, call);
        HttpResponse<String> viaController = send(full, call);

        assertThat(viaFastPath.statusCode()).as("status").isEqualTo(call.expectedStatus());
        assertThat(viaController.statusCode()).as("status").isEqualTo(call.expectedStatus());
        assertThat(comparableHeaders(viaFastPath)).as("headers").isEqualTo(comparableHeaders(viaController));
        assertThat(comparableBody(viaFastPath, "correlationId", "sends_after")).as("body").isEqualTo(comparableBody(viaController, "correlationId", "sends_after"));
        Instant sendsAfter = sendsAfter(viaController);
        if (sendsAfter != null) {
            assertThat(sendsAfter(viaFastPath)).as("sends_after: each instance's own clock, a moment apart")
                    .isBetween(sendsAfter.minusSeconds(2), sendsAfter.plusSeconds(2));
        }
        if (viaFastPath.statusCode() >= 400) {
            assertThat(viaFastPath.headers().firstValue("Content-Type")).as("errors are problem details")
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
        if (call.headers().containsKey("ININ-Correlation-Id")) {
            assertThat(viaFastPath.headers().firstValue("X-Correlation-Id")).hasValue("corr-eq-1");
        }
    }

    @Test
    @Order(2)
    void anOutcomeTheFastPathTookIsStoredOnceAndRetriesAreDuplicates() throws Exception {
        Call call = json("stored once", genesys("conv-eq-once"), 202);
        assertThat(JSON.readTree(send(fast, call).body()).path("status").asString()).isEqualTo("accepted");
        assertThat(JSON.readTree(send(fast, call).body()).path("status").asString()).isEqualTo("duplicate");
        // a refusal handed on to the controller is not taken in there a second time
        Call refused = json("refused once", "{\"conversationId\":\"conv-eq-refused\",\"timestamp\":\"1999-01-01T00:00:00Z\"}",
                400);
        assertThat(send(fast, refused).statusCode()).isEqualTo(400);
        assertThat(fast.getBean(OutcomeOperations.class).stats().backlog())
                .isEqualTo(full.getBean(OutcomeOperations.class).stats().backlog() + 1);
        send(full, call);
        send(full, call);
        send(full, refused);
        OutboxStats viaFastPath = fast.getBean(OutcomeOperations.class).stats();
        OutboxStats viaController = full.getBean(OutcomeOperations.class).stats();
        assertThat(viaFastPath.backlog()).isEqualTo(viaController.backlog());
        assertThat(viaFastPath.unattributed()).isEqualTo(viaController.unattributed());
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void limitsTheIntegrationAsTheFullStackDoesWith429AndRetryAfter() throws Exception {
        HttpResponse<String> viaFastPath = null;
        HttpResponse<String> viaController = null;
        for (int i = 0; i <= LIMIT; i++) {
            Call call = json("rate limit " + i, genesys("conv-eq-limit-" + i), 202);
            viaFastPath = send(fast, call);
            viaController = send(full, call);
            assertThat(viaFastPath.statusCode()).as("call %d", i).isEqualTo(viaController.statusCode());
            if (viaFastPath.statusCode() == 429) {
                break;
            }
        }
        assertThat(viaFastPath.statusCode()).as("the limit of %d an hour ends in 429", LIMIT).isEqualTo(429);
        long fastWait = Long.parseLong(viaFastPath.headers().firstValue("Retry-After").orElseThrow());
        long fullWait = Long.parseLong(viaController.headers().firstValue("Retry-After").orElseThrow());
        assertThat(fastWait).isBetween(1L, 3600L).isBetween(fullWait - 2, fullWait + 2);
        Map<String, Object> fastHeaders = comparableHeaders(viaFastPath);
        Map<String, Object> fullHeaders = comparableHeaders(viaController);
        fastHeaders.remove("retry-after");
        fullHeaders.remove("retry-after");
        assertThat(fastHeaders).isEqualTo(fullHeaders);
        assertThat(comparableBody(viaFastPath, "correlationId", "sends_after")).isEqualTo(comparableBody(viaController, "correlationId", "sends_after"));
    }

    private static @Nullable Instant sendsAfter(HttpResponse<String> response) {
        try {
            JsonNode value = JSON.readTree(response.body()).get("sends_after");
            return value == null || value.isNull() ? null : Instant.parse(value.asString());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
