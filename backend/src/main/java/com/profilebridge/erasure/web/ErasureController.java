package com.profilebridge.erasure.web;

import com.profilebridge.erasure.ErasureRefused;
import com.profilebridge.erasure.ErasureReport;
import com.profilebridge.erasure.Erasures;
import com.profilebridge.shared.web.BadRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/console/erasures}: the erasure for scripts holding an administrator's console
 * session (cookie and {@code X-CSRF-TOKEN}). The role is checked by the use case itself.
 */
@RestController
@Tag(name = "Console: erasure", description = "Erase one customer from every store of the bridge (role ADMIN)")
class ErasureController {

    private final Erasures erasures;

    ErasureController(Erasures erasures) {
        this.erasures = erasures;
    }

    /** The request body: whom to erase and why (a ticket number, no personal data). */
    record ErasureRequest(@Nullable String cdpUserId, @Nullable String reason) {}

    @Operation(summary = "Erase a customer: caches on every instance, links, outcomes, audit references "
            + "(pseudonymised); 200 with the per-store report, 503 when a store could not be reached")
    @PostMapping("/api/console/erasures")
    ResponseEntity<ErasureReport> erase(@RequestBody ErasureRequest request, Authentication admin) {
        ErasureReport report;
        try {
            report = erasures.erase(request.cdpUserId(), admin.getName(), request.reason());
        } catch (ErasureRefused e) {
            throw new BadRequest(e.type(), e.getMessage());
        }
        // incomplete (a cache could not be reached): the caller must see that without reading the body
        return ResponseEntity.status(report.complete() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(report);
    }
}
