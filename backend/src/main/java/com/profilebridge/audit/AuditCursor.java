package com.profilebridge.audit;

import com.profilebridge.audit.AuditQueryRejected.Reason;
import com.profilebridge.shared.Sha256;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Where a page of the audit trail ends: the last row's {@code (occurred_at, id)}, the keyset the next
 * page continues after. Sent to clients as an opaque token (base64url of a version byte, the
 * position and a check) that is tied to the filter it was issued for: a changed character or a
 * token from other filters is refused, not silently answered with some other page.
 *
 * <p>The check is a digest, not a signature: a cursor grants nothing (it only says where to start
 * in rows the caller may read anyway), so no secret is shared between instances.
 */
record AuditCursor(Instant occurredAt, long id) {

    private static final byte VERSION = 1;
    private static final int CHECK_BYTES = 8;
    private static final int LENGTH = 1 + Long.BYTES + Integer.BYTES + Long.BYTES + CHECK_BYTES;
    // wider than any audit row can be, narrow enough that every database accepts the bound
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    private static final int MAX_TOKEN = 64;

    static AuditCursor after(AuditEvent last) {
        return new AuditCursor(last.occurredAt(), last.id());
    }

    String encode(AuditFilter filter) {
        ByteBuffer bytes = ByteBuffer.allocate(LENGTH)
                .put(VERSION)
                .putLong(occurredAt.getEpochSecond())
                .putInt(occurredAt.getNano())
                .putLong(id)
                .put(check(occurredAt.getEpochSecond(), occurredAt.getNano(), id, filter));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** The position in the token, when the token is one this filter issued; else a rejection. */
    static AuditCursor decode(String token, AuditFilter filter) {
        byte[] raw = bytes(token);
        if (raw == null || raw.length != LENGTH || raw[0] != VERSION) {
            throw invalid();
        }
        ByteBuffer in = ByteBuffer.wrap(raw, 1, LENGTH - 1);
        long seconds = in.getLong();
        int nanos = in.getInt();
        long id = in.getLong();
        byte[] check = new byte[CHECK_BYTES];
        in.get(check);
        if (!Arrays.equals(check, check(seconds, nanos, id, filter))) {
            throw new AuditQueryRejected(Reason.INVALID_CURSOR,
                    "cursor is not one this server issued for these filters; start again from the first page.");
        }
        if (nanos < 0 || nanos > 999_999_999 || id < 1 || seconds < EARLIEST.getEpochSecond()
                || seconds > LATEST.getEpochSecond()) {
            throw invalid();
        }
        return new AuditCursor(Instant.ofEpochSecond(seconds, nanos), id);
    }

    private static byte @Nullable [] bytes(String token) {
        if (token.length() > MAX_TOKEN) {
            return null;
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(token);
            // one spelling per cursor: the decoder would also take padding and stray low bits
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw).equals(token) ? raw : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static byte[] check(long seconds, int nanos, long id, AuditFilter filter) {
        byte[] digest = Sha256.of(VERSION + "|" + seconds + "|" + nanos + "|" + id + "|" + filter.key());
        return Arrays.copyOf(digest, CHECK_BYTES);
    }

    private static AuditQueryRejected invalid() {
        return new AuditQueryRejected(Reason.INVALID_CURSOR,
                "cursor is not a cursor of this API; use the 'next' value of a previous page.");
    }
}
