package com.profilebridge.outcome;

/**
 * Where an outbox message is in its life, and the only changes it may go through. {@link Outbox}
 * writes every change as a guarded transition ({@link #to}): its statement changes a row only while
 * the row is still in the {@code from} status, so a change that lost a race changes nothing.
 *
 * <pre>
 *   new ──► UNATTRIBUTED ──(attributed)──► PENDING ──(accepted)──► DELIVERED ──► purged
 *   new ──► PENDING ◄──(replayed)── DEAD ◄──(refused / out of attempts)── PENDING
 * </pre>
 */
public enum OutboxStatus {

    /** No customer yet (no user id, no link): parked, never sent without one. */
    UNATTRIBUTED,
    /** On its way: settling, due, or waiting to retry. */
    PENDING,
    /** The CDP accepted it; kept for inspection until purged, never sent again. */
    DELIVERED,
    /** Refused by the CDP or out of attempts; waits for an operator's replay. */
    DEAD;

    /** A change of status that {@link #canBecome} allows. */
    public record Transition(OutboxStatus from, OutboxStatus to) {

        public Transition {
            if (!from.canBecome(to)) {
                throw new IllegalStateException("An outbox message cannot go from " + from + " to " + to);
            }
        }
    }

    /**
     * The transition table.
     * <ul>
     * <li>{@code UNATTRIBUTED -> PENDING}: the interaction got its customer (a link, an operator, housekeeping)
     * <li>{@code PENDING -> UNATTRIBUTED}: a revision still settling lost its customer when an update was folded
     *     in (only before its first attempt: intake folds nothing into a message already tried)
     * <li>{@code PENDING -> DELIVERED}: the CDP accepted it
     * <li>{@code PENDING -> DEAD}: refused by the CDP, or the last attempt failed
     * <li>{@code DEAD -> PENDING}: an operator replayed it
     * </ul>
     * A delivered message is final; staying in the same status is not a change.
     */
    public boolean canBecome(OutboxStatus next) {
        return switch (this) {
            case UNATTRIBUTED -> next == PENDING;
            case PENDING -> next == DELIVERED || next == DEAD || next == UNATTRIBUTED;
            case DELIVERED -> false;
            case DEAD -> next == PENDING;
        };
    }

    /**
     * @throws IllegalStateException when {@link #canBecome} refuses it
     */
    public Transition to(OutboxStatus next) {
        return new Transition(this, next);
    }

    /** What a new message starts as: a customer known or not. */
    static OutboxStatus initial(boolean attributed) {
        return attributed ? PENDING : UNATTRIBUTED;
    }

    /** Not yet delivered nor given up: a later revision waits for it. */
    boolean isUndelivered() {
        return this == PENDING || this == UNATTRIBUTED;
    }

    /** The status as an SQL literal, for statements built once from the enum (plans as with constants). */
    String literal() {
        return "'" + name() + "'";
    }
}
