package com.profilebridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DemoSafetyCheckTests {

    @Test
    void aCleanProductionSetupHasNoProblems() {
        MockEnvironment env = prod().withProperty("cdp.provider", "http")
                .withProperty("bridge.security.callers.genesys.secrets", "s3cr3t-from-vault");
        assertThat(DemoSafetyCheck.problems(env)).isEmpty();
    }

    @Test
    void namesEveryDemoSettingThatWouldBeActive() {
        MockEnvironment env = prod();
        env.setActiveProfiles("prod", "demo");
        env.withProperty("bridge.demo.identity-endpoints", "true")
                .withProperty("bridge.demo.logins", "true")
                .withProperty("bridge.security.callers.ivr-demo.secrets", "demo-ivr-secret");
        assertThat(DemoSafetyCheck.problems(env)).hasSize(5).anySatisfy(p -> assertThat(p).contains("demo profile"))
                .anySatisfy(p -> assertThat(p).contains("demo CDP"))
                .anySatisfy(p -> assertThat(p).contains("identity endpoints"))
                .anySatisfy(p -> assertThat(p).contains("logins"))
                .anySatisfy(p -> assertThat(p).contains("caller 'ivr-demo' uses a demo secret"));
    }

    @Test
    void theLoudlyNamedSwitchAllowsTheDemoCdpForALocalTrialOnly() {
        MockEnvironment env = prod().withProperty("bridge.security.callers.genesys.secrets", "real-secret");
        assertThat(DemoSafetyCheck.problems(env)).singleElement().asString().contains("demo CDP");
        env.withProperty(DemoSafetyCheck.UNSAFE_DEMO_CDP, "true");
        assertThat(DemoSafetyCheck.problems(env)).isEmpty();
    }

    @Test
    void refusesToRunWithoutAnyCallerSecret() {
        assertThat(DemoSafetyCheck.problems(prod().withProperty("cdp.provider", "http")))
                .singleElement().asString().contains("no caller credentials");
    }

    private static MockEnvironment prod() {
        MockEnvironment env = new MockEnvironment();
        env.setActiveProfiles("prod");
        return env;
    }
}
