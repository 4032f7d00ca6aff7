package com.profilebridge.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.profilebridge.audit.AuditQueryRejected.Reason;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AuditCursorTests {

    static final AuditFilter BY_AGENT = new AuditFilter("agent-7", null, null, null, null, null);
    static final AuditCursor POSITION = new AuditCursor(Instant.parse("2026-12-01T09:15:03.123456Z"), 4711);

    @Test
    void aCursorReadsBackAsTheSamePositionForTheSameFilter() {
        String token = POSITION.encode(BY_AGENT);
        assertThat(AuditCursor.decode(token, BY_AGENT)).isEqualTo(POSITION);
        assertThat(AuditCursor.decode(token, new AuditFilter(" agent-7 ", "", null, null, null, null)))
                .as("the same filter spelled differently").isEqualTo(POSITION);
        assertThat(token).matches("[A-Za-z0-9_-]+").doesNotContain("4711").doesNotContain("2026");
    }

    @Test
    void everyChangedCharacterIsRefused() {
        String token = POSITION.encode(BY_AGENT);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < token.length(); i++) {
            char other = alphabet.charAt((alphabet.indexOf(token.charAt(i)) + 1) % alphabet.length());
            String tampered = token.substring(0, i) + other + token.substring(i + 1);
            assertThatThrownBy(() -> AuditCursor.decode(tampered, BY_AGENT)).as("character %d", i)
                    .isInstanceOfSatisfying(AuditQueryRejected.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_CURSOR));
        }
    }

    @Test
    void aCursorOfOtherFiltersIsRefused() {
        String token = POSITION.encode(BY_AGENT);
        assertThatThrownBy(() -> AuditCursor.decode(token, AuditFilter.ALL)).isInstanceOf(AuditQueryRejected.class);
        assertThatThrownBy(() -> AuditCursor.decode(token, new AuditFilter("agent-7", null, null, null,
                Instant.parse("2026-12-01T00:00:00Z"), null))).isInstanceOf(AuditQueryRejected.class);
    }

    @Test
    void aForgedPositionWithoutTheMatchingCheckIsRefused() {
        byte[] raw = Base64.getUrlDecoder().decode(POSITION.encode(BY_AGENT));
        raw[20] ^= 0x01; // the id's last byte: 4711 -> 4710, the check left as it was
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        assertThatThrownBy(() -> AuditCursor.decode(forged, BY_AGENT)).isInstanceOf(AuditQueryRejected.class);
    }

    @Test
    void garbageIsRefused() {
        String token = POSITION.encode(BY_AGENT);
        for (String garbage : new String[] {"", "x", "not a cursor", token + "A", token.substring(1), token + "==",
                "%%%%", "A".repeat(10_000), token.replace('-', '+').replace('_', '/') + "="}) {
            assertThatThrownBy(() -> AuditCursor.decode(garbage, BY_AGENT)).as(garbage.length() > 60 ? "long" : garbage)
                    .isInstanceOf(AuditQueryRejected.class);
        }
    }
}
