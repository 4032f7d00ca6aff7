package com.profilebridge.agent.demo;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.profilebridge.identity.InteractionLinked;
import com.profilebridge.shared.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;

/**
 * The identities behind the demo endpoints: a few demo agents, Genesys-style opaque tokens kept in
 * memory until they expire, and a CXone-style issuer signing RS256 JWTs with a key generated at
 * start-up. Tokens live in this instance only (the demo runs as one instance).
 *
 * <p>It is also the demo platforms' call routing, so the participant check has something true to
 * ask: a call exists once the IVR linked it ({@link InteractionLinked}) and waits until a demo agent's
 * desktop asks about it, which routes it to that agent (Genesys: the first agent whose token reads the
 * conversation; CXone: the first agent whose token lists its active contacts). Another demo agent
 * asking later is not a participant.
 */
public class DemoIdentityProvider {

    /** The demo Genesys organisation (allowed in application-demo.yml). */
    public static final String GENESYS_ORGANIZATION = "5e1f0c2a-7d3b-4c8e-9a61-0d3e0de30001";
    /** Another organisation: its agents are turned away by the organisation allowlist. */
    public static final String FOREIGN_ORGANIZATION = "9f8e7d6c-5b4a-4392-8170-f0e1d2c3b4a5";
    /** The demo CXone tenant (allowed in application-demo.yml). */
    public static final String CXONE_TENANT = "11ef0000-de30-4000-8000-000000000001";
    /** Another tenant: its agents are turned away by the tenant allowlist. */
    public static final String FOREIGN_TENANT = "11ef0000-0bad-4000-8000-000000000002";
    /** The environment name the demo Genesys desktop reports (allowed in application-demo.yml only). */
    public static final String GENESYS_ENVIRONMENT = "localhost";

    /** A demo agent; {@code outsider} belongs to another organisation and tenant. */
    public record DemoAgent(String key, String genesysUserId, String cxoneUserId, String name, boolean insider) {

        String genesysOrganization() {
            return insider ? GENESYS_ORGANIZATION : FOREIGN_ORGANIZATION;
        }

        String cxoneTenant() {
            return insider ? CXONE_TENANT : FOREIGN_TENANT;
        }
    }

    public static final List<DemoAgent> AGENTS = List.of(
            new DemoAgent("ada", "0a7d1e00-0000-4000-8000-0000000000a1", "11ef0000-a9e0-4000-8000-0000000000a1",
                    "Ada Lovelace", true),
            new DemoAgent("grace", "0a7d1e00-0000-4000-8000-0000000000b2", "11ef0000-a9e0-4000-8000-0000000000b2",
                    "Grace Hopper", true),
            new DemoAgent("outsider", "0a7d1e00-0000-4000-8000-0000000000c3", "11ef0000-a9e0-4000-8000-0000000000c3",
                    "Olivia Outsider (another organisation)", false));

    /** A token handed to a demo agent. */
    public record IssuedToken(String token, Instant expiresAt, long expiresInSeconds) {}

    private record Grant(DemoAgent agent, Instant issuedAt, Instant expiresAt) {}

    /** A call the demo IVR linked, and the agent it was routed to (none while it waits). */
    public record DemoCall(String interactionId, Instant placedAt, @Nullable DemoAgent agent) {}

    private final Supplier<String> baseUrl;
    private final Duration ttl;
    private final @Nullable String audience;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, Grant> genesysTokens;
    private final Cache<String, DemoCall> calls;
    private final RSAKey signingKey;
    private final RSASSASigner signer;

