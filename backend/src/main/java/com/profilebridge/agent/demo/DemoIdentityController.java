package com.profilebridge.agent.demo;

import com.profilebridge.shared.web.ProblemDetailsAdvice;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo identity endpoints: a Genesys-like API ({@code tokens/me}, {@code users/me}, and
 * {@code conversations/{id}} for the participant check), a CXone-like OIDC issuer (discovery and JWKS,
 * the {@code cxone-configuration} API discovery, and the active and completed contact lists), and
 * token endpoints where the demo desktop gets a token for a chosen demo agent. The real validators
 * and participant checks call these exactly as they call the vendors, in the vendors' shapes.
 */
@RestController
@Hidden
@RequestMapping("/__demo")
@ConditionalOnBooleanProperty("bridge.demo.identity-endpoints")
class DemoIdentityController {

    private final DemoIdentityProvider identities;

    DemoIdentityController(DemoIdentityProvider identities) {
        this.identities = identities;
    }

    @PostMapping(path = "/genesys/token", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> genesysToken(@RequestParam(required = false) @Nullable String agent) {
        return issue(agent, a -> {
            DemoIdentityProvider.IssuedToken token = identities.genesysToken(a);
            return Map.of("access_token", token.token(), "token_type", "bearer",
                    "expires_in", token.expiresInSeconds(), "environment", DemoIdentityProvider.GENESYS_ENVIRONMENT);
        });
    }

    @GetMapping(path = "/genesys/api/v2/tokens/me", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> genesysTokenInfo(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
            @Nullable String authorization) {
        return genesys(bearer(authorization).flatMap(identities::genesysTokenInfo));
    }

    @GetMapping(path = "/genesys/api/v2/users/me", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> genesysUser(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
            @Nullable String authorization) {
        return genesys(bearer(authorization).flatMap(identities::genesysUser));
    }

    /** Genesys' {@code GET /api/v2/conversations/{conversationId}}: 401 for a bad token, 404 for a call never linked. */
    @GetMapping(path = "/genesys/api/v2/conversations/{conversationId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> genesysConversation(@PathVariable String conversationId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
        Optional<DemoIdentityProvider.DemoAgent> agent = bearer(authorization).flatMap(identities::genesysAgent);
        if (agent.isEmpty()) {
            return genesys(Optional.empty());
        }
        return identities.genesysConversation(agent.get(), conversationId)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of(
                        "message", "The requested conversation was not found.", "code", "not.found", "status", 404)));
    }

    @PostMapping(path = "/cxone/token", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> cxoneToken(@RequestParam(required = false) @Nullable String agent) {
        return issue(agent, a -> {
            DemoIdentityProvider.IssuedToken token = identities.cxoneToken(a);
            return Map.of("access_token", token.token(), "token_type", "bearer",
                    "expires_in", token.expiresInSeconds(), "issuer", identities.cxoneIssuer());
        });
    }

    @GetMapping(path = "/cxone/.well-known/openid-configuration", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> cxoneDiscovery() {
        return identities.cxoneDiscovery();
    }

    @GetMapping(path = "/cxone/jwks", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> cxoneJwks() {
        return identities.cxoneJwks();
    }

    /** CXone's API discovery: {@code api_endpoint} of the tenant. */
    @GetMapping(path = "/cxone/.well-known/cxone-configuration", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> cxoneConfiguration(@RequestParam String tenantId) {
        return identities.cxoneConfiguration(tenantId);
    }

    /**
     * CXone's Real-Time Data API {@code GET /contacts/active?agentId=}: the asking agent's contacts,
     * 204 when it has none, 401 for a token this issuer did not sign, 403 for another agent's list.
     */
    @GetMapping(path = "/cxone/api/incontactapi/services/{version}/contacts/active",
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> cxoneActiveContacts(@RequestParam(required = false) @Nullable String agentId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
        return cxoneAgentOf(authorization, agentId, agent -> identities.cxoneActiveContacts(agent)
                .<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build()));
    }

    /** CXone's Reporting API {@code GET /contacts/completed}: demo calls stay active until they expire, so 204. */
    @GetMapping(path = "/cxone/api/incontactapi/services/{version}/contacts/completed",
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> cxoneCompletedContacts(@RequestParam(required = false) @Nullable String agentId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
        return cxoneAgentOf(authorization, agentId, agent -> ResponseEntity.noContent().build());
    }

    private ResponseEntity<?> cxoneAgentOf(@Nullable String authorization, @Nullable String agentId,
            Function<DemoIdentityProvider.DemoAgent, ResponseEntity<?>> answer) {
        Optional<DemoIdentityProvider.DemoAgent> agent = bearer(authorization).flatMap(identities::cxoneAgent);
        if (agent.isEmpty()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "invalid_token"));
        }
        if (!DemoIdentityProvider.icAgentId(agent.get()).equals(agentId)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "Agents see their own contacts only."));
        }
        return answer.apply(agent.get());
    }

    private ResponseEntity<?> issue(@Nullable String agent,
            Function<DemoIdentityProvider.DemoAgent, Map<String, Object>> token) {
        return Optional.ofNullable(agent).flatMap(DemoIdentityProvider::agent)
                .<ResponseEntity<?>>map(a -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(token.apply(a)))
                .orElseGet(() -> ResponseEntity.badRequest().body(ProblemDetailsAdvice.problem(HttpStatus.BAD_REQUEST,
                        "unknown-demo-agent", "Choose one of the demo agents: "
                                + String.join(", ", DemoIdentityProvider.AGENTS.stream()
                                        .map(DemoIdentityProvider.DemoAgent::key).toList()) + ".")));
    }

    private static Optional<String> bearer(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(7).strip());
    }

    /** Genesys answers an unknown or expired token with 401 and its error body. */
    private static ResponseEntity<?> genesys(Optional<Map<String, Object>> body) {
        return body.<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of(
                        "message", "Invalid login credentials.", "code", "bad.credentials", "status", 401)));
    }
}
