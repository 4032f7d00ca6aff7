package com.profilebridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DemoExposureWarningTests {

    @Test
    void theDefaultDemoOnEveryInterfaceGetsALoudBannerSayingWhy() {
        MockEnvironment env = new MockEnvironment();
        env.setDefaultProfiles("demo");

        assertThat(DemoExposureWarning.warning(env)).get().asString()
                .contains("DEMO MODE ON A NETWORK ADDRESS (all interfaces)")
                .contains("no profile was set")
                .contains("SPRING_PROFILES_ACTIVE=prod");
    }

    @Test
    void demoSettingsOnANetworkAddressGetTheBannerToo() {
        MockEnvironment env = new MockEnvironment().withProperty("server.address", "10.1.2.3")
                .withProperty("bridge.demo.logins", "true");
        env.setActiveProfiles("other");
        assertThat(DemoExposureWarning.warning(env)).get().asString().contains("10.1.2.3");
    }

    @Test
    void theDemoOnLoopbackAndProdStayQuiet() {
        for (String loopback : new String[] {"127.0.0.1", "::1", "localhost"}) {
            MockEnvironment env = new MockEnvironment().withProperty("server.address", loopback);
            env.setActiveProfiles("demo");
            assertThat(DemoExposureWarning.warning(env)).as(loopback).isEmpty();
        }
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("prod");
        assertThat(DemoExposureWarning.warning(prod)).isEmpty();
    }
}
