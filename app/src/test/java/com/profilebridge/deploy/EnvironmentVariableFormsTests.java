package com.profilebridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Every environment variable the README's configuration table prints reaches the property it
 * names, bound the way Spring Boot binds the real environment (a {@link SystemEnvironmentPropertySource}
 * under the name Boot gives the process environment). Per-caller settings are bound as maps, as
 * the application binds them: the map key comes from the variable's name, so a caller the README
 * names must be reachable that way (the demo's {@code ivr-demo} never was: {@code ..._IVRDEMO_...}
 * made a caller {@code ivrdemo}, {@code ..._IVR_DEMO_...} nothing at all).
 */
class EnvironmentVariableFormsTests {

    /** A property and the variable the README prints for it, after expanding {@code <name>} samples. */
    record Form(String property, String variable, String row) {}

    private static final String SAMPLE = "ivrdemo";
    private static final Pattern ROW = Pattern.compile("^\\| `([^|]+?)` \\| ([^|]+?) \\|.*$", Pattern.MULTILINE);
    private static final Pattern PLACEHOLDER = Pattern.compile("<[A-Za-z]+>");

    @Test
    void everyVariableTheReadmePrintsBindsToItsProperty() throws IOException {
        List<Form> forms = forms("README.md");
        assertThat(forms).extracting(Form::property).as("the per-caller settings are among the checked rows")
                .contains("bridge.security.callers." + SAMPLE + ".secrets", "bridge.security.callers." + SAMPLE + ".roles",
                        "bridge.outcomes.webhooks." + SAMPLE + ".secrets", "bridge.agent.cxone.audience",
                        "bridge.agent.genesys.oauth-client-ids", "management.server.port");
        assertThat(forms.size()).as("rows checked").isGreaterThan(30);
        for (Form form : forms) {
            assertThat(bound(form)).as("%s -> %s (README row: %s)", form.variable(), form.property(), form.row())
                    .contains("value-of-" + form.variable());
        }
    }

    @Test
    void everyVariableTheConsoleSignInPagePrintsBindsToItsProperty() throws IOException {
        List<Form> forms = forms("docs/console/login.md");
        assertThat(forms).extracting(Form::property).as("the console's OIDC settings are among the checked rows")
                .contains("bridge.console.oidc.issuer-uri", "bridge.console.oidc.client-id",
                        "bridge.console.oidc.client-secret", "bridge.console.oidc.roles-claim",
                        "bridge.console.oidc.role-mapping.supervisor", "bridge.console.oidc.role-mapping.admin",
                        "bridge.console.oidc.display-name", "bridge.demo.oidc-provider.port");
        for (Form form : forms) {
            assertThat(bound(form)).as("%s -> %s (docs/console/login.md row: %s)", form.variable(), form.property(),
                    form.row()).contains("value-of-" + form.variable());
        }
    }

    @Test
    void theDemoCallerOfTheReadmeIsReachableByTheFormTheReadmePrints() {
        // the README's demo caller is named ivrdemo in application-demo.yml; HTTP Basic accepts ivr-demo for it
        assertThat(bound(new Form("bridge.outcomes.webhooks.ivrdemo.secrets", "BRIDGE_OUTCOMES_WEBHOOKS_IVRDEMO_SECRETS",
                "demo"))).contains("value-of-BRIDGE_OUTCOMES_WEBHOOKS_IVRDEMO_SECRETS");
        assertThat(bound(new Form("bridge.outcomes.webhooks.ivr-demo.secrets", "BRIDGE_OUTCOMES_WEBHOOKS_IVRDEMO_SECRETS",
                "old name"))).as("a dashed caller name is never reached").isEmpty();
        assertThat(bound(new Form("bridge.outcomes.webhooks.ivr-demo.secrets", "BRIDGE_OUTCOMES_WEBHOOKS_IVR_DEMO_SECRETS",
                "old name"))).isEmpty();
    }

    /** The value the application would see for the property when only the variable is set. */
    static Optional<String> bound(Form form) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of(form.variable(), "value-of-" + form.variable())));
        Binder binder = Binder.get(environment);
        for (String map : List.of("bridge.security.callers", "bridge.outcomes.webhooks")) {
            if (form.property().startsWith(map + ".")) {
                String[] keyAndField = form.property().substring(map.length() + 1).split("\\.", 2);
                ResolvableType fields = ResolvableType.forClassWithGenerics(Map.class, String.class, String.class);
                Bindable<Map<String, Map<String, String>>> perCaller = Bindable.of(
                        ResolvableType.forClassWithGenerics(Map.class, ResolvableType.forClass(String.class), fields));
                // a variable names a field without dashes (CLIENTIDS): compare as the record binding does
                String field = keyAndField[1].replace("-", "");
                Map<String, String> fieldsOfKey = binder.bind(map, perCaller).map(m -> m.get(keyAndField[0])).orElse(null);
                return fieldsOfKey == null ? Optional.empty() : fieldsOfKey.entrySet().stream()
                        .filter(e -> e.getKey().replace("-", "").equals(field)).map(Map.Entry::getValue).findFirst();
            }
        }
        return binder.bind(form.property(), String.class).map(Optional::of).orElse(Optional.empty());
    }

    /** A document's configuration table (the README's) as (property, variable) pairs, {@code <name>} filled in. */
    static List<Form> forms(String document) throws IOException {
        String readme = Files.readString(root().resolve(document));
        String table = readme.substring(readme.indexOf("| property | env variable |"));
        table = table.substring(0, table.indexOf("\n\n"));
        List<Form> forms = new ArrayList<>();
        Matcher row = ROW.matcher(table);
        while (row.find()) {
            List<String> properties = cells(row.group(1).replace("`", ""));
            List<String> variables = cells(row.group(2).replace("`", ""));
            int pairs = properties.size() == variables.size() ? properties.size() : 1;
            for (int i = 0; i < pairs; i++) {
                String property = i == 0 ? properties.get(0) : sibling(properties.get(0), properties.get(i));
                String variable = i == 0 ? variables.get(0) : siblingVariable(properties.get(0), variables.get(i));
                if (!property.matches("[a-z0-9.<>\\-]+") || !variable.matches("[A-Z0-9_<>]+")) {
                    continue; // "...", "*", "same": not a single variable
                }
                forms.add(new Form(PLACEHOLDER.matcher(property).replaceAll(SAMPLE),
                        PLACEHOLDER.matcher(variable).replaceAll(SAMPLE.toUpperCase(Locale.ROOT)), row.group()));
            }
        }
        return forms;
    }

    private static List<String> cells(String cell) {
        return List.of(cell.split("\\s*/\\s*")).stream().map(String::strip).toList();
    }

    /** {@code spring.datasource.url} + {@code username} = {@code spring.datasource.username}. */
    private static String sibling(String first, String part) {
        return part.contains(".") ? part : first.substring(0, first.lastIndexOf('.') + 1) + part;
    }

    /** {@code spring.datasource.url} + {@code _USERNAME} = {@code SPRING_DATASOURCE_USERNAME}. */
    private static String siblingVariable(String firstProperty, String part) {
        if (!part.startsWith("_")) {
            return part;
        }
        String parent = firstProperty.substring(0, firstProperty.lastIndexOf('.'));
        return parent.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT) + part;
    }

    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("README.md not found above " + Path.of("").toAbsolutePath());
    }

}
