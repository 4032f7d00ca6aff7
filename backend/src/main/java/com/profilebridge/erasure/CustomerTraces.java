package com.profilebridge.erasure;

import com.profilebridge.cdp.CdpIdentifier;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the bridge can learn about where a customer is: their identifiers (id, and phone and e-mail
 * from the CDP or from this instance's cache keys) and the interactions they took part in.
 *
 * @param cdpAnswered whether the CDP could be asked (true also when it knows no such customer)
 * @param inCdp whether the CDP knows the customer
 */
record CustomerTraces(String userId, Set<CdpIdentifier> identifiers, Set<String> interactions, boolean cdpAnswered,
        boolean inCdp) {

    CustomerTraces {
        identifiers = Set.copyOf(identifiers);
        interactions = Set.copyOf(interactions);
    }

    /** The values to look for in stored texts: the id, the E.164 phone number, the e-mail address. */
    List<String> terms() {
        return identifiers.stream().map(CdpIdentifier::value).map(v -> v.toLowerCase(Locale.ROOT)).distinct().sorted()
                .toList();
    }

    @Nullable String value(CdpIdentifier.Kind kind) {
        return identifiers.stream().filter(i -> i.kind() == kind).map(CdpIdentifier::value).sorted().findFirst()
                .orElse(null);
    }
}
