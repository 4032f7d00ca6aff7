package com.profilebridge.resolve.web;

import com.profilebridge.resolve.ResolveEndpoint;
import com.profilebridge.resolve.ResolveRequest;
import com.profilebridge.shared.web.BadRequest;
import com.profilebridge.shared.web.CorrelationIdFilter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v1/profiles/resolve}: the IVR lookup (Genesys data action, CXone Studio REST action). */
@RestController
@Tag(name = "IVR", description = "Identity resolution at the start of a call")
class ResolveController {

    private final ResolveEndpoint resolve;

    ResolveController(ResolveEndpoint resolve) {
        this.resolve = resolve;
    }

    @Operation(summary = "Resolve the caller and return a flat profile summary with a confidence score",
            description = "Accepts JSON and CXone's form-encoded single-line JSON. Always 200 for well-formed calls, "
                    + "within the time budget, whatever the CDP does; 400/401/413/415 only for caller mistakes.")
    @PostMapping(path = "/v1/profiles/resolve", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> resolve(@RequestBody(required = false) @Nullable ResolveRequest request,
            @Nullable Principal caller, jakarta.servlet.http.HttpServletRequest http) {
        if (request == null) {
            throw new BadRequest("empty-body", "The request body is empty; send a JSON object with an identifier.");
        }
        if (!request.namesAnIdentifier()) {
            throw new BadRequest("no-identifier-field",
                    "None of identifier, phoneNumber, email or userId is present; check the request template.");
        }
        byte[] body = resolve.resolve(request, caller == null ? "unknown" : caller.getName(),
                CorrelationIdFilter.receivedNanos(http));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
