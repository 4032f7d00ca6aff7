package com.profilebridge.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.profilebridge.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/**
 * The participant check's reuse of answers, on an injected clock: the platform is asked once per agent
 * and interaction within the answer's lifetime ("participant" 3 min, "no" and "would not say" 30 s,
 * "unavailable" 5 s), and again after it. The Genesys stub answers {@code GET /api/v2/conversations/{id}}
 * in the documented shape (see GenesysParticipationTests).
 */
class ParticipantChecksTests {

    static final WireMockServer genesys = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());

    static {
        genesys.start();
    }

    static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    static final AgentIdentity ADA = new AgentIdentity(AgentPlatform.GENESYS, "user-7", "Ada", "org-1",
            NOW.plus(Duration.ofHours(8)));
    static final AgentIdentity GRACE = new AgentIdentity(AgentPlatform.GENESYS, "user-8", "Grace", "org-1",
            NOW.plus(Duration.ofHours(8)));
    static final AgentCredential ADAS_TOKEN = new AgentCredential(AgentPlatform.GENESYS, "gc-token-ada", "mypurecloud.de");
    static final AgentCredential GRACES_TOKEN = new AgentCredential(AgentPlatform.GENESYS, "gc-token-grace", "mypurecloud.de");
    static final AgentProperties.ParticipationSettings SETTINGS = new AgentProperties.ParticipationSettings(
            Duration.ofMinutes(3), Duration.ofSeconds(30), Duration.ofHours(1), 100);

    final MovableClock clock = new MovableClock(NOW);

    @AfterAll
    static void stop() {
        genesys.stop();
    }

    @BeforeEach
    void reset() {
        genesys.resetAll();
    }

    @Test
    void aParticipantIsAskedOnceWithinThreeMinutesThenAgain() {
        ParticipantChecks checks = checks(genesysOnly());
        stubConversation("conv-1", "user-7");

        assertThat(checks.check(ADA, ADAS_TOKEN, "conv-1")).isEqualTo(Participation.PARTICIPANT);
        assertThat(checks.check(ADA, ADAS_TOKEN, "conv-1")).isEqualTo(Participation.PARTICIPANT);
        clock.advance(Duration.ofMinutes(2).plusSeconds(59));
        assertThat(checks.check(ADA, ADAS_TOKEN, "conv-1")).isEqualTo(Participation.PARTICIPANT);
        genesys.verify(1, getRequestedFor(urlPathEqualTo("/mypurecloud.de/api/v2/conversations/conv-1")));

        clock.advance(Duration.ofSeconds(2));
        checks.check(ADA, ADAS_TOKEN, "conv-1");
        genesys.verify(2, getRequestedFor(urlPathEqualTo("/mypurecloud.de/api/v2/conversations/conv-1")));
    }

    @Test
    void aNoIsReusedForThirtySecondsSoATransferToTheAgentShowsSoon() {
        ParticipantChecks checks = checks(genesysOnly());
        stubConversation("conv-2", "user-8");

        assertThat(checks.check(ADA, ADAS_TOKEN, "conv-2")).isEqualTo(Participation.NOT_PARTICIPANT);
        clock.advance(Duration.ofSeconds(29));
        checks.check(ADA, ADAS_TOKEN, "conv-2");
        genesys.verify(1, getRequestedFor(urlPathEqualTo("/mypurecloud.de/api/v2/conversations/conv-2")));

        stubConversation("conv-2", "user-7"); // transferred to Ada
        clock.advance(Duration.ofSeconds(2));
        assertThat(checks.check(ADA, ADAS_TOKEN, "conv-2")).isEqualTo(Participation.PARTICIPANT);
    }

    @Test
    void anUnavailablePlatformIsAskedAgainAfterAFewSeconds() {
        List<Participation> answers = new ArrayList<>(List.of(Participation.UNAVAILABLE, Participation.PARTICIPANT));
        List<String> asked = new ArrayList<>();
        ParticipantChecks checks = checks(Map.of(AgentPlatform.GENESYS, (agent, credential, id) -> {
            asked.add(id);
            return answers.removeFirst();
        }));

        assertThat(checks.check(ADA, ADAS_TOKEN, "conv-3")).isEqualTo(Participation.UNAVAILABLE);
        clock.advance(Duration.ofSeconds(4));
        assertThat(checks.check(ADA, ADAS_TOKEN, "conv-3")).isEqualTo(Participation.UNAVAILABLE);
        clock.advance(Duration.ofSeconds(2));
        assertThat(checks.check(ADA, ADAS_TOKEN, "conv-3")).isEqualTo(Participation.PARTICIPANT);
        assertThat(asked).hasSize(2);
    }

    @Test
    void answersAreKeptPerAgentAndInteraction() {
        ParticipantChecks checks = checks(genesysOnly());
        stubConversation("conv-4", "user-7");
        stubConversation("conv-5", "user-7");

        assertThat(checks.check(ADA, ADAS_TOKEN, "conv-4")).isEqualTo(Participation.PARTICIPANT);
        assertThat(checks.check(GRACE, GRACES_TOKEN, "conv-4")).isEqualTo(Participation.NOT_PARTICIPANT);
        assertThat(checks.check(ADA, ADAS_TOKEN, "conv-5")).isEqualTo(Participation.PARTICIPANT);
        genesys.verify(2, getRequestedFor(urlPathEqualTo("/mypurecloud.de/api/v2/conversations/conv-4")));
        genesys.verify(1, getRequestedFor(urlPathEqualTo("/mypurecloud.de/api/v2/conversations/conv-5")));
    }

    @Test
    void aTokenOfAnotherPlatformThanTheAgentsIsNeverSent() {
        ParticipantChecks checks = checks(genesysOnly());

        assertThat(checks.check(ADA, new AgentCredential(AgentPlatform.CXONE, "eyJ.x.y", null), "conv-6"))
                .isEqualTo(Participation.UNCONFIRMED);
        assertThat(genesys.getAllServeEvents()).isEmpty();
    }

    private ParticipantChecks checks(Map<AgentPlatform, InteractionParticipation> platforms) {
        return new ParticipantChecks(ParticipantChecks.Policy.REQUIRED, platforms, SETTINGS, clock);
    }

    private Map<AgentPlatform, InteractionParticipation> genesysOnly() {
        var properties = new AgentProperties.Genesys(List.of("mypurecloud.de"), "http://127.0.0.1:" + genesys.port()
                + "/{env}", List.of("org-1"), Duration.ofSeconds(60), 100, Duration.ofSeconds(1), Duration.ofSeconds(2),
                List.of("client-1"));
        return Map.of(AgentPlatform.GENESYS, new GenesysParticipation(properties, RestClient.builder(), clock,
                UnaryOperator.identity(), SETTINGS.recentWindow()));
    }

    private static void stubConversation(String id, String agentUserId) {
        genesys.stubFor(get(urlPathEqualTo("/mypurecloud.de/api/v2/conversations/" + id))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"id":"%s","participants":[{"id":"p1","purpose":"customer"},
                         {"id":"p2","purpose":"agent","userId":"%s","startTime":"2026-11-28T09:55:00.000Z"}]}"""
                        .formatted(id, agentUserId))));
    }
}
