package com.profilebridge.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.profilebridge.support.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Requests Tomcat refuses before any filter runs get the same problem details as every other error.
 * Found by the black-box review of 2026-12-01: {@code POST /v1/profiles%2Fresolve} (and a bad percent
 * escape, {@code %00}, {@code %5C}, headers over Tomcat's limit, a bad {@code Host}) answered Tomcat's HTML
 * error page, while the README promises RFC 9457 problem details for every 400.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class TomcatErrorProblemTests {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = {"/v1/profiles%2Fresolve", "/v1/profiles/resolve%5C",
            "/v1/profiles/resolve%00", "/widget%2Fsession"})
    void aUrlTomcatRefusesIsAProblemDetail(String path) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", Http.DEMO_CALLER).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"identifier\":\"+15551000042\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertRefusedAsProblem(response);
    }

    @Test
    void headersOverTomcatsLimitAreAProblemDetail() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/profiles/resolve"))
                .header("Authorization", Http.DEMO_CALLER).header("Content-Type", "application/json")
                .header("X-Padding", "a".repeat(20_000))
                .POST(HttpRequest.BodyPublishers.ofString("{\"identifier\":\"+15551000042\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertRefusedAsProblem(response);
    }

    @Test
    void errorsTheApplicationAnsweredKeepTheirOwnProblem() {
        HttpResponse<String> response = new Http(port).post("/v1/profiles/resolve", "text/plain", "{}", Http.DEMO_CALLER);

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).contains("/problems/unsupported-media-type").doesNotContain("rejected-request");
    }

    private static void assertRefusedAsProblem(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(response.body()).startsWith("{").contains("\"type\":\"https://profile-bridge.dev/problems/rejected-request\"")
                .contains("\"status\":400").contains("\"correlationId\":\"").doesNotContain("<html").doesNotContain("Tomcat");
    }
}
