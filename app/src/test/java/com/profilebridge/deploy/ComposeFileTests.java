package com.profilebridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deployment files at the repository root ({@code docker-compose.yml}, {@code Dockerfile},
 * {@code deploy/}) against each other and against the configuration properties the product knows. No
 * Docker needed: the files are parsed, not run.
 */
class ComposeFileTests {

    private static final List<String> BFF_SERVICES = List.of("bff-1", "bff-2");

    /** Compose interpolation: {@code $$} (escaped) or {@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR:?message}}. */
    private static final Pattern INTERPOLATION =
            Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

    private static final Path ROOT = repositoryRoot();

    private static final Map<String, Object> COMPOSE = loadYaml(ROOT.resolve("docker-compose.yml"));

    private static final KnownProperties KNOWN = KnownProperties.fromClasspath();

    @Test
    void declaresTwoBffInstancesALoadBalancerPostgresAndRedis() {
        assertThat(services().keySet()).containsAll(List.of("bff-1", "bff-2", "lb", "postgres", "redis"));
        assertThat(image("postgres")).startsWith("postgres:16");
        assertThat(image("redis")).startsWith("redis:7");
        assertThat(service("postgres")).containsKey("healthcheck");
        assertThat(service("redis")).containsKey("healthcheck");
    }

    @Test
    void bothBffInstancesBuildFromTheDockerfileAndRunTheProdProfile() {
        for (String bff : BFF_SERVICES) {
            Object build = service(bff).get("build");
            assertThat(build).as("%s builds the image", bff).isNotNull();
            String context =
                    build instanceof Map<?, ?> map ? String.valueOf(map.get("context")) : String.valueOf(build);
            String dockerfile = build instanceof Map<?, ?> map && map.get("dockerfile") != null
                    ? String.valueOf(map.get("dockerfile"))
                    : "Dockerfile";
            assertThat(ROOT.resolve(context).resolve(dockerfile).normalize())
                    .as("%s builds from the repository's Dockerfile", bff)
                    .isEqualTo(ROOT.resolve("Dockerfile"))
                    .isRegularFile();

            String active = withDefaults(environment(bff).get("SPRING_PROFILES_ACTIVE"));
            List<String> profiles = Arrays.stream(active.split(",")).map(String::trim).toList();
            assertThat(profiles).as("%s profiles", bff).contains("prod").doesNotContain("demo");
        }
    }

    @Test
    void theLoadBalancerPublishesPort8080AndSpreadsOverBothInstances() throws IOException {
        assertThat(publishedPorts("lb")).contains("8080");

        Path config = mountedFile("lb", "nginx.conf");
        assertThat(config).as("the nginx config mounted into lb").isEqualTo(ROOT.resolve("deploy/nginx.conf"));
        assertThat(config).isRegularFile();
        String nginx = Files.readString(config);
        assertThat(nginx).contains("bff-1:8080", "bff-2:8080");
    }

    @Test
    void onlyTheVaadinUiIsSticky() throws IOException {
        String nginx = withoutComments(Files.readString(ROOT.resolve("deploy/nginx.conf")));
        Map<String, String> upstreams = blocks(nginx, "upstream");
        Map<String, String> locations = blocks(nginx, "location");
        assertThat(upstreams.values()).allSatisfy(servers -> assertThat(servers).contains("bff-1:8080", "bff-2:8080"));

        for (String stateless : List.of("/v1/", "/api/")) {
            assertThat(locations).as("location %s", stateless).containsKey(stateless);
            String upstream = upstreams.get(proxyPassTarget(locations.get(stateless)));
            assertThat(upstream).as("upstream of %s", stateless).isNotNull();
            assertThat(isSticky(upstream)).as("%s is balanced round robin", stateless).isFalse();
        }
        assertThat(locations).as("everything else is the UI").containsKey("/");
        String ui = upstreams.get(proxyPassTarget(locations.get("/")));
        assertThat(ui).as("upstream of the UI").isNotNull();
        assertThat(isSticky(ui)).as("the UI sticks to one instance").isTrue();
    }

