package com.profilebridge.profileview;

import org.jspecify.annotations.Nullable;

/**
 * Who is looking, for the audit trail and the access rule.
 *
 * @param actor the audited actor ({@code genesys:<id>}, a console user)
 * @param organisation the viewer's organisation or tenant, if it has one
 * @param channel {@code widget}, {@code console}, {@code proxy}
 * @param maySearch free search by phone / e-mail is allowed (else linked customers only)
 */
public record Viewer(String actor, @Nullable String organisation, String channel, boolean maySearch) {}
