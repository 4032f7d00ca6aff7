package com.profilebridge.console.operations;

/** What attributing a parked outcome to a customer by hand came to. */
public sealed interface Attribution {

    /**
     * Every parked message of the interaction is due now with this customer id; an audit record
     * ({@code OUTCOME_ATTRIBUTED}) names who did it.
     */
    record Attributed(String interactionId, String cdpUserId, int messages) implements Attribution {}

    /** Not a message id at all (nothing was looked up). */
    record InvalidMessageId() implements Attribution {}

    /** Blank, or not what a CDP user id looks like ({@code bridge.identity.user-id-pattern}). */
    record InvalidCustomerId() implements Attribution {}

    /** No parked outcome has this id (never was one, or it was attributed meanwhile). */
    record NoSuchParkedOutcome() implements Attribution {}

    /** The CDP does not know this customer: nothing was changed. */
    record UnknownCustomer() implements Attribution {}

    /** The CDP could not be asked whether the customer exists: nothing was changed, try again later. */
    record CustomerNotChecked() implements Attribution {}
}
