package com.profilebridge.shared.web;

/**
 * A budget for calls this server makes to another system on behalf of the current request's client
 * (e.g. asking Genesys whether a token is valid): spent before each such call, so one client cannot
 * turn random input into unbounded outbound traffic.
 */
@FunctionalInterface
public interface OutboundCallBudget {

    /**
     * @param purpose what the call is for (one budget per purpose and client)
     * @throws TooManyRequests when the current client has spent its budget
     */
    void spend(String purpose);

    /** No budget (no web request, tests). */
    OutboundCallBudget UNLIMITED = purpose -> {};
}
