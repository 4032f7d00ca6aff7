package com.profilebridge.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.profilebridge.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/**
 * The Genesys participant check against a WireMock Genesys API answering
 * {@code GET /api/v2/conversations/{conversationId}} in the documented shape: the {@code Conversation}
 * model with {@code participants[]} ({@code purpose}, {@code userId}, {@code startTime}, {@code endTime};
 * Genesys Platform API client docs, ConversationsApi.md#getConversation, Conversation.md,
 * Participant.md) and Genesys' error body ({@code message}, {@code code}, {@code status}) for refusals.
 */
class GenesysParticipationTests {

    static final WireMockServer genesys = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());

    static {
        genesys.start();
    }

    static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    static final String TOKEN = "gc-opaque-token-8Jq2mZ7xVw";
    static final String CONVERSATION = "3f1c9a2e-5b7d-4e21-9c0a-7d2f4b6e8a01";
    static final AgentIdentity ADA = new AgentIdentity(AgentPlatform.GENESYS, "0a7d1e00-0000-4000-8000-0000000000a1",
            "Ada Lovelace", "org-1", NOW.plus(Duration.ofHours(8)));
    static final AgentCredential CREDENTIAL = new AgentCredential(AgentPlatform.GENESYS, TOKEN, "mypurecloud.de");

    final MovableClock clock = new MovableClock(NOW);
    GenesysParticipation participation;

    @AfterAll
    static void stop() {
        genesys.stop();
    }

    @BeforeEach
    void reset() {
        genesys.resetAll();
        participation = participation(Duration.ofMillis(1_500));
    }

    GenesysParticipation participation(Duration readTimeout) {
        var properties = new AgentProperties.Genesys(List.of("mypurecloud.com", "mypurecloud.de"),
                "http://127.0.0.1:" + genesys.port() + "/{env}", List.of("org-1"), Duration.ofSeconds(60), 100,
                Duration.ofSeconds(1), readTimeout, List.of("client-1"));
        return new GenesysParticipation(properties, RestClient.builder(), clock, UnaryOperator.identity(),
                Duration.ofHours(1));
    }

    @Test
    void anAgentParticipantWithTheAgentsUserIdIsAParticipantAskedWithTheAgentsOwnToken() {
        stubConversation(200, conversation(agent(ADA.agentId(), null)));

        assertThat(participation.check(ADA, CREDENTIAL, CONVERSATION)).isEqualTo(Participation.PARTICIPANT);
        genesys.verify(1, getRequestedFor(urlPathEqualTo("/mypurecloud.de/api/v2/conversations/" + CONVERSATION))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void aConversationOnlyOtherAgentsAreOnIsNotTheAgents() {
        stubConversation(200, conversation(agent("0a7d1e00-0000-4000-8000-0000000000b2", null)));

        assertThat(participation.check(ADA, CREDENTIAL, CONVERSATION)).isEqualTo(Participation.NOT_PARTICIPANT);
    }

    @Test
    void theAgentsUserIdOnAParticipantThatIsNoAgentDoesNotCount() {
        // e.g. a monitoring supervisor's entry is purpose "agent" too, but an external or customer one never is
        stubConversation(200, """
                {"id":"%s","participants":[{"id":"p-1","purpose":"customer","userId":"%s"}]}"""
                .formatted(CONVERSATION, ADA.agentId()));

        assertThat(participation.check(ADA, CREDENTIAL, CONVERSATION)).isEqualTo(Participation.NOT_PARTICIPANT);
    }

    @Test
    void aUserParticipantOfAnOutboundOrInternalCallCounts() {
        stubConversation(200, """
                {"id":"%s","participants":[{"id":"p-1","purpose":"user","userId":"%s","startTime":"2026-11-28T09:50:00.000Z"},
                 {"id":"p-2","purpose":"external","startTime":"2026-11-28T09:50:00.000Z"}]}"""
                .formatted(CONVERSATION, ADA.agentId().toUpperCase()));

        assertThat(participation.check(ADA, CREDENTIAL, CONVERSATION)).isEqualTo(Participation.PARTICIPANT);
    }

    @Test
    void anAgentWhoLeftWithinTheRecentWindowStillIsOneWhoLeftLongerAgoIsNot() {
        stubConversation(200, conversation(agent(ADA.agentId(), "2026-11-28T09:20:00.000Z")));
        assertThat(participation.check(ADA, CREDENTIAL, CONVERSATION)).isEqualTo(Participation.PARTICIPANT);

        clock.advance(Duration.ofMinutes(41)); // now 1 h 1 min after the agent left
        assertThat(participation.check(ADA, CREDENTIAL, CONVERSATION)).isEqualTo(Participation.NOT_PARTICIPANT);
    }

    @Test
    void refusalsOfTheTokenOrOfTheConversationAreUnconfirmedNotANo() {
        for (int status : new int[] {401, 403, 404}) {
            stubConversation(status, """
                    {"message":"refused","code":"%s","status":%d,"messageParams":{},"details":[],"errors":[]}"""
                    .formatted(status == 404 ? "not.found" : status == 403 ? "missing.permissions" : "bad.credentials",
                            status));
            assertThat(participation.check(ADA, CREDENTIAL, CONVERSATION)).as("HTTP " + status)
                    .isEqualTo(Participation.UNCONFIRMED);
        }
    }

    @Test
    void aStrugglingGenesysIsUnavailable() {
        for (int status : new int[] {429, 500, 502, 503}) {
            stubConversation(status, "{\"message\":\"try later\",\"status\":" + status + "}");
            assertThat(participation.check(ADA, CREDENTIAL, CONVERSATION)).as("HTTP " + status)
                    .isEqualTo(Participation.UNAVAILABLE);
        }
        stubConversation(200, "{\"id\":\"" + CONVERSATION + "\"}");
        assertThat(participation.check(ADA, CREDENTIAL, CONVERSATION)).as("no participants")
                .isEqualTo(Participation.UNAVAILABLE);
        genesys.stubFor(get(urlPathEqualTo("/mypurecloud.de/api/v2/conversations/" + CONVERSATION))
                .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        assertThat(participation.check(ADA, CREDENTIAL, CONVERSATION)).as("connection closed")
                .isEqualTo(Participation.UNAVAILABLE);
    }

    @Test
    void aGenesysSlowerThanTheReadTimeoutIsUnavailable() {
        participation = participation(Duration.ofMillis(300));
        genesys.stubFor(get(urlPathEqualTo("/mypurecloud.de/api/v2/conversations/" + CONVERSATION))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(conversation(agent(ADA.agentId(), null))).withFixedDelay(3_000)));

        long start = System.nanoTime();
        assertThat(participation.check(ADA, CREDENTIAL, CONVERSATION)).isEqualTo(Participation.UNAVAILABLE);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void anEnvironmentOffTheAllowlistIsNeverContacted() {
        AgentCredential elsewhere = new AgentCredential(AgentPlatform.GENESYS, TOKEN, "evil.example.com");

        assertThat(participation.check(ADA, elsewhere, CONVERSATION)).isEqualTo(Participation.UNCONFIRMED);
        genesys.verify(0, anyRequestedFor(anyUrl()));
    }

    private static void stubConversation(int status, String body) {
        genesys.stubFor(get(urlPathEqualTo("/mypurecloud.de/api/v2/conversations/" + CONVERSATION))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    /** A voice conversation as Genesys answers it: customer, IVR, ACD queue, then the given agent entry. */
    private static String conversation(String agentParticipant) {
        return """
                {"id":"%s","startTime":"2026-11-28T09:10:00.000Z","participants":[
                  {"id":"c0a1","startTime":"2026-11-28T09:10:00.000Z","purpose":"customer","participantType":"External",
                   "calls":[{"state":"connected","id":"k1"}]},
                  {"id":"c0a2","startTime":"2026-11-28T09:10:01.000Z","endTime":"2026-11-28T09:11:30.000Z","purpose":"ivr"},
                  {"id":"c0a3","startTime":"2026-11-28T09:11:30.000Z","endTime":"2026-11-28T09:12:00.000Z","purpose":"acd",
                   "queueId":"q-1","queueName":"Support"},
                  %s],
                 "recordingState":"ACTIVE","divisions":[],"selfUri":"/api/v2/conversations/%s"}"""
                .formatted(CONVERSATION, agentParticipant, CONVERSATION);
    }

    private static String agent(String userId, String endTime) {
        return """
                {"id":"c0a4","startTime":"2026-11-28T09:12:00.000Z",%s"purpose":"agent","userId":"%s","name":"An Agent",
                 "queueId":"q-1","wrapupRequired":true,"calls":[{"state":"%s","id":"k2"}]}"""
                .formatted(endTime == null ? "" : "\"endTime\":\"" + endTime + "\",", userId,
                        endTime == null ? "connected" : "disconnected");
    }
}
