package com.profilebridge.outcome.web;

import com.profilebridge.audit.AuditTrail;
import com.profilebridge.outcome.OutboxEntry;
import com.profilebridge.outcome.OutboxStats;
import com.profilebridge.outcome.OutcomeOperations;
import com.profilebridge.security.CallerAuthenticator;
import com.profilebridge.shared.web.BadRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator API over the outbox: dead letters (and their replay), parked outcomes, backlog. A replay
 * is audited ({@code OUTCOME_REPLAYED}, channel {@code api}) with the caller as the actor: the OAuth
 * client of a bearer token, else the integration's name.
 */
@RestController
@Tag(name = "Outcome operations", description = "Dead letters, replay, unattributed outcomes (role OPERATOR)")
class OutboxController {

    private final OutcomeOperations operations;

    OutboxController(OutcomeOperations operations) {
        this.operations = operations;
    }

    @Operation(summary = "Outcomes that exhausted their attempts or were refused by the CDP, with the last error")
    @GetMapping("/v1/outcomes/dead-letters")
    List<OutboxEntry> deadLetters(@RequestParam(defaultValue = "100") int limit) {
        return operations.deadLetters(bounded(limit));
    }

    @Operation(summary = "Requeue one dead letter with fresh attempts (same message id: the CDP dedupes)")
    @PostMapping("/v1/outcomes/dead-letters/{messageId}/replay")
    Map<String, Integer> replay(@PathVariable String messageId, Authentication caller) {
        int requeued = operations.replay(messageId, actor(caller), AuditTrail.INTEGRATION_API).size();
        if (requeued == 0) {
            throw new BadRequest(HttpStatus.NOT_FOUND, "no-such-dead-letter",
                    "There is no dead letter with this message id (already replayed or delivered?).");
        }
        return Map.of("requeued", requeued);
    }

    @Operation(summary = "Requeue every dead letter")
    @PostMapping("/v1/outcomes/dead-letters/replay")
    Map<String, Integer> replayAll(Authentication caller) {
        return Map.of("requeued", operations.replay(null, actor(caller), AuditTrail.INTEGRATION_API).size());
    }

    @Operation(summary = "Outcomes parked until their interaction is linked to a customer")
    @GetMapping("/v1/outcomes/unattributed")
    List<OutboxEntry> unattributed(@RequestParam(defaultValue = "100") int limit) {
        return operations.unattributed(bounded(limit));
    }

    @Operation(summary = "Backlog, age of the oldest undelivered outcome, unattributed and dead-letter counts")
    @GetMapping("/v1/outcomes/stats")
    OutboxStats stats() {
        return operations.stats();
    }

    private static String actor(Authentication caller) {
        return CallerAuthenticator.Caller.clientIdOf(caller).orElse(caller.getName());
    }

    private static int bounded(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new BadRequest("invalid-limit", "limit must be between 1 and 1000.");
        }
        return limit;
    }
}
