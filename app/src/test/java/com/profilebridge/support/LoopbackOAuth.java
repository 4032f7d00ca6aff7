package com.profilebridge.support;

import java.net.InetAddress;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/** A mock-oauth2-server (the tests' authorization server and token issuer) on 127.0.0.1, any free port. */
public final class LoopbackOAuth {

    private LoopbackOAuth() {}

    /** Started; the test shuts it down. */
    public static MockOAuth2Server start() {
        MockOAuth2Server server = new MockOAuth2Server();
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (Exception e) {
            throw new IllegalStateException("mock-oauth2-server did not start on 127.0.0.1", e);
        }
        return server;
    }
}
