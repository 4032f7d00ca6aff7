package com.profilebridge.edge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.profilebridge.support.Http;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The edge against the running application, with real sockets: body caps on every route family
 * (declared and chunked, answered before the body is sent in full), the cheap checks before any
 * parsing, bounded JSON, and the rate limits of agents and of token checks per client address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "cdp.provider=http",
        "bridge.agent.genesys.environments=mypurecloud.de",
        "bridge.agent.genesys.organization-ids=" + EdgeLimitsTests.ORG,
        "bridge.agent.genesys.oauth-client-ids=edge-widget-client",
        "bridge.agent.access=free-search",
        "bridge.demo.identity-endpoints=false",
        "bridge.rate-limit.token-validation.limit=" + EdgeLimitsTests.TOKEN_CHECKS,
        "bridge.rate-limit.token-validation.period=1h"})
@ActiveProfiles({"demo", "test"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EdgeLimitsTests {

    static final String ORG = "5e1f0c2a-7d3b-4c8e-9a61-0d3e0de30001";
    static final int TOKEN_CHECKS = 10;
    static final String TOKENS_ME = "/mypurecloud.de/api/v2/tokens/me";

    static final WireMockServer cdp = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());
    static final WireMockServer genesys = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());

    static {
        cdp.start();
        genesys.start();
    }

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("cdp.http.base-url", () -> "http://127.0.0.1:" + cdp.port());
        registry.add("bridge.agent.genesys.api-base-url-template", () -> "http://127.0.0.1:" + genesys.port() + "/{env}");
    }

    @AfterAll
    static void stop() {
        cdp.stop();
        genesys.stop();
    }

    @LocalServerPort
    int port;

    /** Every route family, its method and content type, and its cap. */
    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of("/v1/profiles/resolve", "application/json", 32 * 1024),
                Arguments.of("/%761/profiles/resolve", "application/json", 32 * 1024),
                Arguments.of("/v1/interactions/track", "application/x-www-form-urlencoded", 32 * 1024),
                Arguments.of("/widget/session", "application/json", 16 * 1024),
                Arguments.of("/api/proxy/cdp/profile/usr_7", "application/json", 4 * 1024),
                Arguments.of("/login", "application/x-www-form-urlencoded", 16 * 1024),
                Arguments.of("/actuator/health", "application/json", 4 * 1024),
                Arguments.of("/?v-r=uidl&v-uiId=0", "application/json", 1024 * 1024),
                Arguments.of("/agent", "application/x-www-form-urlencoded", 16 * 1024));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    @Order(1)
    void aDeclaredBodyOverTheRoutesCapIs413BeforeItIsSent(String path, String type, int cap) throws IOException {
        for (long declared : new long[] {cap + 1L, 90L * 1024 * 1024}) {
            String answer = exchange("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: " + type
                    + "\r\nAuthorization: " + Http.DEMO_CALLER + "\r\nContent-Length: " + declared + "\r\n\r\n",
                    new byte[1024]);
            assertThat(answer).as("%s with Content-Length %d (1 KB sent)", path, declared)
                    .startsWith("HTTP/1.1 413").contains("application/problem+json").contains("body-too-large");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    @Order(2)
    void aChunkedBodyIs413AsSoonAsItPassesTheCap(String path, String type, int cap) throws IOException {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        byte[] chunk = "x".repeat(4096).getBytes(StandardCharsets.US_ASCII);
        for (int sent = 0; sent <= cap + 4096; sent += chunk.length) {
            chunks.writeBytes(("1000\r\n").getBytes(StandardCharsets.US_ASCII));
            chunks.writeBytes(chunk);
            chunks.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        // no closing zero-length chunk: the body never ends, only the cap can end the request
        String answer = exchange("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: " + type
                + "\r\nAuthorization: " + Http.DEMO_CALLER + "\r\nTransfer-Encoding: chunked\r\n\r\n", chunks.toByteArray());
        assertThat(answer).as(path).startsWith("HTTP/1.1 413").contains("body-too-large");
    }

    @Test
    @Order(3)
    void aWidgetHandshakeFromAnotherOriginIsRefusedBeforeItsBodyIsParsed() {
        HttpResponse<String> answer = new Http(port).post("/widget/session", "application/json", "{\"platform\":",
                null, Map.of("Origin", "https://attacker.example"));
        assertThat(answer.statusCode()).as("403, not the 400 of parsing the malformed body").isEqualTo(403);
        assertThat(answer.body()).contains("foreign-origin");
        HttpResponse<String> plain = new Http(port).post("/widget/session", "text/plain", "{}", null);
        assertThat(plain.statusCode()).isEqualTo(415);
    }

    @Test
    @Order(4)
    void jsonNestedDeeperThanTheReadLimitIsA400() {
        String nested = "[".repeat(200) + "]".repeat(200);
        HttpResponse<String> answer = new Http(port).resolveJson("{\"identifier\":\"+15551000042\",\"x\":" + nested + "}");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    @Order(5)
    void a401ToAnIntegrationCallerCarriesNoBasicChallenge() {
        HttpResponse<String> answer = new Http(port).post("/v1/profiles/resolve", "application/json",
                "{\"identifier\":\"+15551000042\"}", null);
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).as("no browser login prompt").isEmpty();
    }

    @Test
    @Order(6)
    void theProxysRefreshIsLimitedPerAgentSoTwentyRefreshesAreOneCdpCall() {
        stubGenesysAgent("gc-agent-token-refresh-1", "user-r1");
        stubGenesysAgent("gc-agent-token-refresh-2", "user-r2");
        cdp.stubFor(get(urlPathEqualTo("/v1/profiles/usr_7")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"cdp_user_id\":\"usr_7\",\"tier\":\"GOLD\"}")));
        Http http = new Http(port);
        int refused = 0;
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> answer = http.get("/api/proxy/cdp/profile/usr_7?refresh=" + (i % 2 == 0 ? "true" : "on"),
                    agent("gc-agent-token-refresh-1"));
            if (answer.statusCode() == 429) {
                refused++;
                assertThat(Long.parseLong(answer.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 10L);
                assertThat(answer.body()).contains("too-many-requests");
            } else {
                assertThat(answer.statusCode()).isEqualTo(200);
            }
        }
        assertThat(refused).isEqualTo(19);
        cdp.verify(1, getRequestedFor(urlPathEqualTo("/v1/profiles/usr_7")));

        assertThat(http.get("/api/proxy/cdp/profile/usr_7", agent("gc-agent-token-refresh-1")).statusCode())
                .as("without refresh the cache answers").isEqualTo(200);
        assertThat(http.get("/api/proxy/cdp/profile/usr_7?refresh=true", agent("gc-agent-token-refresh-2")).statusCode())
                .as("another agent has its own refresh").isEqualTo(200);
        cdp.verify(2, getRequestedFor(urlPathEqualTo("/v1/profiles/usr_7")));
    }

    @Test
    @Order(7)
    void thirtyRandomGenesysTokensFromOneAddressStopReachingGenesysAtTheLimit() {
        genesys.stubFor(get(urlPathEqualTo(TOKENS_ME)).atPriority(10).willReturn(aResponse().withStatus(401)));
        int before = genesys.countRequestsMatching(getRequestedFor(urlPathEqualTo(TOKENS_ME)).build()).getCount();
        Http http = new Http(port);
        int refused = 0;
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> answer = http.get("/api/proxy/cdp/profile/usr_7",
                    agent("gc-random-token-" + i + "-Zq81mX"));
            if (answer.statusCode() == 429) {
                refused++;
            } else {
                assertThat(answer.statusCode()).isEqualTo(401);
            }
        }
        int asked = genesys.countRequestsMatching(getRequestedFor(urlPathEqualTo(TOKENS_ME)).build()).getCount() - before;
        assertThat(asked).as("tokens/me calls").isLessThanOrEqualTo(TOKEN_CHECKS);
        assertThat(refused).isGreaterThanOrEqualTo(30 - TOKEN_CHECKS);
        assertThat(asked + refused).isEqualTo(30);
    }

    private static Map<String, String> agent(String token) {
        return Map.of("Authorization", "Bearer " + token, "X-Agent-Platform", "genesys",
                "X-Genesys-Environment", "mypurecloud.de");
    }

    private static void stubGenesysAgent(String token, String userId) {
        genesys.stubFor(get(urlPathEqualTo(TOKENS_ME)).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"organization\":{\"id\":\"" + ORG + "\"},\"OAuthClient\":{\"id\":\"edge-widget-client\"},"
                                + "\"expirationDate\":\""
                                + Instant.now().plus(Duration.ofHours(8)) + "\"}")));
        genesys.stubFor(get(urlPathEqualTo("/mypurecloud.de/api/v2/users/me"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"" + userId + "\",\"name\":\"Agent " + userId + "\"}")));
    }

    /**
     * Sends the head and part of a body on a raw socket and reads the answer: the server must answer
     * while the client has not sent (and never will send) the rest.
     */
    private String exchange(String head, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(body);
                out.flush();
            } catch (SocketException closedEarly) {
                // the server answered and closed before the client finished writing: read the answer
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    answer.write(buffer, 0, n);
                    String text = answer.toString(StandardCharsets.ISO_8859_1);
                    if (text.contains("\r\n\r\n") && text.stripTrailing().endsWith("}")) {
                        break;
                    }
                }
            } catch (SocketException reset) {
                // a reset after the answer (the unread body) is fine; the answer is checked below
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
