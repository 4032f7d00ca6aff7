package com.profilebridge.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.profilebridge.support.Http;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Interaction links through the whole app (demo CDP, H2): visible the moment resolve has answered,
 * kept per organisation, and never shown to an agent when organisations disagree.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.security.callers.cxoneivr.secrets=cxone-ivr-secret",
        "bridge.security.callers.genesysevents.secrets=genesys-events-secret",
        "bridge.identity.organisations.ivrdemo=acme",
        "bridge.identity.organisations.genesysevents=acme"})
@ActiveProfiles({"demo", "test"})
class InteractionLinkScopeTests {

    static final String CXONE_IVR = basic("cxone-ivr", "cxone-ivr-secret");
    static final String GENESYS_EVENTS = basic("genesys-events", "genesys-events-secret");

    @LocalServerPort
    int port;

    @Autowired
    InteractionLinks links;

    @Test
    void theLinkAndItsOutcomeAttributionAreThereTheMomentResolveHasAnswered() {
        Http http = new Http(port);
        for (int i = 0; i < 20; i++) {
            String conversation = "conv-ryw-" + i;
            HttpResponse<String> resolved = http.resolveJson(
                    "{\"identifier\":\"+15551000042\",\"conversationId\":\"" + conversation + "\"}");
            assertThat(resolved.statusCode()).isEqualTo(200);

            // no waiting: the widget / proxy read, and an outcome of another credential of the organisation
            assertThat(links.find(conversation)).as("call %d", i).hasValueSatisfying(
                    l -> assertThat(l.cdpUserId()).isEqualTo("usr_00042"));
            HttpResponse<String> outcome = http.post("/v1/interactions/track", "application/json",
                    "{\"conversationId\":\"" + conversation + "\",\"userId\":null,\"outcome\":\"Sale\","
                            + "\"timestamp\":\"2026-11-29T10:15:00Z\"}", GENESYS_EVENTS);
            assertThat(outcome.statusCode()).isEqualTo(202);
            assertThat(Http.json(outcome).path("status").asString()).as("call %d", i).isEqualTo("accepted");
        }
    }

    @Test
    void anotherOrganisationCanNeitherOverwriteALinkNorUseItForItsOutcomes() {
        Http http = new Http(port);
        http.resolveJson("{\"identifier\":\"+15551000042\",\"conversationId\":\"conv-owned\"}");
        HttpResponse<String> foreign = http.post("/v1/profiles/resolve", "application/json",
                "{\"identifier\":\"+15551000077\",\"conversationId\":\"conv-owned\"}", CXONE_IVR);
        assertThat(foreign.statusCode()).isEqualTo(200);

        assertThat(links.find("conv-owned", "acme")).hasValueSatisfying(
                l -> assertThat(l.cdpUserId()).as("not overwritten").isEqualTo("usr_00042"));
        assertThat(links.find("conv-owned", "cxoneivr")).hasValueSatisfying(
                l -> assertThat(l.cdpUserId()).isEqualTo("usr_00077"));
        assertThat(links.find("conv-owned")).as("organisations disagree: an agent is shown nobody").isEmpty();

        JsonNode outcome = Http.json(http.post("/v1/interactions/track", "application/json",
                "{\"conversationId\":\"conv-other-org\",\"userId\":null,\"outcome\":\"Sale\"}", CXONE_IVR));
        assertThat(outcome.path("status").asString()).isEqualTo("unattributed");
    }

    @Test
    void organisationsThatAgreeShowTheStrongestLink() {
        links.record(new InteractionLink("conv-agree", "usr_00042", 0.7, MatchType.PHONE, "genesys", Instant.now(),
                "acme", "ivrdemo"));
        links.record(new InteractionLink("conv-agree", "usr_00042", 0.97, MatchType.EMAIL_AND_PHONE, "cxone",
                Instant.now(), "cxoneivr", "cxoneivr"));

        assertThat(links.find("conv-agree")).hasValueSatisfying(l -> assertThat(l.confidence()).isEqualTo(0.97));
    }

    static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes());
    }
}
