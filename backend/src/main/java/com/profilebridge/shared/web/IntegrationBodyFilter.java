package com.profilebridge.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the bodies of the platform integration endpoints ({@code /v1/**}) before anything else
 * touches them: caps their size (413 beyond {@value #MAX_BODY_BYTES} bytes) and turns CXone's
 * default {@code application/x-www-form-urlencoded} single-line JSON into plain JSON. Reading the
 * raw bytes here matters: a servlet form parser would decode {@code +} in {@code +1555...} to a
 * space and split the JSON on {@code &} and {@code =}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class IntegrationBodyFilter extends OncePerRequestFilter {

    static final int MAX_BODY_BYTES = 32 * 1024;
    /** Request attribute: the body exactly as received, when it was converted (CXone's form bodies). */
    public static final String RAW_BODY = IntegrationBodyFilter.class.getName() + ".raw";
    private final JsonMapper json;

    public IntegrationBodyFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/v1/") || !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            ProblemWriter.write(response, HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
                    "The request body is larger than " + MAX_BODY_BYTES + " bytes.");
            return;
        }
        long declared = request.getContentLengthLong();
        byte[] body = readAtMost(request.getInputStream(), declared >= 0 ? (int) declared : MAX_BODY_BYTES);
        if (body == null) {
            ProblemWriter.write(response, HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
                    "The request body is larger than " + MAX_BODY_BYTES + " bytes.");
            return;
        }
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (contentType.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)
                || contentType.startsWith(MediaType.TEXT_PLAIN_VALUE)) {
            // a signature covers the bytes as sent, not the JSON they become
            request.setAttribute(RAW_BODY, body);
            body = formToJson(new String(body, charsetOf(request)));
            chain.doFilter(new BufferedRequest(request, body, MediaType.APPLICATION_JSON_VALUE), response);
            return;
        }
        chain.doFilter(new BufferedRequest(request, body, request.getContentType()), response);
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

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] data = in.readNBytes(limit + 1);
        return data.length > limit ? null : data;
    }

    private static final class BufferedRequest extends HttpServletRequestWrapper {
        private final byte[] body;
        private final String contentType;

        BufferedRequest(HttpServletRequest request, byte[] body, String contentType) {
            super(request);
            this.body = body;
            this.contentType = contentType;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public String getHeader(String name) {
            if ("content-type".equalsIgnoreCase(name)) {
                return contentType;
            }
            if ("content-length".equalsIgnoreCase(name)) {
                return Integer.toString(body.length);
            }
            return super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if ("content-type".equalsIgnoreCase(name) || "content-length".equalsIgnoreCase(name)) {
                String value = getHeader(name);
                return value == null ? Collections.emptyEnumeration() : Collections.enumeration(java.util.List.of(value));
            }
            return super.getHeaders(name);
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Map.of();
        }

        @Override
        public String getParameter(String name) {
            return null;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.emptyEnumeration();
        }

        @Override
        public String[] getParameterValues(String name) {
            return null;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
