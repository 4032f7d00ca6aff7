package com.profilebridge.cdp;

/**
 * The CDP refused a write for good (a 4xx other than 408/429, e.g. a malformed or oversized event):
 * sending the same message again cannot succeed, so it goes straight to dead letters.
 */
public class CdpRejected extends RuntimeException {

    public CdpRejected(String message, Throwable cause) {
        super(message, cause);
    }
}
