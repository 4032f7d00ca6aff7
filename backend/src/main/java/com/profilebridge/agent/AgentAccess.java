package com.profilebridge.agent;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which customers a platform agent may look up ({@code bridge.agent.access}). {@code linked-only}:
 * only the customer the IVR linked to an interaction the agent names (the proxy's lookup by
 * interaction; by user id only together with that interaction; the widget's linked customer, no
 * phone or e-mail search). {@code free-search}: any customer. Free search can also be granted to
 * single agents under {@code linked-only} ({@code bridge.agent.free-search-agents}, actors such as
 * {@code genesys:<user id>}); every view is audited either way, with the interaction when there is one.
 */
public final class AgentAccess {

    /** The operator's policy. */
    public enum Policy {
        LINKED_ONLY,
        FREE_SEARCH
    }

    private final Policy policy;
    private final Set<String> freeSearchAgents;

    public AgentAccess(Policy policy, Collection<String> freeSearchAgents) {
        this.policy = policy;
        this.freeSearchAgents = freeSearchAgents.stream().map(a -> a.strip().toLowerCase(Locale.ROOT))
                .filter(a -> !a.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    public Policy policy() {
        return policy;
    }

    /** True when the agent may look up customers not linked to an interaction (search, lookup by id alone). */
    public boolean maySearchFreely(AgentIdentity agent) {
        return policy == Policy.FREE_SEARCH || freeSearchAgents.contains(agent.actor().toLowerCase(Locale.ROOT));
    }
}
