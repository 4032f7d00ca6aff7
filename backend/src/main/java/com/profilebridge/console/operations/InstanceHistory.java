package com.profilebridge.console.operations;

import java.time.Instant;
import java.util.List;

/**
 * One instance's kept history, as the operations history hands it out.
 *
 * @param id the instance's id (new with every start)
 * @param name how the page names it
 * @param self true for the instance that reads it (the one serving the page)
 * @param samples oldest first, within the window
 * @param transitions its breaker's transitions, newest first, within the window
 */
record InstanceHistory(String id, String name, boolean self, List<Sample> samples,
        List<BreakerTransition> transitions) {

    InstanceHistory {
        samples = List.copyOf(samples);
        transitions = List.copyOf(transitions);
    }

    /** Only what happened at or after {@code oldest}. */
    InstanceHistory since(Instant oldest) {
        return new InstanceHistory(id, name, self, samples.stream().filter(s -> !s.at().isBefore(oldest)).toList(),
                transitions.stream().filter(t -> !t.at().isBefore(oldest)).toList());
    }
}
