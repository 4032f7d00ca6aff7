package com.profilebridge.limiter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Limiter keys live in a Redis shared by every instance: an upgraded instance must count in the same keys. */
class LimiterKeysTests {

    final LimiterKeys keys = new LimiterKeys("pb:limit:", "a-secret-of-enough-length");

    @Test
    void aLimitedNameKeepsItsRedisKey() {
        assertThat(new String(keys.of("agent", "agent-7"), StandardCharsets.UTF_8))
                .isEqualTo("pb:limit:agent:82acee43d05d0e227e8e0b559449ce54");
    }

    @Test
    void theLimitAndTheNameAreKeptApart() {
        assertThat(keys.of("agent", "agent-7")).isNotEqualTo(keys.of("agen", "tagent-7"));
        assertThat(new String(keys.of("agent", "agent-7"), StandardCharsets.UTF_8)).doesNotContain("agent-7");
    }
}
