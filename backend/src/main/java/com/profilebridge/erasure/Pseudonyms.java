package com.profilebridge.erasure;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The stable pseudonym of an erased customer: {@code erased:} and 128 bits of HMAC-SHA256 of their
 * id under a secret key. The same customer always gets the same pseudonym (their audit rows group
 * together, a second erasure finds the same), and without the key nobody can tell whose it is, not
 * even by trying every customer id of a CDP whose ids are a counter.
 */
final class Pseudonyms {

    static final String PREFIX = "erased:";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    Pseudonyms(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    String of(String cdpUserId) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(("cdp-user:" + cdpUserId).getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }

    static boolean isPseudonym(String value) {
        return value.startsWith(PREFIX);
    }

    /** A key derived from another secret for this purpose only (HMAC of a fixed label). */
    static byte[] derive(String secret, String label) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }
}
