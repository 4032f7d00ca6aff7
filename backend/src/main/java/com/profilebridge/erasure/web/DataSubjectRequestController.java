package com.profilebridge.erasure.web;

import com.profilebridge.erasure.ErasureRefused;
import com.profilebridge.erasure.ErasureReport;
import com.profilebridge.erasure.Erasures;
import com.profilebridge.security.CallerAuthenticator;
import com.profilebridge.shared.web.BadRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/erasures}: the erasure for data-subject-request tools (OneTrust, a ticket system)
 * calling from a server with an OAuth bearer token of the configured authorization server that
 * carries the {@code ERASURE} role. It lives in the integration API's stateless chain (no session,
 * no CSRF, problem details, the caller's rate limit) rather than beside the console's endpoint, whose
 * chain is for signed-in people. The actor of the audit record is the token's OAuth client.
 */
@RestController
@Tag(name = "Erasure (data-subject-request tools)",
        description = "Erase one customer on a machine's request: bearer token with the ERASURE role")
class DataSubjectRequestController {

    private final Erasures erasures;

    DataSubjectRequestController(Erasures erasures) {
        this.erasures = erasures;
    }

    @Operation(summary = "Erase a customer (caches on every instance, links, outcomes, audit references "
            + "pseudonymised); 200 with the per-store report, 503 when a store could not be reached")
    @PostMapping("/v1/erasures")
    ResponseEntity<ErasureReport> erase(@RequestBody ErasureController.ErasureRequest request, Authentication caller) {
        // the chain admits ERASURE from bearer tokens only, so there is a client; the caller name otherwise
        String client = CallerAuthenticator.Caller.clientIdOf(caller).orElse(caller.getName());
        ErasureReport report;
        try {
            report = erasures.eraseOnRequestOf(client, request.cdpUserId(), request.reason());
        } catch (ErasureRefused e) {
            throw new BadRequest(e.type(), e.getMessage());
        }
        return ResponseEntity.status(report.complete() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(report);
    }
}