    @Test
    void theLoadBalancerNeverRoutesTheManagementEndpoints() throws IOException {
        String nginx = withoutComments(Files.readString(ROOT.resolve("deploy/nginx.conf")));
        Map<String, String> locations = blocks(nginx, "location");
        assertThat(locations).as("the actuator path has a location of its own").containsKey("/actuator/");
        assertThat(locations.get("/actuator/")).contains("return 404").doesNotContain("proxy_pass");
        assertThat(nginx).as("the management port").doesNotContain(":8081");
        for (String service : List.of("bff-1", "bff-2", "lb")) {
            assertThat(publishedPorts(service)).as("ports %s publishes", service).doesNotContain("8081");
        }
    }

    @Test
    void bffInstancesReachPostgresAndRedisByTheirServiceNames() {
        for (String bff : BFF_SERVICES) {
            Map<String, String> env = environment(bff);

            Matcher jdbc = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+).*")
                    .matcher(withDefaults(env.get("SPRING_DATASOURCE_URL")));
            assertThat(jdbc.matches()).as("%s SPRING_DATASOURCE_URL is a PostgreSQL JDBC URL", bff).isTrue();
            assertThat(jdbc.group(1)).as("database host of %s", bff).isEqualTo("postgres");
            assertThat(exposedPorts("postgres")).as("port of the postgres service").contains(jdbc.group(2));
            Map<String, String> postgres = environment("postgres");
            assertThat(jdbc.group(3)).isEqualTo(withDefaults(postgres.get("POSTGRES_DB")));
            assertThat(env.get("SPRING_DATASOURCE_USERNAME"))
                    .as("%s logs in as the user the postgres service creates", bff)
                    .isEqualTo(postgres.get("POSTGRES_USER"));
            assertThat(env.get("SPRING_DATASOURCE_PASSWORD"))
                    .as("%s uses the password the postgres service is given", bff)
                    .isEqualTo(postgres.get("POSTGRES_PASSWORD"));

            assertThat(withDefaults(env.get("SPRING_DATA_REDIS_HOST"))).as("redis host of %s", bff).isEqualTo("redis");
            assertThat(exposedPorts("redis")).as("port of the redis service")
                    .contains(withDefaults(env.get("SPRING_DATA_REDIS_PORT")));
        }
    }

    @Test
    void everyEnvironmentVariableMapsToAKnownProperty() {
        assertThat(KNOWN.knows("CDP_PROVIDER") && KNOWN.knows("SPRING_DATASOURCE_URL"))
                .as("the configuration metadata of the backend and of Spring Boot is on the test class path")
                .isTrue();
        for (String bff : BFF_SERVICES) {
            Map<String, String> env = environment(bff);
            assertThat(env).as("%s environment", bff).isNotEmpty();
            assertThat(unknownVariables(env.keySet(), KNOWN))
                    .as("variables of %s that no property of the product binds (a typo is silently ignored)", bff)
                    .isEmpty();
        }
    }

    @Test
    void aMisspelledOrUnknownVariableIsRejected() {
        // Both forms Spring Boot binds from the environment: dashes removed, and dashes as underscores.
        assertThat(KNOWN.knows("CDP_HTTP_BASEURL")).isTrue();
        assertThat(KNOWN.knows("CDP_HTTP_BASE_URL")).isTrue();
        assertThat(KNOWN.knows("BRIDGE_SECURITY_CALLERS_ACME_SECRETS")).as("any key of a map property").isTrue();
        assertThat(KNOWN.knows("PROFILE_BRIDGE_UNSAFE_DEMO_CDP_IN_PROD")).isTrue();

        for (String unknown : List.of(
                "CDP_HTTP_BASEURLX",
                "CDP_HTTP_BASE_URLX",
                "CDP_HTTPBASEURL",
                "SPRING_DATASOURCE_URLS",
                "BRIDGE_SECURITY_CALLERS",
                "BRIDGE_SECURITY_CALLERS_",
                "BRIDGE_SECURITY_CALLER_GENESYS_SECRETS",
                "PROFILE_BRIDGE_UNSAFE_DEMO_CDP")) {
            assertThat(KNOWN.knows(unknown)).as(unknown).isFalse();
        }

        // The same check as for the real file, on a synthetic service (list syntax this time).
        Map<String, Object> synthetic = new Yaml().load("""
                services:
                  bff-x:
                    environment:
                      - CDP_PROVIDER=http
                      - CDP_HTTP_BASE_URL=https://cdp.example.com/
                      - CDP_HTTP_BASEURLX=https://cdp.example.com/
                      - BRIDGE_SECURITY_CALLERS_GENESYS_SECRETS=s3cret
                """);
        Map<String, Object> service = asMap(asMap(synthetic.get("services")).get("bff-x"));
        assertThat(unknownVariables(environmentOf(service).keySet(), KNOWN)).containsExactly("CDP_HTTP_BASEURLX");
    }

    @Test
    void secretsHaveNoDefaultAndMustBeSupplied() {
        Pattern required = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*:\\?[^}]*}");
        for (String bff : BFF_SERVICES) {
            Map<String, String> env = environment(bff);
            assertThat(env).containsKeys(
                    "BRIDGE_SECURITY_CALLERS_GENESYS_SECRETS",
                    "BRIDGE_SECURITY_CALLERS_CXONE_SECRETS",
                    "SPRING_DATASOURCE_PASSWORD");
            env.forEach((name, value) -> {
                if (isSecret(name)) {
                    assertThat(value).as("%s of %s is required (${VAR:?message}), never defaulted", name, bff)
                            .matches(required);
                }
            });
        }
        assertThat(environment("postgres").get("POSTGRES_PASSWORD")).matches(required);
    }

    @Test
    void theUnsafeDemoCdpSwitchIsOffByDefaultAndTheDefaultCdpIsReal() {
        for (String bff : BFF_SERVICES) {
            Map<String, String> env = environment(bff);
            assertThat(withDefaults(env.get("CDP_PROVIDER"))).as("%s CDP_PROVIDER by default", bff).isEqualTo("http");
            String unsafe = env.get("PROFILE_BRIDGE_UNSAFE_DEMO_CDP_IN_PROD");
            if (unsafe != null) {
                assertThat(withDefaults(unsafe)).as("%s unsafe demo CDP switch by default", bff).isEqualTo("false");
            }
        }
    }

    @Test
    void theEnvExampleDocumentsEveryVariableTheComposeFileReadsAndFillsInNoSecret() throws IOException {
        Path example = ROOT.resolve("deploy/.env.example");
        assertThat(example).isRegularFile();
        Map<String, String> documented = new LinkedHashMap<>();
        for (String line : Files.readAllLines(example)) {
            Matcher assignment = Pattern.compile("^#?\\s*([A-Z][A-Z0-9_]*)=(.*)$").matcher(line.strip());
            if (assignment.matches()) {
                documented.putIfAbsent(assignment.group(1), line.strip().startsWith("#") ? null : assignment.group(2));
            }
        }
        Set<String> interpolated = new TreeSet<>();
        Matcher reference = INTERPOLATION.matcher(Files.readString(ROOT.resolve("docker-compose.yml")));
        while (reference.find()) {
            if (reference.group(1) != null) { // not a $$ escape (a variable of the container's shell)
                interpolated.add(reference.group(1));
            }
        }
        assertThat(documented.keySet()).as("variables in deploy/.env.example").containsAll(interpolated);
        documented.forEach((name, value) -> {
            if (isSecret(name) && value != null) {
                assertThat(value).as("%s in the example must stay empty", name).isEmpty();
            }
        });
    }

    @Test
    void theImageRunsAsANonRootUserAndExposes8080() throws IOException {
        List<List<Instruction>> stages = dockerfileStages(Files.readString(ROOT.resolve("Dockerfile")));
        assertThat(stages).as("a multi-stage build").hasSizeGreaterThanOrEqualTo(2);
        List<Instruction> runtime = stages.getLast();

        List<Instruction> build = stages.getFirst();
        assertThat(arguments(build, "FROM")).singleElement().asString().startsWith("eclipse-temurin:25-jdk");
        assertThat(arguments(build, "RUN"))
                .anySatisfy(run -> assertThat(run).contains("./mvnw -B -ntp -DskipTests package"));
        assertThat(arguments(runtime, "FROM")).singleElement().asString().startsWith("eclipse-temurin:25-jre");

        List<String> users = arguments(runtime, "USER");
        assertThat(users).as("the runtime stage switches to its own user").isNotEmpty();
        String user = users.getLast().split(":")[0].strip();
        assertThat(user).as("the user the application runs as").isNotEmpty().isNotIn("root", "0");

        List<String> exposed = arguments(runtime, "EXPOSE").stream()
                .flatMap(arguments -> Arrays.stream(arguments.split("\\s+")))
                .map(port -> port.replace("/tcp", ""))
                .toList();
        assertThat(exposed).contains("8080");

        assertThat(arguments(runtime, "COPY"))
                .anySatisfy(copy -> assertThat(copy).contains("app/target/profile-bridge.jar"));
        assertThat(arguments(runtime, "HEALTHCHECK"))
                .singleElement().asString().contains("/actuator/health/readiness")
                .as("probes the management port of application-prod.yml").contains("8081");
        assertThat(arguments(runtime, "ENV"))
                .anySatisfy(env -> assertThat(env).contains("SPRING_PROFILES_ACTIVE=prod"));
        assertThat(arguments(runtime, "ENTRYPOINT")).singleElement().asString().contains("$JAVA_OPTS")
                .as("an empty profile (the demo) refuses to start").contains("${SPRING_PROFILES_ACTIVE:?");
    }

    @Test
    void theImageBuildCopiesEveryMavenModule() throws IOException {
        List<String> modules = new ArrayList<>();
        Matcher module =
                Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        while (module.find()) {
            modules.add(module.group(1).strip());
        }
        assertThat(modules).isNotEmpty();

        List<List<Instruction>> stages = dockerfileStages(Files.readString(ROOT.resolve("Dockerfile")));
        Set<String> copied = stages.subList(0, stages.size() - 1).stream()
                .flatMap(stage -> arguments(stage, "COPY").stream())
                .flatMap(copy -> Arrays.stream(copy.split("\\s+")))
                .map(source -> source.endsWith("/") ? source.substring(0, source.length() - 1) : source)
                .collect(Collectors.toSet());
        for (String name : modules) {
            assertThat(copied).as("the build stage copies module %s", name)
                    .contains(name + "/pom.xml", name + "/src");
        }
    }

    // ---- configuration metadata -------------------------------------------------------------------

    /** Variables among {@code names} that no property of the configuration metadata binds. */
    static List<String> unknownVariables(Set<String> names, KnownProperties known) {
        return names.stream().filter(name -> !known.knows(name)).sorted().toList();
    }

    /**
     * The environment-variable names Spring Boot binds to the properties described by every
     * {@code META-INF/spring-configuration-metadata.json} and
     * {@code META-INF/additional-spring-configuration-metadata.json} on the class path (Spring Boot's
     * own jars and the backend's generated metadata).
     */
    static final class KnownProperties {

        private static final Pattern MAP_KEY_SUFFIX = Pattern.compile("[A-Z0-9]+(_[A-Z0-9]+)*");

        private final Set<String> scalars = new HashSet<>();

        private final Set<String> mapPrefixes = new HashSet<>();

        static KnownProperties fromClasspath() {
            KnownProperties known = new KnownProperties();
            JsonMapper json = JsonMapper.builder().build();
            ClassLoader classLoader = ComposeFileTests.class.getClassLoader();
            try {
                for (String resource : List.of(
                        "META-INF/spring-configuration-metadata.json",
                        "META-INF/additional-spring-configuration-metadata.json")) {
                    for (URL url : Collections.list(classLoader.getResources(resource))) {
                        try (InputStream in = url.openStream()) {
                            for (JsonNode property : json.readTree(in).path("properties").values()) {
                                JsonNode name = property.get("name");
                                JsonNode type = property.get("type");
                                if (name != null && name.isString()) {
                                    boolean typed = type != null && type.isString();
                                    known.add(name.stringValue(), typed ? type.stringValue() : "");
                                }
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return known;
        }

        void add(String property, String type) {
            (type.startsWith("java.util.Map<") ? mapPrefixes : scalars).addAll(environmentForms(property));
        }

        /**
         * Whether Spring Boot binds {@code variable} to a known property: exactly, or as
         * {@code <MAP_PROPERTY>_<KEY>[_<NESTED>...]} for a map property such as
         * {@code bridge.security.callers}.
         */
        boolean knows(String variable) {
            if (scalars.contains(variable)) {
                return true;
            }
            return mapPrefixes.stream().anyMatch(prefix -> variable.startsWith(prefix + "_")
                    && MAP_KEY_SUFFIX.matcher(variable.substring(prefix.length() + 1)).matches());
        }

        /**
         * Spring Boot's relaxed binding from the environment: upper case, {@code .} to {@code _},
         * dashes removed ({@code cdp.http.base-url} to {@code CDP_HTTP_BASEURL}); Spring Boot also
         * still binds the legacy form with dashes as underscores ({@code CDP_HTTP_BASE_URL}).
         */
        static Set<String> environmentForms(String property) {
            String upper = property.toUpperCase(Locale.ROOT).replace('.', '_');
            return Stream.of(upper.replace("-", ""), upper.replace('-', '_')).collect(Collectors.toSet());
        }
    }

    // ---- docker-compose.yml -------------------------------------------------------------------------

    private static Map<String, Object> services() {
        return asMap(COMPOSE.get("services"));
    }

    private static Map<String, Object> service(String name) {
        Map<String, Object> service = asMap(services().get(name));
        assertThat(service).as("service %s", name).isNotEmpty();
        return service;
    }

    private static String image(String service) {
        return String.valueOf(service(service).get("image"));
    }

    private static Map<String, String> environment(String service) {
        return environmentOf(service(service));
    }

    /** A service's environment, from the map or the list ({@code NAME=value}) syntax. */
    static Map<String, String> environmentOf(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object environment = service.get("environment");
        if (environment instanceof Map<?, ?> map) {
            map.forEach((name, value) -> env.put(String.valueOf(name), value == null ? "" : String.valueOf(value)));
        } else if (environment instanceof List<?> list) {
            for (Object entry : list) {
                String[] nameAndValue = String.valueOf(entry).split("=", 2);
                env.put(nameAndValue[0], nameAndValue.length > 1 ? nameAndValue[1] : "");
            }
        }
        return env;
    }

    /** Host ports a service publishes ({@code "8080:8080"}, {@code "127.0.0.1:8080:8080/tcp"} or long syntax). */
    private static List<String> publishedPorts(String service) {
        List<String> published = new ArrayList<>();
        for (Object port : asList(service(service).get("ports"))) {
            if (port instanceof Map<?, ?> map) {
                published.add(String.valueOf(map.get("published")));
            } else {
                String[] parts = String.valueOf(port).replaceAll("/(tcp|udp)$", "").split(":");
                if (parts.length >= 2) {
                    published.add(parts[parts.length - 2]);
                }
            }
        }
        return published;
    }

    private static List<String> exposedPorts(String service) {
        return asList(service(service).get("expose")).stream()
                .map(port -> String.valueOf(port).replaceAll("/(tcp|udp)$", ""))
                .toList();
    }

    /** The host file of the service's bind mount whose path ends with {@code fileName}. */
    private static Path mountedFile(String service, String fileName) {
        for (Object volume : asList(service(service).get("volumes"))) {
            String source = volume instanceof Map<?, ?> map
                    ? String.valueOf(map.get("source"))
                    : String.valueOf(volume).split(":")[0];
            if (source.endsWith(fileName)) {
                return ROOT.resolve(source).normalize();
            }
        }
        return fail("service %s mounts no %s", service, fileName);
    }

    /**
     * The value compose uses when no variable is set: {@code ${VAR:-default}} gives its default,
     * {@code ${VAR}} nothing, a required {@code ${VAR:?message}} a {@code <VAR>} placeholder.
     */
    static String withDefaults(String value) {
        if (value == null) {
            return "";
        }
        Matcher matcher = INTERPOLATION.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            if (matcher.group().equals("$$")) {
                replacement = "$";
            } else if (matcher.group(2) == null) {
                replacement = "";
            } else if (matcher.group(2).endsWith("-")) {
                replacement = matcher.group(3);
            } else {
                replacement = "<" + matcher.group(1) + ">";
            }
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    private static boolean isSecret(String variable) {
        return Stream.of("SECRET", "PASSWORD", "APIKEY", "API_KEY", "TOKEN").anyMatch(variable::contains);
    }

    // ---- deploy/nginx.conf ----------------------------------------------------------------------------

    private static String withoutComments(String config) {
        return config.replaceAll("(?m)#.*$", "");
    }

    /** {@code <kind> <name> { ... }} blocks without nested blocks (upstream, location) by name. */
    private static Map<String, String> blocks(String config, String kind) {
        Map<String, String> blocks = new LinkedHashMap<>();
        Matcher block = Pattern.compile("\\b" + kind + "\\s+(\\S+)\\s*\\{([^{}]*)}").matcher(config);
        while (block.find()) {
            blocks.put(block.group(1), block.group(2));
        }
        return blocks;
    }

    private static String proxyPassTarget(String location) {
        Matcher proxyPass = Pattern.compile("proxy_pass\\s+https?://([^/;\\s]+)").matcher(location);
        assertThat(proxyPass.find()).as("proxy_pass in %s", location).isTrue();
        return proxyPass.group(1);
    }

    private static boolean isSticky(String upstream) {
        return Pattern.compile("(?m)^\\s*(hash|ip_hash|sticky)\\b").matcher(upstream).find();
    }

    // ---- Dockerfile -------------------------------------------------------------------------------------

    record Instruction(String keyword, String arguments) {}

    /** Instructions per build stage, with continuation lines joined and comments dropped. */
    static List<List<Instruction>> dockerfileStages(String dockerfile) {
        List<List<Instruction>> stages = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : dockerfile.split("\\R")) {
            String stripped = line.strip();
            if (stripped.startsWith("#") || (stripped.isEmpty() && pending.isEmpty())) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                pending.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            pending.append(stripped);
            String[] keywordAndArguments = pending.toString().strip().split("\\s+", 2);
            pending.setLength(0);
            Instruction instruction = new Instruction(
                    keywordAndArguments[0].toUpperCase(Locale.ROOT),
                    keywordAndArguments.length > 1 ? keywordAndArguments[1].strip() : "");
            if (instruction.keyword().equals("FROM")) {
                stages.add(new ArrayList<>());
            }
            if (!stages.isEmpty()) {
                stages.getLast().add(instruction);
            }
        }
        return stages;
    }

    private static List<String> arguments(List<Instruction> stage, String keyword) {
        return stage.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    // ---- files and YAML ---------------------------------------------------------------------------------

    /** The repository root: the first directory upwards from the working directory with docker-compose.yml. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no docker-compose.yml in " + Path.of("").toAbsolutePath() + " or above");
    }

    private static Map<String, Object> loadYaml(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return asMap(new Yaml().load(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object yaml) {
        return yaml instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static List<?> asList(Object yaml) {
        return yaml instanceof List<?> list ? list : List.of();
    }
}
