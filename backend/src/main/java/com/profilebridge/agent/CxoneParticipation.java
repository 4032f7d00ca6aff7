package com.profilebridge.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.profilebridge.shared.web.IdentityProviderRequests;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks NICE CXone whether an agent is on a contact, with the agent's own token. CXone identifies the
 * agent in its contact APIs by the ACD agent id, the token's {@code icAgentId} claim; the contact id
 * is the one the IVR linked ({@code contactId}, or the {@code masterContactId} of a transferred
 * contact). Two reads, both filtered to this agent:
 * <ol>
 *   <li>Real-Time Data API, {@code GET {api}/incontactapi/services/{version}/contacts/active?agentId=}:
 *       {@code {"resultSet":{"activeContacts":[{contactId, masterContactId, agentId, ...}]}}}, 204 when
 *       the agent has none (developer.niceincontact.com, Real-Time Data API "Returns active contacts",
 *       filters {@code agentId}, {@code teamId}, {@code skillId}, ...);</li>
 *   <li>when not among them, the Reporting API, {@code GET {api}/incontactapi/services/{version}/contacts/completed
 *       ?agentId=&startDate=&endDate=} over the recent window: {@code {"completedContacts":[...],
 *       "totalRecords":n}}, 204 when none (developer.niceincontact.com, Reporting API "Returns completed
 *       contacts").</li>
 * </ol>
 * The API host is {@code api_endpoint} of {@code {issuer}/.well-known/cxone-configuration?tenantId=}
 * (developer.niceincontact.com, Getting Started, "Perform API discovery"), asked without the token and
 * kept for an hour, or configured ({@code bridge.agent.cxone.api-endpoint}). A discovered host must be
 * https or the issuer's own host. Whether an agent's token may read these APIs depends on the agent's
 * security profile (reporting permissions): a 401/403 is {@link Participation#UNCONFIRMED}.
 */
final class CxoneParticipation implements InteractionParticipation {

    private static final Logger log = LoggerFactory.getLogger(CxoneParticipation.class);
    private static final Duration DISCOVERY_TTL = Duration.ofHours(1);

    private final AgentProperties.Cxone properties;
    private final UnaryOperator<String> placeholders;
    private final RestClient http;
    private final Clock clock;
    private final Duration recentWindow;
    private final Cache<String, String> endpoints;

    CxoneParticipation(AgentProperties.Cxone properties, RestClient.Builder builder, Clock clock,
            UnaryOperator<String> placeholders, Duration recentWindow) {
        this.properties = properties;
        this.placeholders = placeholders;
        // redirects are never followed: the token goes to the discovered or configured host only
        this.http = builder.clone()
                .requestFactory(IdentityProviderRequests.withTimeouts(properties.connectTimeout(), properties.readTimeout()))
                .build();
        this.clock = clock;
        this.recentWindow = recentWindow;
        this.endpoints = Caffeine.newBuilder().maximumSize(100).expireAfterWrite(DISCOVERY_TTL)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
    }

    @Override
    public Participation check(AgentIdentity agent, AgentCredential credential, String interactionId) {
        JWTClaimsSet claims;
        try {
            claims = JWTParser.parse(credential.token()).getJWTClaimsSet(); // validated when the session began
        } catch (ParseException e) {
            return Participation.UNCONFIRMED;
        }
        String issuer = claims.getIssuer();
        String tenant = text(claims.getClaim("tenantId"));
        String agentId = text(claims.getClaim("icAgentId"));
        if (issuer == null || tenant == null
                || !CxoneTokenValidator.allowedIssuers(properties, placeholders).contains(issuer)) {
            return Participation.UNCONFIRMED;
        }
        if (agentId == null) {
            log.info("CXone token of {} names no ACD agent (icAgentId): participation cannot be asked", agent.actor());
            return Participation.UNCONFIRMED;
        }
        try {
            String api = apiEndpoint(issuer, tenant);
            String base = api + "/incontactapi/services/" + properties.apiVersion();
            ActiveContacts active = read(http.get().uri(base + "/contacts/active?agentId={agentId}", agentId),
                    credential, ActiveContacts.class);
            if (active != null && active.resultSet() != null && on(active.resultSet().activeContacts(), agentId,
                    interactionId)) {
                return Participation.PARTICIPANT;
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            CompletedContacts completed = read(http.get().uri(base
                            + "/contacts/completed?agentId={agentId}&startDate={start}&endDate={end}&top=1000", agentId,
                    DateTimeFormatter.ISO_INSTANT.format(now.minus(recentWindow)), DateTimeFormatter.ISO_INSTANT.format(now)),
                    credential, CompletedContacts.class);
            return completed != null && on(completed.completedContacts(), agentId, interactionId)
                    ? Participation.PARTICIPANT : Participation.NOT_PARTICIPANT;
        } catch (Refused e) {
            log.info("CXone did not show the contacts of {}: HTTP {}", agent.actor(), e.status);
            return Participation.UNCONFIRMED;
        } catch (Unavailable e) {
            log.warn("CXone participant check failed: {}", e.getMessage());
            return Participation.UNAVAILABLE;
        }
    }

    private static boolean on(@Nullable List<Contact> contacts, String agentId, String interactionId) {
        return contacts != null && contacts.stream()
                .filter(c -> c.agentId() == null || agentId.equals(c.agentId()))
                .anyMatch(c -> interactionId.equals(c.contactId()) || interactionId.equals(c.masterContactId()));
    }

    /** The body; null for 204 (the agent has no such contacts). */
    private <T> @Nullable T read(RestClient.RequestHeadersSpec<?> request, AgentCredential credential, Class<T> type) {
        ResponseEntity<T> response;
        try {
            response = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + credential.token()).retrieve()
                    .toEntity(type);
        } catch (HttpStatusCodeException e) {
            int status = e.getStatusCode().value();
            if (status == 401 || status == 403 || status == 404) {
                throw new Refused(status);
            }
            throw new Unavailable("HTTP " + status);
        } catch (RestClientException e) {
            throw new Unavailable(e.getClass().getSimpleName());
        }
        if (response.getStatusCode().value() == HttpStatus.NO_CONTENT.value()) {
            return null;
        }
        if (response.getBody() == null) {
            throw new Unavailable("an answer without a body");
        }
        return response.getBody();
    }

    /** The configured API host, else the tenant's {@code api_endpoint} from CXone's discovery document. */
    private String apiEndpoint(String issuer, String tenant) {
        String configured = properties.apiEndpoint() == null ? "" : placeholders.apply(properties.apiEndpoint()).strip();
        if (!configured.isEmpty()) {
            return withoutSlash(configured);
        }
        return endpoints.get(issuer + "\u0000" + tenant, key -> discover(issuer, tenant));
    }

    private String discover(String issuer, String tenant) {
        Discovery discovery;
        try {
            discovery = http.get().uri(withoutSlash(issuer) + "/.well-known/cxone-configuration?tenantId={tenant}", tenant)
                    .retrieve().body(Discovery.class);
        } catch (RestClientException e) {
            throw new Unavailable("API discovery: " + e.getClass().getSimpleName());
        }
        String endpoint = discovery == null ? null : discovery.apiEndpoint();
        if (endpoint == null || !trusted(endpoint, issuer)) {
            throw new Unavailable("API discovery named no usable api_endpoint");
        }
        return withoutSlash(endpoint.strip());
    }

    /** https, or the issuer's own host (the demo and tests run the issuer on plain http on loopback). */
    private static boolean trusted(String endpoint, String issuer) {
        try {
            URI api = URI.create(endpoint.strip());
            return api.getHost() != null && ("https".equalsIgnoreCase(api.getScheme())
                    || Objects.equals(api.getHost(), URI.create(issuer).getHost()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String withoutSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static @Nullable String text(@Nullable Object claim) {
        return claim == null || claim.toString().isBlank() ? null : claim.toString().strip();
    }

    /** CXone refused to answer this token (401/403/404). */
    private static final class Refused extends RuntimeException {
        final int status;

        Refused(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    /** CXone could not be asked; the message names the cause, never the token. */
    private static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    /** {@code {issuer}/.well-known/cxone-configuration}: the field this needs. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Discovery(@JsonProperty("api_endpoint") @Nullable String apiEndpoint) {}

    /** {@code GET .../contacts/active}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ActiveContacts(@Nullable ResultSet resultSet) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResultSet(@Nullable List<Contact> activeContacts) {}

    /** {@code GET .../contacts/completed}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CompletedContacts(@Nullable List<Contact> completedContacts) {}

    /** One contact of either list; CXone writes the ids as numbers. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Contact(@Nullable String contactId, @Nullable String masterContactId, @Nullable String agentId) {}
}
