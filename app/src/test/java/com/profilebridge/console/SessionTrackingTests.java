package com.profilebridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.profilebridge.support.Http;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Session ids travel in cookies only. Found by the black-box review of 2026-12-01: a form post to
 * {@code /login} without a cookie (what a cross-site form or a scripted client sends) was redirected to
 * {@code /login;jsessionid=<id>}: the id in a URL leaks through logs and {@code Referer}, and the firewall
 * refuses that URL with a 400.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class SessionTrackingTests {

    @LocalServerPort
    int port;

    @Test
    void aLoginPostWithoutCookieOrCsrfTokenIsRedirectedWithoutASessionIdInTheUrl() {
        HttpResponse<String> response = new Http(port).post("/login", "application/x-www-form-urlencoded",
                "username=admin&password=demo-admin", null);

        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).as("not signed in: back to the login page").endsWith("/login");
        assertThat(location.toLowerCase()).doesNotContain("jsessionid");
    }

    @Test
    void aSignInRedirectCarriesNoSessionIdInTheUrl() {
        HttpResponse<String> response = new Http(port).get("/console");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow().toLowerCase()).doesNotContain("jsessionid");
    }
}
