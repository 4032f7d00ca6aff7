package com.profilebridge.resolve.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.profilebridge.ratelimit.RateLimits;
import com.profilebridge.resolve.ResolveEndpoint;
import com.profilebridge.resolve.ResolveRequest;
import com.profilebridge.security.CallerAuthenticator;
import com.profilebridge.security.CallerProperties;
import com.profilebridge.shared.web.CorrelationIdFilter;
import com.profilebridge.shared.web.IntegrationBodies;
import com.profilebridge.shared.web.TooManyRequests;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** Which requests the fast path answers itself and which it leaves to the full stack. */
class ResolveFastPathTests {

    private static final String IVR = basic("ivr-demo", "ivr-secret");
    private static final byte[] ANSWER = "{\"status\":\"success\"}".getBytes(StandardCharsets.UTF_8);

    private final ResolveEndpoint endpoint = mock(ResolveEndpoint.class);
    private final ResolveFastPath fastPath = new ResolveFastPath(
            new CallerAuthenticator(new CallerProperties(Map.of(
                    "ivr-demo", new CallerProperties.Caller(List.of("old-secret", "ivr-secret"), List.of("INTEGRATION")),
                    "ops", new CallerProperties.Caller(List.of("ops-secret"), List.of("OPERATOR"))), "X-API-Key")),
            endpoint, RateLimits.withIntegrationLimit(3, Duration.ofHours(1)),
            new IntegrationBodies(JsonMapper.builder().build(), DataSize.ofKilobytes(32)), JsonMapper.builder().build());

    @BeforeEach
    void answer() {
        when(endpoint.resolve(any(), anyString(), anyLong())).thenReturn(ANSWER);
    }

