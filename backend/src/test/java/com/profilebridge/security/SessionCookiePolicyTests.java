package com.profilebridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class SessionCookiePolicyTests {

    final SessionCookiePolicy policy = new SessionCookiePolicy(() -> "JSESSIONID");

    @Test
    void theWidgetsSessionCookieWorksInsideAThirdPartyIframe() {
        for (String path : new String[] {"/widget/session", "/widget", "/embed/genesys/widget.html"}) {
            assertThat(policy.generateHeader(session(), request(path))).as(path)
                    .contains("JSESSIONID=abc", "Secure", "HttpOnly", "SameSite=None", "Partitioned");
        }
        MockHttpServletRequest framed = request("/login");
        framed.addHeader("Sec-Fetch-Dest", "iframe");
        assertThat(policy.generateHeader(session(), framed)).contains("SameSite=None", "Partitioned");
    }

    @Test
    void theConsolesSessionCookieIsFirstPartyOnly() {
        for (String path : new String[] {"/login", "/agent", "/supervisor", "/", "/widgets", "/VAADIN/x"}) {
            assertThat(policy.generateHeader(session(), request(path))).as(path)
                    .contains("JSESSIONID=abc", "Secure", "HttpOnly", "SameSite=Lax")
                    .doesNotContain("Partitioned").doesNotContain("SameSite=None");
        }
    }

    @Test
    void otherCookiesAreWrittenAsTheyAre() {
        Cookie other = new Cookie("pb_pref", "x");
        other.setPath("/");
        assertThat(policy.generateHeader(other, request("/widget"))).doesNotContain("SameSite").doesNotContain("Partitioned");
    }

    private static Cookie session() {
        Cookie cookie = new Cookie("JSESSIONID", "abc");
        cookie.setPath("/");
        cookie.setAttribute("SameSite", "None"); // what application.yml configures for every session cookie
        cookie.setAttribute("Partitioned", "");
        return cookie;
    }

    private static MockHttpServletRequest request(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setRequestURI(path);
        return request;
    }
}
