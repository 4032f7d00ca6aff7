package com.profilebridge.widget.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends {@code Content-Security-Policy: frame-ancestors 'self' <configured origins>} on every
 * response. A servlet filter ahead of everything else, because Spring Security's header writers
 * never see Vaadin's bootstrap page and {@code ?v-r=init} responses (Vaadin's own
 * {@code X-Frame-Options} is switched off with {@code vaadin.frameOptions=}).
 */
class FrameAncestorsFilter extends OncePerRequestFilter {

    static final String HEADER = "Content-Security-Policy";
    /** An origin, optionally with a {@code *.} host wildcard or a {@code ${...}} placeholder for the port. */
    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.*\\-]+(:([0-9]{1,5}|\\$\\{[a-z.]+}))?");

    private final List<String> origins;
    private final UnaryOperator<String> placeholders;
    private volatile @Nullable String resolved;

    /**
     * @param origins the allowed host origins; checked here so a typo fails at start-up, not in a desktop
     * @param placeholders resolves {@code ${local.server.port}} once the server listens
     */
    FrameAncestorsFilter(List<String> origins, UnaryOperator<String> placeholders) {
        this.origins = origins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
        for (String origin : this.origins) {
            if (!ORIGIN.matcher(origin).matches()) {
                throw new IllegalStateException("bridge.widget.frame-ancestors: '" + origin
                        + "' is not an origin (scheme://host[:port], no path)");
            }
        }
        this.placeholders = placeholders;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HEADER, policy());
        chain.doFilter(request, response);
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    String policy() {
        String policy = resolved;
        if (policy != null) {
            return policy;
        }
        StringBuilder value = new StringBuilder("frame-ancestors 'self'");
        boolean complete = true;
        for (String origin : origins) {
            String o = placeholders.apply(origin);
            if (o.contains("${")) {
                complete = false; // the port is not known yet: leave this origin out for now
                continue;
            }
            value.append(' ').append(o);
        }
        policy = value.toString();
        if (complete) {
            resolved = policy;
        }
        return policy;
    }
}
