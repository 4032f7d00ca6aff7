package com.profilebridge.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Agent traffic holds at most its bulkhead's places; the IVR's routes never wait for one. */
class AgentBulkheadFilterTests {

    final Bulkhead bulkhead = Bulkhead.of("agents", BulkheadConfig.custom().maxConcurrentCalls(1)
            .maxWaitDuration(Duration.ZERO).build());
    final AgentBulkheadFilter filter = new AgentBulkheadFilter(bulkhead);

    @Test
    void whenAgentsHoldEveryPlaceFurtherAgentRequestsAre503ButTheIvrIsServed() throws Exception {
        MockHttpServletResponse[] inner = new MockHttpServletResponse[2];
        // the first agent request is still running while the others arrive
        FilterChain slowAgent = (request, response) -> {
            inner[0] = run(path("/api/proxy/cdp/profile/usr_1"));
            inner[1] = run(path("/v1/profiles/resolve"));
        };
        filter.doFilter(path("/widget/session"), new MockHttpServletResponse(), slowAgent);

        assertThat(inner[0].getStatus()).isEqualTo(503);
        assertThat(inner[0].getHeader("Retry-After")).isEqualTo("1");
        assertThat(inner[0].getContentType()).startsWith("application/problem+json");
        assertThat(inner[1].getStatus()).as("the IVR never enters the bulkhead").isEqualTo(200);
        assertThat(run(path("/api/proxy/cdp/profile/usr_1")).getStatus()).as("the place is free again").isEqualTo(200);
    }

    private MockHttpServletResponse run(MockHttpServletRequest request) throws ServletException, IOException {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    private static MockHttpServletRequest path(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setServletPath(path);
        return request;
    }
}
