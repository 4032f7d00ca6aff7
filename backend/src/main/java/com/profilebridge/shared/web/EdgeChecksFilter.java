package com.profilebridge.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The checks that cost nothing, made before any filter, security chain or controller reads a body:
 *
 * <ul>
 *   <li>the body's size against its route family's cap ({@link BodyLimitProperties}): a declared
 *       {@code Content-Length} above it is answered 413 unread; a chunked body is read up to the cap
 *       and answered 413 the moment it passes it, so no request ever buffers more than its cap;
 *   <li>on the integration API, calls from a browser on another site ({@code Origin} of another
 *       host, {@code Sec-Fetch-Site: cross-site}): 403, so a cross-site form post cannot use the
 *       Basic credentials a browser holds; IVR platforms call server to server and send neither;
 *   <li>the content type of the integration API and of the widget handshake: 415 for anything but
 *       JSON and form-encoded bodies (CXone Studio's REST action sends JSON under the form type);
 *   <li>the widget handshake's origin: 403 for a post from another origin, before its body is parsed.
 * </ul>
 *
 * Routes are told apart by the decoded, normalised path ({@link EdgeRoute}), so an encoded path
 * gets the same cap as its plain form.
 */
final class EdgeChecksFilter extends OncePerRequestFilter {

    private static final String ACCEPTED_TYPES =
            MediaType.APPLICATION_JSON_VALUE + ", " + MediaType.APPLICATION_FORM_URLENCODED_VALUE;

    private final BodyLimitProperties limits;

    EdgeChecksFilter(BodyLimitProperties limits) {
        this.limits = limits;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        EdgeRoute route = EdgeRoute.of(request);
        boolean mayCarryBody = !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod());
        if (route == EdgeRoute.INTEGRATION && BrowserOrigins.fromAnotherSite(request)) {
            ProblemWriter.write(response, HttpStatus.FORBIDDEN, "cross-origin",
                    "The integration API is not callable from a browser page of another site.");
            return;
        }
        if (route == EdgeRoute.WIDGET_HANDSHAKE && mayCarryBody && !BrowserOrigins.sameOriginOrNone(request)) {
            ProblemWriter.write(response, HttpStatus.FORBIDDEN, "foreign-origin",
                    "The widget session can only be opened by the bridge pages of this server.");
            return;
        }
        if ((route == EdgeRoute.INTEGRATION || route == EdgeRoute.WIDGET_HANDSHAKE) && mayCarryBody
                && !acceptedContentType(request.getContentType())) {
            response.setHeader("Accept", ACCEPTED_TYPES);
            ProblemWriter.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Send the body as " + MediaType.APPLICATION_JSON_VALUE + " (or "
                            + MediaType.APPLICATION_FORM_URLENCODED_VALUE + " carrying JSON).");
            return;
        }
        long cap = limits.capOf(route);
        long declared = request.getContentLengthLong();
        if (declared > cap) {
            tooLarge(response, cap);
            return;
        }
        if (declared < 0 && request.getHeader("Transfer-Encoding") != null) {
            // chunked: nobody knows the size up front; read at most one byte past the cap
            byte[] body = request.getInputStream().readNBytes((int) Math.min(cap + 1, Integer.MAX_VALUE - 8));
            if (body.length > cap) {
                tooLarge(response, cap);
                return;
            }
            chain.doFilter(new BufferedBodyRequest(request, body, request.getContentType(),
                    BufferedBodyRequest.Parameters.QUERY_AND_FORM), response);
            return;
        }
        chain.doFilter(request, response);
    }

    /** 413, and the connection closes: the rest of the body is never read. */
    private static void tooLarge(HttpServletResponse response, long cap) throws IOException {
        response.setHeader("Connection", "close");
        ProblemWriter.write(response, HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
                "The request body is larger than " + cap + " bytes.");
    }

    /**
     * No content type is left to the endpoint (an empty POST such as a replay; a body without a type
     * is refused there); a present one must be JSON or form-encoded.
     */
    static boolean acceptedContentType(@Nullable String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)
                    || MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(type);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
