package com.profilebridge.agent.web;

import com.profilebridge.agent.AgentCredential;
import com.profilebridge.agent.AgentIdentity;
import com.profilebridge.agent.AgentViewers;
import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.identity.IdentifierParser;
import com.profilebridge.profileview.ProfileView;
import com.profilebridge.profileview.ProfileView.Ambiguous;
import com.profilebridge.profileview.ProfileView.AuditUnavailable;
import com.profilebridge.profileview.ProfileView.CdpDown;
import com.profilebridge.profileview.ProfileView.NotAllowed;
import com.profilebridge.profileview.ProfileView.NotAllowed.Refusal;
import com.profilebridge.profileview.ProfileView.NotFound;
import com.profilebridge.profileview.ProfileView.Reason;
import com.profilebridge.profileview.ProfileView.Shown;
import com.profilebridge.profileview.ProfileView.ShownStale;
import com.profilebridge.profileview.ProfileViews;
import com.profilebridge.profileview.Viewer;
import com.profilebridge.shared.Deadline;
import com.profilebridge.shared.InteractionId;
import com.profilebridge.shared.web.CorrelationIdFilter;
import com.profilebridge.shared.web.ProblemDetailsAdvice;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
 * the interaction the IVR linked, for a validated agent token. What may be shown is decided by
 * {@link ProfileViews} (access, audit, masking); this adapter turns its outcome into HTTP: every view
 * is audited before any data leaves; when the audit record cannot be written, nothing is shown (503).
 */
@RestController
@Tag(name = "Agent widgets", description = "Masked customer profiles for a validated agent token")
class ProfileProxyController {

    private static final Logger log = LoggerFactory.getLogger(ProfileProxyController.class);
    private static final String CHANNEL = "proxy";
    private static final String SHOWN = "The masked profile, audited. profile_source CACHED or STALE with a problem "
            + "(cdp_timeout, cdp_unavailable, circuit_open): the CDP could not answer and this is the cached data, "
            + "profile_age_seconds old.";

    private final ProfileViews views;
    private final IdentifierParser parser;
    private final ProxySettings settings;
    private final AgentViewers viewers;

    ProfileProxyController(ProfileViews views, IdentifierParser parser, ProxySettings settings, AgentViewers viewers) {
        this.views = views;
        this.parser = parser;
        this.settings = settings;
        this.viewers = viewers;
    }

