package com.profilebridge.cdp.adobe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * WireMock playing Adobe IMS, the Platform gateway (Profile Access API) and a streaming inlet, as
 * Adobe documents them:
 * <ul>
 *   <li>IMS: https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/implementation
 *       ({@code POST /ims/token/v3}, form {@code client_id, client_secret, grant_type=client_credentials,
 *       scope}; answer {@code {"access_token","token_type":"bearer","expires_in":86399}})</li>
 *   <li>Gateway headers and errors: https://experienceleague.adobe.com/en/docs/experience-platform/landing/troubleshooting
 *       (403000 no API key, 401013 "Oauth token is not valid", 400003 missing org header)</li>
 *   <li>Entities: https://experienceleague.adobe.com/en/docs/experience-platform/profile/api/entities and
 *       the Real-Time Customer Profile OpenAPI spec (AdobeDocs/experience-platform-apis,
 *       static/swagger-specs/profile.yaml: 404 {@code {"statusCode":"404"}}, 422 "Too many related
 *       identities", 429 an array of {@code {message, cause, retryAfterMs, statusCode}})</li>
 *   <li>Streaming batch: https://experienceleague.adobe.com/en/docs/experience-platform/ingestion/tutorials/streaming-multiple-messages
 *       and static/swagger-specs/streaming-ingestion.yaml (207 with {@code responses[]} in message
 *       order, failed ones {@code {"statusCode":400,"message":...}}; 413 over 1 MB; 429; 503 with
 *       {@code Retry-After})</li>
 * </ul>
 */
final class AepStub {

    static final String CLIENT_ID = "aep-client-1f2e";
    static final String CLIENT_SECRET = "p8e-aep-secret-9c41d7";
    static final String ORG = "5C1328435BF324E90A49402A@AdobeOrg";
    static final String SANDBOX = "contact-center-dev";
    static final String CONNECTION = "9b0cb233972f3b0092992284c7353f5e";
    static final String DATASET = "5da9452f7de80400007jc52a";
    static final String SCHEMA = "https://ns.adobe.com/acme/schemas/4a2b";
    static final String ENTITIES = "/data/core/ups/access/entities";
    static final String TOKEN = "/ims/token/v3";
    static final String BATCH = "/collection/batch/" + CONNECTION;

    final WireMockServer server = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());

    AepStub() {
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    void reset() {
        server.resetAll();
        // The gateway's answers to a call without a valid token (lowest priority: the specific stubs win)
        server.stubFor(any(urlPathMatching("/data/.*")).atPriority(10)
                .willReturn(json(401, "{\"error_code\":\"401013\",\"message\":\"Oauth token is not valid\"}")));
        server.stubFor(any(urlPathMatching("/data/.*")).atPriority(9).withHeader("x-api-key", absent())
                .willReturn(json(403, "{\"error_code\":\"403000\",\"message\":\"Api Key is required\"}")));
        server.stubFor(any(urlPathMatching("/collection/.*")).atPriority(10)
                .willReturn(json(401, "{\"title\":\"Unauthorized\",\"status\":401,"
                        + "\"detail\":\"Access token is invalid or expired\"}")));
    }

    /** Properties pointing every AEP host at this stub, plus the given overrides (relaxed names). */
    AdobeCdpProperties properties(String... overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("cdp.adobe.client-id", CLIENT_ID);
        values.put("cdp.adobe.client-secret", CLIENT_SECRET);
        values.put("cdp.adobe.org-id", ORG);
        values.put("cdp.adobe.sandbox-name", SANDBOX);
        values.put("cdp.adobe.tenant-id", "acme");
        values.put("cdp.adobe.ims-url", url());
        values.put("cdp.adobe.platform-url", url());
        values.put("cdp.adobe.inlet-url", url());
        values.put("cdp.adobe.events.connection-id", CONNECTION);
        values.put("cdp.adobe.events.dataset-id", DATASET);
        values.put("cdp.adobe.events.schema-id", SCHEMA);
        for (String override : overrides) {
            int eq = override.indexOf('=');
            values.put(override.substring(0, eq), override.substring(eq + 1));
        }
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("cdp.adobe", AdobeCdpProperties.class);
    }

    /** IMS hands out these tokens in order, each valid for {@code expiresIn} seconds. */
    void tokens(long expiresIn, String... tokens) {
        for (int i = 0; i < tokens.length; i++) {
            server.stubFor(post(urlPathEqualTo(TOKEN))
                    .inScenario("ims")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : tokens[i - 1])
                    .willSetStateTo(tokens[i])
                    .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                    .withFormParam("grant_type", equalTo("client_credentials"))
                    .withFormParam("client_id", equalTo(CLIENT_ID))
                    .withFormParam("client_secret", equalTo(CLIENT_SECRET))
                    .willReturn(json(200, "{\"access_token\":\"" + tokens[i] + "\",\"token_type\":\"bearer\","
                            + "\"expires_in\":" + expiresIn + "}")));
        }
    }

    /** A Profile Access lookup that answers {@code body} when called with the token and all headers. */
    void entities(String token, String entityId, String namespace, ResponseDefinitionBuilder answer) {
        MappingBuilder lookup = get(urlPathEqualTo(ENTITIES))
                .withQueryParam("schema.name", equalTo("_xdm.context.profile"))
                .withQueryParam("entityId", equalTo(entityId));
        lookup = namespace == null ? lookup.withQueryParam("entityIdNS", absent())
                : lookup.withQueryParam("entityIdNS", equalTo(namespace));
        server.stubFor(authenticated(lookup, token).atPriority(1).willReturn(answer));
    }

    /** The streaming batch endpoint answering with the given response for the given token. */
    void batch(String token, int priority, MappingBuilder mapping, ResponseDefinitionBuilder answer) {
        server.stubFor(mapping.withHeader("Authorization", equalTo("Bearer " + token)).atPriority(priority)
                .willReturn(answer));
    }

    static MappingBuilder authenticated(MappingBuilder mapping, String token) {
        return mapping.withHeader("Authorization", equalTo("Bearer " + token))
                .withHeader("x-api-key", equalTo(CLIENT_ID))
                .withHeader("x-gw-ims-org-id", equalTo(ORG))
                .withHeader("x-sandbox-name", equalTo(SANDBOX));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** One entity in the answer map, as AEP lists it: XID key, {@code entity}, {@code lastModifiedAt}. */
    static String entity(String xid, String entityJson) {
        return "\"" + xid + "\":{\"entityId\":\"" + xid + "\",\"sources\":[\"1000000000\"],\"entity\":" + entityJson
                + ",\"lastModifiedAt\":\"2026-11-20T10:15:30Z\"}";
    }

    static String answer(String... entities) {
        return "{" + String.join(",", entities) + "}";
    }

    static String person(String crmId, String phone, String email) {
        return """
                {"identities":[{"id":"%s","namespace":{"code":"Phone_E.164"}},
                               {"id":"%s","namespace":{"code":"Email"}},
                               {"id":"%s","namespace":{"code":"CRMID"},"primary":true},
                               {"id":"89149270342662559642753730269986316601","namespace":{"code":"ECID"}}],
                 "person":{"name":{"firstName":"Jane","lastName":"Doe"}},
                 "personalEmail":{"address":"%s"},
                 "mobilePhone":{"number":"%s"},
                 "loyalty":{"tier":"GOLD"},
                 "consents":{"marketing":{"preferred":"sms"}},
                 "_acme":{"lifetimeValue":1234.5,"sentimentScore":0.7}}"""
                .formatted(phone, email, crmId, email, phone);
    }
}
