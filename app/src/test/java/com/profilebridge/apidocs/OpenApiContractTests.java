package com.profilebridge.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.profilebridge.support.ConsoleSession;
import com.profilebridge.support.Http;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The served OpenAPI document against the README's contract and against real answers: every answer
 * below, success or problem detail, is validated with Atlassian's OpenAPI validator against the
 * document the running application serves, so the two cannot drift apart unnoticed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class OpenApiContractTests {

    static final String OPS = "Basic " + Base64.getEncoder().encodeToString("ops-demo:demo-ops-secret".getBytes());
    static final String RESOLVE = "/v1/profiles/resolve";
    static final String TRACK = "/v1/interactions/track";

    @LocalServerPort
    int port;

    final JsonMapper json = JsonMapper.builder().build();
    Http http;
    JsonNode document;
    OpenApiInteractionValidator validator;

    @BeforeEach
    void loadTheServedDocument() {
        http = new Http(port);
        HttpResponse<String> docs = http.get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        document = json.readTree(docs.body());
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(docs.body()).build();
    }

    @Test
    void namesTheProductItsVersionAndEveryCallersSecurityScheme() {
        assertThat(document.at("/info/title").asString()).isEqualTo("Profile Bridge API");
        assertThat(document.at("/info/version").asString()).isNotBlank().isNotEqualTo("v0");
        JsonNode schemes = document.at("/components/securitySchemes");
        assertThat(schemes.at("/basicAuth/scheme").asString()).isEqualTo("basic");
        assertThat(schemes.at("/apiKey/in").asString()).isEqualTo("header");
        assertThat(schemes.at("/apiKey/name").asString()).isEqualTo("X-API-Key");
        assertThat(schemes.at("/agentToken/scheme").asString()).isEqualTo("bearer");
        assertThat(document.at("/paths/~1v1~1profiles~1resolve/post/security").toString())
                .contains("basicAuth", "apiKey");
        assertThat(document.at("/paths/~1api~1proxy~1cdp~1profile~1{userId}/get/security").toString())
                .contains("agentToken");
    }

    @Test
    void resolveDeclaresBothContentTypesItsAnswerAndEveryErrorStatus() {
        JsonNode post = document.at("/paths/~1v1~1profiles~1resolve/post");
        assertThat(post.at("/requestBody/content").propertyNames())
                .contains("application/json", "application/x-www-form-urlencoded");
        assertThat(post.at("/responses/200/content/application~1json/schema/$ref").asString())
                .endsWith("/ResolveResponse");
        for (String status : Set.of("400", "401", "403", "406", "413", "415", "429")) {
            assertThat(post.at("/responses/" + status + "/content/application~1problem+json/schema/$ref").asString())
                    .as("status %s", status).endsWith("/ProblemDetail");
        }
        JsonNode track = document.at("/paths/~1v1~1interactions~1track/post");
        assertThat(track.at("/responses/202/content/application~1json/schema/$ref").asString()).endsWith("/TrackAnswer");
        assertThat(track.at("/requestBody/content").propertyNames())
                .contains("application/json", "application/x-www-form-urlencoded");
        assertThat(document.at("/components/schemas/ResolveResponse/properties/confidence_score/type").asString())
                .isEqualTo("number");
    }

    @Test
    void resolveAnswersMatchTheDocument() {
        valid(Request.Method.POST, RESOLVE, http.resolveJson(
                "{\"identifier\":\"+1 (555) 100-0042\",\"channel\":\"voice\",\"conversationId\":\"oa-conv-1\"}"));
        valid(Request.Method.POST, RESOLVE, http.resolveJson("{\"identifier\":\"+1 555 199 0000\"}"));
        valid(Request.Method.POST, RESOLVE, http.resolveJson("{\"phoneNumber\":\"555-100-0097\"}"));
        valid(Request.Method.POST, RESOLVE, http.resolveForm(
                "{\"interactionId\":\"oa-cx-1\",\"phoneNumber\":\"+15551000042\",\"email\":\"\"}"));
    }

    @Test
    void resolveProblemsMatchTheDocument() {
        valid(Request.Method.POST, RESOLVE, http.resolveJson("{\"channel\":\"voice\"}"), 400);
        valid(Request.Method.POST, RESOLVE, http.resolveJson("{not json"), 400);
        valid(Request.Method.POST, RESOLVE, http.post(RESOLVE, "application/json", "{\"identifier\":\"x\"}", null), 401);
        valid(Request.Method.POST, RESOLVE, http.post(RESOLVE, "application/xml", "<a/>", Http.DEMO_CALLER), 415);
        valid(Request.Method.POST, RESOLVE, http.post(RESOLVE, "application/json", "{\"identifier\":\"x\"}", OPS), 403);
    }

    @Test
    void trackAnswersAndProblemsMatchTheDocument() {
        valid(Request.Method.POST, TRACK, http.post(TRACK, "application/json",
                "{\"conversationId\":\"oa-conv-2\",\"userId\":\"usr_00042\",\"interactionType\":\"voice\","
                        + "\"outcome\":\"Upsell\",\"duration\":184,\"agentId\":\"agent-7\","
                        + "\"timestamp\":\"2026-11-29T10:15:00Z\"}", Http.DEMO_CALLER), 202);
        valid(Request.Method.POST, TRACK, http.post(TRACK, "application/json", "{broken", Http.DEMO_CALLER), 400);
        valid(Request.Method.POST, TRACK, http.post(TRACK, "application/json", "{}", null), 401);
    }

    @Test
    void theProxysProfileAnswerHasItsOwnSchema() {
        for (String path : List.of("/paths/~1api~1proxy~1cdp~1profile~1{userId}/get",
                "/paths/~1api~1proxy~1cdp~1profile/get")) {
            assertThat(document.at(path + "/responses/200/content/application~1json/schema/$ref").asString())
                    .as(path).endsWith("/ProxyProfileResponse");
        }
        JsonNode answer = document.at("/components/schemas/ProxyProfileResponse/properties");
        assertThat(answer.propertyNames()).contains("cdp_user_id", "profile_source", "profile_age_seconds", "problem",
                "correlation_id", "profile");
        assertThat(answer.at("/profile/$ref").asString()).endsWith("/ShownProfile");
        assertThat(document.at("/components/schemas/ShownProfile/properties").propertyNames())
                .contains("cdp_user_id", "name", "email", "phone", "attributes", "recent_orders", "recent_interactions");
        assertThat(document.at("/paths/~1api~1console~1search/post/responses/200/content/application~1json/schema/$ref")
                .asString()).endsWith("/ConsoleSearchAnswer");
    }

    @Test
    void proxyAndOperationsAnswersMatchTheDocument() {
        String token = Http.json(http.postForm("/__demo/genesys/token", "agent=ada")).path("access_token").asString();
        Map<String, String> agent = Map.of("Authorization", "Bearer " + token, "X-Agent-Platform", "genesys",
                "X-Genesys-Environment", "localhost");
        valid(Request.Method.GET, "/api/proxy/cdp/profile/usr_00042", http.get("/api/proxy/cdp/profile/usr_00042", agent));
        valid(Request.Method.GET, "/api/proxy/cdp/profile",
                http.get("/api/proxy/cdp/profile?interactionId=oa-never-linked", agent), 404);
        valid(Request.Method.GET, "/api/proxy/cdp/profile/usr_00042", http.get("/api/proxy/cdp/profile/usr_00042"), 401);
        valid(Request.Method.GET, "/v1/outcomes/stats", http.get("/v1/outcomes/stats", OPS), 200);
        valid(Request.Method.GET, "/v1/outcomes/stats", http.get("/v1/outcomes/stats", Http.DEMO_CALLER), 403);
    }

    @Test
    void theConsoleSearchAnswerMatchesTheDocument() {
        ConsoleSession supervisor = ConsoleSession.signIn(port, "supervisor", "demo-supervisor");
        valid(Request.Method.POST, "/api/console/search",
                supervisor.post("/api/console/search", "{\"query\":\"+1 555 100 0097\"}"));
        valid(Request.Method.POST, "/api/console/search",
                supervisor.post("/api/console/search", "{\"query\":\"usr_00042\"}"));
    }

    @Test
    void theResolveExamplesPassTheShippedGenesysDataActionsOutputSchema() throws Exception {
        JsonNode action;
        try (InputStream in = getClass().getResourceAsStream(
                "/META-INF/resources/embed/genesys/profile-resolve-data-action.json")) {
            action = json.readTree(in);
        }
        JsonNode outputs = action.at("/contract/output/successSchema/properties");
        assertThat(outputs.isMissingNode()).isFalse();
        JsonNode examples = document.at("/paths/~1v1~1profiles~1resolve/post/responses/200/content/application~1json/examples");
        assertThat(examples.propertyNames()).isNotEmpty();
        for (String name : examples.propertyNames()) {
            JsonNode example = examples.at("/" + name + "/value");
            for (String field : outputs.propertyNames()) {
                JsonNode value = example.get(field);
                if (value == null) {
                    continue; // absent: Genesys applies the translation map default
                }
                String type = outputs.at("/" + field + "/type").asString();
                assertThat(matches(type, value)).as("example %s field %s is a %s", name, field, type).isTrue();
            }
        }
    }

    private static boolean matches(String type, JsonNode value) {
        return switch (type) {
            case "string" -> value.isString();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }

    private void valid(Request.Method method, String path, HttpResponse<String> answer) {
        valid(method, path, answer, 200);
    }

    private void valid(Request.Method method, String path, HttpResponse<String> answer, int expectedStatus) {
        assertThat(answer.statusCode()).as("%s %s: %s", method, path, answer.body()).isEqualTo(expectedStatus);
        SimpleResponse.Builder response = SimpleResponse.Builder.status(answer.statusCode()).withBody(answer.body());
        answer.headers().firstValue("Content-Type").ifPresent(response::withContentType);
        ValidationReport report = validator.validateResponse(path, method, response.build());
        assertThat(report.getMessages()).as("%s %s answered %s: %s", method, path, answer.statusCode(), answer.body())
                .filteredOn(m -> m.getLevel() == ValidationReport.Level.ERROR).isEmpty();
    }
}
