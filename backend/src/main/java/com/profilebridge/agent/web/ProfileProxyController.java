package com.profilebridge.agent.web;

import com.profilebridge.agent.AgentAccess;
import com.profilebridge.agent.AgentIdentity;
import com.profilebridge.audit.AuditTrail;
import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.identity.IdentifierParser;
import com.profilebridge.identity.InteractionLink;
import com.profilebridge.identity.InteractionLinks;
import com.profilebridge.masking.MaskedProfile;
import com.profilebridge.profile.ProfileLookup;
import com.profilebridge.profile.ProfileService;
import com.profilebridge.shared.Deadline;
import com.profilebridge.shared.InteractionId;
import com.profilebridge.shared.web.CorrelationIdFilter;
import com.profilebridge.shared.web.ProblemDetailsAdvice;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The profile proxy for other agent widgets: the masked profile of a customer, by CDP user id or by
 * the interaction the IVR linked, for a validated agent token. Every view is audited before any
 * data leaves; when the audit record cannot be written, nothing is shown (503).
 */
@RestController
@Tag(name = "Agent widgets", description = "Masked customer profiles for a validated agent token")
class ProfileProxyController {

    private static final Logger log = LoggerFactory.getLogger(ProfileProxyController.class);

    private final ProfileService profiles;
    private final InteractionLinks links;
    private final IdentifierParser parser;
    private final AuditTrail audit;
    private final ProxySettings settings;
    private final AgentAccess access;

    ProfileProxyController(ProfileService profiles, InteractionLinks links, IdentifierParser parser, AuditTrail audit,
            ProxySettings settings, AgentAccess access) {
        this.access = access;
        this.profiles = profiles;
        this.links = links;
        this.parser = parser;
        this.audit = audit;
        this.settings = settings;
    }

    @Operation(summary = "Masked profile of a customer by CDP user id",
            description = "Authorization: Bearer <agent token>; X-Agent-Platform: genesys|cxone (a JWT without it "
                    + "is taken for CXone); X-Genesys-Environment for Genesys (e.g. mypurecloud.de). "
                    + "refresh=true asks the CDP even when the cache is fresh. Under bridge.agent.access=linked-only "
                    + "(unless the agent may search freely) interactionId must name an interaction linked to this "
                    + "customer; otherwise 403.")
    @Parameter(name = AgentTokenFilter.PLATFORM_HEADER, in = ParameterIn.HEADER)
    @Parameter(name = AgentTokenFilter.ENVIRONMENT_HEADER, in = ParameterIn.HEADER)
    @GetMapping(path = "/api/proxy/cdp/profile/{userId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> byUserId(@PathVariable String userId, @RequestParam(defaultValue = "false") boolean refresh,
            @RequestParam(required = false) @Nullable String interactionId,
            @Parameter(hidden = true) @RequestAttribute(AgentTokenFilter.IDENTITY) AgentIdentity agent) {
        CdpIdentifier identifier = parser.userId(userId).identifier();
        if (identifier == null || identifier.kind() != CdpIdentifier.Kind.USER_ID) {
            return ProblemDetailsAdvice.response(HttpStatus.BAD_REQUEST, "invalid-user-id",
                    "This is not a CDP user id.");
        }
        if (access.maySearchFreely(agent)) {
            return answer(identifier, InteractionId.isValid(interactionId) ? interactionId : null, refresh, agent);
        }
        // linked-only: the customer must be the one linked to the interaction the agent names
        Optional<InteractionLink> link = InteractionId.parse(interactionId).flatMap(id -> links.find(id.value()));
        if (link.isEmpty() || !link.get().cdpUserId().equals(identifier.value())) {
            log.info("Proxy lookup by user id refused for {}: linked-only access, no interaction linked to the customer",
                    agent.actor());
            return ProblemDetailsAdvice.response(HttpStatus.FORBIDDEN, "linked-only",
                    "Your access is limited to the customer linked to your interaction: add interactionId=<the "
                            + "interaction linked to this customer>, or look up by interaction.");
        }
        return answer(identifier, interactionId, refresh, agent);
    }

    @Operation(summary = "Masked profile of the customer the IVR linked to an interaction",
            description = "Same headers as the lookup by user id; 404 when no customer is linked to the interaction.")
    @Parameter(name = AgentTokenFilter.PLATFORM_HEADER, in = ParameterIn.HEADER)
    @Parameter(name = AgentTokenFilter.ENVIRONMENT_HEADER, in = ParameterIn.HEADER)
    @GetMapping(path = "/api/proxy/cdp/profile", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> byInteraction(@RequestParam String interactionId,
            @RequestParam(defaultValue = "false") boolean refresh,
            @Parameter(hidden = true) @RequestAttribute(AgentTokenFilter.IDENTITY) AgentIdentity agent) {
        if (!InteractionId.isValid(interactionId)) {
            return ProblemDetailsAdvice.response(HttpStatus.BAD_REQUEST, "invalid-interaction-id",
                    "This is not an interaction id.");
        }
        Optional<InteractionLink> link = links.find(interactionId);
        if (link.isEmpty()) {
            return ProblemDetailsAdvice.response(HttpStatus.NOT_FOUND, "no-linked-customer",
                    "No customer is linked to this interaction.");
        }
        return answer(new CdpIdentifier(CdpIdentifier.Kind.USER_ID, link.get().cdpUserId()), interactionId, refresh,
                agent);
    }

    private ResponseEntity<?> answer(CdpIdentifier identifier, @Nullable String interactionId, boolean refresh,
            AgentIdentity agent) {
        ProfileLookup lookup = profiles.lookup(identifier, Deadline.in(settings.budget()), refresh);
        MaskedProfile profile = lookup.profiles().stream()
                .filter(p -> p.userId().equals(identifier.value()))
                .findFirst()
                .orElse(null);
        if (profile == null) {
            return lookup.healthy()
                    ? ProblemDetailsAdvice.response(HttpStatus.NOT_FOUND, "no-profile",
                            "The CDP has no profile for this customer.")
                    : ProblemDetailsAdvice.response(HttpStatus.SERVICE_UNAVAILABLE, "cdp-unavailable",
                            "The CDP is unavailable right now and nothing is cached for this customer.");
        }
        try {
            audit.recordView(agent.actor(), agent.organizationId(), profile.userId(), interactionId, "proxy");
        } catch (RuntimeException e) {
            log.error("Audit write failed; profile not shown: {}", e.toString());
            return ProblemDetailsAdvice.response(HttpStatus.SERVICE_UNAVAILABLE, "audit-unavailable",
                    "The profile cannot be shown right now (audit unavailable).");
        }
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(ProxyProfileResponse.of(profile, lookup, interactionId, CorrelationIdFilter.current()));
    }
}
