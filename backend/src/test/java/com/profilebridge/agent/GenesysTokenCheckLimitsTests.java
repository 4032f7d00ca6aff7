package com.profilebridge.agent;

import com.profilebridge.testing.MovableClock;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.profilebridge.shared.web.OutboundCallBudget;
import com.profilebridge.shared.web.TooManyRequests;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** Random or refused Genesys tokens cannot be turned into unbounded {@code tokens/me} traffic. */
class GenesysTokenCheckLimitsTests {

    static final WireMockServer genesys = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());

    static {
        genesys.start();
    }

    static final String ORG = "5e1f0c2a-7d3b-4c8e-9a61-0d3e0de30001";
    static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    final MovableClock clock = new MovableClock(NOW);
    final AtomicInteger spent = new AtomicInteger();

    @AfterAll
    static void stop() {
        genesys.stop();
    }

    @BeforeEach
    void reset() {
        genesys.resetAll();
        genesys.stubFor(get(urlPathEqualTo("/mypurecloud.de/api/v2/tokens/me")).willReturn(aResponse().withStatus(401)));
    }

    GenesysTokenValidator validator(OutboundCallBudget budget) {
        var properties = new AgentProperties.Genesys(List.of("mypurecloud.de"),
                "http://127.0.0.1:" + genesys.port() + "/{env}", List.of(ORG), Duration.ofSeconds(60), 100,
                Duration.ofSeconds(2), Duration.ofSeconds(5), List.of("client-1"));
        return new GenesysTokenValidator(properties, RestClient.builder(), clock, UnaryOperator.identity(), budget);
    }

    @Test
    void aTokenGenesysRefusedIsRefusedAgainWithoutAskingUntilTheRefusalExpires() {
        GenesysTokenValidator validator = validator(OutboundCallBudget.UNLIMITED);
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> validator.validate("gc-revoked-token-12345", "mypurecloud.de"))
                    .isInstanceOf(AgentTokenRejected.class).hasMessageContaining("expired or was revoked");
        }
        genesys.verify(1, getRequestedFor(urlPathEqualTo("/mypurecloud.de/api/v2/tokens/me")));

        clock.advance(GenesysTokenValidator.REFUSED_TTL.plusSeconds(1));
        assertThatThrownBy(() -> validator.validate("gc-revoked-token-12345", "mypurecloud.de"))
                .isInstanceOf(AgentTokenRejected.class);
        genesys.verify(2, getRequestedFor(urlPathEqualTo("/mypurecloud.de/api/v2/tokens/me")));
    }

    @Test
    void spendsTheClientsBudgetBeforeEachCallAndStopsCallingWhenItIsSpent() {
        GenesysTokenValidator validator = validator(purpose -> {
            if (spent.incrementAndGet() > 5) {
                throw new TooManyRequests("over", Duration.ofSeconds(30));
            }
        });
        for (int i = 0; i < 30; i++) {
            String random = "gc-random-token-" + i + "-x8Kq2";
            try {
                validator.validate(random, "mypurecloud.de");
            } catch (AgentTokenRejected | TooManyRequests expected) {
                // refused either way
            }
        }
        genesys.verify(5, getRequestedFor(urlPathEqualTo("/mypurecloud.de/api/v2/tokens/me")));
        assertThat(spent).hasValue(30);
    }

    @Test
    void aCachedValidTokenSpendsNothing() {
        genesys.stubFor(get(urlPathEqualTo("/mypurecloud.de/api/v2/tokens/me")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"organization\":{\"id\":\"" + ORG + "\"},\"OAuthClient\":{\"id\":\"client-1\"},\"expirationDate\":\""
                        + NOW.plus(Duration.ofHours(8)) + "\"}")));
        genesys.stubFor(get(urlPathEqualTo("/mypurecloud.de/api/v2/users/me")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"user-1\",\"name\":\"Ada\"}")));
        GenesysTokenValidator validator = validator(purpose -> spent.incrementAndGet());

        for (int i = 0; i < 10; i++) {
            assertThat(validator.validate("gc-valid-token-12345", "mypurecloud.de").agentId()).isEqualTo("user-1");
        }
        assertThat(spent).as("a NAT'd contact centre's agents reuse cached validations for free").hasValue(1);
    }
}