    @Test
    void answersAnAuthorisedWellFormedResolveItselfWithinTheBudgetFromArrival() throws Exception {
        MockHttpServletRequest request = resolve("{\"identifier\":\"+15551000042\",\"channel\":\"voice\"}");
        request.setAttribute(CorrelationIdFilter.RECEIVED_NANOS, 42L);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        fastPath.doFilter(request, response, chain);

        assertThat(chain.getRequest()).as("passed down the chain").isNull();
        verify(endpoint).resolve(eq(new ResolveRequest("+15551000042", "voice", null, null, null, null, null, null)),
                eq("ivr-demo"), eq(42L));
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).isEqualTo("application/json");
        assertThat(response.getContentAsByteArray()).isEqualTo(ANSWER);
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getHeader("Cache-Control")).contains("no-store");
        assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void acceptsTheApiKeyHeaderAndEveryRotatedSecret() throws Exception {
        for (Consumer<MockHttpServletRequest> credentials : List.<Consumer<MockHttpServletRequest>>of(
                r -> r.addHeader("X-API-Key", "old-secret"),
                r -> r.addHeader("Authorization", basic("ivr-demo", "old-secret")))) {
            MockHttpServletRequest request = new MockHttpServletRequest("POST", ResolveFastPath.PATH);
            request.setContentType("application/json");
            request.setContent("{\"identifier\":\"+15551000042\"}".getBytes(StandardCharsets.UTF_8));
            credentials.accept(request);
            MockFilterChain chain = new MockFilterChain();
            fastPath.doFilter(request, new MockHttpServletResponse(), chain);
            assertThat(chain.getRequest()).isNull();
        }
    }

    static List<Arguments> leftToTheFullStack() {
        return List.of(
                Arguments.of("GET", (Consumer<MockHttpServletRequest>) r -> r.setMethod("GET")),
                Arguments.of("another path", (Consumer<MockHttpServletRequest>) r -> r.setRequestURI("/v1/profiles/resolve;x=1")),
                Arguments.of("XML", (Consumer<MockHttpServletRequest>) r -> r.setContentType("application/xml")),
                Arguments.of("no content type", (Consumer<MockHttpServletRequest>) r -> r.setContentType(null)),
                Arguments.of("problem+json", (Consumer<MockHttpServletRequest>) r -> r.setContentType("application/problem+json")),
                Arguments.of("Accept HTML", (Consumer<MockHttpServletRequest>) r -> r.addHeader("Accept", "text/html")),
                Arguments.of("Accept JSON at q=0", (Consumer<MockHttpServletRequest>) r -> r.addHeader("Accept", "application/json;q=0")),
                Arguments.of("no credentials", (Consumer<MockHttpServletRequest>) r -> r.removeHeader("Authorization")),
                Arguments.of("wrong secret", (Consumer<MockHttpServletRequest>) r -> {
                    r.removeHeader("Authorization");
                    r.addHeader("Authorization", basic("ivr-demo", "guess"));
                }),
                Arguments.of("another caller's secret", (Consumer<MockHttpServletRequest>) r -> {
                    r.removeHeader("Authorization");
                    r.addHeader("Authorization", basic("ivr-demo", "ops-secret"));
                }),
                Arguments.of("operator role only", (Consumer<MockHttpServletRequest>) r -> {
                    r.removeHeader("Authorization");
                    r.addHeader("Authorization", basic("ops", "ops-secret"));
                }),
                Arguments.of("malformed JSON", (Consumer<MockHttpServletRequest>) r -> r.setContent("{\"identifier\":".getBytes())),
                Arguments.of("empty body", (Consumer<MockHttpServletRequest>) r -> r.setContent(new byte[0])),
                Arguments.of("no identifier", (Consumer<MockHttpServletRequest>) r -> r.setContent("{\"channel\":\"voice\"}".getBytes())),
                Arguments.of("array", (Consumer<MockHttpServletRequest>) r -> r.setContent("[1]".getBytes())),
                Arguments.of("another site's page (Origin)", (Consumer<MockHttpServletRequest>) r -> {
                    r.addHeader("Host", "bridge.example");
                    r.addHeader("Origin", "https://evil.example");
                }),
                Arguments.of("Sec-Fetch-Site: cross-site", (Consumer<MockHttpServletRequest>) r -> r.addHeader("Sec-Fetch-Site", "cross-site")),
                Arguments.of("text/plain (a cross-site form's type)", (Consumer<MockHttpServletRequest>) r -> r.setContentType("text/plain")),
                Arguments.of("body above the cap", (Consumer<MockHttpServletRequest>) r -> r.setContent(
                        ("{\"identifier\":\"+15551000042\",\"pad\":\"" + "x".repeat(33 * 1024) + "\"}").getBytes())),
                Arguments.of("CXone form body that is no JSON object", (Consumer<MockHttpServletRequest>) r -> {
                    r.setContentType("application/x-www-form-urlencoded");
                    r.setContent("channel=voice".getBytes());
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void leftToTheFullStack(String name, Consumer<MockHttpServletRequest> change) throws Exception {
        MockHttpServletRequest request = resolve("{\"identifier\":\"+15551000042\"}");
        change.accept(request);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        fastPath.doFilter(request, response, chain);

        assertHandedOnAsReceived(chain, request);
        verify(endpoint, never()).resolve(any(), anyString(), anyLong());
        assertThat(response.getContentAsByteArray()).isEmpty();
        assertThat(response.getHeader("X-Frame-Options")).isNull();
        assertThat(response.getHeader(CorrelationIdFilter.RESPONSE_HEADER)).as("the chain's filter names it").isNull();
    }

    @Test
    void answersCxoneFormEncodedJsonItselfAsTheBodyFilterWouldReadIt() throws Exception {
        MockHttpServletRequest request = resolve("{\"phoneNumber\":\"+15551000042\",\"interactionId\":\"ix-1\"}");
        request.setContentType("application/x-www-form-urlencoded");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        fastPath.doFilter(request, response, chain);

        assertThat(chain.getRequest()).as("answered here").isNull();
        verify(endpoint).resolve(eq(new ResolveRequest(null, null, null, null, "ix-1", "+15551000042", null, null)),
                eq("ivr-demo"), anyLong());
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader(CorrelationIdFilter.RESPONSE_HEADER)).as("correlation id echoed").isNotBlank();
    }

    @Test
    void echoesThePlatformsCorrelationIdOnItsAnswers() throws Exception {
        MockHttpServletRequest request = resolve("{\"identifier\":\"+15551000042\"}");
        request.addHeader("ININ-Correlation-Id", "conv-123.abc");
        MockHttpServletResponse response = new MockHttpServletResponse();

        fastPath.doFilter(request, response, new MockFilterChain());

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader(CorrelationIdFilter.RESPONSE_HEADER)).isEqualTo("conv-123.abc");
    }

    @Test
    void leavesABodyWithoutADeclaredLengthToTheEdgeChecksUnread() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", ResolveFastPath.PATH) {
            @Override
            public long getContentLengthLong() {
                return -1; // chunked
            }
        };
        request.setContentType("application/json");
        request.addHeader("Authorization", IVR);
        request.setContent("{\"identifier\":\"+15551000042\"}".getBytes(StandardCharsets.UTF_8));
        MockFilterChain chain = new MockFilterChain();

        fastPath.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isSameAs(request);
        verify(endpoint, never()).resolve(any(), anyString(), anyLong());
    }

    /** The request went on with its body readable from the start and its own content type. */
    private static void assertHandedOnAsReceived(MockFilterChain chain, MockHttpServletRequest original) throws Exception {
        HttpServletRequest passed = (HttpServletRequest) chain.getRequest();
        assertThat(passed).as("passed down the chain").isNotNull();
        assertThat(passed.getInputStream().readAllBytes()).isEqualTo(original.getContentAsByteArray());
        assertThat(passed.getContentType()).isEqualTo(original.getContentType());
        assertThat(passed.getMethod()).isEqualTo(original.getMethod());
        assertThat(passed.getRequestURI()).isEqualTo(original.getRequestURI());
    }

    @Test
    void answers429WithRetryAfterOnceTheIntegrationIsOverItsLimitWithoutResolving() throws Exception {
        for (int i = 0; i < 3; i++) {
            fastPath.doFilter(resolve("{\"identifier\":\"+15551000042\"}"), new MockHttpServletResponse(),
                    new MockFilterChain());
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        fastPath.doFilter(resolve("{\"identifier\":\"+15551000042\"}"), response, chain);

        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(Long.parseLong(response.getHeader("Retry-After"))).isBetween(1L, 3600L);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(chain.getRequest()).as("not passed on: the full stack would count it again").isNull();
        verify(endpoint, times(3)).resolve(any(), anyString(), anyLong());
    }

    @Test
    void countsACallItLeavesToTheFullStackOnceAndMarksItCounted() throws Exception {
        MockHttpServletRequest malformed = resolve("{\"identifier\":");
        MockFilterChain chain = new MockFilterChain();

        fastPath.doFilter(malformed, new MockHttpServletResponse(), chain);

        assertHandedOnAsReceived(chain, malformed);
        // the full stack's check takes nothing for it again (a fresh request would be refused the second time)
        RateLimits single = RateLimits.withIntegrationLimit(1, Duration.ofHours(1));
        single.checkIntegration(malformed, "ivr-demo");
        single.checkIntegration(malformed, "ivr-demo");
        MockHttpServletRequest fresh = resolve("{}");
        single.checkIntegration(fresh, "ivr-demo");
        assertThatThrownBy(() -> single.checkIntegration(resolve("{}"), "ivr-demo")).isInstanceOf(TooManyRequests.class);
        // in the fast path's own limit the malformed call took one permit: two more fit, the third is refused
        for (int i = 0; i < 2; i++) {
            MockHttpServletResponse ok = new MockHttpServletResponse();
            fastPath.doFilter(resolve("{\"identifier\":\"+15551000042\"}"), ok, new MockFilterChain());
            assertThat(ok.getStatus()).isEqualTo(200);
        }
        MockHttpServletResponse refused = new MockHttpServletResponse();
        fastPath.doFilter(resolve("{\"identifier\":\"+15551000042\"}"), refused, new MockFilterChain());
        assertThat(refused.getStatus()).isEqualTo(429);
    }

    private static MockHttpServletRequest resolve(String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", ResolveFastPath.PATH);
        request.setContentType("application/json");
        request.addHeader("Authorization", IVR);
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }

    private static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
