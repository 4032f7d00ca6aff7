package com.profilebridge.shared.web;

import org.springframework.http.HttpStatus;

/** A caller mistake, answered as a problem detail with the given status and type. */
public class BadRequest extends RuntimeException {

    private final HttpStatus status;
    private final String type;

    public BadRequest(HttpStatus status, String type, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
    }

    public BadRequest(String type, String detail) {
        this(HttpStatus.BAD_REQUEST, type, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }
}
