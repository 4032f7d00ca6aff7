package com.profilebridge.agent;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.profilebridge.shared.web.IdentityProviderRequests;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.web.client.RestOperations;
import org.springframework.web.client.RestTemplate;

/**
 * Validates NICE CXone agent tokens: RS256 JWTs checked against the issuer's JWKS (by {@code kid}),
 * with an issuer allowlist, an algorithm allowlist, expiry with a small clock skew, a
 * {@code tenantId} allowlist and, when configured, the audience.
 *
 * <p>One Nimbus decoder per allowed issuer, built on first use: the application starts while the
 * issuer is unreachable, and a failed discovery is retried with the next token. Discovery and JWKS
 * requests have explicit timeouts (Spring Security's own default of 500 ms fails on a slow issuer).
 * A token whose (unverified) {@code iss} is not on the allowlist causes no request at all.
 */
final class CxoneTokenValidator {

    private static final Logger log = LoggerFactory.getLogger(CxoneTokenValidator.class);

    private final AgentProperties.Cxone properties;
    private final RestOperations http;
    private final Clock clock;
    private final UnaryOperator<String> placeholders;
    private final Set<String> tenants;
    private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

    CxoneTokenValidator(AgentProperties.Cxone properties, Clock clock, UnaryOperator<String> placeholders) {
        if (properties.algorithms().isEmpty()) {
            throw new IllegalStateException("bridge.agent.cxone.algorithms must name at least one algorithm (RS256)");
        }
        this.properties = properties;
        this.clock = clock;
        this.placeholders = placeholders;
        this.tenants = properties.tenantIds().stream().map(String::strip).filter(t -> !t.isEmpty())
                .collect(Collectors.toSet());
        this.http = new RestTemplate(IdentityProviderRequests.withTimeouts(properties.connectTimeout(), properties.readTimeout()));
        if (tenants.isEmpty()) {
            log.warn("No CXone tenant is allowed (bridge.agent.cxone.tenant-ids is empty): "
                    + "every CXone agent token will be rejected.");
        } else if (properties.audience() == null || properties.audience().isBlank()) {
            log.warn("No CXone audience is configured (bridge.agent.cxone.audience): tokens that the allowed "
                    + "tenants issued to any application are accepted. The prod profile refuses this.");
        }
    }

    AgentIdentity validate(String token) {
        String issuer = unverifiedIssuer(token);
        if (!allowedIssuers(properties, placeholders).contains(issuer)) {
            log.info("CXone token rejected: issuer not on the allowlist, not contacted");
            throw rejected("CXone tokens from this issuer are not accepted here.");
        }
        if (tenants.isEmpty()) {
            throw rejected("No CXone tenant is allowed on this Profile Bridge.");
        }
        Jwt jwt;
        try {
            jwt = decoders.computeIfAbsent(issuer, this::decoder).decode(token);
        } catch (JwtValidationException e) {
            String reasons = e.getErrors().stream().map(OAuth2Error::getDescription).distinct()
                    .collect(Collectors.joining("; "));
            log.info("CXone token rejected: {}", reasons);
            if (reasons.equals("tenant not allowed")) {
                // signature, issuer and lifetime passed: a real token of a tenant nobody added here
                throw new AgentTokenRejected(AgentPlatform.CXONE, "The CXone token is not accepted: " + reasons + ".",
                        claimOf(token, "tenantId"));
            }
            throw rejected("The CXone token is not accepted: " + reasons + ".");
        } catch (BadJwtException e) {
            log.info("CXone token rejected: {}", e.getMessage());
            throw rejected("The CXone token's signature or algorithm is not accepted.");
        } catch (JwtDecoderInitializationException | JwtException e) {
            log.warn("CXone issuer {} could not be asked: {}", issuer, e.getMessage());
            throw new AgentPlatformUnavailable(AgentPlatform.CXONE,
                    "The CXone identity provider is unavailable; try again shortly.", e);
        }
        return identity(jwt);
    }

