package com.profilebridge.shared.web;

import java.net.URI;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * RFC 9457 problem details for every REST error. Messages are written for the caller; exception
 * text, stack traces and class names never leave the process.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private static final URI ABOUT_BLANK = URI.create("about:blank");

    /** Base of the {@code type} URIs of this product's problems. */
    public static final String TYPE_BASE = "https://profile-bridge.dev/problems/";

    /** A problem with a stable type, a title and a detail written for the caller. */
    public static ProblemDetail problem(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("correlationId", CorrelationIdFilter.current());
        return problem;
    }

    /** The problem as a response, for controllers that answer problems without throwing. */
    public static ResponseEntity<ProblemDetail> response(HttpStatus status, String type, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(status, type, detail));
    }

    @ExceptionHandler(BadRequest.class)
    ResponseEntity<ProblemDetail> badRequest(BadRequest e) {
        return ResponseEntity.status(e.status()).body(problem(e.status(), e.type(), e.getMessage()));
    }

    @ExceptionHandler(TooManyRequests.class)
    ResponseEntity<ProblemDetail> tooManyRequests(TooManyRequests e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", e.getMessage()));
    }

    /** A signed-in console user whose role does not allow the action (method security). */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e) {
        return response(HttpStatus.FORBIDDEN, "forbidden", "Your role does not allow this action.");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unhandled error (correlation id {})", CorrelationIdFilter.current(), e);
        return ResponseEntity.internalServerError()
                .body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "An internal error occurred."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest()
                .body(problem(HttpStatus.BAD_REQUEST, "malformed-body", "The request body is not valid JSON."));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            // Spring's own problems (405, 406, 415, ...) carry no type: give them one of ours, so
            // every error a caller sees has the same shape (type, title, status, detail, correlationId).
            if (problem.getType() == null || ABOUT_BLANK.equals(problem.getType())) {
                HttpStatus known = HttpStatus.resolve(problem.getStatus());
                String slug = known == null ? "http-" + problem.getStatus()
                        : known.name().toLowerCase(Locale.ROOT).replace('_', '-');
                problem.setType(URI.create(TYPE_BASE + slug));
            }
            problem.setProperty("correlationId", CorrelationIdFilter.current());
        }
        return response;
    }
}
