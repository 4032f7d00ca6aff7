package com.profilebridge.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shipped Genesys data action ({@code embed/genesys/profile-resolve-data-action.json}) against
 * Genesys' contract rules and against real answers of {@code POST /v1/profiles/resolve}: the request
 * template is rendered the way Genesys would and posted, every answer is run through the
 * translation map (JSONPath, defaults only for missing paths, never for nulls) and the success
 * template, and the result must match the declared output types. The CXone snippet's body goes
 * through the same checks with CXone's form content type.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class GenesysDataActionContractTests {

    static final String DATA_ACTION = "/META-INF/resources/embed/genesys/profile-resolve-data-action.json";
    static final String CXONE_SNIPPET = "/META-INF/resources/embed/cxone/resolve-snippet.txt";
    static final String API_KEY = "demo-ivr-secret";
    static final Set<String> PRIMITIVE_TYPES = Set.of("string", "integer", "number", "boolean");
    /** The outputs Architect flows are built on, with the types they are built for. */
    static final Map<String, String> EXPECTED_OUTPUTS = expectedOutputs();
    /** Outputs the bridge always sends: no default, so a bridge that stops sending them fails the action. */
    static final Set<String> ALWAYS_SENT = Set.of(
            "status", "identity_status", "confidence_score", "match_type", "profile_source", "candidate_count");
    static final Pattern ESCAPED_INPUT = Pattern.compile("\\$!?esc\\.jsonString\\(\\$!?\\{input\\.(\\w+)}\\)");
    static final Pattern PLAIN_REFERENCE = Pattern.compile("\\$!?\\{(input|credentials)\\.(\\w+)}");
    static final Pattern OUTPUT_REFERENCE = Pattern.compile("\\$!?\\{(\\w+)}");

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();
    JsonNode action;

    @BeforeEach
    void loadDataAction() throws IOException {
        action = json.readTree(resource(DATA_ACTION));
    }

    @Test
    void dataActionIsImportableAndFollowsTheContractRules() {
        assertThat(action.path("name").asString()).isNotBlank();
        assertThat(action.path("category").asString()).isNotBlank();
        assertThat(action.path("actionType").asString()).isEqualTo("custom");
        assertThat(action.path("integrationId").asString()).as("a placeholder the importer replaces").isNotBlank();
        assertThat(action.path("config").path("timeoutSeconds").asInt()).isBetween(1, 60);

        JsonNode request = action.path("config").path("request");
        assertThat(request.path("requestType").asString()).isEqualTo("POST");
        assertThat(request.path("requestUrlTemplate").asString())
                .startsWith("https://").endsWith("/v1/profiles/resolve");
        assertThat(request.path("headers").path("Content-Type").asString()).isEqualTo("application/json");
        assertThat(request.path("headers").path("X-API-Key").asString()).isEqualTo("${credentials.apiKey}");

        JsonNode input = action.path("contract").path("input").path("inputSchema");
        assertThat(input.path("type").asString()).isEqualTo("object");
        assertThat(input.path("properties").path("identifier").path("type").asString()).isEqualTo("string");
        assertThat(input.path("properties").path("conversationId").path("type").asString()).isEqualTo("string");
        assertThat(input.path("properties").path("verifiedBy").path("type").asString()).isEqualTo("string");
        assertThat(input.path("required").toString()).as("verifiedBy is optional").doesNotContain("verifiedBy");
        assertFlatAndPrimitive("inputSchema", input);

        JsonNode output = outputSchema();
        assertThat(output.path("type").asString()).as("output top level").isEqualTo("object");
        assertFlatAndPrimitive("successSchema", output);
        Map<String, String> declared = declaredOutputs();
        assertThat(declared).containsAllEntriesOf(EXPECTED_OUTPUTS);

        Map<String, String> translation = strings(action.path("config").path("response").path("translationMap"));
        Map<String, String> defaults = strings(action.path("config").path("response").path("translationMapDefaults"));
        assertThat(declared.keySet()).as("every translationMap key is an output property")
                .containsAll(translation.keySet());
        assertThat(translation.keySet()).as("every output property is filled from the answer")
                .containsAll(declared.keySet());
        translation.forEach((name, path) -> {
            assertThat(path).as(name).startsWith("$.");
            assertThat(path).as(name + ": flat outputs only, no array paths").doesNotContain("[", "*", "..");
        });
        assertThat(translation.keySet()).as("every default belongs to a translationMap entry")
                .containsAll(defaults.keySet());
        defaults.forEach((name, literal) -> assertType(name, declared.get(name), parseLiteral(name, literal)));
        assertThat(defaults.keySet()).as("routing fields have no default: without them the action must fail")
                .doesNotContainAnyElementsOf(ALWAYS_SENT);
        assertThat(defaults.keySet()).as("every optional output has a default")
                .containsAll(diff(declared.keySet(), ALWAYS_SENT));

        Set<String> templated = new LinkedHashSet<>();
        Matcher m = OUTPUT_REFERENCE.matcher(successTemplate());
        while (m.find()) {
            templated.add(m.group(1));
        }
        assertThat(templated).as("the success template uses exactly the output properties")
                .containsExactlyInAnyOrderElementsOf(declared.keySet());
    }

    @Test
    void requestTemplateRendersToValidJsonEvenForHostileInput() throws Exception {
        String hostile = "+1 555 \"100\\0042\"\n</x>";
        String body = renderRequest(hostile, "conv-\"quoted\"");
        JsonNode sent = json.readTree(body);
        assertThat(sent.path("identifier").asString()).isEqualTo(hostile);
        assertThat(sent.path("conversationId").asString()).isEqualTo("conv-\"quoted\"");
        assertThat(sent.path("channel").asString()).isEqualTo("voice");
        assertThat(sent.path("source").asString()).isEqualTo("genesys");

        HttpResponse<String> response = callAsGenesys(hostile, "conv-\"quoted\"");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> outputs = runThroughDataAction(response.body());
        assertThat(outputs.get("identity_status")).isEqualTo("GUEST");
    }

    @Test
    void knownPhoneFromTheGuideResolvesToAProfile() throws Exception {
        HttpResponse<String> response = callAsGenesys("+1 (555) 100-0042", "gc-conv-0042");
        Map<String, Object> outputs = runThroughDataAction(response.body());
        assertThat(outputs.get("status")).isEqualTo("success");
        assertThat(outputs.get("cdp_user_id")).isEqualTo("usr_00042");
        assertThat(outputs.get("match_type")).isEqualTo("PHONE");
        // A phone number alone is a probabilistic match: the flow verifies before using the profile.
        assertThat(outputs.get("identity_status")).isEqualTo("NEEDS_VERIFICATION");
        assertThat(((Number) outputs.get("confidence_score")).doubleValue()).isLessThan(0.9);
        assertThat(outputs.get("candidate_count")).isEqualTo(1);
        assertThat(outputs.get("tier")).asString().isNotEmpty();
        assertThat(((Number) outputs.get("recent_order_count")).intValue()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void householdPhoneNeedsVerification() throws Exception {
        HttpResponse<String> response = callAsGenesys("555-100-0097", "gc-conv-0097");
        Map<String, Object> outputs = runThroughDataAction(response.body());
        assertThat(outputs.get("identity_status")).isEqualTo("NEEDS_VERIFICATION");
        assertThat(outputs.get("match_type")).isEqualTo("PHONE_SHARED");
        assertThat(((Number) outputs.get("candidate_count")).intValue()).isGreaterThan(1);
        assertThat(((Number) outputs.get("confidence_score")).doubleValue()).isLessThan(0.9);
    }

    @Test
    void unknownNumberIsAGuestWithDefaultsForTheMissingFields() throws Exception {
        HttpResponse<String> response = callAsGenesys("+15559990000", "gc-conv-guest");
        JsonNode raw = json.readTree(response.body());
        assertThat(raw.has("cdp_user_id")).as("absent, not null").isFalse();
        Map<String, Object> outputs = runThroughDataAction(response.body());
        assertThat(outputs.get("identity_status")).isEqualTo("GUEST");
        assertThat(outputs.get("profile_source")).isEqualTo("NONE");
        assertThat(outputs.get("cdp_user_id")).isEqualTo("");
        assertThat(outputs.get("recent_order_count")).isEqualTo(0);
        assertThat(outputs.get("sentiment_score")).isEqualTo(-1);
        assertThat(((Number) outputs.get("confidence_score")).doubleValue()).isZero();
    }

    @Test
    void aCustomerIdAloneIsAClaimThatNeedsVerification() throws Exception {
        HttpResponse<String> response = callAsGenesys("usr_00042", "gc-conv-id");
        Map<String, Object> outputs = runThroughDataAction(response.body());
        assertThat(outputs.get("identity_status")).isEqualTo("NEEDS_VERIFICATION");
        assertThat(outputs.get("match_type")).isEqualTo("CDP_USER_ID");
        assertThat(outputs.get("cdp_user_id")).isEqualTo("usr_00042");
        assertThat(((Number) outputs.get("confidence_score")).doubleValue()).isLessThan(0.9);
    }

    @Test
    void aCustomerIdTheFlowVerifiedWithAPinIsVerified() throws Exception {
        HttpResponse<String> response = callAsGenesys("usr_00042", "gc-conv-id-pin", "pin");
        Map<String, Object> outputs = runThroughDataAction(response.body());
        assertThat(outputs.get("identity_status")).isEqualTo("VERIFIED");
        assertThat(outputs.get("match_type")).isEqualTo("CDP_USER_ID_VERIFIED");
        assertThat(outputs.get("cdp_user_id")).isEqualTo("usr_00042");
        assertThat(((Number) outputs.get("confidence_score")).doubleValue()).isEqualTo(1.0);
    }

    @Test
    void cxoneFormEncodedSingleLineJsonKeepsTheSameContract() throws Exception {
        HttpResponse<String> response = callAsCxone(
                "{\"interactionId\":\"cx-1\",\"phoneNumber\":\"+15551000042\",\"email\":\"\"}");
        assertThat(response.body().getBytes(StandardCharsets.UTF_8).length).isLessThan(10_240);
        JsonNode raw = json.readTree(response.body());
        assertThat(raw.path("interaction_id").asString()).isEqualTo("cx-1");
        Map<String, Object> outputs = runThroughDataAction(response.body());
        assertThat(outputs.get("cdp_user_id")).isEqualTo("usr_00042");
        assertThat(outputs.get("identity_status")).isEqualTo("NEEDS_VERIFICATION");
    }

    @Test
    void cxoneSnippetBodyIsSingleLineJsonTheBridgeResolves() throws Exception {
        String snippet = resource(CXONE_SNIPPET);
        assertThat(snippet).contains("GetRESTProxy()", "MakeRestRequest(", "\"POST\")", "AddHeader(\"X-API-Key\"");
        Matcher assign = Pattern.compile("(?m)^ASSIGN resolveBody = \\$\"(.*)\"\\s*$").matcher(snippet);
        assertThat(assign.find()).as("the snippet assigns its body as one $\"...\" string").isTrue();
        // Studio: \" is a quote, \{ a literal brace, {Var} a substitution. ANI arrives as digits.
        String body = assign.group(1).replace("\\\"", "\"").replace("\\{", "\u0000")
                .replace("{ContactID}", "cx-snippet-1").replace("{ANI}", "5551000042").replace('\u0000', '{');
        assertThat(body).doesNotContain("\n").doesNotContain("{ContactID}").doesNotContain("{ANI}");
        JsonNode sent = json.readTree(body);
        assertThat(sent.path("interactionId").asString()).isEqualTo("cx-snippet-1");

        HttpResponse<String> response = callAsCxone(body);
        assertThat(response.body().getBytes(StandardCharsets.UTF_8).length).isLessThan(10_240);
        Map<String, Object> outputs = runThroughDataAction(response.body());
        assertThat(outputs.get("cdp_user_id")).isEqualTo("usr_00042");
    }

    // --- Genesys, as far as the contract goes -------------------------------------------------

    /**
     * What Genesys does with an answer: each translationMap JSONPath must resolve to a value of
     * the declared type, or be missing and have a default (a JSON null does not fall back); then
     * the success template is filled and must again match the output contract.
     */
    Map<String, Object> runThroughDataAction(String body) {
        assertNoNulls("$", json.readTree(body));
        Map<String, String> declared = declaredOutputs();
        Map<String, String> translation = strings(action.path("config").path("response").path("translationMap"));
        Map<String, String> defaults = strings(action.path("config").path("response").path("translationMapDefaults"));
        Object document = com.jayway.jsonpath.Configuration.defaultConfiguration().jsonProvider().parse(body);

        Map<String, String> rendered = new LinkedHashMap<>();
        translation.forEach((name, path) -> {
            Object value;
            try {
                value = JsonPath.read(document, path);
                assertThat(value).as("%s (%s) is present but null: Genesys does not apply defaults to nulls\n%s",
                        name, path, body).isNotNull();
            } catch (PathNotFoundException missing) {
                assertThat(defaults).as("%s (%s) is missing from the answer and has no default\n%s", name, path, body)
                        .containsKey(name);
                value = parseLiteral(name, defaults.get(name));
            }
            assertType(name + " in " + body, declared.get(name), value);
            rendered.put(name, json.writeValueAsString(value));
        });

        Matcher m = OUTPUT_REFERENCE.matcher(successTemplate());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = rendered.get(m.group(1));
            assertThat(value).as("success template variable " + m.group(1)).isNotNull();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        Map<String, Object> outputs = JsonPath.read(out.toString(), "$");
        assertThat(outputs.keySet()).containsExactlyInAnyOrderElementsOf(declared.keySet());
        outputs.forEach((name, value) -> assertType("output " + name, declared.get(name), value));
        return outputs;
    }

    /** The request template rendered the way Genesys' Velocity would for these inputs. */
    String renderRequest(String identifier, String conversationId) {
        return renderRequest(identifier, conversationId, "");
    }

    /** @param verifiedBy {@code ""} renders as Genesys renders an optional input the flow left unset */
    String renderRequest(String identifier, String conversationId, String verifiedBy) {
        Map<String, String> inputs = Map.of("identifier", identifier, "conversationId", conversationId,
                "verifiedBy", verifiedBy);
        String template = action.path("config").path("request").path("requestTemplate").asString();
        Matcher escaped = ESCAPED_INPUT.matcher(template);
        StringBuilder out = new StringBuilder();
        while (escaped.find()) {
            String value = inputs.get(escaped.group(1));
            assertThat(value).as("template input " + escaped.group(1)).isNotNull();
            String quoted = json.writeValueAsString(value);
            escaped.appendReplacement(out, Matcher.quoteReplacement(quoted.substring(1, quoted.length() - 1)));
        }
        escaped.appendTail(out);
        String rendered = out.toString();
        assertThat(PLAIN_REFERENCE.matcher(rendered).find())
                .as("inputs go into the JSON body only through $esc.jsonString(...)").isFalse();
        assertThat(rendered).as("no Velocity left after rendering").doesNotContain("$");
        return rendered;
    }

    HttpResponse<String> callAsGenesys(String identifier, String conversationId) throws Exception {
        return callAsGenesys(identifier, conversationId, "");
    }

    HttpResponse<String> callAsGenesys(String identifier, String conversationId, String verifiedBy) throws Exception {
        JsonNode request = action.path("config").path("request");
        String path = URI.create(request.path("requestUrlTemplate").asString()).getPath();
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path))
                .method(request.path("requestType").asString(),
                        HttpRequest.BodyPublishers.ofString(renderRequest(identifier, conversationId, verifiedBy)))
                .header("ININ-Correlation-Id", "gc-" + conversationId.hashCode());
        strings(request.path("headers")).forEach((name, value) ->
                builder.header(name, value.replace("${credentials.apiKey}", API_KEY)));
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        return response;
    }

    HttpResponse<String> callAsCxone(String singleLineJson) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/v1/profiles/resolve"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-API-Key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(singleLineJson))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    // --- helpers ------------------------------------------------------------------------------

    JsonNode outputSchema() {
        return action.path("contract").path("output").path("successSchema");
    }

    String successTemplate() {
        return action.path("config").path("response").path("successTemplate").asString();
    }

    Map<String, String> declaredOutputs() {
        Map<String, String> types = new LinkedHashMap<>();
        outputSchema().path("properties").properties().forEach(e -> types.put(e.getKey(), e.getValue().path("type").asString()));
        return types;
    }

    /** Top-level object of primitive properties only: no arrays, nested objects or $ref anywhere. */
    static void assertFlatAndPrimitive(String label, JsonNode schema) {
        assertNoRefsOrArrays(label, schema);
        assertThat(schema.path("properties").isObject()).as(label + " has properties").isTrue();
        schema.path("properties").properties().forEach(e -> {
            JsonNode type = e.getValue().path("type");
            assertThat(type.isString()).as("%s.%s has a single type", label, e.getKey()).isTrue();
            assertThat(PRIMITIVE_TYPES).as("%s.%s type", label, e.getKey()).contains(type.asString());
        });
    }

    static void assertNoRefsOrArrays(String at, JsonNode node) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                assertThat(e.getKey()).as("%s: no $ref", at).isNotEqualTo("$ref");
                assertThat(e.getKey()).as("%s: no array items", at).isNotEqualTo("items");
                if ("type".equals(e.getKey())) {
                    assertThat(e.getValue().isArray() ? e.getValue().toString() : e.getValue().asString())
                            .as("%s: no arrays", at).doesNotContain("array");
                }
                assertNoRefsOrArrays(at + "." + e.getKey(), e.getValue());
            });
        } else if (node.isArray()) {
            node.values().forEach(child -> assertNoRefsOrArrays(at + "[]", child));
        }
    }

    static void assertNoNulls(String at, JsonNode node) {
        assertThat(node.isNull()).as("JSON null at " + at).isFalse();
        if (node.isObject()) {
            node.properties().forEach(e -> assertNoNulls(at + "." + e.getKey(), e.getValue()));
        } else if (node.isArray()) {
            node.values().forEach(child -> assertNoNulls(at + "[]", child));
        }
    }

    static void assertType(String what, String type, Object value) {
        assertThat(value).as(what + " is null").isNotNull();
        boolean ok = switch (type) {
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Integer || value instanceof Long || value instanceof BigInteger;
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            default -> false;
        };
        if (!ok) {
            fail("%s: expected %s but got %s (%s)", what, type, value, value.getClass().getSimpleName());
        }
    }

    /** translationMapDefaults values are JSON literals: {@code "\"\""}, {@code "0"}, {@code "false"}. */
    static Object parseLiteral(String name, String literal) {
        Object value = JsonPath.read("{\"v\":" + literal + "}", "$.v");
        assertThat(value).as("default of " + name + " is a JSON literal, not null").isNotNull();
        return value;
    }

    static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asString()));
        return map;
    }

    static Set<String> diff(Set<String> all, Set<String> minus) {
        Set<String> rest = new LinkedHashSet<>(all);
        rest.removeAll(minus);
        return rest;
    }

    static String resource(String path) throws IOException {
        try (InputStream in = GenesysDataActionContractTests.class.getResourceAsStream(path)) {
            assertThat(in).as("classpath resource " + path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Map<String, String> expectedOutputs() {
        Map<String, String> outputs = new LinkedHashMap<>();
        List.of("status", "identity_status", "match_type", "profile_source", "cdp_user_id", "tier",
                "preferred_channel", "reason").forEach(n -> outputs.put(n, "string"));
        List.of("confidence_score", "lifetime_value", "sentiment_score").forEach(n -> outputs.put(n, "number"));
        List.of("recent_order_count", "candidate_count", "profile_age_seconds").forEach(n -> outputs.put(n, "integer"));
        return Map.copyOf(outputs);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
