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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo identity endpoints: a Genesys-like API ({@code tokens/me}, {@code users/me}), a
 * CXone-like OIDC issuer (discovery and JWKS), and token endpoints where the demo desktop gets a
 * token for a chosen demo agent. The real validators call these exactly as they call the vendors.
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
