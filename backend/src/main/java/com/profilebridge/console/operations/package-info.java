/**
 * The console's live operations page, behind the views and the REST endpoints: a short history of
 * the application's own metrics ({@link com.profilebridge.console.operations.OperationsHistory},
 * filled by a sampler every few seconds; in memory for one instance, shared through Redis for
 * several, merged for the page), the outbox figures, and the acting use cases (dead-letter replay,
 * manual attribution of parked outcomes) in {@link com.profilebridge.console.operations.OperationsConsole}.
 */
@NullMarked
@NamedInterface("operations")
package com.profilebridge.console.operations;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
