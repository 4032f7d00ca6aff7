package com.profilebridge.apidocs;

import com.profilebridge.outcome.TrackAnswer;
import com.profilebridge.resolve.ResolveRequest;
import com.profilebridge.resolve.ResolveResponse;
import com.profilebridge.security.CallerProperties;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the OpenAPI document the README's contract describes. The controllers answer with bytes
 * or {@code ResponseEntity<?>} (the resolve fast path and the problem details need that), so the
 * generated document knew neither the answers nor the errors: the schemas, statuses and security
 * are added here, from the same records the endpoints serialise.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    static final String BASIC = "basicAuth";
    static final String API_KEY = "apiKey";
    static final String AGENT_TOKEN = "agentToken";
    static final String IVR_TOKEN = "ivrToken";
    static final String PROBLEM = "ProblemDetail";
    static final String PROBLEM_JSON = "application/problem+json";
    static final String JSON = "application/json";
    static final String FORM = "application/x-www-form-urlencoded";

    /** Every status an endpoint family answers besides its success, with what it means there. */
    static final Map<String, String> INTEGRATION_ERRORS = ordered(
            "400", "Malformed JSON, a body that is not a JSON object, no identifier field, a value out of range, a URL "
                    + "the firewall refuses.",
            "401", "Missing or wrong caller credentials (HTTP Basic, the API-key header or an OAuth bearer token). "
                    + "No Basic challenge is sent; a refused bearer token gets WWW-Authenticate: Bearer error=\"invalid_token\".",
            "403", "Valid credentials without the role this endpoint needs.",
            "405", "Not a POST.",
            "406", "The Accept header excludes JSON.",
            "413", "The body is larger than the cap.",
            "415", "Neither application/json nor CXone's application/x-www-form-urlencoded.",
            "429", "The caller's rate limit is exhausted; retry after the Retry-After header's seconds.");
    static final Map<String, String> PROXY_ERRORS = ordered(
            "400", "Not a CDP user id or not an interaction id.",
            "401", "Missing, forged, expired or foreign agent token (no CDP call is made).",
            "403", "The agent may not see this customer.",
            "404", "No customer is linked to the interaction, or the CDP has no profile for this id.",
            "429", "The agent's rate limit (or Refresh limit) is exhausted; retry after Retry-After.",
            "503", "The agent platform, the CDP (with nothing cached) or the audit store is unavailable.");
    static final Map<String, String> ERASURE_ERRORS = ordered(
            "400", "blank-customer-id, invalid-customer-id, already-a-pseudonym, reason-too-long, or a body that is not JSON.",
            "401", "No bearer token, or one that is refused (expired, another issuer or audience, unknown client); "
                    + "WWW-Authenticate: Bearer error=\"invalid_token\" when a token was sent.",
            "403", "A valid token that does not carry the ERASURE role (roles claim), or a caller by secret.",
            "413", "The body is larger than the cap.",
            "415", "Not application/json.",
            "429", "The caller's rate limit is exhausted; retry after the Retry-After header's seconds.");
    static final Map<String, String> OPERATIONS_ERRORS = ordered(
            "401", "Missing or wrong operator credentials.",
            "403", "Credentials without the OPERATOR role.",
            "404", "No such dead letter.");

    @Bean
    OpenAPI profileBridgeOpenApi(CallerProperties callers, ObjectProvider<BuildProperties> build) {
        String version = build.getIfAvailable() == null ? "0.1.0" : build.getIfAvailable().getVersion();
        Components components = new Components()
                .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                        .description("Platform integration: user = caller name, password = one of its secrets."))
                .addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER).name(callers.apiKeyHeader())
                        .description("Platform integration: one of the caller's secrets (Genesys 'User Defined' "
                                + "credentials, CXone custom header)."))
                .addSecuritySchemes(IVR_TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .bearerFormat("JWT")
                        .description("Platform integration: a JWT from the configured authorization server (OAuth "
                                + "client credentials; Genesys 'User Defined (OAuth)'), its client mapped to a caller."))
                .addSecuritySchemes(AGENT_TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("The agent's own Genesys Cloud or CXone access token; name the platform in "
                                + "X-Agent-Platform."));
        return new OpenAPI()
                .info(new Info().title("Profile Bridge API").version(version)
                        .description("IVR identity resolution, interaction outcomes and masked agent profiles "
                                + "between Genesys Cloud CX / NICE CXone and a Customer Data Platform. Errors are "
                                + "RFC 9457 problem details (application/problem+json)."))
                .components(components);
    }

    @Bean
    OpenApiCustomizer profileBridgeContract() {
        return api -> {
            Components components = api.getComponents();
            // springdoc replaces the schemas of the bean's components with the generated ones: add ours here
            components.addSchemas(PROBLEM, problemSchema());
            registerSchemas(components, ResolveRequest.class, ResolveResponse.class, TrackAnswer.class);
            components.addSchemas("GenesysOutcome", genesysOutcome()).addSchemas("CxoneOutcome", cxoneOutcome());
            if (api.getPaths() == null) {
                return;
            }
            api.getPaths().forEach((path, item) -> {
                if (path.equals("/v1/erasures")) {
                    for (Operation operation : item.readOperations()) {
                        operation.setSecurity(List.of(new SecurityRequirement().addList(IVR_TOKEN)));
                        addProblems(operation, ERASURE_ERRORS);
                    }
                } else if (path.startsWith("/v1/")) {
                    boolean operations = path.startsWith("/v1/outcomes/");
                    for (Operation operation : item.readOperations()) {
                        operation.setSecurity(List.of(new SecurityRequirement().addList(BASIC),
                                new SecurityRequirement().addList(API_KEY), new SecurityRequirement().addList(IVR_TOKEN)));
                        addProblems(operation, operations ? OPERATIONS_ERRORS : INTEGRATION_ERRORS);
                        if (operations && !path.contains("{")) {
                            operation.getResponses().remove("404");
                        }
                    }
                } else if (path.startsWith("/api/proxy/")) {
                    for (Operation operation : item.readOperations()) {
                        operation.setSecurity(List.of(new SecurityRequirement().addList(AGENT_TOKEN)));
                        describeAgentHeaders(operation);
                        addProblems(operation, PROXY_ERRORS);
                    }
                }
            });
            describeResolve(api.getPaths().get("/v1/profiles/resolve"));
            describeTrack(api.getPaths().get("/v1/interactions/track"));
        };
    }

    private static void describeResolve(PathItem item) {
        if (item == null || item.getPost() == null) {
            return;
        }
        Operation post = item.getPost();
        Schema<?> request = ref("ResolveRequest");
        post.setRequestBody(new RequestBody().required(true)
                .description("Any subset of the fields; at least one of identifier, phoneNumber, email or userId. "
                        + "CXone Studio sends the same JSON on one line under the form content type.")
                .content(new Content()
                        .addMediaType(JSON, new MediaType().schema(request).examples(Map.of(
                                "genesys", new Example().summary("Genesys Architect data action").value(Map.of(
                                        "identifier", "+1 (555) 100-0042", "channel", "voice", "source", "genesys",
                                        "conversationId", "3f2a9c1e-5b7d-4e8f-a1b2-c3d4e5f6a7b8")),
                                "cxone", new Example().summary("CXone Studio REST action").value(Map.of(
                                        "interactionId", "498230115", "phoneNumber", "+15551000097", "email", "")))))
                        .addMediaType(FORM, new MediaType().schema(new StringSchema().description(
                                "The JSON object above as the raw body (single line, optionally URL-encoded), or "
                                        + "key=value pairs; '+' stays a plus.")))));
        Map<String, Object> verified = new LinkedHashMap<>();
        verified.put("status", "success");
        verified.put("identity_status", "NEEDS_VERIFICATION");
        verified.put("confidence_score", 0.7);
        verified.put("match_type", "PHONE");
        verified.put("profile_source", "CACHED");
        verified.put("profile_age_seconds", 42);
        verified.put("cdp_user_id", "usr_00042");
        verified.put("candidate_count", 1);
        verified.put("tier", "gold");
        verified.put("lifetime_value", 1830.25);
        verified.put("preferred_channel", "voice");
        verified.put("recent_order_count", 3);
        verified.put("sentiment_score", 0.62);
        verified.put("interaction_id", "3f2a9c1e-5b7d-4e8f-a1b2-c3d4e5f6a7b8");
        verified.put("correlation_id", "b7c1f0f2a0c94a8e");
        verified.put("profile", Map.of("cdp_user_id", "usr_00042", "tier", "gold", "lifetime_value", 1830.25,
                "preferred_channel", "voice", "recent_orders", List.of("ord_1", "ord_2", "ord_3"),
                "recent_order_count", 3, "sentiment_score", 0.62));
        Map<String, Object> guest = new LinkedHashMap<>();
        guest.put("status", "degraded");
        guest.put("identity_status", "GUEST");
        guest.put("confidence_score", 0.0);
        guest.put("match_type", "NONE");
        guest.put("profile_source", "NONE");
        guest.put("candidate_count", 0);
        guest.put("reason", "circuit_open");
        guest.put("correlation_id", "c2d4e6f8a0b1c3d5");
        post.getResponses().put("200", new ApiResponse()
                .description("Always for a well-formed, authorised call, within the time budget, whatever the CDP "
                        + "does; upstream trouble is a typed status (degraded) and reason, never an error status.")
                .content(new Content().addMediaType(JSON, new MediaType().schema(ref("ResolveResponse"))
                        .examples(Map.of("phone", new Example().summary("Phone alone: needs verification")
                                        .value(verified),
                                "cdpDown", new Example().summary("CDP down, nothing cached: guest").value(guest))))));
    }

    private static void describeTrack(PathItem item) {
        if (item == null || item.getPost() == null) {
            return;
        }
        Operation post = item.getPost();
        Schema<?> body = new Schema<>().oneOf(List.of(ref("GenesysOutcome"), ref("CxoneOutcome")))
                .description("The integration guide's Genesys or CXone outcome body; Genesys detail events (raw, "
                        + "as a notification or in the EventBridge envelope) are accepted too.");
        Map<String, Object> genesys = new LinkedHashMap<>();
        genesys.put("conversationId", "3f2a9c1e-5b7d-4e8f-a1b2-c3d4e5f6a7b8");
        genesys.put("userId", "usr_00042");
        genesys.put("interactionType", "voice");
        genesys.put("outcome", "Upsell");
        genesys.put("duration", 184);
        genesys.put("agentId", "agent-7");
        genesys.put("timestamp", "2026-11-29T10:15:00Z");
        post.setRequestBody(new RequestBody().required(true).content(new Content()
                .addMediaType(JSON, new MediaType().schema(body)
                        .examples(Map.of("genesys", new Example().value(genesys),
                                "cxone", new Example().value(Map.of("interactionId", "498230115",
                                        "disposition", "Resolved", "summary", "Billing question answered",
                                        "workItem", "WI-1001")))))
                .addMediaType(FORM, new MediaType().schema(new StringSchema()
                        .description("The same JSON as the raw body (CXone Studio's default content type).")))));
        Map<String, String> headers = Map.of(
                "webhook-id", "Standard Webhooks id; required when the caller has signing secrets.",
                "webhook-timestamp", "Standard Webhooks timestamp (seconds since the epoch).",
                "webhook-signature", "Standard Webhooks signature (v1,<base64 HMAC-SHA256>).");
        if (post.getParameters() != null) {
            post.getParameters().stream().filter(p -> headers.containsKey(p.getName()))
                    .forEach(p -> p.setDescription(headers.get(p.getName())));
        }
        ApiResponses responses = post.getResponses();
        responses.remove("200");
        responses.put("202", new ApiResponse()
                .description("Accepted: status accepted, duplicate (already had it) or unattributed (kept until "
                        + "the interaction is linked to a customer).")
                .content(new Content().addMediaType(JSON, new MediaType().schema(ref("TrackAnswer")))));
    }

    private static void describeAgentHeaders(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter parameter : operation.getParameters()) {
            if ("X-Agent-Platform".equals(parameter.getName())) {
                parameter.schema(new StringSchema()._enum(List.of("genesys", "cxone")))
                        .description("The platform that issued the agent's token (a JWT without it is taken for CXone).");
            } else if ("X-Genesys-Environment".equals(parameter.getName())) {
                parameter.schema(new StringSchema()).example("mypurecloud.de")
                        .description("The agent's Genesys Cloud environment; must be on the allowlist.");
            } else if (parameter.getSchema() == null && parameter.getContent() == null) {
                parameter.schema(new StringSchema());
            }
        }
    }

    private static void addProblems(Operation operation, Map<String, String> errors) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        errors.forEach((status, description) -> responses.put(status, new ApiResponse().description(description)
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(ref(PROBLEM))))));
        operation.setResponses(responses);
    }

    private static void registerSchemas(Components components, Class<?>... types) {
        for (Class<?> type : types) {
            ModelConverters.getInstance().readAll(type).forEach(components::addSchemas);
        }
    }

    private static Schema<?> ref(String name) {
        return new Schema<>().$ref("#/components/schemas/" + name);
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema().description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().format("uri").description("Identifies the problem type"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("correlationId", new StringSchema().description("Quote it in support tickets"))
                .required(List.of("type", "title", "status"));
    }

    private static Schema<?> genesysOutcome() {
        return new ObjectSchema().description("The integration guide's Genesys webhook body")
                .addProperty("conversationId", new StringSchema().maxLength(128))
                .addProperty("interactionId", new StringSchema().maxLength(128))
                .addProperty("userId", new StringSchema().nullable(true)
                        .description("CDP user id; null or absent: the interaction's link supplies it"))
                .addProperty("interactionType", new StringSchema())
                .addProperty("outcome", new StringSchema().description("The disposition"))
                .addProperty("duration", new NumberSchema())
                .addProperty("agentId", new StringSchema())
                .addProperty("timestamp", new StringSchema().format("date-time"));
    }

    private static Schema<?> cxoneOutcome() {
        return new ObjectSchema().description("The integration guide's CXone body (the shipped Studio snippet)")
                .addProperty("contactId", new StringSchema().maxLength(128))
                .addProperty("interactionId", new StringSchema().maxLength(128))
                .addProperty("userId", new StringSchema().nullable(true)
                        .description("CDP user id from resolve; empty: the interaction's link supplies it"))
                .addProperty("disposition", new StringSchema())
                .addProperty("dispositionCode", new StringSchema())
                .addProperty("summary", new StringSchema().description("Free text; masked before it is stored"))
                .addProperty("workItem", new StringSchema())
                .addProperty("skill", new StringSchema())
                .addProperty("agentId", new StringSchema())
                .addProperty("timestamp", new StringSchema().format("date-time")
                        .description("When the disposition was saved; orders the updates"));
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
