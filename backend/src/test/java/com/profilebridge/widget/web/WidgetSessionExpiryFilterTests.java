package com.profilebridge.widget.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.profilebridge.agent.AgentCredential;
import com.profilebridge.agent.AgentIdentity;
import com.profilebridge.agent.AgentPlatform;
import com.profilebridge.widget.WidgetSession;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

class WidgetSessionExpiryFilterTests {

    static final Instant EXPIRES = Instant.parse("2026-12-01T18:00:00Z");

    @Test
    void endsTheWholeServerSessionOnTheFirstRequestAfterTheTokenExpired() throws Exception {
        MockHttpSession session = widgetSession();
        MockFilterChain chain = new MockFilterChain();

        filterAt(EXPIRES).doFilter(request(session), new MockHttpServletResponse(), chain);

        assertThat(session.isInvalid()).isTrue();
        assertThat(chain.getRequest()).as("the request goes on, as an anonymous one").isNotNull();
    }

    @Test
    void leavesALiveWidgetSessionAndEveryOtherSessionAlone() throws Exception {
        MockHttpSession widget = widgetSession();
        filterAt(EXPIRES.minusSeconds(1)).doFilter(request(widget), new MockHttpServletResponse(), new MockFilterChain());
        assertThat(widget.isInvalid()).isFalse();

        MockHttpSession console = new MockHttpSession();
        console.setAttribute("SPRING_SECURITY_CONTEXT", "a console login");
        filterAt(EXPIRES.plusSeconds(3600)).doFilter(request(console), new MockHttpServletResponse(), new MockFilterChain());
        assertThat(console.isInvalid()).isFalse();
    }

    private static WidgetSessionExpiryFilter filterAt(Instant now) {
        return new WidgetSessionExpiryFilter(Clock.fixed(now, ZoneOffset.UTC));
    }

    private static MockHttpSession widgetSession() {
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(WidgetSession.ATTRIBUTE, new WidgetSession(
                new AgentIdentity(AgentPlatform.CXONE, "u-1", "Grace", "tenant-1", EXPIRES), Map.of(), Locale.ENGLISH,
                new AgentCredential(AgentPlatform.CXONE, "eyJ.demo.token", null)));
        return session;
    }

    private static MockHttpServletRequest request(MockHttpSession session) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/");
        request.setQueryString("v-r=uidl");
        request.setSession(session);
        return request;
    }
}