    @Operation(summary = "Masked profile of a customer by CDP user id",
            description = "Authorization: Bearer <agent token>; X-Agent-Platform: genesys|cxone (a JWT without it "
                    + "is taken for CXone); X-Genesys-Environment for Genesys (e.g. mypurecloud.de). "
                    + "refresh=true asks the CDP even when the cache is fresh. Under bridge.agent.access=linked-only "
                    + "(unless the agent may search freely) interactionId must name an interaction linked to this "
                    + "customer, and (bridge.agent.participant-check=required) the platform must confirm, asked with "
                    + "this token, that the agent is on it; otherwise 403, or 503 while the platform cannot be asked.")
    @ApiResponse(responseCode = "200", description = SHOWN, content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = ProxyProfileResponse.class)))
    @Parameter(name = AgentTokenFilter.PLATFORM_HEADER, in = ParameterIn.HEADER)
    @Parameter(name = AgentTokenFilter.ENVIRONMENT_HEADER, in = ParameterIn.HEADER)
    @GetMapping(path = "/api/proxy/cdp/profile/{userId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> byUserId(@PathVariable String userId, @RequestParam(defaultValue = "false") boolean refresh,
            @RequestParam(required = false) @Nullable String interactionId,
            @Parameter(hidden = true) @RequestAttribute(AgentTokenFilter.IDENTITY) AgentIdentity agent,
            @Parameter(hidden = true) @RequestAttribute(AgentTokenFilter.CREDENTIAL) AgentCredential credential) {
        CdpIdentifier identifier = parser.userId(userId).identifier();
        if (identifier == null || identifier.kind() != CdpIdentifier.Kind.USER_ID) {
            return ProblemDetailsAdvice.response(HttpStatus.BAD_REQUEST, "invalid-user-id",
                    "This is not a CDP user id.");
        }
        String interaction = InteractionId.isValid(interactionId) ? interactionId : null;
        return answer(views.byUserId(viewer(agent, credential), identifier.value(), interaction, refresh, deadline()),
                interaction, agent);
    }

    @Operation(summary = "Masked profile of the customer the IVR linked to an interaction",
            description = "Same headers as the lookup by user id; 404 when no customer is linked to the interaction. "
                    + "Under bridge.agent.access=linked-only with bridge.agent.participant-check=required (the "
                    + "defaults) the platform is asked, with this token, whether the agent is on the interaction: "
                    + "403 not-a-participant / participation-unconfirmed, 503 participation-unavailable.")
    @ApiResponse(responseCode = "200", description = SHOWN, content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = ProxyProfileResponse.class)))
    @Parameter(name = AgentTokenFilter.PLATFORM_HEADER, in = ParameterIn.HEADER)
    @Parameter(name = AgentTokenFilter.ENVIRONMENT_HEADER, in = ParameterIn.HEADER)
    @GetMapping(path = "/api/proxy/cdp/profile", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> byInteraction(@RequestParam String interactionId,
            @RequestParam(defaultValue = "false") boolean refresh,
            @Parameter(hidden = true) @RequestAttribute(AgentTokenFilter.IDENTITY) AgentIdentity agent,
            @Parameter(hidden = true) @RequestAttribute(AgentTokenFilter.CREDENTIAL) AgentCredential credential) {
        if (!InteractionId.isValid(interactionId)) {
            return ProblemDetailsAdvice.response(HttpStatus.BAD_REQUEST, "invalid-interaction-id",
                    "This is not an interaction id.");
        }
        return answer(views.linkedTo(viewer(agent, credential), interactionId, refresh, deadline()), interactionId,
                agent);
    }

    private ResponseEntity<?> answer(ProfileView view, @Nullable String interactionId, AgentIdentity agent) {
        return switch (view) {
            case Shown shown -> ok(ProxyProfileResponse.of(shown, null, interactionId, CorrelationIdFilter.current()));
            case ShownStale stale -> ok(ProxyProfileResponse.of(stale, stale.problem(), interactionId,
                    CorrelationIdFilter.current()));
            case NotFound nobody when nobody.reason() == Reason.NO_LINK -> ProblemDetailsAdvice.response(
                    HttpStatus.NOT_FOUND, "no-linked-customer", "No customer is linked to this interaction.");
            case NotFound nobody -> ProblemDetailsAdvice.response(HttpStatus.NOT_FOUND, "no-profile",
                    "The CDP has no profile for this customer.");
            case CdpDown down -> ProblemDetailsAdvice.response(HttpStatus.SERVICE_UNAVAILABLE, "cdp-unavailable",
                    "The CDP is unavailable right now and nothing is cached for this customer.");
            case AuditUnavailable unaudited -> ProblemDetailsAdvice.response(HttpStatus.SERVICE_UNAVAILABLE,
                    "audit-unavailable", "The profile cannot be shown right now (audit unavailable).");
            case NotAllowed refused -> refusal(refused.refusal(), agent);
            // the proxy passes no caller line, and only a caller line's household yields a chooser
            case Ambiguous household -> throw new IllegalStateException("no household chooser without a caller line");
        };
    }

    /**
     * Not shown to this agent, and what it can do about it. Fail closed: a platform that cannot be asked
     * whether the agent is on the interaction refuses too, as 503 with {@code Retry-After} (try again).
     */
    private static ResponseEntity<?> refusal(Refusal refusal, AgentIdentity agent) {
        String platform = agent.platform().displayName();
        return switch (refusal) {
            case LINKED_ONLY -> {
                log.info("Proxy lookup by user id refused for {}: linked-only access, no interaction linked to the "
                        + "customer", agent.actor());
                yield ProblemDetailsAdvice.response(HttpStatus.FORBIDDEN, "linked-only",
                        "Your access is limited to the customer linked to your interaction: add interactionId=<the "
                                + "interaction linked to this customer>, or look up by interaction.");
            }
            case NOT_PARTICIPANT -> ProblemDetailsAdvice.response(HttpStatus.FORBIDDEN, "not-a-participant",
                    platform + " says you are not on this interaction: only agents on it see its customer.");
            case UNCONFIRMED -> ProblemDetailsAdvice.response(HttpStatus.FORBIDDEN, "participation-unconfirmed",
                    platform + " did not confirm that you are on this interaction (your sign-in may have expired, "
                            + "or may not be allowed to read interactions). Sign in again; if this persists, ask your "
                            + "administrator.");
            case PLATFORM_UNAVAILABLE -> ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ProblemDetailsAdvice.problem(HttpStatus.SERVICE_UNAVAILABLE, "participation-unavailable",
                            platform + " cannot be asked right now whether you are on this interaction, so its "
                                    + "customer is not shown; try again shortly."));
        };
    }

    private static ResponseEntity<ProxyProfileResponse> ok(ProxyProfileResponse body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    private Viewer viewer(AgentIdentity agent, AgentCredential credential) {
        return viewers.viewer(agent, credential, CHANNEL);
    }

    private Deadline deadline() {
        return Deadline.in(settings.budget());
    }
}
