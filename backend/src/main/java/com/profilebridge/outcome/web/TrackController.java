package com.profilebridge.outcome.web;

import com.profilebridge.outcome.OutcomeIntake;
import com.profilebridge.outcome.TrackAnswer;
import com.profilebridge.shared.web.BadRequest;
import com.profilebridge.shared.web.IntegrationBodyFilter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /v1/interactions/track}: interaction outcomes from Genesys and CXone. */
@RestController
@Tag(name = "Outcomes", description = "Interaction outcomes on their way to the CDP")
class TrackController {

    private final OutcomeIntake intake;
    private final JsonMapper json;

    TrackController(OutcomeIntake intake, JsonMapper json) {
        this.intake = intake;
        this.json = json;
    }

    @Operation(summary = "Accept an interaction outcome (call ended, disposition saved)",
            description = "The integration guide's Genesys and CXone bodies, Genesys detail events (raw, as "
                    + "notification or in the EventBridge envelope). JSON or CXone's form-encoded single-line JSON. "
                    + "202 with status accepted, duplicate or unattributed; 400/401/413 as problem details.")
    @PostMapping(path = "/v1/interactions/track", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TrackAnswer> track(@RequestBody(required = false) byte @Nullable [] body, @Nullable Principal caller,
            @RequestHeader(name = "webhook-id", required = false) @Nullable String webhookId,
            @RequestHeader(name = "webhook-timestamp", required = false) @Nullable String webhookTimestamp,
            @RequestHeader(name = "webhook-signature", required = false) @Nullable String webhookSignature,
            HttpServletRequest request) {
        if (request.getAttribute(TrackFastPath.REFUSED) instanceof RuntimeException refused) {
            // the fast path ran the intake already and it refused: answer that, never take the outcome twice
            throw refused;
        }
        if (body == null || body.length == 0) {
            throw new BadRequest("empty-body", "The request body is empty; send the outcome as a JSON object.");
        }
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JacksonException e) {
            throw new BadRequest("malformed-body", "The request body is not valid JSON.");
        }
        // the bytes as sent: the filter keeps them aside only when it converted a form body
        byte[] raw = request.getAttribute(IntegrationBodyFilter.RAW_BODY) instanceof byte[] bytes ? bytes : body;
        TrackAnswer answer = intake.track(tree, caller == null ? "unknown" : caller.getName(),
                new OutcomeIntake.Signed(webhookId, webhookTimestamp, webhookSignature, raw));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
    }
}
