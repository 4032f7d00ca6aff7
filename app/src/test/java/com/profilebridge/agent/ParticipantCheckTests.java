package com.profilebridge.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.profilebridge.identity.InteractionLink;
import com.profilebridge.identity.InteractionLinks;
import com.profilebridge.identity.MatchType;
import com.profilebridge.profile.ProfileService;
import com.profilebridge.profileview.CallerLine;
import com.profilebridge.profileview.ProfileView;
import com.profilebridge.profileview.ProfileView.NotAllowed;
import com.profilebridge.profileview.ProfileView.NotAllowed.Refusal;
import com.profilebridge.profileview.ProfileView.Shown;
import com.profilebridge.profileview.ProfileViews;
import com.profilebridge.shared.Deadline;
import com.profilebridge.support.Http;
import com.profilebridge.support.LoopbackOAuth;
import com.profilebridge.widget.WidgetSession;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Least privilege for agents, end to end, under {@code bridge.agent.access=linked-only} with the
 * participant check at its default ({@code required}): before the proxy or the widget shows the
 * customer the IVR linked to an interaction, the agent's platform is asked with the agent's own token
 * whether the agent is on it. Genesys is a WireMock answering {@code tokens/me}, {@code users/me} and
 * {@code GET /api/v2/conversations/{id}} in the documented shapes (Genesys Platform API client docs:
 * TokenInfo, UserMe, ConversationsApi#getConversation / Conversation / Participant); CXone is
 * mock-oauth2-server for tokens and a WireMock contact API ({@code contacts/active},
 * {@code contacts/completed}; developer.niceincontact.com Real-Time Data and Reporting APIs); the CDP
 * is a WireMock too, so "nothing was read" is counted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "cdp.provider=http",
        "cdp.http.auth.type=api-key",
        "cdp.http.auth.api-key=cdp-key-participant-tests",
        "bridge.agent.access=linked-only",
        "bridge.agent.free-search-agents=genesys:user-free",
        "bridge.agent.genesys.environments=mypurecloud.de",
        "bridge.agent.genesys.organization-ids=" + ParticipantCheckTests.ORG,
        "bridge.agent.genesys.oauth-client-ids=c",
        "bridge.agent.genesys.read-timeout=1s",
        "bridge.agent.cxone.tenant-ids=" + ParticipantCheckTests.TENANT,
        "bridge.agent.cxone.audience=cxone-agent",
        "bridge.demo.identity-endpoints=false"})
@ActiveProfiles({"demo", "test"})
class ParticipantCheckTests {

    static final String ORG = "5e1f0c2a-7d3b-4c8e-9a61-0d3e0de30001";
    static final String TENANT = "11ef0000-de30-4000-8000-000000000001";
    static final String CXONE_AGENT = "100001";

