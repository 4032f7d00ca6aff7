package com.profilebridge.security;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Refuses to start the {@code prod} profile while anything meant for the demo or the benchmarks
 * would be active, or an agent token check would be incomplete: the demo or bench profile itself,
 * the demo CDP (unless {@value #UNSAFE_DEMO_CDP} is set for a local trial), the demo identity
 * endpoints, demo logins, the demo console identity provider or its issuer, a console identity
 * provider over plain http, a demo secret among the caller credentials, a caller without a usable
 * secret, CXone tenants without an audience, Genesys organisations without an OAuth client
 * allowlist. Runs before any bean is created, and the message names every problem found.
 */
class DemoSafetyCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    private static final Logger log = LoggerFactory.getLogger(DemoSafetyCheck.class);

    /** The one, loudly named switch that lets a local trial run prod with the demo CDP. */
    static final String UNSAFE_DEMO_CDP = "PROFILE_BRIDGE_UNSAFE_DEMO_CDP_IN_PROD";

    /** Secrets printed in the README for the demo; never valid in production. */
    static final Set<String> DEMO_SECRETS = Set.of("demo-ivr-secret", "demo-genesys-secret", "demo-cxone-secret",
            "demo-ops-secret", "demo-console-secret");

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (!Arrays.asList(environment.getActiveProfiles()).contains("prod")) {
            return;
        }
        List<String> problems = problems(environment);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start with the prod profile: " + String.join("; ", problems));
        }
    }

    static List<String> problems(Environment environment) {
        List<String> problems = new ArrayList<>();
        List<String> profiles = Arrays.asList(environment.getActiveProfiles());
        if (profiles.contains("demo")) {
            problems.add("the demo profile is active too (remove 'demo' from SPRING_PROFILES_ACTIVE)");
        }
        if (profiles.contains("bench")) {
            problems.add("the bench profile is active too: it opens /__bench/** to anyone "
                    + "(remove 'bench' from SPRING_PROFILES_ACTIVE)");
        }
        boolean unsafeDemoCdp = environment.getProperty(UNSAFE_DEMO_CDP, Boolean.class, false);
        if ("demo".equals(environment.getProperty("cdp.provider", "demo"))) {
            if (unsafeDemoCdp) {
                log.warn("!!! {} is set: the synthetic demo CDP serves profiles. This is a local trial, "
                        + "not production. !!!", UNSAFE_DEMO_CDP);
            } else {
                problems.add("the demo CDP would be active (set CDP_PROVIDER=http and CDP_HTTP_BASE_URL)");
            }
        }
        if (environment.getProperty("bridge.demo.identity-endpoints", Boolean.class, false)) {
            problems.add("the demo identity endpoints (Genesys tokens/me, CXone issuer) would be active "
                    + "(bridge.demo.identity-endpoints)");
        }
        if (environment.getProperty("bridge.demo.logins", Boolean.class, false)) {
            problems.add("the demo agent/supervisor logins would be active (bridge.demo.logins)");
        }
        consoleSignIn(environment, problems);
        Map<String, CallerProperties.Caller> callers = Binder.get(environment)
                .bind("bridge.security.callers", Bindable.mapOf(String.class, CallerProperties.Caller.class))
                .orElse(Map.of());
        String issuer = environment.getProperty("bridge.security.jwt.issuer-uri", "").strip();
        String jwkSetUri = environment.getProperty("bridge.security.jwt.jwk-set-uri", "").strip();
        boolean bearer = !issuer.isEmpty();
        // a caller may authenticate by OAuth bearer token only (client ids, no secret)
        Predicate<CallerProperties.Caller> hasCredentials = caller ->
                caller.secrets().stream().anyMatch(secret -> !secret.isBlank())
                        || (bearer && caller.clientIds().stream().anyMatch(id -> !id.isBlank()));
        callers.forEach((name, caller) -> {
            if (caller.secrets().stream().anyMatch(DEMO_SECRETS::contains)) {
                problems.add("caller '" + name + "' uses a demo secret from the README");
            }
            if (!hasCredentials.test(caller)) {
                problems.add("caller '" + name + "' has no secret (an unset or empty BRIDGE_SECURITY_CALLERS_"
                        + name.toUpperCase(Locale.ROOT) + "_SECRETS?) and no OAuth client id");
            }
        });
        if (callers.values().stream().noneMatch(hasCredentials)) {
            problems.add("no caller credentials are configured (BRIDGE_SECURITY_CALLERS_<NAME>_SECRETS or, with "
                    + "BRIDGE_SECURITY_JWT_ISSUERURI, BRIDGE_SECURITY_CALLERS_<NAME>_CLIENTIDS)");
        }
        for (String uri : List.of(issuer, jwkSetUri)) {
            if (!uri.isEmpty() && !uri.startsWith("https://")) {
                problems.add("the IVR authorization server must be reached over https (" + uri + "): its keys "
                        + "decide which bearer tokens are accepted (BRIDGE_SECURITY_JWT_ISSUERURI / _JWKSETURI)");
            }
        }
        if (ManagementPortType.get(environment) == ManagementPortType.SAME) {
            problems.add("the management endpoints (metrics, info) would be served on the application port, "
                    + "which the load balancer routes: set MANAGEMENT_SERVER_PORT to a port of its own (8081)");
        }
        if (!blank(list(environment, "bridge.agent.cxone.tenant-ids"))
                && environment.getProperty("bridge.agent.cxone.audience", "").isBlank()) {
            problems.add("CXone tenants are allowed but no audience is configured: tokens issued to any other "
                    + "application of those tenants would be accepted (set BRIDGE_AGENT_CXONE_AUDIENCE)");
        }
        if (!blank(list(environment, "bridge.agent.genesys.organization-ids"))
                && blank(list(environment, "bridge.agent.genesys.oauth-client-ids"))) {
            problems.add("Genesys organisations are allowed but no OAuth client is: tokens of any application of "
                    + "those organisations would be accepted (set BRIDGE_AGENT_GENESYS_OAUTHCLIENTIDS)");
        }
        return problems;
    }

    /** The console's identity provider decides who is ADMIN: never the demo's, never over plain http. */
    private static void consoleSignIn(Environment environment, List<String> problems) {
        if (environment.getProperty("bridge.demo.oidc-provider.enabled", Boolean.class, false)) {
            problems.add("the demo console identity provider would be active: anyone could sign in as admin "
                    + "(bridge.demo.oidc-provider.enabled)");
        }
        String issuer = environment.getProperty("bridge.console.oidc.issuer-uri", "").strip();
        if (issuer.isEmpty()) {
            return;
        }
        URI uri;
        try {
            uri = URI.create(issuer);
        } catch (IllegalArgumentException e) {
            return; // the OIDC configuration names it at start-up
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        if (path.endsWith("/" + DemoConsoleIdentityProvider.ISSUER_ID)) {
            problems.add("the console signs in through the demo identity provider (" + issuer + "): set "
                    + "BRIDGE_CONSOLE_OIDC_ISSUERURI to the organisation's issuer");
        }
        if (!"https".equals(uri.getScheme()) && !loopback(uri.getHost())) {
            problems.add("the console's identity provider must be reached over https (" + issuer + "): its keys "
                    + "decide who signs in as admin (BRIDGE_CONSOLE_OIDC_ISSUERURI)");
        }
        if (DEMO_SECRETS.contains(environment.getProperty("bridge.console.oidc.client-secret", ""))) {
            problems.add("the console's OIDC client uses a demo secret from the README (BRIDGE_CONSOLE_OIDC_CLIENTSECRET)");
        }
    }

    /** A provider on this machine (a sidecar, a test) is not reached over any network. */
    private static boolean loopback(@Nullable String host) {
        return host != null && (host.equals("localhost") || host.equals("[::1]") || host.startsWith("127."));
    }

    private static List<String> list(Environment environment, String property) {
        return Binder.get(environment).bind(property, Bindable.listOf(String.class)).orElse(List.of());
    }

    private static boolean blank(List<String> values) {
        return values.stream().allMatch(String::isBlank);
    }
}
