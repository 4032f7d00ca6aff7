package com.profilebridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DemoSafetyCheckTests {

    @Test
    void aCleanProductionSetupHasNoProblems() {
        assertThat(DemoSafetyCheck.problems(clean())).isEmpty();
    }

    @Test
    void namesEveryDemoSettingThatWouldBeActive() {
        MockEnvironment env = prod();
        env.setActiveProfiles("prod", "demo");
        env.withProperty("bridge.demo.identity-endpoints", "true")
                .withProperty("bridge.demo.logins", "true")
                .withProperty("bridge.security.callers.ivr-demo.secrets", "demo-ivr-secret");
        assertThat(DemoSafetyCheck.problems(env)).hasSize(6).anySatisfy(p -> assertThat(p).contains("demo profile"))
                .anySatisfy(p -> assertThat(p).contains("demo CDP"))
                .anySatisfy(p -> assertThat(p).contains("identity endpoints"))
                .anySatisfy(p -> assertThat(p).contains("logins"))
                .anySatisfy(p -> assertThat(p).contains("caller 'ivr-demo' uses a demo secret"));
    }

    @Test
    void theLoudlyNamedSwitchAllowsTheDemoCdpForALocalTrialOnly() {
        MockEnvironment env = prod().withProperty("bridge.security.callers.genesys.secrets", "real-secret")
                .withProperty("management.server.port", "8081");
        assertThat(DemoSafetyCheck.problems(env)).singleElement().asString().contains("demo CDP");
        env.withProperty(DemoSafetyCheck.UNSAFE_DEMO_CDP, "true");
        assertThat(DemoSafetyCheck.problems(env)).isEmpty();
    }

    @Test
    void refusesToRunWithoutAnyCallerSecret() {
        assertThat(DemoSafetyCheck.problems(prod().withProperty("cdp.provider", "http")
                        .withProperty("management.server.port", "8081")))
                .singleElement().asString().contains("no caller credentials");
    }

    @Test
    void refusesTheBenchProfileAndItsOpenEndpoints() {
        MockEnvironment env = clean();
        env.setActiveProfiles("prod", "bench");
        assertThat(DemoSafetyCheck.problems(env)).singleElement().asString().contains("bench profile")
                .contains("/__bench/**");
    }

    @Test
    void refusesACallerWhoseOnlySecretIsBlank() {
        MockEnvironment env = clean().withProperty("bridge.security.callers.cxone.secrets", " ");
        assertThat(DemoSafetyCheck.problems(env)).singleElement().asString()
                .contains("caller 'cxone' has no secret").contains("BRIDGE_SECURITY_CALLERS_CXONE_SECRETS");
        MockEnvironment onlyBlank = prod().withProperty("cdp.provider", "http")
                .withProperty("management.server.port", "8081")
                .withProperty("bridge.security.callers.genesys.secrets", "");
        assertThat(DemoSafetyCheck.problems(onlyBlank)).anySatisfy(p -> assertThat(p).contains("no caller credentials"));
    }

    @Test
    void refusesManagementEndpointsOnTheApplicationPort() {
        MockEnvironment env = clean().withProperty("management.server.port", "8080");
        assertThat(DemoSafetyCheck.problems(env)).singleElement().asString().contains("MANAGEMENT_SERVER_PORT");
        MockEnvironment unset = prod().withProperty("cdp.provider", "http")
                .withProperty("bridge.security.callers.genesys.secrets", "s3cr3t-from-vault");
        assertThat(DemoSafetyCheck.problems(unset)).singleElement().asString().contains("application port");
    }

    @Test
    void refusesCxoneTenantsWithoutAnAudience() {
        MockEnvironment env = clean().withProperty("bridge.agent.cxone.tenant-ids", "t-1");
        assertThat(DemoSafetyCheck.problems(env)).singleElement().asString().contains("BRIDGE_AGENT_CXONE_AUDIENCE");
        env.withProperty("bridge.agent.cxone.audience", "profile-bridge");
        assertThat(DemoSafetyCheck.problems(env)).isEmpty();
    }

    @Test
    void refusesGenesysOrganisationsWithoutAnOauthClientAllowlist() {
        MockEnvironment env = clean().withProperty("bridge.agent.genesys.organization-ids", "org-1,org-2");
        assertThat(DemoSafetyCheck.problems(env)).singleElement().asString()
                .contains("BRIDGE_AGENT_GENESYS_OAUTHCLIENTIDS");
        env.withProperty("bridge.agent.genesys.oauth-client-ids", "widget-client");
        assertThat(DemoSafetyCheck.problems(env)).isEmpty();
    }

    /** What application-prod.yml and a careful operator give. */
    @Test
    void aCallerMayAuthenticateByOAuthBearerTokenOnlyWhenAnAuthorizationServerIsConfigured() {
        MockEnvironment bearerOnly = prod().withProperty("cdp.provider", "http")
                .withProperty("management.server.port", "8081")
                .withProperty("bridge.security.callers.genesys.client-ids", "genesys-data-actions")
                .withProperty("bridge.security.jwt.issuer-uri", "https://idp.example.com/realms/cc")
                .withProperty("bridge.security.jwt.audiences", "profile-bridge");
        assertThat(DemoSafetyCheck.problems(bearerOnly)).isEmpty();

        MockEnvironment noServer = prod().withProperty("cdp.provider", "http")
                .withProperty("management.server.port", "8081")
                .withProperty("bridge.security.callers.genesys.client-ids", "genesys-data-actions");
        assertThat(DemoSafetyCheck.problems(noServer)).anySatisfy(p -> assertThat(p).contains("no caller credentials"));
    }

    @Test
    void refusesAnAuthorizationServerReachedOverPlainHttp() {
        MockEnvironment env = clean().withProperty("bridge.security.jwt.issuer-uri", "http://idp.example.com/realms/cc");
        assertThat(DemoSafetyCheck.problems(env)).singleElement().asString().contains("https")
                .contains("BRIDGE_SECURITY_JWT_ISSUERURI");
        env = clean().withProperty("bridge.security.jwt.issuer-uri", "https://idp.example.com/realms/cc")
                .withProperty("bridge.security.jwt.jwk-set-uri", "http://idp.example.com/certs");
        assertThat(DemoSafetyCheck.problems(env)).singleElement().asString().contains("http://idp.example.com/certs");
    }

    @Test
    void acceptsTheOrganisationsConsoleIdentityProvider() {
        MockEnvironment env = clean().withProperty("bridge.console.oidc.issuer-uri", "https://login.example.com/realms/cc")
                .withProperty("bridge.console.oidc.client-secret", "from-the-vault");
        assertThat(DemoSafetyCheck.problems(env)).isEmpty();
        // a provider on the same machine (a sidecar; the prod tests' provider) is not on any network
        env.withProperty("bridge.console.oidc.issuer-uri", "http://127.0.0.1:9000/acme");
        assertThat(DemoSafetyCheck.problems(env)).isEmpty();
    }

    @Test
    void refusesTheDemoConsoleIdentityProviderItsIssuerAndItsSecret() {
        MockEnvironment env = clean().withProperty("bridge.demo.oidc-provider.enabled", "true");
        assertThat(DemoSafetyCheck.problems(env)).singleElement().asString()
                .contains("demo console identity provider").contains("bridge.demo.oidc-provider.enabled");

        env = clean().withProperty("bridge.console.oidc.issuer-uri", "http://127.0.0.1:41234/profile-bridge-demo/");
        assertThat(DemoSafetyCheck.problems(env)).singleElement().asString().contains("demo identity provider")
                .contains("BRIDGE_CONSOLE_OIDC_ISSUERURI");

        env = clean().withProperty("bridge.console.oidc.issuer-uri", "https://login.example.com/realms/cc")
                .withProperty("bridge.console.oidc.client-secret", "demo-console-secret");
        assertThat(DemoSafetyCheck.problems(env)).singleElement().asString().contains("BRIDGE_CONSOLE_OIDC_CLIENTSECRET");
    }

    @Test
    void refusesAConsoleIdentityProviderReachedOverPlainHttp() {
        MockEnvironment env = clean().withProperty("bridge.console.oidc.issuer-uri", "http://login.example.com/realms/cc");
        assertThat(DemoSafetyCheck.problems(env)).singleElement().asString().contains("https")
                .contains("BRIDGE_CONSOLE_OIDC_ISSUERURI");
    }

    private static MockEnvironment clean() {
        return prod().withProperty("cdp.provider", "http").withProperty("management.server.port", "8081")
                .withProperty("bridge.security.callers.genesys.secrets", "s3cr3t-from-vault");
    }

    private static MockEnvironment prod() {
        MockEnvironment env = new MockEnvironment();
        env.setActiveProfiles("prod");
        return env;
    }
}
