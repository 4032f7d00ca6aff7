package com.profilebridge.cdp;

/** The CDP did not answer usefully: timeout, refused connection, 5xx, 429 or an unreadable body. */
public class CdpUnavailable extends RuntimeException {

    public CdpUnavailable(String message) {
        super(message);
    }

    public CdpUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