    static final WireMockServer cdp = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());
    static final WireMockServer genesys = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());
    static final WireMockServer cxoneApi = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());
    static final MockOAuth2Server cxone = LoopbackOAuth.start();

    static {
        cdp.start();
        genesys.start();
        cxoneApi.start();
    }

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("cdp.http.base-url", () -> "http://127.0.0.1:" + cdp.port());
        registry.add("bridge.agent.genesys.api-base-url-template", () -> "http://127.0.0.1:" + genesys.port() + "/{env}");
        registry.add("bridge.agent.cxone.issuers", () -> cxone.issuerUrl("cxone").toString());
        registry.add("bridge.agent.cxone.api-endpoint", () -> "http://127.0.0.1:" + cxoneApi.port());
    }

    @AfterAll
    static void stop() {
        cdp.stop();
        genesys.stop();
        cxoneApi.stop();
        cxone.shutdown();
    }

    @LocalServerPort
    int port;

    @Autowired
    InteractionLinks links;

    @Autowired
    ProfileService profiles;

    @Autowired
    ProfileViews views;

    @Autowired
    AgentViewers viewers;

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    /** A token per test: the bridge remembers validations and refusals by token hash. */
    String token;
    String interaction;

    @BeforeEach
    void reset() {
        token = "gc-agent-token-" + UUID.randomUUID();
        interaction = UUID.randomUUID().toString();
        cdp.resetAll();
        genesys.resetAll();
        cxoneApi.resetAll();
        profiles.evictAllLocal();
        stubCdpProfile("usr_7");
        stubGenesysAgent(token, "user-7");
        links.record(new InteractionLink(interaction, "usr_7", 0.95, MatchType.PHONE, "genesys", Instant.now()));
    }

    @Test
    void aGenesysAgentOnTheConversationGetsItsLinkedCustomerAskedWithItsOwnToken() {
        stubConversation(200, conversationWith("user-7"));

        HttpResponse<String> response = byInteraction(token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("cdp_user_id").asString()).isEqualTo("usr_7");
        genesys.verify(1, getRequestedFor(urlPathEqualTo("/mypurecloud.de/api/v2/conversations/" + interaction))
                .withHeader("Authorization", equalTo("Bearer " + token)));
        assertThat(proxyViewsOf(interaction)).isEqualTo(1);
    }

    @Test
    void aGenesysAgentNotOnTheConversationIsRefusedWith403AndNothingIsReadOrAudited() {
        stubConversation(200, conversationWith("user-8"));

        HttpResponse<String> linked = byInteraction(token);
        HttpResponse<String> byId = call("/api/proxy/cdp/profile/usr_7?interactionId=" + interaction, token);

        for (HttpResponse<String> response : new HttpResponse[] {linked, byId}) {
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(json(response).path("type").asString()).endsWith("/not-a-participant");
            assertThat(json(response).path("detail").asString()).contains("not on this interaction");
            assertThat(response.body()).doesNotContain("Ada", "GOLD", token);
        }
        cdp.verify(0, getRequestedFor(urlPathMatching("/v1/profiles/.*")));
        assertThat(proxyViewsOf(interaction)).isZero();
    }

    @Test
    void whenGenesysWillNotSayTheAgentIsRefusedAndWhenItIsDownTheRefusalSaysTryAgain() {
        expectRefusal(403, 403, "/participation-unconfirmed");
        expectRefusal(404, 403, "/participation-unconfirmed");
        expectRefusal(500, 503, "/participation-unavailable");
        expectRefusal(503, 503, "/participation-unavailable");

        interaction = linkedInteraction();
        genesys.stubFor(get(urlPathEqualTo("/mypurecloud.de/api/v2/conversations/" + interaction))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(conversationWith("user-7")).withFixedDelay(2_500)));
        HttpResponse<String> slow = byInteraction(token);
        assertThat(slow.statusCode()).as("slower than the 1 s read timeout").isEqualTo(503);
        assertThat(slow.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(json(slow).path("detail").asString()).contains("Genesys Cloud cannot be asked right now");
        cdp.verify(0, getRequestedFor(urlPathMatching("/v1/profiles/.*")));
    }

    @Test
    void repeatedLookupsOfTheSameInteractionAskGenesysOnce() {
        stubConversation(200, conversationWith("user-7"));

        for (int i = 0; i < 3; i++) {
            assertThat(byInteraction(token).statusCode()).isEqualTo(200);
        }
        genesys.verify(1, getRequestedFor(urlPathEqualTo("/mypurecloud.de/api/v2/conversations/" + interaction)));
    }

    @Test
    void anAgentWithFreeSearchIsNotAskedAbout() {
        String free = "gc-agent-token-" + UUID.randomUUID();
        stubGenesysAgent(free, "user-free");

        assertThat(byInteraction(free).statusCode()).isEqualTo(200);
        assertThat(call("/api/proxy/cdp/profile/usr_7", free).statusCode()).isEqualTo(200);
        genesys.verify(0, getRequestedFor(urlPathMatching("/mypurecloud.de/api/v2/conversations/.*")));
    }

    @Test
    void aCxoneAgentIsCheckedAgainstItsOwnActiveContacts() {
        String cxoneToken = cxone.issueToken("cxone", "user:11ef-u-1", "cxone-agent", Map.of("tenantId", TENANT,
                "userId", "11ef-u-1", "name", "Grace Hopper", "icAgentId", CXONE_AGENT), 3600).serialize();
        cxoneApi.stubFor(get(urlPathEqualTo("/incontactapi/services/v27.0/contacts/active"))
                .withQueryParam("agentId", equalTo(CXONE_AGENT))
                .withHeader("Authorization", equalTo("Bearer " + cxoneToken))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"resultSet":{"lastPollTime":"2026-11-28T09:59:58.000Z","activeContacts":[
                          {"contactId":"%s","masterContactId":"%s","agentId":%s,"teamId":4600001,
                           "mediaTypeName":"Call","state":"Active"}]}}""".formatted(interaction, interaction, CXONE_AGENT))));
        cxoneApi.stubFor(get(urlPathEqualTo("/incontactapi/services/v27.0/contacts/completed"))
                .willReturn(aResponse().withStatus(204)));

        assertThat(call("/api/proxy/cdp/profile?interactionId=" + interaction, Map.of("Authorization",
                "Bearer " + cxoneToken)).statusCode()).isEqualTo(200);
        String other = linkedInteraction();
        HttpResponse<String> refused = call("/api/proxy/cdp/profile?interactionId=" + other,
                Map.of("Authorization", "Bearer " + cxoneToken));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).path("detail").asString()).startsWith("NICE CXone says you are not on this interaction");
    }

    @Test
    void theWidgetAsksWithTheTokenItsSessionWasOpenedWithAndIsRefusedOffTheInteraction() throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
        MockHttpSession session = (MockHttpSession) mvc.perform(post("/widget/session")
                        .header("Host", "localhost").header("Origin", "http://localhost")
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"platform":"genesys","token":"%s","environment":"mypurecloud.de",
                                 "interactionId":"%s","lang":"en-us"}""".formatted(token, interaction)))
                .andReturn().getRequest().getSession(false);
        WidgetSession widget = (WidgetSession) session.getAttribute(WidgetSession.ATTRIBUTE);
        assertThat(widget.toString()).doesNotContain(token);

        // as the widget view asks (WidgetView#viewer): the session's agent and token, channel widget
        stubConversation(200, conversationWith("user-8"));
        ProfileView refused = views.forInteraction(viewers.viewer(widget.agent(), widget.credential(), "widget"),
                interaction, CallerLine.UNKNOWN, Deadline.in(Duration.ofSeconds(3)));
        assertThat(refused).isEqualTo(new NotAllowed(Refusal.NOT_PARTICIPANT));
        genesys.verify(1, getRequestedFor(urlPathEqualTo("/mypurecloud.de/api/v2/conversations/" + interaction))
                .withHeader("Authorization", equalTo("Bearer " + token)));

        interaction = linkedInteraction();
        stubConversation(200, conversationWith("user-7"));
        ProfileView shown = views.forInteraction(viewers.viewer(widget.agent(), widget.credential(), "widget"),
                interaction, CallerLine.UNKNOWN, Deadline.in(Duration.ofSeconds(3)));
        assertThat(shown).isInstanceOfSatisfying(Shown.class, s -> assertThat(s.profile().userId()).isEqualTo("usr_7"));
    }

    private void expectRefusal(int genesysStatus, int status, String type) {
        interaction = linkedInteraction();
        stubConversation(genesysStatus, "{\"message\":\"refused\",\"code\":\"x\",\"status\":" + genesysStatus + "}");
        HttpResponse<String> response = byInteraction(token);
        assertThat(response.statusCode()).as("Genesys " + genesysStatus).isEqualTo(status);
        assertThat(json(response).path("type").asString()).endsWith(type);
    }

    private String linkedInteraction() {
        String id = UUID.randomUUID().toString();
        links.record(new InteractionLink(id, "usr_7", 0.95, MatchType.PHONE, "genesys", Instant.now()));
        return id;
    }

    private HttpResponse<String> byInteraction(String bearer) {
        return call("/api/proxy/cdp/profile?interactionId=" + interaction, bearer);
    }

    private HttpResponse<String> call(String path, String bearer) {
        return call(path, Map.of("Authorization", "Bearer " + bearer, "X-Agent-Platform", "genesys",
                "X-Genesys-Environment", "mypurecloud.de"));
    }

    private HttpResponse<String> call(String path, Map<String, String> headers) {
        return new Http(port).get(path, headers);
    }

    private int proxyViewsOf(String interactionId) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE interaction_id = :i AND channel = 'proxy'")
                .param("i", interactionId).query(Integer.class).single();
    }

    private void stubConversation(int status, String body) {
        genesys.stubFor(get(urlPathEqualTo("/mypurecloud.de/api/v2/conversations/" + interaction))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    private String conversationWith(String agentUserId) {
        return """
                {"id":"%s","startTime":"2026-11-28T09:10:00.000Z","participants":[
                  {"id":"p1","purpose":"customer","startTime":"2026-11-28T09:10:00.000Z"},
                  {"id":"p2","purpose":"ivr","startTime":"2026-11-28T09:10:01.000Z","endTime":"2026-11-28T09:11:30.000Z"},
                  {"id":"p3","purpose":"agent","userId":"%s","name":"An Agent","startTime":"2026-11-28T09:12:00.000Z"}],
                 "selfUri":"/api/v2/conversations/%s"}""".formatted(interaction, agentUserId, interaction);
    }

    private static void stubGenesysAgent(String token, String userId) {
        genesys.stubFor(get(urlPathEqualTo("/mypurecloud.de/api/v2/tokens/me"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"organization\":{\"id\":\"" + ORG + "\",\"name\":\"Acme\"},"
                                + "\"homeOrganization\":{\"id\":\"" + ORG + "\"},\"authorizedScope\":[\"conversations:readonly\"],"
                                + "\"OAuthClient\":{\"id\":\"c\"},"
                                + "\"expirationDate\":\"" + Instant.now().plus(Duration.ofHours(8)) + "\"}")));
        genesys.stubFor(get(urlPathEqualTo("/mypurecloud.de/api/v2/users/me"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"" + userId + "\",\"name\":\"Agent " + userId + "\"}")));
    }

    private static void stubCdpProfile(String userId) {
        cdp.stubFor(get(urlPathEqualTo("/v1/profiles/" + userId))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"cdp_user_id":"%s","name":"Ada Lovelace","email":"Ada.Lovelace@Example.com",
                                 "phone":"+15551000007","tier":"GOLD"}""".formatted(userId))));
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Http.json(response);
    }
}
