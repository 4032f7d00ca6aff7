package com.profilebridge.widget.web;

import com.profilebridge.agent.AgentCredential;
import com.profilebridge.agent.AgentIdentity;
import com.profilebridge.agent.AgentPlatform;
import com.profilebridge.agent.AgentPlatformUnavailable;
import com.profilebridge.agent.AgentTokenRejected;
import com.profilebridge.agent.AgentTokens;
import com.profilebridge.shared.InteractionId;
import com.profilebridge.shared.web.ProblemDetailsAdvice;
import com.profilebridge.widget.WidgetProperties;
import com.profilebridge.widget.WidgetSession;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The widget session handshake. The bridge page in the host desktop posts the agent's platform
 * token once; it is validated with the platform, and the agent gets a new server session (new id)
 * holding an authenticated security context with {@value #ROLE} and a {@link WidgetSession}. The
 * token stays in that session's memory only, for the participant check (asked with the agent's own
 * rights); it is never logged, answered or written anywhere. Later widgets of the same desktop post
 * without a token and join the session while it is valid, so the agent logs in once for up to ten widgets.
 */
@RestController
@Hidden
class WidgetSessionController {

    static final String SESSION_PATH = "/widget/session";
    static final String CONFIG_PATH = "/widget/config";
    /** The role of a widget session (Vaadin's {@code @RolesAllowed} takes it without the prefix). */
    static final String ROLE = "WIDGET_AGENT";

