package com.profilebridge.audit;

/** A question to the audit trail that cannot be asked as given: the caller has to change it. */
public class AuditQueryRejected extends RuntimeException {

    /** What was wrong; {@link #slug()} names it in problem types and translation keys. */
    public enum Reason {
        INVALID_FILTER("invalid-filter"),
        INVALID_TIME_RANGE("invalid-time-range"),
        INVALID_CURSOR("invalid-cursor"),
        INVALID_LIMIT("invalid-limit");

        private final String slug;

        Reason(String slug) {
            this.slug = slug;
        }

        public String slug() {
            return slug;
        }
    }

    private final Reason reason;

    public AuditQueryRejected(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
