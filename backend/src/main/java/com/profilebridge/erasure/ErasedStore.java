package com.profilebridge.erasure;

/** Where an erasure finds a customer, and what it does there. */
public enum ErasedStore {
    /** Interaction -> customer links: deleted. */
    INTERACTION_LINKS(Action.DELETED),
    /** Outcomes waiting for delivery to the CDP: deleted, never sent. */
    OUTCOMES_PENDING(Action.DELETED),
    /** Outcomes parked without a customer, of the customer's interactions or naming them: deleted. */
    OUTCOMES_PARKED(Action.DELETED),
    /** Dead letters: deleted. */
    OUTCOMES_DEAD_LETTERS(Action.DELETED),
    /** Delivered outcomes kept until their retention ends: deleted. */
    OUTCOMES_DELIVERED(Action.DELETED),
    /** Outcome intake records (dedupe keys): kept, customer id and fields cleared. */
    OUTCOME_INTAKE_RECORDS(Action.CLEARED),
    /** Other customers' outcome texts naming the customer: the mention replaced by the pseudonym. */
    MENTIONS(Action.REDACTED),
    /** Audit rows: kept, the customer reference replaced by the pseudonym. */
    AUDIT_EVENTS(Action.PSEUDONYMISED),
    /** This instance's in-memory caches (profiles, normalised phone numbers): evicted. */
    MEMORY_CACHES(Action.EVICTED),
    /** The shared cache (Redis): deleted. */
    SHARED_CACHE(Action.DELETED);

    /** What the erasure does to the customer's data in a store. */
    public enum Action {
        DELETED,
        CLEARED,
        REDACTED,
        PSEUDONYMISED,
        EVICTED
    }

    private final Action action;

    ErasedStore(Action action) {
        this.action = action;
    }

    public Action action() {
        return action;
    }
}
