package com.profilebridge.outcome;

import com.profilebridge.shared.HmacSha256;
import com.profilebridge.shared.web.BadRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Standard Webhooks signatures ({@code webhook-id}, {@code webhook-timestamp},
 * {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">}, space-separated for
 * several). Optional per source: a caller with secrets configured must sign, others need not.
 * Every configured secret is tried, so a secret can be rotated without downtime. The headers'
 * formats are checked whoever sends them (400): an unsigned caller's {@code webhook-id} is still its
 * event id.
 */
@Component
class WebhookSignatures {

    /** Unix seconds: 12 digits reach the year 33658, and every such value is a valid instant. */
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    private static final int MAX_SIGNATURES = 2_048;

    private final Map<String, OutcomeProperties.Webhook> webhooks;
    private final Clock clock;

    WebhookSignatures(OutcomeProperties properties, Clock clock) {
        this.webhooks = properties.webhooks();
        this.clock = clock;
    }

    /**
     * @return the verified {@code webhook-id} (the event's own id), or null when the caller does
     *     not sign and sent no id
     */
    @Nullable String verify(String caller, @Nullable String id, @Nullable String timestamp, @Nullable String signatures,
            byte[] body) {
        checkFormats(id, timestamp, signatures);
        OutcomeProperties.Webhook webhook = webhooks.get(caller);
        List<String> secrets = webhook == null ? List.of()
                : webhook.secrets().stream().filter(s -> !s.isBlank()).toList();
        if (secrets.isEmpty()) {
            return id == null || id.isBlank() ? null : id.strip();
        }
        if (id == null || timestamp == null || signatures == null) {
            throw rejected("This source must sign its requests (webhook-id, webhook-timestamp, webhook-signature).");
        }
        long seconds = Long.parseLong(timestamp.strip());
        Duration skew = Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs();
        if (skew.compareTo(webhook.tolerance()) > 0) {
            throw rejected("webhook-timestamp is outside the " + webhook.tolerance().toMinutes() + "-minute tolerance.");
        }
        byte[] signed = concat((id + "." + seconds + ".").getBytes(StandardCharsets.UTF_8), body);
        for (String secret : secrets) {
            byte[] expected = hmac(key(secret), signed);
            for (String candidate : signatures.strip().split(" +")) {
                int comma = candidate.indexOf(',');
                if (comma < 0 || !candidate.substring(0, comma).equals("v1")) {
                    continue;
                }
                byte[] presented;
                try {
                    presented = Base64.getDecoder().decode(candidate.substring(comma + 1));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (MessageDigest.isEqual(expected, presented)) {
                    return id.strip();
                }
            }
        }
        throw rejected("No webhook-signature matches the body with any configured secret.");
    }

    /** Formats only; whether they are required and valid is the signature check's business (401). */
    private static void checkFormats(@Nullable String id, @Nullable String timestamp, @Nullable String signatures) {
        if (id != null && !OutcomeParser.EVENT_ID.matcher(id.strip()).matches()) {
            throw new BadRequest("invalid-webhook-header", "webhook-id must be 1-128 printable characters without spaces.");
        }
        if (timestamp != null && !TIMESTAMP.matcher(timestamp.strip()).matches()) {
            throw new BadRequest("invalid-webhook-header", "webhook-timestamp must be Unix seconds (at most 12 digits).");
        }
        if (signatures != null && (signatures.length() > MAX_SIGNATURES || signatures.isBlank())) {
            throw new BadRequest("invalid-webhook-header", "webhook-signature must be 1-" + MAX_SIGNATURES
                    + " characters of space-separated v1,<base64> signatures.");
        }
    }

    private static byte[] key(String secret) {
        String encoded = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException notBase64) {
            return secret.getBytes(StandardCharsets.UTF_8);
        }
    }

    static byte[] hmac(byte[] key, byte[] content) {
        return HmacSha256.compute(key, content);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static BadRequest rejected(String detail) {
        return new BadRequest(HttpStatus.UNAUTHORIZED, "invalid-webhook-signature", detail);
    }
}
