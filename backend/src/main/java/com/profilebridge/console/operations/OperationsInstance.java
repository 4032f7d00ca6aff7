package com.profilebridge.console.operations;

import java.util.UUID;

/**
 * This process as the operations history knows it: an id of its own (new with every start, so a
 * restarted instance is a new one and the old one's hour ages out beside it) and the name the page
 * shows.
 *
 * @param id random per start
 * @param name {@code bridge.operations.instance-name}, else the host (the pod on Kubernetes) and
 *     the process id
 */
record OperationsInstance(String id, String name) {

    static OperationsInstance started(String configuredName, String host) {
        return new OperationsInstance(UUID.randomUUID().toString(), name(configuredName, host));
    }

    /** The configured name, else the host (the pod on Kubernetes) and the process id. */
    static String name(String configured, String host) {
        if (!configured.isBlank()) {
            return configured.strip();
        }
        String pid = "pid " + ProcessHandle.current().pid();
        return host.isBlank() ? pid : host.strip() + " (" + pid + ")";
    }
}
