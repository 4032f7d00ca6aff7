package com.profilebridge.resolve;

import static com.profilebridge.support.RouteComparison.comparableBody;
import static com.profilebridge.support.RouteComparison.comparableHeaders;
import static com.profilebridge.support.RouteComparison.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.profilebridge.ProfileBridgeApplication;
import com.profilebridge.support.Http;
import com.profilebridge.support.LoopbackOAuth;
import com.profilebridge.support.RouteComparison;
import com.profilebridge.support.RouteComparison.Call;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * The resolve fast path answers exactly as the full Spring stack does: the same requests go to an
 * instance with the fast path (the default) and to one with {@code bridge.resolve.fast-path=false},
 * where {@code ResolveController} behind Spring Security serves everything, and status, headers and
 * body must agree (bar the correlation id, the date and each instance's own port). The table holds
 * the answers the IVRs rely on and every kind of bad call; the last test runs both instances into
 * the integration's rate limit (lowered to {@value #LIMIT} an hour for it) and compares the 429s.
 * Both instances accept OAuth bearer tokens of a mock-oauth2-server on 127.0.0.1 (client
 * {@code genesys-ivr} is the demo IVR caller, {@code ops-client} the operator).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResolveFastPathEquivalenceTests {

    /** Every call of the table and of the metrics test must fit under it. */
    static final int LIMIT = 100;

    private static final String OPS = "Basic " + Base64.getEncoder().encodeToString("ops-demo:demo-ops-secret".getBytes());
    private static final String WRONG = "Basic " + Base64.getEncoder().encodeToString("ivr-demo:not-the-secret".getBytes());
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Body fields that differ per answer: the correlation id, and whole seconds since each instance cached
     * the profile (the two reads straddle a second now and then; compared within one second apart). */
    private static final String[] VARYING_FIELDS = {"correlation_id", "correlationId", "profile_age_seconds"};
    static final String AUDIENCE = "profile-bridge";
    static final MockOAuth2Server OAUTH = LoopbackOAuth.start();


    static ConfigurableApplicationContext fast;
    static ConfigurableApplicationContext full;

    static Call json(String name, String body, int status) {
        return new Call(name, "POST", "/v1/profiles/resolve", "application/json", null, Http.DEMO_CALLER, Map.of(), body,
                status);
    }

    static String bearer(String clientId, String audience, long expirySeconds) {
        return "Bearer " + OAUTH.issueToken("ivr", clientId, new DefaultOAuth2TokenCallback("ivr", clientId, "JWT",
                List.of(audience), Map.of(), expirySeconds)).serialize();
    }

    static Stream<Call> calls() {
        String guide = "{\"identifier\":\"+1 (555) 100-0042\",\"channel\":\"voice\",\"source\":\"genesys\"}";
        // the bearer rows have a number of their own: each instance's first bearer call also fetches the
        // JWKS, which must not age the cache entries the other rows compare (profile_age_seconds)
        String bearerGuide = "{\"identifier\":\"+1 (555) 100-0043\",\"channel\":\"voice\",\"source\":\"genesys\"}";
        String ivrToken = bearer("genesys-ivr", AUDIENCE, 3600);
        return Stream.of(
                json("Genesys body, known phone", guide, 200),
                json("known phone again (now cached)", guide, 200),
                json("CDP user id", "{\"identifier\":\"usr_00042\",\"channel\":\"voice\",\"source\":\"genesys\"}", 200),
                json("unknown number: guest", "{\"identifier\":\"+1 555 999 0000\"}", 200),
                json("unusable identifier: reason in the answer", "{\"identifier\":\"call me maybe\"}", 200),
                json("CXone fields with an interaction id",
                        "{\"interactionId\":\"ix-eq-1\",\"phoneNumber\":\"555-100-0042\",\"email\":\" Ada@Example.COM \"}", 200),
                json("Genesys conversation id and a null-like user id",
                        "{\"conversationId\":\"conv-eq-1\",\"identifier\":\"15551000042\",\"userId\":\"\"}", 200),
                new Call("CXone form-encoded single-line JSON", "POST", "/v1/profiles/resolve",
                        "application/x-www-form-urlencoded", null, Http.DEMO_CALLER, Map.of(),
                        "{\"interactionId\":\"ix-eq-2\",\"phoneNumber\":\"+15551000042\"}", 200),
                new Call("JSON with a charset", "POST", "/v1/profiles/resolve", "application/json; charset=UTF-8", null,
                        Http.DEMO_CALLER, Map.of(), guide, 200),
                new Call("API key header", "POST", "/v1/profiles/resolve", "application/json", null, null,
                        Map.of("X-API-Key", "demo-ivr-secret"), guide, 200),
                new Call("Accept list with JSON", "POST", "/v1/profiles/resolve", "application/json",
                        "application/xml;q=0.9, application/json", Http.DEMO_CALLER, Map.of(), guide, 200),
                new Call("Genesys correlation and organisation ids", "POST", "/v1/profiles/resolve", "application/json",
                        "*/*", Http.DEMO_CALLER, Map.of("ININ-Correlation-Id", "corr-eq-1",
                                "ININ-Organization-Id", "0a1b2c3d-0000-4000-8000-000000000001"), guide, 200),
                new Call("no credentials", "POST", "/v1/profiles/resolve", "application/json", null, null, Map.of(), guide,
                        401),
                new Call("wrong secret", "POST", "/v1/profiles/resolve", "application/json", null, WRONG, Map.of(), guide,
                        401),
                new Call("wrong API key", "POST", "/v1/profiles/resolve", "application/json", null, null,
                        Map.of("X-API-Key", "guess"), guide, 401),
                new Call("operator credentials (no INTEGRATION role)", "POST", "/v1/profiles/resolve", "application/json",
                        null, OPS, Map.of(), guide, 403),
                json("malformed JSON", "{\"identifier\":", 400),
                json("empty body", "", 400),
                json("no identifier field", "{\"channel\":\"voice\"}", 400),
                json("array instead of object", "[\"+15551000042\"]", 400),
                json("wrong field type", "{\"identifier\":{\"nested\":true}}", 400),
                json("a key twice (the last would name another customer)",
                        "{\"userId\":\"usr_00077\",\"userId\":\"usr_00042\",\"verifiedBy\":\"pin\"}", 400),
                json("body over 32 KB", "{\"identifier\":\"+15551000042\",\"pad\":\"" + "x".repeat(33 * 1024) + "\"}", 413),
                new Call("XML content type", "POST", "/v1/profiles/resolve", "application/xml", null, Http.DEMO_CALLER,
                        Map.of(), "<identifier>+15551000042</identifier>", 415),
                new Call("Accept HTML only", "POST", "/v1/profiles/resolve", "application/json", "text/html",
                        Http.DEMO_CALLER, Map.of(), guide, 406),
                new Call("GET", "GET", "/v1/profiles/resolve", null, null, Http.DEMO_CALLER, Map.of(), "", 405),
                new Call("path parameter", "POST", "/v1/profiles/resolve;jsessionid=x", "application/json", null,
                        Http.DEMO_CALLER, Map.of(), guide, 400),
                new Call("trailing slash", "POST", "/v1/profiles/resolve/", "application/json", null, Http.DEMO_CALLER,
                        Map.of(), guide, -1),
                new Call("text/plain (what a cross-site HTML form can send)", "POST", "/v1/profiles/resolve",
                        "text/plain", null, Http.DEMO_CALLER, Map.of(), guide, 415),
                new Call("text/plain without credentials: refused before authentication", "POST",
                        "/v1/profiles/resolve", "text/plain", null, null, Map.of(), guide, 415),
                new Call("cross-site browser form post with CXone's form type", "POST", "/v1/profiles/resolve",
                        "application/x-www-form-urlencoded", null, Http.DEMO_CALLER,
                        Map.of("Origin", "https://attacker.example"), guide, 403),
                new Call("browser saying Sec-Fetch-Site: cross-site", "POST", "/v1/profiles/resolve", "application/json",
                        null, Http.DEMO_CALLER, Map.of("Sec-Fetch-Site", "cross-site"), guide, 403),
                new Call("encoded path, well-formed call", "POST", "/%761/profiles/resolve", "application/json", null,
                        Http.DEMO_CALLER, Map.of(), guide, 200),
                new Call("encoded path, body over 32 KB", "POST", "/%761/profiles/resolve", "application/json", null,
                        Http.DEMO_CALLER, Map.of(), "{\"identifier\":\"+15551000042\",\"pad\":\"" + "x".repeat(33 * 1024)
                                + "\"}", 413),
                new Call("chunked body, well-formed call", "POST", "/v1/profiles/resolve", "application/json", null,
                        Http.DEMO_CALLER, Map.of(), guide, 200),
                new Call("chunked body over 32 KB", "POST", "/v1/profiles/resolve", "application/json", null,
                        Http.DEMO_CALLER, Map.of(), "{\"identifier\":\"+15551000042\",\"pad\":\"" + "x".repeat(33 * 1024)
                                + "\"}", 413),
                new Call("chunked CXone form body", "POST", "/v1/profiles/resolve", "application/x-www-form-urlencoded",
                        null, Http.DEMO_CALLER, Map.of(), "{\"interactionId\":\"ix-eq-3\",\"phoneNumber\":\"+15551000042\"}",
                        200),
                new Call("OAuth bearer token (Genesys User Defined (OAuth))", "POST", "/v1/profiles/resolve",
                        "application/json", null, ivrToken, Map.of(), bearerGuide, 200),
                new Call("the same bearer token again (validation cached)", "POST", "/v1/profiles/resolve",
                        "application/json", null, ivrToken, Map.of(), bearerGuide, 200),
                new Call("bearer token with CXone's form type", "POST", "/v1/profiles/resolve",
                        "application/x-www-form-urlencoded", null, ivrToken, Map.of(),
                        "{\"interactionId\":\"ix-eq-4\",\"phoneNumber\":\"+15551000043\"}", 200),
                new Call("bearer token, malformed JSON", "POST", "/v1/profiles/resolve", "application/json", null,
                        ivrToken, Map.of(), "{\"identifier\":", 400),
                new Call("expired bearer token", "POST", "/v1/profiles/resolve", "application/json", null,
                        bearer("genesys-ivr", AUDIENCE, -600), Map.of(), bearerGuide, 401),
                new Call("bearer token for another audience", "POST", "/v1/profiles/resolve", "application/json", null,
                        bearer("genesys-ivr", "another-api", 3600), Map.of(), bearerGuide, 401),
                new Call("bearer token of a client no caller lists", "POST", "/v1/profiles/resolve", "application/json",
                        null, bearer("someone-else", AUDIENCE, 3600), Map.of(), bearerGuide, 401),
                new Call("bearer token that is no JWT", "POST", "/v1/profiles/resolve", "application/json", null,
                        "Bearer not-a-jwt", Map.of(), bearerGuide, 401),
                new Call("bearer token of the operator's client (no INTEGRATION role)", "POST", "/v1/profiles/resolve",
                        "application/json", null, bearer("ops-client", AUDIENCE, 3600), Map.of(), bearerGuide, 403));
    }

    @BeforeAll
    static void start() throws Exception {
        fast = launch();
        full = launch("--bridge.resolve.fast-path=false");
        // each instance fetches the issuer's discovery document and JWKS on its first token: done here,
        // so that time does not fall between the two calls of a row and age one instance's cache entries
        Call warmUp = new Call("warm-up", "POST", "/v1/profiles/resolve", "application/json", null,
                bearer("genesys-ivr", AUDIENCE, 3600), Map.of(), "{\"identifier\":\"+1 555 100 0044\"}", 200);
        assertThat(send(fast, warmUp).statusCode()).isEqualTo(200);
        assertThat(send(full, warmUp).statusCode()).isEqualTo(200);
    }

    static ConfigurableApplicationContext launch(String... extra) {
        String[] args = Stream.concat(Stream.of("--server.port=0"), Stream.of(extra)).toArray(String[]::new);
        String[] limited = Stream.concat(Stream.of(args), Stream.of("--bridge.rate-limit.integration.limit=" + LIMIT,
                "--bridge.rate-limit.integration.period=1h",
                "--bridge.security.jwt.issuer-uri=" + OAUTH.issuerUrl("ivr"),
                "--bridge.security.jwt.audiences=" + AUDIENCE,
                "--bridge.security.callers.ivrdemo.client-ids=genesys-ivr",
                "--bridge.security.callers.opsdemo.client-ids=ops-client")).toArray(String[]::new);
        return new SpringApplicationBuilder(ProfileBridgeApplication.class).profiles("demo", "test").run(limited);
    }

    @AfterAll
    static void stop() {
        OAUTH.shutdown();
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {full, fast}) {
            if (context != null) {
                context.close();
            }
        }
    }

    @Test
    @Order(0)
    void theFastPathIsOnByDefaultAndOffWhenSwitchedOff() {
        assertThat(fast.containsBean("resolveFastPath")).isTrue();
        assertThat(full.containsBean("resolveFastPath")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    @Order(1)
    void answersAsTheFullStackDoes(Call call) throws Exception {
        HttpResponse<String> viaFastPath = send(fast, call);
        HttpResponse<String> viaController = send(full, call);

        if (call.expectedStatus() > 0) {
            assertThat(viaFastPath.statusCode()).as("status").isEqualTo(call.expectedStatus());
        }
        assertThat(viaFastPath.statusCode()).as("status").isEqualTo(viaController.statusCode());
        assertThat(comparableHeaders(viaFastPath)).as("headers").isEqualTo(comparableHeaders(viaController));
        assertThat(comparableBody(viaFastPath, VARYING_FIELDS)).as("body").isEqualTo(comparableBody(viaController, VARYING_FIELDS));
        long age = profileAge(viaController);
        assertThat(profileAge(viaFastPath)).as("profile_age_seconds: each instance's own cache, read a moment apart")
                .isBetween(age - 1, age + 1);
        if (viaFastPath.statusCode() >= 400) {
            assertThat(viaFastPath.headers().firstValue("Content-Type")).as("errors are problem details")
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
        assertThat(viaFastPath.headers().firstValue("X-Correlation-Id")).isPresent();
        if (call.headers().containsKey("ININ-Correlation-Id")) {
            assertThat(viaFastPath.headers().firstValue("X-Correlation-Id")).hasValue("corr-eq-1");
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void limitsTheIntegrationAsTheFullStackDoesWith429AndRetryAfter() throws Exception {
        Call call = json("rate limit", "{\"identifier\":\"+1 555 100 0008\"}", 200);
        HttpResponse<String> viaFastPath = null;
        HttpResponse<String> viaController = null;
        for (int i = 0; i <= LIMIT; i++) {
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
        assertThat(comparableBody(viaFastPath, VARYING_FIELDS)).isEqualTo(comparableBody(viaController, VARYING_FIELDS));
        assertThat(viaFastPath.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        // the limit belongs to the integration, whichever credential form it uses
        assertThat(send(fast, new Call("API key", "POST", "/v1/profiles/resolve", "application/json", null, null,
                Map.of("X-API-Key", "demo-ivr-secret"), "{\"identifier\":\"+15551000042\"}", 200)).statusCode())
                .as("the same integration by API key is the same caller").isEqualTo(429);
        assertThat(send(fast, new Call("bearer", "POST", "/v1/profiles/resolve", "application/json", null,
                bearer("genesys-ivr", AUDIENCE, 3600), Map.of(), "{\"identifier\":\"+15551000042\"}", 200)).statusCode())
                .as("the same integration by OAuth bearer token is the same caller").isEqualTo(429);
    }

    @Test
    @Order(2)
    void answersAreMeasuredByTheResolveHistogramAndErrorsByHttpServerRequests() throws Exception {
        // identifiers of its own: the table's calls must reach both instances in the same order
        long answersBefore = count(fast, "bridge_resolve_latency_seconds_count{");
        long errorsBefore = count(fast, "http_server_requests_seconds_count{", "uri=\"/v1/profiles/resolve\"", "status=\"400\"");
        // (encoded paths go through the full stack: the table's such call was observed there)
        long observedAnswersBefore = count(fast, "http_server_requests_seconds_count{", "uri=\"/v1/profiles/resolve\"",
                "status=\"200\"");
        Call answered = json("metrics", "{\"identifier\":\"+1 555 100 0007\"}", 200);
        Call malformed = json("metrics, malformed", "{\"identifier\":", 400);
        // CXone Studio's default: single-line JSON under the form type, answered by the fast path too
        Call cxoneForm = new Call("metrics, CXone form body", "POST", "/v1/profiles/resolve",
                "application/x-www-form-urlencoded", null, Http.DEMO_CALLER, Map.of(),
                "{\"phoneNumber\":\"+15551000007\"}", 200);
        assertThat(send(fast, answered).statusCode()).isEqualTo(200);
        assertThat(send(fast, malformed).statusCode()).isEqualTo(400);
        assertThat(send(fast, cxoneForm).statusCode()).isEqualTo(200);

        assertThat(count(fast, "bridge_resolve_latency_seconds_count{")).isEqualTo(answersBefore + 2);
        assertThat(count(fast, "http_server_requests_seconds_count{", "uri=\"/v1/profiles/resolve\"", "status=\"400\""))
                .isEqualTo(errorsBefore + 1);
        assertThat(count(fast, "http_server_requests_seconds_count{", "uri=\"/v1/profiles/resolve\"", "status=\"200\""))
                .as("the fast path's answers are not observed twice").isEqualTo(observedAnswersBefore);
        // the same calls to the other instance: both have spent as much of the integration's rate limit
        send(full, answered);
        send(full, malformed);
        send(full, cxoneForm);
    }

    /** Sum of the Prometheus samples whose line starts with {@code prefix} and contains every label. */
    private static long count(ConfigurableApplicationContext app, String prefix, String... labels) throws Exception {
        HttpResponse<String> metrics = RouteComparison.get(app, "/actuator/prometheus");
        return metrics.body().lines()
                .filter(line -> line.startsWith(prefix))
                .filter(line -> Stream.of(labels).allMatch(line::contains))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static long profileAge(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body()).path("profile_age_seconds").asLong(-1);
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
