package com.profilebridge.agent;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The Genesys environments whose API may be asked with an agent's token, and their API base URLs.
 * Token validation and the participant check both go through it, so a token is only ever sent to
 * an {@code api.<env>} host on the allowlist.
 */
final class GenesysEnvironments {

    private final Set<String> allowed;
    private final String template;
    private final UnaryOperator<String> placeholders;

    /**
     * @param template the API base for an environment, {@code {env}} replaced by its name
     * @param placeholders resolves {@code ${...}} in the template when a URL is built (the demo's port)
     */
    GenesysEnvironments(List<String> environments, String template, UnaryOperator<String> placeholders) {
        this.allowed = environments.stream().map(e -> e.strip().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty())
                .collect(Collectors.toSet());
        this.template = template;
        this.placeholders = placeholders;
    }

    /** The allowlist, sorted. */
    List<String> names() {
        return allowed.stream().sorted().toList();
    }

    /**
     * The environment as Genesys names it ({@code mypurecloud.de}, {@code gcTargetEnv}), also when given
     * as a host origin ({@code https://apps.mypurecloud.de}, {@code gcHostOrigin}); empty when it is
     * missing or not on the allowlist.
     */
    Optional<String> allowed(@Nullable String environment) {
        return Optional.ofNullable(normalised(environment)).filter(allowed::contains);
    }

    /** The normalised name whether or not it is allowed (for a log line); null when blank. */
    static @Nullable String normalised(@Nullable String environment) {
        if (environment == null || environment.isBlank()) {
            return null;
        }
        String env = environment.strip().toLowerCase(Locale.ROOT);
        if (env.startsWith("https://")) {
            env = env.substring("https://".length());
        }
        if (env.endsWith("/")) {
            env = env.substring(0, env.length() - 1);
        }
        for (String prefix : new String[] {"apps.", "api.", "login."}) {
            if (env.startsWith(prefix)) {
                return env.substring(prefix.length());
            }
        }
        return env;
    }

    /**
     * The API base of an allowed environment, without a trailing slash.
     *
     * @throws AgentPlatformUnavailable the template still holds a placeholder (the server is still starting)
     */
    String baseUrl(String environment) {
        String base = placeholders.apply(template).replace("{env}", environment);
        if (base.contains("${")) {
            throw new AgentPlatformUnavailable(AgentPlatform.GENESYS,
                    "Genesys cannot be reached yet (server still starting).", null);
        }
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
