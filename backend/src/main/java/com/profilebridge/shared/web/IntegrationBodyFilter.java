package com.profilebridge.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the bodies of the platform integration endpoints ({@code /v1/**}, matched on the decoded
 * path) before anything else touches them and turns CXone's default
 * {@code application/x-www-form-urlencoded} single-line JSON into plain JSON. Reading the raw bytes
 * here matters: a servlet form parser would decode {@code +} in {@code +1555...} to a space and
 * split the JSON on {@code &} and {@code =}. The edge checks before it have refused other content
 * types and capped the size ({@code bridge.edge.body.integration}); the cap is applied again here,
 * so this filter never buffers more whatever runs before it. {@code text/plain} is not converted:
 * it is what a cross-site HTML form can send without a preflight.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class IntegrationBodyFilter extends OncePerRequestFilter {

    /** Request attribute: the body exactly as received, when it was converted (CXone's form bodies). */
    public static final String RAW_BODY = IntegrationBodyFilter.class.getName() + ".raw";
    private final JsonMapper json;
    private final int maxBodyBytes;

    IntegrationBodyFilter(JsonMapper json, BodyLimitProperties limits) {
        this.json = json;
        this.maxBodyBytes = (int) Math.min(Integer.MAX_VALUE - 8, limits.integration().toBytes());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || EdgeRoute.of(request) != EdgeRoute.INTEGRATION;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        byte[] body = readAtMost(request.getInputStream(),
                declared >= 0 && declared <= maxBodyBytes ? (int) declared : maxBodyBytes);
        if (body == null) {
            response.setHeader("Connection", "close");
            ProblemWriter.write(response, HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
                    "The request body is larger than " + maxBodyBytes + " bytes.");
            return;
        }
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (contentType.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
            // a signature covers the bytes as sent, not the JSON they become
            request.setAttribute(RAW_BODY, body);
            body = formToJson(new String(body, charsetOf(request)));
            chain.doFilter(new BufferedBodyRequest(request, body, MediaType.APPLICATION_JSON_VALUE,
                    BufferedBodyRequest.Parameters.NONE), response);
            return;
        }
        chain.doFilter(new BufferedBodyRequest(request, body, request.getContentType(),
                BufferedBodyRequest.Parameters.NONE), response);
    }

    private static java.nio.charset.Charset charsetOf(HttpServletRequest request) {
        try {
            return request.getCharacterEncoding() == null
                    ? StandardCharsets.UTF_8
                    : java.nio.charset.Charset.forName(request.getCharacterEncoding());
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
