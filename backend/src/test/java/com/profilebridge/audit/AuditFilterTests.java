package com.profilebridge.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.profilebridge.audit.AuditQueryRejected.Reason;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditFilterTests {

    static final Instant NINE = Instant.parse("2026-12-01T09:00:00Z");
    static final Instant TEN = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void blankValuesMeanAnyAndCodesAreSpelledAsTheTrailStoresThem() {
        AuditFilter filter = new AuditFilter("  ", "", " Widget ", "profile_view", null, null);
        assertThat(filter.agent()).isNull();
        assertThat(filter.customer()).isNull();
        assertThat(filter.channel()).isEqualTo("widget");
        assertThat(filter.action()).isEqualTo("PROFILE_VIEW");
        assertThat(new AuditFilter(" agent-7 ", "usr_00042", null, null, null, null))
                .extracting(AuditFilter::agent, AuditFilter::customer).containsExactly("agent-7", "usr_00042");
    }

    @Test
    void theTimeRangeIsHalfOpenAndMustNotBeEmpty() {
        assertThat(new AuditFilter(null, null, null, null, NINE, TEN).from()).isEqualTo(NINE);
        assertThat(new AuditFilter(null, null, null, null, NINE, null).to()).isNull();
        assertThatThrownBy(() -> new AuditFilter(null, null, null, null, TEN, NINE))
                .isInstanceOfSatisfying(AuditQueryRejected.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_TIME_RANGE));
        assertThatThrownBy(() -> new AuditFilter(null, null, null, null, TEN, TEN))
                .isInstanceOf(AuditQueryRejected.class);
    }

    @Test
    void valuesTheTrailCannotHoldAreRefused() {
        for (Runnable bad : new Runnable[] {
                () -> new AuditFilter("a".repeat(257), null, null, null, null, null),
                () -> new AuditFilter("agent\n7", null, null, null, null, null),
                () -> new AuditFilter(null, "u".repeat(257), null, null, null, null),
                () -> new AuditFilter(null, null, "web widget", null, null, null),
                () -> new AuditFilter(null, null, "c".repeat(33), null, null, null),
                () -> new AuditFilter(null, null, null, "PROFILE-VIEW'--", null, null)}) {
            assertThatThrownBy(bad::run).isInstanceOfSatisfying(AuditQueryRejected.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_FILTER));
        }
        assertThat(new AuditFilter("a".repeat(256), null, null, null, null, null).agent()).hasSize(256);
    }
}
