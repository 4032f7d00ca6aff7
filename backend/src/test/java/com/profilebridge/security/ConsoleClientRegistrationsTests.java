package com.profilebridge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.client.RestTemplate;

/** The console's client registration, read from the provider's discovery document at the first sign-in. */
class ConsoleClientRegistrationsTests {

    final MockOAuth2Server provider = new MockOAuth2Server();
    boolean started;

    @AfterEach
    void stop() {
        if (started) {
            provider.shutdown();
        }
    }

    @Test
    void asksTheProviderNothingBeforeTheFirstSignInAndAgainAfterAFailure() throws Exception {
        int port = freePort();
        AtomicInteger asked = new AtomicInteger();
        ConsoleClientRegistrations registrations = new ConsoleClientRegistrations(properties("secret"), () -> {
            asked.incrementAndGet();
            return "http://127.0.0.1:" + port + "/acme";
        }, http());
        assertThat(asked).as("nothing at start-up").hasValue(0);
        assertThat(registrations.known(ConsoleClientRegistrations.ID)).isNull();

        assertThatThrownBy(() -> registrations.findByRegistrationId(ConsoleClientRegistrations.ID))
                .isInstanceOf(ConsoleClientRegistrations.ProviderUnavailable.class);
        start(port);
        ClientRegistration registration = registrations.findByRegistrationId(ConsoleClientRegistrations.ID);
        assertThat(registration.getProviderDetails().getAuthorizationUri())
                .isEqualTo("http://127.0.0.1:" + port + "/acme/authorize");
        assertThat(registrations.known(ConsoleClientRegistrations.ID)).isSameAs(registration);
        registrations.findByRegistrationId(ConsoleClientRegistrations.ID);
        assertThat(asked).as("kept once read").hasValue(2);
        assertThat(registrations.findByRegistrationId("other")).isNull();
    }

    @Test
    void aConfidentialClientSendsItsSecretAPublicOneNone() throws Exception {
        start(0);
        String issuer = "http://127.0.0.1:" + provider.baseUrl().port() + "/acme";
        ClientRegistration confidential = new ConsoleClientRegistrations(properties("s3cr3t"), () -> issuer, http())
                .findByRegistrationId(ConsoleClientRegistrations.ID);
        assertThat(confidential.getClientAuthenticationMethod()).isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        assertThat(confidential.getClientSecret()).isEqualTo("s3cr3t");
        assertThat(confidential.getScopes()).as("openid always").containsExactlyInAnyOrder("openid", "groups");
        assertThat(confidential.getProviderDetails().getUserInfoEndpoint().getUserNameAttributeName()).isEqualTo("upn");
        assertThat(confidential.getProviderDetails().getConfigurationMetadata()).containsKey("end_session_endpoint");

        ClientRegistration open = new ConsoleClientRegistrations(properties(""), () -> issuer, http())
                .findByRegistrationId(ConsoleClientRegistrations.ID);
        assertThat(open.getClientAuthenticationMethod()).isEqualTo(ClientAuthenticationMethod.NONE);
    }

    @Test
    void refusesADiscoveryDocumentThatNamesAnotherIssuer() throws Exception {
        start(0);
        // the document at <issuer>/.well-known/... names the issuer without the trailing slash
        String issuer = "http://127.0.0.1:" + provider.baseUrl().port() + "/acme/";
        ConsoleClientRegistrations registrations = new ConsoleClientRegistrations(properties("s"), () -> issuer, http());
        assertThatThrownBy(() -> registrations.findByRegistrationId(ConsoleClientRegistrations.ID))
                .isInstanceOf(ConsoleClientRegistrations.ProviderUnavailable.class).hasMessageContaining("another issuer");
    }

    @Test
    void aProviderSetUpByHalvesStopsTheStart() {
        assertThatThrownBy(() -> ConsoleOidcConfiguration.check(properties(""), "login.example.com/realms/cc"))
                .hasMessageContaining("BRIDGE_CONSOLE_OIDC_ISSUERURI");
        ConsoleOidcProperties noClient = new ConsoleOidcProperties("https://login.example.com", "", "", List.of(),
                "sub", "groups", new ConsoleOidcProperties.RoleMapping(List.of(), List.of()), "", "{baseUrl}/x",
                Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThatThrownBy(() -> ConsoleOidcConfiguration.check(noClient, "https://login.example.com"))
                .hasMessageContaining("BRIDGE_CONSOLE_OIDC_CLIENTID");
    }

    private void start(int port) throws Exception {
        provider.start(InetAddress.getByName("127.0.0.1"), port);
        started = true;
    }

    private static ConsoleOidcProperties properties(String secret) {
        return new ConsoleOidcProperties("", "profile-bridge", secret, List.of("groups", " "), "upn", "groups",
                new ConsoleOidcProperties.RoleMapping(List.of("pb-supervisors"), List.of()), "Acme",
                "{baseUrl}/login/oauth2/code/{registrationId}", Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    private static RestTemplate http() {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(Duration.ofSeconds(2));
        requests.setReadTimeout(Duration.ofSeconds(5));
        return new RestTemplate(requests);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