    /**
     * @param baseUrl where this server is reached; the CXone issuer is {@code <base>/__demo/cxone}
     * @param audience put into the CXone tokens when the validator checks one
     */
    public DemoIdentityProvider(Supplier<String> baseUrl, Duration ttl, @Nullable String audience, Clock clock) {
        this.baseUrl = baseUrl;
        this.ttl = ttl;
        this.audience = audience;
        this.clock = clock;
        this.genesysTokens = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(ttl)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
        this.calls = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(ttl)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            this.signingKey = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID("demo-" + UUID.randomUUID().toString().substring(0, 8))
                    .algorithm(JWSAlgorithm.RS256)
                    .build();
            this.signer = new RSASSASigner(signingKey);
        } catch (NoSuchAlgorithmException | JOSEException e) {
            throw new IllegalStateException("Cannot create the demo CXone signing key", e);
        }
    }

    public static Optional<DemoAgent> agent(String key) {
        return AGENTS.stream().filter(a -> a.key().equals(key)).findFirst();
    }

    /** A Genesys-style opaque token for the agent. */
    public IssuedToken genesysToken(DemoAgent agent) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Grant grant = new Grant(agent, now, now.plus(ttl));
        genesysTokens.put(Sha256.hex(token), grant);
        return new IssuedToken(token, grant.expiresAt(), ttl.toSeconds());
    }

    /** {@code tokens/me} for a live demo token; empty for unknown or expired tokens. */
    public Optional<Map<String, Object>> genesysTokenInfo(String token) {
        return grant(token).map(g -> {
            Map<String, Object> organization = Map.of("id", g.agent().genesysOrganization(),
                    "name", g.agent().insider() ? "Profile Bridge Demo" : "Another Company");
            return Map.of(
                    "organization", organization,
                    "homeOrganization", organization,
                    "authorizedScope", List.of("users:readonly", "conversations:readonly"),
                    "clonedUser", false,
                    "OAuthClient", Map.of("id", "profile-bridge-demo-desktop", "name", "Profile Bridge demo desktop",
                            "organization", Map.of("id", g.agent().genesysOrganization())),
                    "expirationDate", g.expiresAt().toString());
        });
    }

    /** {@code users/me} for a live demo token; empty for unknown or expired tokens. */
    public Optional<Map<String, Object>> genesysUser(String token) {
        return grant(token).map(g -> Map.of(
                "id", g.agent().genesysUserId(),
                "name", g.agent().name(),
                "state", "active",
                "username", g.agent().key() + "@demo.profile-bridge.dev"));
    }

    /** A CXone-style RS256 JWT for the agent, signed with this instance's demo key. */
    public IssuedToken cxoneToken(DemoAgent agent) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(cxoneIssuer())
                .subject("user:" + agent.cxoneUserId())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .claim("tenantId", agent.cxoneTenant())
                .claim("userId", agent.cxoneUserId())
                .claim("name", agent.name())
                .claim("icAgentId", icAgentId(agent))
                .claim("icBUId", "4600000")
                .claim("role", "Agent");
        if (audience != null && !audience.isBlank()) {
            claims.audience(audience);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(signingKey.getKeyID()).type(JOSEObjectType.JWT).build(), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a demo CXone token", e);
        }
        return new IssuedToken(jwt.serialize(), expiresAt, ttl.toSeconds());
    }

    public String cxoneIssuer() {
        String base = baseUrl.get();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/__demo/cxone";
    }

    /** The OIDC discovery document of the demo issuer. */
    public Map<String, Object> cxoneDiscovery() {
        String issuer = cxoneIssuer();
        return Map.of(
                "issuer", issuer,
                "jwks_uri", issuer + "/jwks",
                "token_endpoint", issuer + "/token",
                "response_types_supported", List.of("code"),
                "subject_types_supported", List.of("public"),
                "id_token_signing_alg_values_supported", List.of("RS256"));
    }

    /** The public half of the signing key only. */
    public Map<String, Object> cxoneJwks() {
        return new JWKSet(signingKey.toPublicJWK()).toJSONObject(true);
    }

    /** The agent of a live demo Genesys token. */
    public Optional<DemoAgent> genesysAgent(String token) {
        return grant(token).map(Grant::agent);
    }

    /**
     * {@code GET /api/v2/conversations/{id}} as the agent sees it: the IVR and the agent it was routed to
     * (routed to this agent now if it was waiting); empty for a conversation the IVR never linked.
     */
    public Optional<Map<String, Object>> genesysConversation(DemoAgent asking, String conversationId) {
        return route(conversationId, asking).map(call -> {
            List<Map<String, Object>> participants = new ArrayList<>();
            participants.add(Map.of("id", UUID.nameUUIDFromBytes(("customer" + conversationId).getBytes(StandardCharsets.UTF_8)).toString(),
                    "purpose", "customer", "startTime", call.placedAt().toString()));
            participants.add(Map.of("id", UUID.nameUUIDFromBytes(("ivr" + conversationId).getBytes(StandardCharsets.UTF_8)).toString(),
                    "purpose", "ivr", "startTime", call.placedAt().toString(), "endTime", call.placedAt().toString()));
            DemoAgent agent = Objects.requireNonNull(call.agent());
            participants.add(Map.of("id", UUID.nameUUIDFromBytes(("agent" + conversationId).getBytes(StandardCharsets.UTF_8)).toString(),
                    "purpose", "agent", "userId", agent.genesysUserId(), "name", agent.name(),
                    "startTime", call.placedAt().toString()));
            return Map.of("id", conversationId, "startTime", call.placedAt().toString(), "participants", participants,
                    "selfUri", "/api/v2/conversations/" + conversationId);
        });
    }

    /** The agent of a demo CXone token this issuer signed and that has not expired. */
    public Optional<DemoAgent> cxoneAgent(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!jwt.verify(new RSASSAVerifier(signingKey.toRSAPublicKey())) || claims.getExpirationTime() == null
                    || !claims.getExpirationTime().toInstant().isAfter(clock.instant())
                    || !cxoneIssuer().equals(claims.getIssuer())) {
                return Optional.empty();
            }
            Object userId = claims.getClaim("userId");
            return AGENTS.stream().filter(a -> a.cxoneUserId().equals(userId)).findFirst();
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }

    /** The ACD agent id CXone's contact APIs know an agent by (the token's {@code icAgentId}). */
    public static String icAgentId(DemoAgent agent) {
        return String.valueOf(100_000 + AGENTS.indexOf(agent));
    }

    /**
     * {@code GET .../contacts/active?agentId=} for the asking agent: every waiting call is routed to it
     * (it is the agent who is available), then its calls are listed; empty (204) when it has none.
     */
    public Optional<Map<String, Object>> cxoneActiveContacts(DemoAgent asking) {
        calls.asMap().keySet().forEach(id -> route(id, asking));
        List<Map<String, Object>> contacts = calls.asMap().values().stream().filter(c -> asking.equals(c.agent()))
                .sorted(Comparator.comparing(DemoCall::placedAt))
                .<Map<String, Object>>map(c -> Map.of("contactId", c.interactionId(), "masterContactId", c.interactionId(),
                        "agentId", icAgentId(asking), "teamId", 4600001, "mediaTypeName", "Call", "state", "Active",
                        "contactStart", c.placedAt().toString()))
                .toList();
        return contacts.isEmpty() ? Optional.empty() : Optional.of(Map.of("resultSet",
                Map.of("lastPollTime", clock.instant().toString(), "activeContacts", contacts)));
    }

    /** {@code {issuer}/.well-known/cxone-configuration?tenantId=}: the demo tenant's API host. */
    public Map<String, Object> cxoneConfiguration(String tenantId) {
        return Map.of("tenantId", tenantId, "area", "demo", "api_endpoint", cxoneIssuer() + "/api",
                "ui_endpoint", cxoneIssuer());
    }

    /** The demo IVR linked a call: it now waits for a demo agent. */
    @EventListener
    public void linked(InteractionLinked linked) {
        calls.asMap().putIfAbsent(linked.interactionId(), new DemoCall(linked.interactionId(), clock.instant(), null));
    }

    /** The call, routed to {@code asking} when it was waiting. */
    private Optional<DemoCall> route(String interactionId, DemoAgent asking) {
        return Optional.ofNullable(calls.asMap().computeIfPresent(interactionId,
                (id, call) -> call.agent() == null ? new DemoCall(id, call.placedAt(), asking) : call));
    }

    private Optional<Grant> grant(String token) {
        Grant grant = genesysTokens.getIfPresent(Sha256.hex(token));
        return grant != null && grant.expiresAt().isAfter(clock.instant()) ? Optional.of(grant) : Optional.empty();
    }
}
