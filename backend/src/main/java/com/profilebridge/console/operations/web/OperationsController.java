package com.profilebridge.console.operations.web;

import com.profilebridge.console.operations.Attribution;
import com.profilebridge.console.operations.OperationsConsole;
import com.profilebridge.console.operations.OperationsSnapshot;
import com.profilebridge.console.operations.Replay;
import com.profilebridge.shared.web.BadRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operations page over HTTP for a signed-in console session (CSRF header on changes): the
 * history as JSON for {@code SUPERVISOR}, replay and manual attribution for {@code ADMIN} (a
 * supervisor gets 403 from the use case's own check).
 */
@RestController
@RequestMapping("/api/console/operations")
@Tag(name = "Console: operations", description = "Live figures, dead-letter replay, manual attribution (console session)")
class OperationsController {

    private final OperationsConsole console;

    OperationsController(OperationsConsole console) {
        this.console = console;
    }

    @Operation(summary = "This instance's history of the last hour (CDP, breaker, cache) and the outbox figures")
    @GetMapping("/snapshot")
    OperationsSnapshot snapshot() {
        return console.snapshot();
    }

    @Operation(summary = "Requeue one dead letter with fresh attempts (ADMIN)")
    @PostMapping("/dead-letters/{messageId}/replay")
    Map<String, Integer> replay(@PathVariable String messageId) {
        return switch (console.replay(messageId)) {
            case Replay.Requeued requeued -> Map.of("requeued", requeued.messages());
            case Replay.InvalidMessageId invalid -> throw invalidMessageId();
            case Replay.NoSuchDeadLetter none -> throw new BadRequest(HttpStatus.NOT_FOUND, "no-such-dead-letter",
                    "There is no dead letter with this message id (already replayed or delivered?).");
        };
    }

    @Operation(summary = "Requeue every dead letter (ADMIN)")
    @PostMapping("/dead-letters/replay")
    Map<String, Integer> replayAll() {
        return Map.of("requeued", console.replayAll().messages());
    }

    /** The body of an attribution: the customer the parked outcome belongs to. */
    record AttributionRequest(@Nullable String cdpUserId) {}

    @Operation(summary = "Attribute a parked (unattributed) outcome to a CDP customer; audited (ADMIN)")
    @PostMapping("/unattributed/{messageId}/attribution")
    Attribution.Attributed attribute(@PathVariable String messageId, @RequestBody AttributionRequest request) {
        return switch (console.attribute(messageId, request.cdpUserId())) {
            case Attribution.Attributed attributed -> attributed;
            case Attribution.InvalidMessageId invalid -> throw invalidMessageId();
            case Attribution.InvalidCustomerId invalid -> throw new BadRequest("invalid-cdp-user-id",
                    "cdpUserId is blank or not what a CDP user id looks like.");
            case Attribution.NoSuchParkedOutcome none -> throw new BadRequest(HttpStatus.NOT_FOUND,
                    "no-such-unattributed-outcome",
                    "There is no unattributed outcome with this message id (already attributed?).");
            case Attribution.UnknownCustomer unknown -> throw new BadRequest("unknown-customer",
                    "The customer data platform has no customer with this id; nothing was changed.");
            case Attribution.CustomerNotChecked unchecked -> throw new BadRequest(HttpStatus.SERVICE_UNAVAILABLE,
                    "cdp-unavailable", "The customer data platform could not confirm the customer; try again later.");
        };
    }

    private static BadRequest invalidMessageId() {
        return new BadRequest("invalid-message-id", "This is not an outbox message id.");
    }
}
