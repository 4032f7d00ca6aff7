package com.profilebridge.audit;

/**
 * A look at the audit trail could not itself be recorded, so nothing of the trail is shown (fail
 * closed, as for profile views).
 */
public class AuditWriteFailed extends RuntimeException {

    AuditWriteFailed(RuntimeException cause) {
        super("The audit trail cannot be shown right now: this look at it could not be recorded.", cause);
    }
}
