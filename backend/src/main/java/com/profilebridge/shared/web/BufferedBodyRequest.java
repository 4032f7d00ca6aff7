package com.profilebridge.shared.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;

/**
 * A request whose body has already been read (and bounded) by an edge filter: the bytes are served
 * again to whatever reads them next, with a matching {@code Content-Length}.
 */
final class BufferedBodyRequest extends HttpServletRequestWrapper {

    /** What {@code getParameter*} answers. */
    enum Parameters {
        /** None at all: the integration endpoints read JSON, never form fields. */
        NONE,
        /** The query string's, plus the body's when it is form-encoded (what the container would give). */
        QUERY_AND_FORM
    }

    private final byte[] body;
    private final @Nullable String contentType;
    private final Parameters parameters;
    private @Nullable Map<String, String[]> parameterMap;

    BufferedBodyRequest(HttpServletRequest request, byte[] body, @Nullable String contentType, Parameters parameters) {
        super(request);
        this.body = body;
        this.contentType = contentType;
        this.parameters = parameters;
    }

    @Override
    public @Nullable String getContentType() {
        return contentType;
    }

    @Override
    public @Nullable String getHeader(String name) {
        if ("content-type".equalsIgnoreCase(name)) {
            return contentType;
        }
        if ("content-length".equalsIgnoreCase(name)) {
            return Integer.toString(body.length);
        }
        if ("transfer-encoding".equalsIgnoreCase(name)) {
            return null;
        }
        return super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        if ("content-type".equalsIgnoreCase(name) || "content-length".equalsIgnoreCase(name)
                || "transfer-encoding".equalsIgnoreCase(name)) {
            String value = getHeader(name);
            return value == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(value));
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
        if (parameterMap == null) {
            parameterMap = parameters == Parameters.NONE ? Map.of() : queryAndForm();
        }
        return parameterMap;
    }

    @Override
    public @Nullable String getParameter(String name) {
        String[] values = getParameterMap().get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(getParameterMap().keySet());
    }

    @Override
    public String @Nullable [] getParameterValues(String name) {
        return getParameterMap().get(name);
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
    public BufferedReader getReader() {
        return new BufferedReader(new InputStreamReader(getInputStream(), charset()));
    }

    private Charset charset() {
        try {
            String encoding = getCharacterEncoding();
            return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /**
     * The container parses form bodies from its own input stream, which the edge filter has drained,
     * so the form fields come from the buffered bytes here.
     */
    private Map<String, String[]> queryAndForm() {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        parse(getQueryString(), StandardCharsets.UTF_8, fields);
        if (contentType != null && contentType.toLowerCase(Locale.ROOT)
                .startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
            Charset charset = charset();
            parse(new String(body, charset), charset, fields);
        }
        Map<String, String[]> map = new LinkedHashMap<>();
        fields.forEach((key, values) -> map.put(key, values.toArray(String[]::new)));
        return Collections.unmodifiableMap(map);
    }

    private static void parse(@Nullable String encoded, Charset charset, Map<String, List<String>> into) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), charset);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), charset);
                into.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException malformed) {
                // as the container does: a malformed pair is skipped
            }
        }
    }
}
