package com.profilebridge.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Refuses to start (in every profile) when a per-caller setting could not be reached from the
 * environment or would silently apply to nobody:
 * <ul>
 *   <li>a setting under a caller prefix that binds to nothing, such as
 *       {@code BRIDGE_OUTCOMES_WEBHOOKS_IVR_DEMO_SECRETS} (read as caller {@code ivr}, setting
 *       {@code demo.secrets}, and dropped without a word by Spring);</li>
 *   <li>a caller name outside {@code [a-z0-9]+}: Spring's relaxed binding turns
 *       {@code BRIDGE_SECURITY_CALLERS_IVRDEMO_SECRETS} into the key {@code ivrdemo}, so a name with a
 *       dash, an underscore or upper case could be configured in YAML but never from an environment
 *       variable (and its webhook secrets never reach it);</li>
 *   <li>webhook secrets ({@code bridge.outcomes.webhooks.<caller>}) for a caller that is not
 *       configured: that caller's outcomes would be accepted unsigned while the operator believes
 *       they must be signed.</li>
 *   <li>OAuth client ids for a caller while no authorization server is configured: its bearer
 *       tokens would all be refused while the operator believes they are accepted.</li>
 *   <li>a caller with the {@code ERASURE} role that has secrets (erasure is for bearer tokens only),
 *       or while no roles claim is configured (the token itself must carry the role).</li>
 * </ul>
 */
class CallerNamesCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    /** What a caller name may be: exactly what an environment variable can name. */
    static final Pattern NAME = Pattern.compile("[a-z0-9]+");

    private Environment environment;

    /** Only the key set matters here; the outcome module binds the rest. */
    record WebhookKeys(@DefaultValue List<String> secrets) {}

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        List<String> problems = problems(environment);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start: " + String.join("; ", problems));
        }
    }

    static List<String> problems(Environment environment) {
        Binder binder = Binder.get(environment);
        Map<String, CallerProperties.Caller> callers = binder
                .bind("bridge.security.callers", Bindable.mapOf(String.class, CallerProperties.Caller.class))
                .orElse(Map.of());
        Map<String, WebhookKeys> webhooks = binder
                .bind("bridge.outcomes.webhooks", Bindable.mapOf(String.class, WebhookKeys.class))
                .orElse(Map.of());
        List<String> problems = new ArrayList<>();
        unreachable(environment, "bridge.security.callers", Set.of("secrets", "roles", "clientids"), problems);
        unreachable(environment, "bridge.outcomes.webhooks", Set.of("secrets", "tolerance"), problems);
        callers.keySet().stream().sorted().filter(name -> !NAME.matcher(name).matches()).forEach(name -> problems.add(
                "caller name '" + name + "' must be lower-case letters and digits only ([a-z0-9]+, e.g. '"
                        + CallerCredentials.canonical(name) + "'), so that BRIDGE_SECURITY_CALLERS_<NAME>_* and "
                        + "BRIDGE_OUTCOMES_WEBHOOKS_<NAME>_* can reach it"));
        webhooks.keySet().stream().sorted().filter(name -> !callers.containsKey(name)).forEach(name -> problems.add(
                "webhook secrets are configured for '" + name + "' (bridge.outcomes.webhooks." + name
                        + ") but no caller of that name exists (bridge.security.callers: "
                        + callers.keySet().stream().sorted().toList() + "): its outcomes would not be checked"));
        boolean bearer = binder.bind("bridge.security.jwt.issuer-uri", String.class)
                .map(issuer -> !issuer.isBlank()).orElse(false);
        callers.keySet().stream().sorted().filter(name -> !bearer && callers.get(name).clientIds().stream()
                .anyMatch(id -> !id.isBlank())).forEach(name -> problems.add("caller '" + name + "' lists OAuth "
                        + "client ids (bridge.security.callers." + name + ".client-ids) but no authorization server "
                        + "is configured (bridge.security.jwt.issuer-uri): its bearer tokens would all be refused"));
        String rolesClaim = binder.bind("bridge.security.jwt.roles-claim", String.class).orElse("");
        callers.keySet().stream().sorted().filter(name -> erases(callers.get(name))).forEach(name -> {
            CallerProperties.Caller caller = callers.get(name);
            if (caller.secrets().stream().anyMatch(secret -> !secret.isBlank())) {
                problems.add("caller '" + name + "' has the role " + CallerAuthenticator.ERASURE + " and secrets: "
                        + "erasures are granted to bearer tokens only (remove bridge.security.callers." + name
                        + ".secrets, list the tool's OAuth client in .client-ids)");
            }
            if (rolesClaim.isBlank()) {
                problems.add("caller '" + name + "' has the role " + CallerAuthenticator.ERASURE + " but no roles "
                        + "claim is configured (bridge.security.jwt.roles-claim): an erasure needs a token that "
                        + "carries the role itself, not just any token of that client");
            }
        });
        return problems.stream().distinct().toList();
    }

    private static boolean erases(CallerProperties.Caller caller) {
        return caller.roles().stream().anyMatch(role -> role.strip().equalsIgnoreCase(CallerAuthenticator.ERASURE));
    }

    /**
     * Settings under a per-caller prefix that bind to nothing: {@code BRIDGE_OUTCOMES_WEBHOOKS_IVR_DEMO_SECRETS}
     * reads as caller {@code ivr} with a setting {@code demo.secrets}, which Spring ignores without a word.
     */
    private static void unreachable(Environment environment, String prefix, Set<String> fields, List<String> problems) {
        ConfigurationPropertyName root = ConfigurationPropertyName.of(prefix);
        int depth = root.getNumberOfElements();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            iterable.filter(root::isAncestorOf).stream().forEach(name -> {
                List<String> rest = new ArrayList<>();
                for (int i = depth; i < name.getNumberOfElements() && !name.isNumericIndex(i); i++) {
                    rest.add(name.getElement(i, ConfigurationPropertyName.Form.UNIFORM));
                }
                if (rest.size() == 2 && fields.contains(rest.get(1))) {
                    return;
                }
                int field = rest.indexOf(rest.stream().filter(fields::contains).findFirst().orElse(""));
                String meant = field > 0 ? String.join("", rest.subList(0, field)) : null;
                problems.add("'" + name + "' is no setting (caller names are [a-z0-9]+"
                        + (meant == null ? "" : ": for the caller '" + meant + "' write "
                                + (prefix + "." + meant + "." + rest.get(field)).replace('.', '_').replace("-", "")
                                        .toUpperCase(Locale.ROOT))
                        + ")");
            });
        }
    }
}
