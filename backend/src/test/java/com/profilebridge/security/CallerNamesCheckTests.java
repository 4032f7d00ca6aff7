package com.profilebridge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

class CallerNamesCheckTests {

    @Test
    void namesThatAnEnvironmentVariableCanReachPass() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("bridge.security.callers.genesys.secrets", "a")
                .withProperty("bridge.security.callers.ivrdemo2.secrets", "b")
                .withProperty("bridge.outcomes.webhooks.genesys.secrets", "whsec_x");
        assertThat(CallerNamesCheck.problems(env)).isEmpty();
    }

    @Test
    void aNameWithADashOrUpperCaseIsRefusedAtStartUpSayingWhatToUseInstead() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("bridge.security.callers.ivr-demo.secrets", "a")
                .withProperty("bridge.security.callers.cx_one.secrets", "b");
        assertThat(CallerNamesCheck.problems(env)).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("'ivr-demo'").contains("'ivrdemo'").contains("[a-z0-9]+"))
                .anySatisfy(p -> assertThat(p).contains("'cx_one'").contains("'cxone'"));

        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        CallerNamesCheck check = new CallerNamesCheck();
        check.setEnvironment(env);
        assertThatThrownBy(() -> check.postProcessBeanFactory(beans)).hasMessageStartingWith("Refusing to start")
                .hasMessageContaining("ivr-demo");
    }

    @Test
    void webhookSecretsForACallerThatDoesNotExistAreRefusedNotSilentlyIgnored() {
        // the reviewer's attempt: the caller is named in YAML, the webhook secret comes from the environment
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("BRIDGE_OUTCOMES_WEBHOOKS_IVR_DEMO_SECRETS", "whsec_x")));
        env.getPropertySources().addLast(new MapPropertySource("yaml",
                Map.of("bridge.security.callers.ivrdemo.secrets", "demo-ivr-secret")));

        assertThat(CallerNamesCheck.problems(env)).singleElement().asString()
                .contains("'bridge.outcomes.webhooks.ivr.demo.secrets' is no setting")
                .contains("BRIDGE_OUTCOMES_WEBHOOKS_IVRDEMO_SECRETS");
    }

    @Test
    void anErasureCallerWithTokensThatCarryTheRolePasses() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("bridge.security.jwt.issuer-uri", "https://idp.example.com/realms/cc")
                .withProperty("bridge.security.jwt.roles-claim", "roles")
                .withProperty("bridge.security.callers.dsrtool.client-ids", "onetrust-dsr")
                .withProperty("bridge.security.callers.dsrtool.roles", "ERASURE");
        assertThat(CallerNamesCheck.problems(env)).isEmpty();
    }

    @Test
    void anErasureCallerWithSecretsOrWithoutARolesClaimIsRefused() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("bridge.security.jwt.issuer-uri", "https://idp.example.com/realms/cc")
                .withProperty("bridge.security.callers.dsrtool.client-ids", "onetrust-dsr")
                .withProperty("bridge.security.callers.dsrtool.secrets", "a-shared-secret")
                .withProperty("bridge.security.callers.dsrtool.roles", "erasure");
        assertThat(CallerNamesCheck.problems(env)).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("'dsrtool'").contains("bearer tokens only"))
                .anySatisfy(p -> assertThat(p).contains("'dsrtool'").contains("bridge.security.jwt.roles-claim"));
    }

    @Test
    void webhookSecretsForAnUnknownCallerAreRefused() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("bridge.security.callers.ivrdemo.secrets", "a")
                .withProperty("bridge.outcomes.webhooks.genesys.secrets", "whsec_x");
        assertThat(CallerNamesCheck.problems(env)).singleElement().asString()
                .contains("webhook secrets are configured for 'genesys'").contains("[ivrdemo]");
    }

    @Test
    void theEnvironmentFormsOfACallerAndItsWebhookSecretsMeetOnOneName() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "BRIDGE_SECURITY_CALLERS_IVRDEMO_SECRETS", "s1",
                "BRIDGE_OUTCOMES_WEBHOOKS_IVRDEMO_SECRETS", "whsec_x")));
        assertThat(CallerNamesCheck.problems(env)).isEmpty();
        assertThat(Binder.get(env).bind("bridge.security.callers", Bindable.mapOf(String.class,
                CallerProperties.Caller.class)).get()).containsOnlyKeys("ivrdemo");
    }

    @Test
    void oauthClientIdsReachTheirCallerFromTheEnvironmentAndNeedAnAuthorizationServer() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "BRIDGE_SECURITY_CALLERS_GENESYS_CLIENTIDS", "genesys-data-actions,genesys-2")));

        assertThat(CallerNamesCheck.problems(env)).singleElement().asString()
                .contains("caller 'genesys' lists OAuth client ids").contains("bridge.security.jwt.issuer-uri");
        assertThat(Binder.get(env).bind("bridge.security.callers", Bindable.mapOf(String.class,
                CallerProperties.Caller.class)).get().get("genesys").clientIds())
                .containsExactly("genesys-data-actions", "genesys-2");

        MockEnvironment configured = new MockEnvironment()
                .withProperty("bridge.security.callers.genesys.client-ids", "genesys-data-actions")
                .withProperty("bridge.security.jwt.issuer-uri", "https://idp.example.com/realms/cc");
        assertThat(CallerNamesCheck.problems(configured)).isEmpty();
    }
}
