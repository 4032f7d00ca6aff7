package com.profilebridge.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of a platform integration call ({@code POST /v1/**}), read at most up to its cap
 * ({@code bridge.edge.body.integration}) and turned into JSON: CXone's default
 * {@code application/x-www-form-urlencoded} carries single-line JSON, which becomes plain JSON here.
 * Reading the raw bytes matters: a servlet form parser would decode {@code +} in {@code +1555...} to
 * a space and split the JSON on {@code &} and {@code =}. Used by {@link IntegrationBodyFilter} for
 * the full stack and by the resolve fast path, which runs before that filter, so both read a body
 * the same way.
 */
public class IntegrationBodies {

    /**
     * A body as received and as JSON.
     *
     * @param raw the bytes as sent (a signature covers these)
     * @param json the JSON the endpoints read: {@code raw} itself unless it was form-encoded
     */
    public record Body(byte[] raw, byte[] json, boolean converted) {}

    private final JsonMapper json;
    private final int maxBodyBytes;

    /** @param cap the largest body read ({@code bridge.edge.body.integration}) */
    public IntegrationBodies(JsonMapper json, DataSize cap) {
        this.json = json;
        this.maxBodyBytes = (int) Math.min(Integer.MAX_VALUE - 8, cap.toBytes());
    }

    /** The cap in bytes. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * Reads the request's body (never more than the cap plus one byte) and converts a form-encoded
     * one to JSON.
     *
     * @return null when the body is larger than the cap
     */
    public @Nullable Body read(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        byte[] raw = readAtMost(request.getInputStream(),
                declared >= 0 && declared <= maxBodyBytes ? (int) declared : maxBodyBytes);
        if (raw == null) {
            return null;
        }
        if (isFormEncoded(request.getContentType())) {
            return new Body(raw, formToJson(new String(raw, charsetOf(request))), true);
        }
        return new Body(raw, raw, false);
    }

    /**
     * The request again with a body that was read already, as it arrived (content type included),
     * for the filters and endpoints behind: what the resolve fast path hands on when it does not
     * answer a request itself.
     */
    public static HttpServletRequest unread(HttpServletRequest request, byte[] raw) {
        return new BufferedBodyRequest(request, raw, request.getContentType(),
                BufferedBodyRequest.Parameters.QUERY_AND_FORM);
    }

    /** {@code application/x-www-form-urlencoded}, any case, any parameters: CXone Studio's default. */
    public static boolean isFormEncoded(@Nullable String contentType) {
        return contentType != null && contentType.regionMatches(true, 0, MediaType.APPLICATION_FORM_URLENCODED_VALUE, 0,
                MediaType.APPLICATION_FORM_URLENCODED_VALUE.length());
    }

    private static Charset charsetOf(HttpServletRequest request) {
        try {
            return request.getCharacterEncoding() == null
                    ? StandardCharsets.UTF_8
                    : Charset.forName(request.getCharacterEncoding());
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /**
     * CXone sends a single-line JSON body under the form content type; some Studio scripts
     * URL-encode it, others send real {@code key=value} pairs. All three become one JSON object.
     */
    byte[] formToJson(String raw) {
        String trimmed = raw.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            return trimmed.getBytes(StandardCharsets.UTF_8);
        }
        String decoded = URLDecoder.decode(trimmed.replace("+", "%2B"), StandardCharsets.UTF_8).strip();
        if (decoded.endsWith("=")) {
            decoded = decoded.substring(0, decoded.length() - 1).strip();
        }
        if (decoded.startsWith("{")) {
            return decoded.getBytes(StandardCharsets.UTF_8);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : trimmed.split("&")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            // '+' stays a plus: phone numbers arrive as +1555..., never as encoded spaces.
            fields.put(
                    URLDecoder.decode(key.replace("+", "%2B"), StandardCharsets.UTF_8),
                    URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return json.writeValueAsBytes(fields);
    }

    private static byte @Nullable [] readAtMost(InputStream in, int limit) throws IOException {
        byte[] data = in.readNBytes(limit + 1);
        return data.length > limit ? null : data;
    }
}
