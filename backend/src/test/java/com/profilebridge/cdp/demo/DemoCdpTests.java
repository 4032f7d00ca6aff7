package com.profilebridge.cdp.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpIdentifier.Kind;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.cdp.CdpTrackEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DemoCdpTests {

    final DemoCdp cdp = new DemoCdp(new DemoCdpProperties(10_000, 20261128L, Duration.ZERO));

    @Test
    void holdsTenThousandDeterministicCustomers() {
        assertThat(cdp.size()).isEqualTo(10_000);
        List<CdpProfile> again = DemoDataSet.generate(20261128L, 10_000);
        assertThat(cdp.profile("usr_00042")).contains(again.get(42));
    }

    @Test
    void mostPhonesAreUniqueAndSomeHouseholdsShareOne() {
        Map<String, Long> perPhone = DemoDataSet.generate(20261128L, 10_000).stream()
                .collect(Collectors.groupingBy(CdpProfile::phone, Collectors.counting()));
        long shared = perPhone.values().stream().filter(n -> n > 1).count();
        assertThat(perPhone.values()).allMatch(n -> n <= 3);
        assertThat(shared).isBetween(50L, 200L);
        assertThat(cdp.lookup(new CdpIdentifier(Kind.PHONE, "+15551000097")).profiles()).hasSizeBetween(2, 3);
    }

    @Test
    void carriesRawPiiLikeARealCdpWould() {
        CdpProfile p = cdp.profile("usr_00040").orElseThrow();
        assertThat(p.attributes()).containsKeys("ssn", "credit_card_number", "date_of_birth");
        assertThat(p.notes()).containsPattern("\\d{4} \\d{4} \\d{4} \\d{4}");
        assertThat(p.email()).isNotEqualTo(p.email().toLowerCase());
    }

    @Test
    void findsEmailsWhateverTheirCase() {
        CdpProfile p = cdp.profile("usr_00042").orElseThrow();
        assertThat(cdp.lookup(new CdpIdentifier(Kind.EMAIL, p.email().toLowerCase())).profiles()).containsExactly(p);
    }

    @Test
    void showsTrackedOutcomesInTheHistoryOncePerMessageId() {
        CdpTrackEvent event = new CdpTrackEvent("m-1", "usr_00042", "call_completed",
                Instant.parse("2026-11-28T10:00:00Z"), Map.of("interactionId", "c-1", "outcome", "sale"));
        cdp.track(event);
        cdp.track(event);
        List<CdpProfile.Interaction> history = cdp.profile("usr_00042").orElseThrow().recentInteractions();
        assertThat(history).filteredOn(i -> "c-1".equals(i.interactionId())).hasSize(1);
        assertThat(history.getFirst().outcome()).isEqualTo("sale");
    }

    @ParameterizedTest
    @ValueSource(strings = {"usr_99999", "", " ", "usr_00042 "})
    void anUnknownOrBlankUserIdIsNoMatch(String userId) {
        assertThat(cdp.lookup(new CdpIdentifier(Kind.USER_ID, userId)).profiles()).isEmpty();
        assertThat(cdp.profile(userId)).isEmpty();
    }

    @Test
    void everyMatchNamesItsUser() {
        assertThat(cdp.lookup(new CdpIdentifier(Kind.PHONE, "+15551000097")).profiles())
                .allSatisfy(p -> assertThat(p.userId()).isNotBlank());
    }
}
