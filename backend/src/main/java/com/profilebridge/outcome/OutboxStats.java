package com.profilebridge.outcome;

/**
 * The outbox at a glance.
 *
 * @param backlog messages due or waiting (settling, retrying)
 * @param oldestPendingSeconds age of the oldest undelivered message
 */
public record OutboxStats(long backlog, long oldestPendingSeconds, long unattributed, long deadLetters) {}
