package com.profilebridge.outcome;

import static com.profilebridge.outcome.OutboxStatus.DEAD;
import static com.profilebridge.outcome.OutboxStatus.DELIVERED;
import static com.profilebridge.outcome.OutboxStatus.PENDING;
import static com.profilebridge.outcome.OutboxStatus.UNATTRIBUTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The outbox lifecycle: every change the table allows, and every other one refused. */
class OutboxStatusTests {

    /** The lifecycle written out independently of the enum's switch, so a change to either shows. */
    static final Set<OutboxStatus.Transition> ALLOWED = Set.of(
            new OutboxStatus.Transition(UNATTRIBUTED, PENDING),
            new OutboxStatus.Transition(PENDING, UNATTRIBUTED),
            new OutboxStatus.Transition(PENDING, DELIVERED),
            new OutboxStatus.Transition(PENDING, DEAD),
            new OutboxStatus.Transition(DEAD, PENDING));

    static Stream<Arguments> everyPair() {
        return Arrays.stream(OutboxStatus.values())
                .flatMap(from -> Arrays.stream(OutboxStatus.values()).map(to -> Arguments.of(from, to)));
    }

    static Stream<Arguments> allowed() {
        return everyPair().filter(pair -> isAllowed(pair));
    }

    static Stream<Arguments> refused() {
        return everyPair().filter(pair -> !isAllowed(pair));
    }

    private static boolean isAllowed(Arguments pair) {
        Object[] statuses = pair.get();
        OutboxStatus from = (OutboxStatus) statuses[0];
        OutboxStatus to = (OutboxStatus) statuses[1];
        return ALLOWED.stream().anyMatch(t -> t.from() == from && t.to() == to);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("allowed")
    void anAllowedChangeIsATransition(OutboxStatus from, OutboxStatus to) {
        assertThat(from.canBecome(to)).isTrue();
        assertThat(from.to(to)).isEqualTo(new OutboxStatus.Transition(from, to));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("refused")
    void anyOtherChangeIsRefused(OutboxStatus from, OutboxStatus to) {
        assertThat(from.canBecome(to)).isFalse();
        assertThatIllegalStateException().isThrownBy(() -> from.to(to))
                .withMessage("An outbox message cannot go from " + from + " to " + to);
    }

    @Test
    void aDeliveredMessageIsFinal() {
        assertThat(Arrays.stream(OutboxStatus.values()).filter(DELIVERED::canBecome)).isEmpty();
    }

    @Test
    void aDeadLetterOnlyGoesBackToTheQueue() {
        assertThat(Arrays.stream(OutboxStatus.values()).filter(DEAD::canBecome)).containsExactly(PENDING);
    }

    @Test
    void aNewMessageIsPendingWithACustomerAndParkedWithoutOne() {
        assertThat(OutboxStatus.initial(true)).isEqualTo(PENDING);
        assertThat(OutboxStatus.initial(false)).isEqualTo(UNATTRIBUTED);
    }

    @Test
    void onlyPendingAndParkedMessagesHoldBackALaterRevision() {
        assertThat(Arrays.stream(OutboxStatus.values()).filter(OutboxStatus::isUndelivered))
                .containsExactlyInAnyOrder(PENDING, UNATTRIBUTED);
    }

    @Test
    void everyPairIsCovered() {
        assertThat(allowed().count() + refused().count()).isEqualTo(16);
        assertThat(allowed().count()).isEqualTo(ALLOWED.size());
    }
}
