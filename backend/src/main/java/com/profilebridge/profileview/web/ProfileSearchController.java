package com.profilebridge.profileview.web;

import com.profilebridge.profileview.ProfileView;
import com.profilebridge.profileview.ProfileView.Ambiguous;
import com.profilebridge.profileview.ProfileView.AuditUnavailable;
import com.profilebridge.profileview.ProfileView.CdpDown;
import com.profilebridge.profileview.ProfileView.NotAllowed;
import com.profilebridge.profileview.ProfileView.NotFound;
import com.profilebridge.profileview.ProfileView.Reason;
import com.profilebridge.profileview.ProfileView.Shown;
import com.profilebridge.profileview.ProfileView.ShownStale;
import com.profilebridge.profileview.ProfileViews;
import com.profilebridge.profileview.Viewer;
import com.profilebridge.shared.Deadline;
import com.profilebridge.shared.web.CorrelationIdFilter;
import com.profilebridge.shared.web.ProblemDetailsAdvice;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's profile search for scripts: the same use case and outcomes as the console view. A
 * POST, so the phone number or e-mail address searched for never sits in a URL (access logs,
 * browser history); the console chain asks for the session's CSRF token and the SUPERVISOR role.
 */
@RestController
@Tag(name = "Console", description = "The supervisor console (console session cookie, X-CSRF-TOKEN on POST)")
class ProfileSearchController {

    /** The console waits this long for the customer data service before answering from the cache. */
    static final Duration BUDGET = Duration.ofSeconds(3);

    private final ProfileViews views;

    ProfileSearchController(ProfileViews views) {
        this.views = views;
    }

    /** @param query a phone number, an e-mail address or a CDP user id */
    record SearchRequest(@Nullable String query) {}

    @Operation(summary = "Profiles an identifier reaches, masked for supervisors, with the identity decision",
            description = "Every profile shown is audited (channel console). 400: not a phone number, e-mail "
                    + "address or CDP user id; 404: nobody matched; 503: the CDP is down with nothing cached, or "
                    + "the audit store is unavailable (nothing shown).")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = SearchAnswer.class)))
    @PostMapping(path = "/api/console/search", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> search(@RequestBody SearchRequest request, Authentication user) {
        ProfileView view = views.investigate(Viewer.supervisor(user.getName()), request.query(), Deadline.in(BUDGET));
        return switch (view) {
            case Shown shown -> ok(SearchAnswer.of(shown, null, CorrelationIdFilter.current()));
            case ShownStale stale -> ok(SearchAnswer.of(stale, stale.problem(), CorrelationIdFilter.current()));
            case NotFound nobody when nobody.reason() == Reason.INVALID_QUERY -> ProblemDetailsAdvice.response(
                    HttpStatus.BAD_REQUEST, "invalid-query", "Search by a phone number, an e-mail address or a CDP user id.");
            case NotFound nobody -> ProblemDetailsAdvice.response(HttpStatus.NOT_FOUND, "no-match",
                    "No customer matches this identifier.");
            case CdpDown down -> ProblemDetailsAdvice.response(HttpStatus.SERVICE_UNAVAILABLE, "cdp-unavailable",
                    "The CDP is unavailable right now and nothing is cached for this identifier.");
            case AuditUnavailable unaudited -> ProblemDetailsAdvice.response(HttpStatus.SERVICE_UNAVAILABLE,
                    "audit-unavailable", "The profiles cannot be shown right now (audit unavailable).");
            case NotAllowed refused -> ProblemDetailsAdvice.response(HttpStatus.FORBIDDEN, "forbidden",
                    "Your role does not allow this search.");
            // an investigation lists a household's profiles; only an agent's lookup yields a chooser
            case Ambiguous household -> throw new IllegalStateException("an investigation yields no chooser");
        };
    }

    private static ResponseEntity<SearchAnswer> ok(SearchAnswer body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