    private AgentIdentity identity(Jwt jwt) {
        String userId = text(jwt.getClaims().get("userId"));
        if (userId == null) {
            String subject = jwt.getSubject();
            userId = subject != null && subject.startsWith("user:") ? subject.substring(5) : subject;
        }
        if (userId == null || userId.isBlank()) {
            throw rejected("The CXone token does not belong to a user.");
        }
        String name = text(jwt.getClaims().get("name"));
        Instant expiresAt = jwt.getExpiresAt();
        return new AgentIdentity(AgentPlatform.CXONE, userId, name == null ? userId : name,
                String.valueOf(jwt.getClaims().get("tenantId")), expiresAt == null ? clock.instant() : expiresAt);
    }

    private String unverifiedIssuer(String token) {
        try {
            JWT parsed = JWTParser.parse(token);
            String issuer = parsed.getJWTClaimsSet().getIssuer();
            if (issuer == null || issuer.isBlank()) {
                throw rejected("The CXone token names no issuer.");
            }
            return issuer;
        } catch (ParseException e) {
            throw rejected("The CXone token is not a JWT.");
        }
    }

    private static @Nullable String claimOf(String token, String claim) {
        try {
            Object value = JWTParser.parse(token).getJWTClaimsSet().getClaim(claim);
            return value == null ? null : value.toString();
        } catch (ParseException e) {
            return null;
        }
    }

    /** The issuer allowlist with {@code ${...}} resolved (the demo issuer's port). */
    static Set<String> allowedIssuers(AgentProperties.Cxone properties, UnaryOperator<String> placeholders) {
        return properties.issuers().stream().map(placeholders).map(String::strip).collect(Collectors.toSet());
    }

    private JwtDecoder decoder(String issuer) {
        return new SupplierJwtDecoder(() -> {
            String jwkSetUri = jwkSetUris().get(issuer);
            NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder builder = jwkSetUri != null
                    ? NimbusJwtDecoder.withJwkSetUri(jwkSetUri)
                    : NimbusJwtDecoder.withIssuerLocation(issuer);
            NimbusJwtDecoder decoder = builder
                    .restOperations(http)
                    // CXone's "typ" header is not documented: the claims decide, not the header type
                    .validateType(false)
                    .jwsAlgorithms(algorithms -> {
                        algorithms.clear();
                        algorithms.addAll(properties.algorithms());
                    })
                    .build();
            decoder.setJwtValidator(validator(issuer));
            return decoder;
        });
    }

    private Map<String, String> jwkSetUris() {
        Map<String, String> resolved = new LinkedHashMap<>();
        properties.jwkSetUris().forEach((issuer, uri) -> resolved.put(placeholders.apply(issuer).strip(),
                placeholders.apply(uri).strip()));
        return resolved;
    }

    private OAuth2TokenValidator<Jwt> validator(String issuer) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
        timestamps.setClock(clock);
        timestamps.setAllowEmptyExpiryClaim(false);
        JwtIssuerValidator issuers = new JwtIssuerValidator(issuer);
        List<OAuth2TokenValidator<Jwt>> validators = new java.util.ArrayList<>(List.of(
                rephrased(timestamps, "token expired or not yet valid"),
                rephrased(issuers, "token from another issuer"),
                jwt -> tenants.contains(text(jwt.getClaims().get("tenantId")))
                        ? OAuth2TokenValidatorResult.success()
                        : failure("tenant not allowed")));
        String audience = properties.audience();
        if (audience != null && !audience.isBlank()) {
            validators.add(rephrased(new JwtAudienceValidator(audience), "token for another audience"));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /** Spring's messages name claims and instants; agents get one short reason instead. */
    private static OAuth2TokenValidator<Jwt> rephrased(OAuth2TokenValidator<Jwt> validator, String reason) {
        return jwt -> validator.validate(jwt).hasErrors() ? failure(reason) : OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult failure(String reason) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, reason, null));
    }

    private static @Nullable String text(@Nullable Object claim) {
        return claim == null ? null : claim.toString();
    }

    private static AgentTokenRejected rejected(String message) {
        return new AgentTokenRejected(AgentPlatform.CXONE, message);
    }
}