    private static final Logger log = LoggerFactory.getLogger(WidgetSessionController.class);
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8}){0,2}");

    private final AgentTokens tokens;
    private final WidgetProperties properties;
    private final Environment environment;
    private final Clock clock;
    private final SecurityContextHolderStrategy contexts;
    private final HttpSessionSecurityContextRepository repository = new HttpSessionSecurityContextRepository();

    WidgetSessionController(AgentTokens tokens, WidgetProperties properties, Environment environment, Clock clock,
            ObjectProvider<SecurityContextHolderStrategy> strategies) {
        this.tokens = tokens;
        this.properties = properties;
        this.environment = environment;
        this.clock = clock;
        // The strategy Spring Security's own filters use: Vaadin's bean when there is one.
        this.contexts = strategies.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
    }

    /**
     * The handshake's fields; {@code environment} is Genesys' {@code gcTargetEnv}; {@code ani} the
     * caller's number where the host passes one (blank: withheld), kept in the server session only.
     */
    record Handshake(@Nullable String platform, @Nullable String token, @Nullable String environment,
            @Nullable String interactionId, @Nullable String lang, @Nullable String ani) {}

    @PostMapping(path = SESSION_PATH, consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> openFromJson(@RequestBody Handshake handshake, HttpServletRequest request,
            HttpServletResponse response) {
        return open(handshake, request, response);
    }

    @PostMapping(path = SESSION_PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> openFromForm(@RequestParam Map<String, String> form, HttpServletRequest request,
            HttpServletResponse response) {
        return open(new Handshake(form.get("platform"), form.get("token"), form.get("environment"),
                form.get("interactionId"), form.get("lang"), form.get("ani")), request, response);
    }

    /** What the bridge pages need before they log in: the same allowlists the validators use. */
    @GetMapping(path = CONFIG_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> config() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("genesysEnvironments", tokens.genesysEnvironments());
        body.put("genesysClientId", Optional.ofNullable(properties.genesys().clientId()).orElse(""));
        body.put("cxoneIssuer", environment.resolvePlaceholders(properties.cxone().issuer()));
        body.put("cxoneClientId", Optional.ofNullable(properties.cxone().clientId()).orElse(""));
        body.put("cxoneMaxOrigins", properties.cxone().maxOrigins().stream()
                .map(environment::resolvePlaceholders).toList());
        body.put("demoLogin", environment.getProperty("bridge.demo.identity-endpoints", Boolean.class, false));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    private ResponseEntity<?> open(Handshake handshake, HttpServletRequest request, HttpServletResponse response) {
        if (!sameOrigin(request)) {
            return ProblemDetailsAdvice.response(HttpStatus.FORBIDDEN, "foreign-origin",
                    "The widget session can only be opened by the bridge pages of this server.");
        }
        Optional<AgentPlatform> platform = Optional.ofNullable(handshake.platform()).flatMap(AgentPlatform::parse);
        if (platform.isEmpty()) {
            return ProblemDetailsAdvice.response(HttpStatus.BAD_REQUEST, "unknown-agent-platform",
                    "platform must be 'genesys' or 'cxone'.");
        }
        String interaction = blankToNull(handshake.interactionId());
        if (interaction != null && !InteractionId.isValid(interaction)) {
            return ProblemDetailsAdvice.response(HttpStatus.BAD_REQUEST, "invalid-interaction-id",
                    "This is not an interaction id.");
        }
        Locale locale = locale(handshake.lang());
        String token = blankToNull(handshake.token());
        String ani = handshake.ani() == null ? null : handshake.ani().strip();
        if (token == null) {
            return join(platform.get(), interaction, locale, ani, request);
        }
        AgentIdentity agent;
        try {
            agent = tokens.validate(platform.get(), token, handshake.environment());
        } catch (AgentTokenRejected e) {
            if (e.foreignOrganisation() != null) {
                // a valid sign-in of an organisation nobody added: only an administrator can help
                var problem = ProblemDetailsAdvice.problem(HttpStatus.FORBIDDEN, "foreign-organisation", e.getMessage());
                problem.setProperty("organisation", e.foreignOrganisation());
                return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(problem);
            }
            return ProblemDetailsAdvice.response(HttpStatus.UNAUTHORIZED, "invalid-agent-token", e.getMessage());
        } catch (AgentPlatformUnavailable e) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ProblemDetailsAdvice.problem(HttpStatus.SERVICE_UNAVAILABLE,
                            platform.get() == AgentPlatform.GENESYS ? "genesys-unavailable" : "cxone-unavailable",
                            e.getMessage()));
        }
        AgentCredential credential = new AgentCredential(platform.get(), token, handshake.environment());
        HttpSession session = request.getSession(false);
        WidgetSession existing = session == null ? null : current(session);
        WidgetSession widget;
        if (existing != null && existing.agent().actor().equals(agent.actor())
                && existing.agent().organizationId().equals(agent.organizationId())) {
            // the same agent again (another widget, a renewed token): keep the other widgets' interactions
            request.changeSessionId();
            widget = new WidgetSession(agent, existing.interactions(), locale, existing.callers(), credential)
                    .with(interaction, locale, ani);
        } else {
            if (session != null) {
                session.invalidate(); // another agent's (or nobody's) state never carries over
            }
            session = request.getSession(true);
            widget = new WidgetSession(agent, Map.of(), locale, credential).with(interaction, locale, ani);
        }
        var authentication = UsernamePasswordAuthenticationToken.authenticated(agent.actor(), null,
                List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)));
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(authentication);
        contexts.setContext(context);
        repository.saveContext(context, request, response);
        request.getSession().setAttribute(WidgetSession.ATTRIBUTE, widget);
        log.info("Widget session opened for {} (organisation {}, interaction {})", agent.actor(),
                agent.organizationId(), interaction == null ? "-" : interaction);
        return opened(widget, interaction);
    }

    /** A widget of a desktop whose agent has a valid session already: no new login. */
    private ResponseEntity<?> join(AgentPlatform platform, @Nullable String interaction, Locale locale,
            @Nullable String ani, HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        WidgetSession existing = session == null ? null : current(session);
        if (existing == null || existing.agent().platform() != platform || existing.expired(clock.instant())
                || repository.loadDeferredContext(request).get().getAuthentication() == null) {
            return ProblemDetailsAdvice.response(HttpStatus.UNAUTHORIZED, "login-required",
                    "Sign in to open the widget.");
        }
        WidgetSession widget = existing.with(interaction, locale, ani);
        session.setAttribute(WidgetSession.ATTRIBUTE, widget);
        return opened(widget, interaction);
    }

    private static ResponseEntity<?> opened(WidgetSession widget, @Nullable String interaction) {
        String url = interaction == null ? "/widget"
                : "/widget?interaction=" + URLEncoder.encode(interaction, StandardCharsets.UTF_8);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(Map.of("widgetUrl", url, "agentName", widget.agent().agentName()));
    }

    private static @Nullable WidgetSession current(HttpSession session) {
        try {
            return session.getAttribute(WidgetSession.ATTRIBUTE) instanceof WidgetSession w ? w : null;
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }

    /**
     * The bridge pages are served by this server, so their requests carry its own origin. A post from
     * any other origin (a page trying to log a browser into its own agent account), or one that says
     * nothing about where it comes from (no {@code Origin}: not a browser's fetch from the bridge page,
     * which always sends it on a POST), is refused. Without {@code Origin}, only a browser's own
     * {@code Sec-Fetch-Site: same-origin} is accepted.
     */
    static boolean sameOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null || origin.isBlank()) {
            return "same-origin".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"));
        }
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin")) {
            return false;
        }
        String host = request.getHeader("Host");
        try {
            URI uri = URI.create(origin.strip());
            if (uri.getHost() == null) {
                return false; // "null" (sandboxed or file pages) or garbage
            }
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null && host.equalsIgnoreCase(authority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code gcLangTag} ({@code en-us}, {@code de-de}) or the CXone locale; English when absent or odd. */
    static Locale locale(@Nullable String lang) {
        if (lang == null || !LANGUAGE_TAG.matcher(lang.strip()).matches()) {
            return Locale.ENGLISH;
        }
        return Locale.forLanguageTag(lang.strip().replace('_', '-'));
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
