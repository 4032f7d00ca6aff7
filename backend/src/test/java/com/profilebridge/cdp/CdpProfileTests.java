package com.profilebridge.cdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CdpProfileTests {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t\n"})
    void refusesAProfileWithoutAUserId(String userId) {
        assertThatThrownBy(() -> profile(userId)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMatchListRefusesAnEntryThatIsNoProfile() {
        assertThatThrownBy(() -> new CdpMatches(Arrays.asList(profile("usr_1"), null)))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void aProfileListedTwiceIsOneMatch() {
        assertThat(new CdpMatches(List.of(profile("usr_1"), profile("usr_2"), profile("usr_1"))).profiles())
                .extracting(CdpProfile::userId).containsExactly("usr_1", "usr_2");
    }

    static CdpProfile profile(String userId) {
        return new CdpProfile(userId, null, null, null, null, null, null, null, List.of(), List.of(), null, Map.of(),
                null);
    }
}
