package com.profilebridge.audit.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.profilebridge.audit.AuditEvent;
import com.profilebridge.audit.AuditExport;
import com.profilebridge.audit.AuditFilter;
import com.profilebridge.audit.AuditPage;
import com.profilebridge.audit.AuditQueries;
import com.profilebridge.audit.AuditQueryRejected;
import com.profilebridge.audit.AuditWriteFailed;
import com.profilebridge.shared.web.BadRequest;
import com.profilebridge.shared.web.ProblemDetailsAdvice;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail for console users ({@code SUPERVISOR}; the {@code /api/console/**} chain asks for
 * the console session, the use case checks the role again): JSON pages by keyset cursor and a
 * streamed CSV export of every matching row, each look recorded in the trail itself.
 */
@RestController
@Tag(name = "Console: audit trail", description = "Who viewed which customer, when, how (role SUPERVISOR, console session)")
class AuditController {

    static final String EXPORT_LIMIT_HEADER = "X-Export-Row-Limit";
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final AuditQueries queries;
    private final Clock clock;

    AuditController(AuditQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    /** A page of the trail and the cursor of the next one; {@code next} is null on the last page. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AuditPageResponse(List<AuditEvent> items, @Nullable String next) {}

    @Operation(summary = "One page of the audit trail, newest first (keyset paging: pass the previous page's 'next' as cursor)")
    @GetMapping("/api/console/audit")
    ResponseEntity<AuditPageResponse> page(
            @Parameter(description = "actor, exactly") @RequestParam(required = false) @Nullable String agent,
            @Parameter(description = "CDP user id, exactly") @RequestParam(required = false) @Nullable String customer,
            @Parameter(description = "widget, proxy, console, ...") @RequestParam(required = false) @Nullable String channel,
            @Parameter(description = "PROFILE_VIEW, CALLER_VERIFIED, AUDIT_VIEW, ...") @RequestParam(required = false) @Nullable String action,
            @Parameter(description = "ISO-8601 with offset, inclusive, e.g. 2026-12-01T00:00:00Z") @RequestParam(required = false) @Nullable String from,
            @Parameter(description = "ISO-8601 with offset, exclusive") @RequestParam(required = false) @Nullable String to,
            @Parameter(description = "the 'next' of the previous page") @RequestParam(required = false) @Nullable String cursor,
            @Parameter(description = "rows per page, 1 to 500 (default 50)") @RequestParam(required = false) @Nullable String limit) {
        AuditFilter filter = filter(agent, customer, channel, action, from, to);
        AuditPage page = queries.page(filter, cursor, limit(limit));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new AuditPageResponse(page.items(), page.next()));
    }

    @Operation(summary = "Every matching row as CSV (UTF-8, RFC 4180, newest first, at most 100,000 rows: see X-Export-Row-Limit)")
    @GetMapping("/api/console/audit.csv")
    void csv(@RequestParam(required = false) @Nullable String agent,
            @RequestParam(required = false) @Nullable String customer,
            @RequestParam(required = false) @Nullable String channel,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            HttpServletResponse response) throws IOException {
        AuditExport export = queries.export(filter(agent, customer, channel, action, from, to));
        response.setStatus(HttpStatus.OK.value());
        response.setContentType("text/csv;charset=UTF-8;header=present");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("audit-trail-" + FILE_TIME.format(clock.instant()) + ".csv").build().toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        response.setHeader(EXPORT_LIMIT_HEADER, Integer.toString(export.maxRows()));
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
                64 * 1024);
        AuditCsv csv = new AuditCsv(out);
        csv.header();
        export.writeTo(csv::row);
        out.flush();
    }

    @ExceptionHandler(AuditQueryRejected.class)
    ResponseEntity<ProblemDetail> rejected(AuditQueryRejected e) {
        return ProblemDetailsAdvice.response(HttpStatus.BAD_REQUEST, e.reason().slug(), e.getMessage());
    }

    @ExceptionHandler(AuditWriteFailed.class)
    ResponseEntity<ProblemDetail> notRecorded(AuditWriteFailed e) {
        return ProblemDetailsAdvice.response(HttpStatus.SERVICE_UNAVAILABLE, "audit-unavailable",
                "The audit trail cannot be shown right now (this look at it could not be recorded).");
    }

    private static AuditFilter filter(@Nullable String agent, @Nullable String customer, @Nullable String channel,
            @Nullable String action, @Nullable String from, @Nullable String to) {
        return new AuditFilter(agent, customer, channel, action, instant("from", from), instant("to", to));
    }

    /** ISO-8601 with an offset; a '+' that arrived unencoded (a space by then) is read as the '+' it was. */
    private static @Nullable Instant instant(String name, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip().replace(' ', '+');
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRequest("invalid-time", name
                    + " must be an ISO-8601 date and time with an offset, e.g. 2026-12-01T08:00:00Z or 2026-12-01T09:00:00%2B01:00.");
        }
    }

    private static int limit(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return AuditQueries.DEFAULT_PAGE_SIZE;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new AuditQueryRejected(AuditQueryRejected.Reason.INVALID_LIMIT,
                    "limit must be a whole number between 1 and " + AuditQueries.MAX_PAGE_SIZE + ".");
        }
    }
}
