package com.profilebridge.shared.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error answers (a URL or header it refuses before any filter runs: an encoded slash or
 * backslash, a bad percent escape, {@code %00}, headers over its limit, a bad {@code Host}) as the same
 * problem details as every other error, instead of Tomcat's HTML page. Errors the application answered
 * have a body already and are left alone.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    /** Public: the host may create one by its class name. */
    public ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, @Nullable Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || response.isCommitted()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String type = status == 400 ? "rejected-request" : "status-" + status;
        String detail = status == 400
                ? "The request's URL or headers are not allowed (encoded slashes or backslashes, bad percent escapes, "
                        + "control characters, headers too large)."
                : "The server could not handle this request.";
        String correlationId = UUID.randomUUID().toString();
        String body = "{\"type\":\"" + ProblemDetailsAdvice.TYPE_BASE + type + "\",\"title\":\"" + json(title)
                + "\",\"status\":" + status + ",\"detail\":\"" + json(detail) + "\",\"correlationId\":\""
                + correlationId + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader("X-Correlation-Id", correlationId);
            response.setHeader("X-Content-Type-Options", "nosniff");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response cannot take a body: nothing more to say
        }
    }

    private static String json(@Nullable String text) {
        return text == null ? "" : text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
