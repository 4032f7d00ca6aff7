package com.profilebridge.profileview;

import com.profilebridge.profileview.ProfileView.NotAllowed;
import java.util.Optional;

/**
 * Whether a viewer without free search may see the customer linked to an interaction, beyond the
 * link existing: the agent adapters ask the viewer's platform whether the viewer is on the
 * interaction ({@code bridge.agent.participant-check}). Consulted before any profile is read.
 */
@FunctionalInterface
public interface InteractionGate {

    /** The link alone decides (supervisors, viewers who may search anyway, the check switched off). */
    InteractionGate OPEN = interactionId -> Optional.empty();

    /** Empty when the viewer may see the interaction's linked customer, else why not. */
    Optional<NotAllowed.Refusal> refusal(String interactionId);
}
