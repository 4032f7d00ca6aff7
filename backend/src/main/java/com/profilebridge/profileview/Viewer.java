package com.profilebridge.profileview;

import org.jspecify.annotations.Nullable;

/**
 * Who is looking, for the audit trail, the access rule and the masking.
 *
 * @param actor the audited actor ({@code genesys:<id>}, a console user)
 * @param organisation the viewer's organisation or tenant, if it has one
 * @param channel {@code widget}, {@code console}, {@code proxy}
 * @param maySearch free search is allowed (else linked customers only)
 * @param masking how much of a profile this viewer sees
 * @param interactions without free search: whether the viewer may see an interaction's linked customer
 *     (the participant check), asked before anything is read
 */
public record Viewer(String actor, @Nullable String organisation, String channel, boolean maySearch,
        Masking masking, InteractionGate interactions) {

    /**
     * An agent serving the caller (widget, proxy): the agents' masking; free search if the access policy
     * allows, else only linked customers of interactions {@code interactions} admits.
     */
    public static Viewer agent(String actor, @Nullable String organisation, String channel, boolean maySearch,
            InteractionGate interactions) {
        return new Viewer(actor, organisation, channel, maySearch, Masking.AGENT, interactions);
    }

    /** A supervisor investigating in the console: free search, the supervisors' masking, audited as {@code console}. */
    public static Viewer supervisor(String actor) {
        return new Viewer(actor, null, "console", true, Masking.SUPERVISOR, InteractionGate.OPEN);
    }
}
