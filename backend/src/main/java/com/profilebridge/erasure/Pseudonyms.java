package com.profilebridge.erasure;

import com.profilebridge.shared.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The stable pseudonym of an erased customer: {@code erased:} and 128 bits of HMAC-SHA256 of their
 * id under a secret key. The same customer always gets the same pseudonym (their audit rows group
 * together, a second erasure finds the same), and without the key nobody can tell whose it is, not
 * even by trying every customer id of a CDP whose ids are a counter.
 */
final class Pseudonyms {

    static final String PREFIX = "erased:";

    private final HmacSha256 hmac;

    Pseudonyms(byte[] key) {
        this.hmac = HmacSha256.keyedWith(key);
    }

    String of(String cdpUserId) {
        return PREFIX + HexFormat.of().formatHex(hmac.of("cdp-user:" + cdpUserId), 0, 16);
    }

    static boolean isPseudonym(String value) {
        return value.startsWith(PREFIX);
    }

    /** A key derived from another secret for this purpose only (HMAC of a fixed label). */
    static byte[] derive(String secret, String label) {
        return HmacSha256.compute(secret.getBytes(StandardCharsets.UTF_8), label.getBytes(StandardCharsets.UTF_8));
    }
}
