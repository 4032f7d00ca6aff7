package com.profilebridge.console;

/**
 * The console's roles. {@code SUPERVISOR} reads (search, audit trail, operations); {@code ADMIN}
 * acts (replay, manual attribution, erasure, settings) and always holds {@code SUPERVISOR} too: the
 * login grants both, so every read check is a plain {@code SUPERVISOR} check. Enforced on the
 * server by method security on the use cases ({@code @PreAuthorize}) and on views ({@code @RolesAllowed}),
 * never by hiding buttons alone.
 */
public final class ConsoleRoles {

    public static final String SUPERVISOR = "SUPERVISOR";
    public static final String ADMIN = "ADMIN";

    /** For {@code @PreAuthorize}: the read role. */
    public static final String CAN_READ = "hasRole('SUPERVISOR')";
    /** For {@code @PreAuthorize}: the acting role. */
    public static final String CAN_ACT = "hasRole('ADMIN')";

    private ConsoleRoles() {}
}
