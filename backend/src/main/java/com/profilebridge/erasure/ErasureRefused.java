package com.profilebridge.erasure;

/** An erasure request that names no customer id; the message is written for the administrator. */
public class ErasureRefused extends RuntimeException {

    private final String type;

    ErasureRefused(String type, String message) {
        super(message, null, false, false);
        this.type = type;
    }

    /** A stable code: {@code blank-customer-id}, {@code invalid-customer-id}, {@code already-a-pseudonym}, {@code reason-too-long}. */
    public String type() {
        return type;
    }
}
