package com.profilebridge.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.NettyWrapper;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import no.nav.security.mock.oauth2.token.RequestMapping;
import no.nav.security.mock.oauth2.token.RequestMappingTokenCallback;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The demo profile's identity provider ({@code bridge.demo.oidc-provider.enabled}): mock-oauth2-server
 * in this process, on loopback only, so the console's real OIDC code path (discovery, authorization
 * code with PKCE, ID token validation, group mapping, provider sign-out) runs in the embedded default.
 * Its sign-in page takes any user name: {@code supervisor} is in {@value #SUPERVISORS}, {@code admin}
 * in {@value #ADMINS}, anyone else in no group. Every user gets a {@code groups} claim from here, so
 * the page's optional "claims" box cannot add groups. Started at the first sign-in, not at start-up.
 */
final class DemoConsoleIdentityProvider implements DisposableBean {

    /** The issuer's path: the prod profile refuses an issuer ending in it. */
    static final String ISSUER_ID = "profile-bridge-demo";
    static final String SUPERVISORS = "pb-supervisors";
    static final String ADMINS = "pb-admins";

    private static final Logger log = LoggerFactory.getLogger(DemoConsoleIdentityProvider.class);

    private final int port;
    private @Nullable MockOAuth2Server server;
    private @Nullable String issuer;

    /** @param port the port to listen on (127.0.0.1); 0 for any free one */
    DemoConsoleIdentityProvider(int port) {
        this.port = port;
    }

    /** The issuer URL, starting the provider if it is not running yet. */
    synchronized String issuer() {
        if (issuer == null) {
            MockOAuth2Server started = new MockOAuth2Server(new OAuth2Config(true, null, null, false,
                    new OAuth2TokenProvider(), Set.of(users()), new NettyWrapper()));
            try {
                started.start(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
            server = started;
            // built here, not by the library: it would name the host by a reverse lookup ("localhost"),
            // and the issuer must read the same in discovery, tokens and this configuration
            issuer = "http://127.0.0.1:" + started.getConfig().getHttpServer().port() + "/" + ISSUER_ID;
            log.info("Demo identity provider for the console started at {} (users: supervisor, admin; any other "
                    + "name signs in without a console role)", issuer);
        }
        return issuer;
    }

    /** The claims by the user name typed into the provider's sign-in page; first match wins. */
    static RequestMappingTokenCallback users() {
        return new RequestMappingTokenCallback(ISSUER_ID, List.of(
                user("supervisor", "Sam Supervisor", List.of(SUPERVISORS)),
                user("admin", "Alex Admin", List.of(ADMINS)),
                user("*", "${subject}", List.of())),
                Duration.ofHours(1).toSeconds());
    }

    private static RequestMapping user(String name, String displayName, List<String> groups) {
        return new RequestMapping(RequestMappingTokenCallback.SUBJECT_PARAM, name, Map.of(
                "sub", "${subject}",
                "preferred_username", "${subject}",
                "name", displayName,
                "groups", groups), "JWT");
    }

    @Override
    public synchronized void destroy() {
        if (server != null) {
            server.shutdown();
            server = null;
        }
    }
}
