package com.profilebridge.shared.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** Writes a problem detail from places outside Spring MVC (servlet filters, security entry points). */
public final class ProblemWriter {

    private ProblemWriter() {}

    public static void write(HttpServletResponse response, HttpStatus status, String type, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String body = "{\"type\":\"" + ProblemDetailsAdvice.TYPE_BASE + type + "\",\"title\":\""
                + escape(status.getReasonPhrase()) + "\",\"status\":" + status.value() + ",\"detail\":\""
                + escape(detail) + "\",\"correlationId\":\"" + escape(CorrelationIdFilter.current()) + "\"}";
        response.getWriter().write(body);
    }

    /** 429 with {@code Retry-After}. */
    public static void tooManyRequests(HttpServletResponse response, TooManyRequests limit) throws IOException {
        response.setHeader("Retry-After", Long.toString(limit.retryAfterSeconds()));
        write(response, HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", limit.getMessage());
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
