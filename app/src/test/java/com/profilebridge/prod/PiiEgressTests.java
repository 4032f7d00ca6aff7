package com.profilebridge.prod;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.profilebridge.identity.InteractionLinks;
import com.profilebridge.support.Browser;
import com.profilebridge.support.GenesysDesktop;
import com.profilebridge.support.Http;
import com.profilebridge.support.ProdSettings;
import com.profilebridge.support.ScratchDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.DataType;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PII corpus (backend/src/test/resources/masking/pii-corpus.tsv) through every egress of a
 * {@code prod} instance (PostgreSQL, Redis, an HTTP CDP on WireMock): the corpus sits in a CDP
 * profile's free text and fields and in an outcome summary, the CDP answers one lookup with an
 * error body that echoes PII, and then the resolve answer, the proxy answer, the outcome the CDP
 * receives, the captured log output, every database table and every Redis key and value are
 * scanned: no raw value may be in any of them. The agent widget, in Chromium inside a Genesys
 * desktop, is scanned the same way: its rendered text, its HTML and every answer the bridge sent
 * the browser (Vaadin's bootstrap and UIDL answers among them).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("prod")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class PiiEgressTests {

    static final String ORGANIZATION = "5e1f0c2a-0000-4c8e-9a61-0d3e0de3feed";
    static final String GENESYS_TOKEN = "gc-" + UUID.randomUUID().toString().replace("-", "");
    static final String CALLER = "Basic " + Base64.getEncoder()
            .encodeToString("genesys:prod-secret-1".getBytes(StandardCharsets.UTF_8));
    static final ScratchDatabase database = ScratchDatabase.create();
    static final String prefix = "pb-test-" + UUID.randomUUID() + ":";
    static final WireMockServer vendors = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());
    static final JsonMapper json = JsonMapper.builder().build();
    static final List<Positive> corpus = Positive.load();

    static {
        vendors.start();
    }

    @DynamicPropertySource
    static void prodSettings(DynamicPropertyRegistry registry) {
        ProdSettings.register(registry, database, 6379, vendors.port(), "prod-secret-1");
        registry.add("bridge.cache.redis.key-prefix", () -> prefix);
        registry.add("bridge.agent.genesys.api-base-url-template", () -> "http://127.0.0.1:" + vendors.port() + "/{env}");
        registry.add("bridge.agent.genesys.organization-ids", () -> ORGANIZATION);
        registry.add("bridge.agent.genesys.oauth-client-ids", () -> "pii-widget-client");
        // free search: the proxy is asked by user id, the egress this test scans
        registry.add("bridge.agent.access", () -> "free-search");
        registry.add("bridge.outcomes.settle-window", () -> "1s");
        // the widget: the Genesys login the bridge page starts, and the desktop (WireMock) that frames it
        registry.add("bridge.widget.genesys.client-id", () -> "pii-widget-client");
        registry.add("bridge.widget.frame-ancestors", () -> "http://localhost:" + vendors.port());
        registry.add("bridge.outcomes.delivery.poll-interval", () -> "100ms");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    InteractionLinks links;

    static @Nullable Browser browser;

    @AfterAll
    static void cleanUp() {
        if (browser != null) {
            browser.close();
        }
        vendors.stop();
        database.drop();
    }

    @Test
    void noRawCorpusValueLeavesThroughAnyEgress(CapturedOutput output) {
        stubVendors();
        Http http = new Http(port);

        HttpResponse<String> resolved = http.post("/v1/profiles/resolve", "application/json",
                "{\"identifier\":\"+15557770001\",\"conversationId\":\"conv-pii-1\"}", CALLER);
        assertThat(resolved.statusCode()).isEqualTo(200);
        assertThat(resolved.body()).contains("usr_pii", "[card ****");

        HttpResponse<String> proxied = http.get("/api/proxy/cdp/profile/usr_pii", Map.of(
                "Authorization", "Bearer " + GENESYS_TOKEN, "X-Agent-Platform", "genesys",
                "X-Genesys-Environment", "mypurecloud.de"));
        assertThat(proxied.statusCode()).isEqualTo(200);
        assertThat(proxied.body()).contains("[card ****", "[iban ", "[phone ****", "***@example.com", "***-**-6789")
                .doesNotContain("\"cvv\"");

        // a correlation id is echoed to the caller who chose it, but the request log (MDC) must not keep it
        http.get("/v1/outcomes/stats", Map.of("X-Correlation-Id", "555-100-0042"));

        // the CDP fails a lookup with an error body that echoes what it was sent
        HttpResponse<String> degraded = http.post("/v1/profiles/resolve", "application/json",
                "{\"identifier\":\"+15557770002\"}", CALLER);
        assertThat(degraded.statusCode()).isEqualTo(200);

        // the corpus as outcome summaries, each within the 4,000 characters a summary may have
        List<String> summaries = summaries();
        for (int i = 0; i < summaries.size(); i++) {
            HttpResponse<String> tracked = http.post("/v1/interactions/track", "application/json",
                    outcomeBody("cx-pii-" + i, summaries.get(i)), CALLER);
            assertThat(tracked.statusCode()).as(tracked.body()).isEqualTo(202);
        }
        String delivered = await("the outcomes at the CDP").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> vendors.findAll(postRequestedFor(urlEqualTo("/v1/interactions/track"))),
                        requests -> requests.size() >= summaries.size())
                .stream().map(LoggedRequest::getBodyAsString).collect(Collectors.joining("\n"));

        // an application log line and an exception carrying PII go through the same layout
        LoggerFactory.getLogger(PiiEgressTests.class).warn("CDP said: {}", joined(0, 40),
                new IllegalStateException("upstream echoed " + joined(40, 80)));

        Map<String, String> egress = new LinkedHashMap<>();
        egress.put("resolve answer", resolved.body() + degraded.body());
        egress.put("proxy answer", proxied.body());
        egress.put("outcome at the CDP", delivered);
        egress.put("database tables", databaseDump());
        egress.put("redis keys and values", redisDump());
        egress.put("log output", output.getAll());

        egress.forEach((where, text) -> assertThat(leaks(text)).as(where).isEmpty());
        assertThat(output.getAll()).as("the echoing CDP error and the test's own line were logged")
                .contains("[phone ****0042]", "CDP said: ");
    }

    @Test
    void noRawCorpusValueReachesTheAgentWidget(CapturedOutput output) {
        stubVendors();
        stubHousehold();
        Http http = new Http(port);
        // the IVR step: links the first interaction to the customer whose profile holds the corpus
        String linked = "conv-pii-widget-" + UUID.randomUUID();
        HttpResponse<String> resolved = http.post("/v1/profiles/resolve", "application/json",
                "{\"identifier\":\"+15557770001\",\"conversationId\":\"" + linked + "\"}", CALLER);
        assertThat(resolved.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> links.find(linked).isPresent());
        // the second interaction is linked to nobody: its caller's number is shared by two customers
        String shared = "conv-pii-household-" + UUID.randomUUID();
        String host = GenesysDesktop.encode("http://localhost:" + vendors.port());
        String bridge = "http://127.0.0.1:" + port + "/embed/genesys/widget.html?env=mypurecloud.de&lang=en-us&host=" + host;
        GenesysDesktop.hostPage(vendors, "linked.html", bridge + "&conversationId=" + linked);
        GenesysDesktop.hostPage(vendors, "household.html", bridge + "&conversationId=" + shared + "&ani=%2B15557770003");

        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
        browser = browser == null ? Browser.chromium() : browser;
        Map<String, String> widget = new LinkedHashMap<>();
        List<Response> answers = new CopyOnWriteArrayList<>();
        try (BrowserContext context = browser.newContext(1280, 900)) {
            context.route("https://login.mypurecloud.de/**", route -> GenesysDesktop.login(route, GENESYS_TOKEN));
            // every answer from the bridge with data in it: pages, the handshake, Vaadin's init and UIDL
            // (not the scripts, styles and fonts of the Vaadin bundle, which hold nobody's data)
            context.onResponse(answer -> {
                String type = String.valueOf(answer.headers().get("content-type"));
                if (answer.url().startsWith("http://127.0.0.1:" + port + "/")
                        && (type.contains("json") || type.contains("html") || type.contains("text/plain"))) {
                    answers.add(answer);
                }
            });
            Page desktop = context.newPage();
            desktop.navigate("http://localhost:" + vendors.port() + "/host/linked.html");
            FrameLocator frame = desktop.frameLocator("#widget-frame");
            Page popup = desktop.waitForPopup(() -> frame.locator("#sign-in").click());
            popup.waitForClose(() -> {});
            assertThat(frame.locator("#profile")).containsText("usr_pii");
            // the lists are rendered when opened: open both, so their text is on the page
            frame.locator("#orders").click();
            assertThat(frame.locator("#orders li")).hasCount(5);
            frame.locator("#interactions").click();
            assertThat(frame.locator("#interactions li")).hasCount((corpus.size() + 6) / 7);
            widget.put("linked customer", shown(desktop));

            // another interaction joins the agent's session: the household chooser, then one of them
            desktop.navigate("http://localhost:" + vendors.port() + "/host/household.html");
            assertThat(frame.locator("#household")).containsText("2");
            widget.put("household chooser", shown(desktop));
            frame.locator("#pick-0").click();
            assertThat(frame.locator("#profile")).containsText("usr_pii_h1");
            widget.put("household member", shown(desktop));

            StringBuilder bodies = new StringBuilder();
            int uidl = 0;
            for (Response answer : answers) {
                String body = body(answer);
                bodies.append(answer.url()).append('\n').append(body).append('\n');
                uidl += answer.url().contains("v-r=uidl") && body.contains("[card ****") ? 1 : 0;
            }
            assertThat(uidl).as("UIDL answers carrying the (masked) profile were captured").isPositive();
            widget.put("answers to the browser", bodies.toString());
        }
        widget.put("log output", output.getAll());

        int scanned = 0;
        for (Map.Entry<String, String> egress : widget.entrySet()) {
            assertThat(leaks(egress.getValue())).as(egress.getKey()).isEmpty();
            scanned += egress.getValue().length();
        }
        assertThat(widget.get("linked customer")).as("the widget showed the masked corpus")
                .contains("[card ****", "[iban ", "[phone ****", "***@example.com", "[ssn ***-**-", "[email ****]");
        System.out.printf(Locale.ROOT, "PII corpus in the widget: %d raw values of %d in %,d characters "
                + "(rendered text, HTML and %d answers to the browser)%n", 0, corpus.size(), scanned, answers.size());
    }

    /** The bridge frame as the agent's browser has it: its text, its HTML, the values of its fields. */
    private static String shown(Page desktop) {
        Frame frame = desktop.frames().stream().filter(f -> f.url().contains("/widget?")).findFirst().orElseThrow();
        return frame.evaluate("() => document.body.innerText") + "\n" + frame.content() + "\n"
                + frame.evaluate("() => Array.from(document.querySelectorAll('input, textarea, vaadin-text-field'))"
                        + ".map(e => e.value).join('\\n')");
    }

    /** An answer's body as text, JSON escapes resolved (Vaadin escapes some characters in UIDL); empty without one. */
    private static String body(Response answer) {
        try {
            String text = new String(answer.body(), StandardCharsets.UTF_8);
            return UNICODE_ESCAPE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                    Character.toString(Integer.parseInt(m.group(1), 16))));
        } catch (PlaywrightException noBody) {
            return ""; // redirects and answers the browser dropped have none
        }
    }

    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");

    /** Two customers share the caller's number; each has corpus values in the fields the chooser and the card show. */
    private static void stubHousehold() {
        List<Map<String, Object>> members = new ArrayList<>();
        for (int m = 1; m <= 2; m++) {
            Map<String, Object> member = new LinkedHashMap<>(profile());
            member.put("cdp_user_id", "usr_pii_h" + m);
            member.put("name", corpus.get(m * 13 % corpus.size()).text() + " Example");
            member.put("email", "member" + m + ".household@example.com");
            members.add(member);
        }
        vendors.stubFor(post(urlEqualTo("/v1/profiles/resolve"))
                .withRequestBody(matchingJsonPath("$.identifier", equalTo("+15557770003")))
                .willReturn(jsonAnswer(200, "{\"status\":\"multiple\",\"candidates\":" + json.writeValueAsString(members) + "}")));
        for (Map<String, Object> member : members) {
            vendors.stubFor(get(urlEqualTo("/v1/profiles/" + member.get("cdp_user_id")))
                    .willReturn(jsonAnswer(200, json.writeValueAsString(member))));
        }
    }

    private static void stubVendors() {
        String expires = Instant.now().plus(Duration.ofHours(8)).toString();
        vendors.stubFor(get(urlPathEqualTo("/mypurecloud.de/api/v2/tokens/me"))
                .withHeader("Authorization", equalTo("Bearer " + GENESYS_TOKEN))
                .willReturn(jsonAnswer(200, "{\"organization\":{\"id\":\"" + ORGANIZATION + "\",\"name\":\"Acme\"},"
                        + "\"homeOrganization\":{\"id\":\"" + ORGANIZATION + "\"},\"OAuthClient\":{\"id\":\"pii-widget-client\"},"
                        + "\"expirationDate\":\"" + expires + "\"}")));
        vendors.stubFor(get(urlPathEqualTo("/mypurecloud.de/api/v2/users/me"))
                .withHeader("Authorization", equalTo("Bearer " + GENESYS_TOKEN))
                .willReturn(jsonAnswer(200, "{\"id\":\"gc-agent-1\",\"name\":\"Pat Agent\"}")));
        String profile = json.writeValueAsString(profile());
        vendors.stubFor(post(urlEqualTo("/v1/profiles/resolve"))
                .withRequestBody(matchingJsonPath("$.identifier", equalTo("+15557770001")))
                .willReturn(jsonAnswer(200, "{\"status\":\"success\",\"profile\":" + profile + "}")));
        vendors.stubFor(get(urlEqualTo("/v1/profiles/usr_pii")).willReturn(jsonAnswer(200, profile)));
        vendors.stubFor(post(urlEqualTo("/v1/profiles/resolve"))
                .withRequestBody(equalToJson("{\"identifier\":\"+15557770002\"}", true, true))
                .willReturn(jsonAnswer(500, "{\"error\":\"lookup failed for +1 (555) 100-0042, "
                        + "ada.lovelace@example.com, card 4111 1111 1111 1111 123\"}")));
        vendors.stubFor(post(urlEqualTo("/v1/interactions/track")).willReturn(aResponse().withStatus(200)));
    }

    /** A CDP profile with the whole corpus in its free text, some in named fields. */
    private static Map<String, Object> profile() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("cdp_user_id", "usr_pii");
        p.put("name", "Pat Example");
        p.put("email", "Pat.Example@Example.com");
        p.put("phone", "+1 (555) 100-0042");
        p.put("tier", "GOLD");
        p.put("notes", joined(0, corpus.size()));
        List<Map<String, Object>> orders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            orders.add(Map.of("id", corpus.get(i).text(), "status", corpus.get(corpus.size() - 1 - i).text()));
        }
        p.put("recent_orders", orders);
        List<Map<String, Object>> interactions = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i += 7) {
            interactions.add(Map.of("at", "2026-11-29T10:15:00Z", "channel", "voice", "outcome", "Resolved",
                    "summary", corpus.get(i).text(), "interaction_id", "conv-" + i));
        }
        p.put("recent_interactions", interactions);
        for (int i = 0; i < corpus.size(); i++) {
            p.put("note_" + i, corpus.get(i).text());
        }
        p.put("ssn", "123-45-6789");
        p.put("dateOfBirth", "1985-07-14");
        p.put("ANI", "+1 (555) 100-0042");
        p.put("IBAN", "DE89 3704 0044 0532 0130 00");
        p.put("Credit-Card-Number", "4111.1111.1111.1111");
        p.put("cvv", "123");
        return p;
    }

    private static String outcomeBody(String contactId, String summary) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("contactId", contactId);
        body.put("userId", "usr_pii");
        body.put("disposition", "Resolved");
        body.put("summary", summary);
        return json.writeValueAsString(body);
    }

    /** The whole corpus, cut between entries into summaries of at most 3,900 characters. */
    private static List<String> summaries() {
        List<String> summaries = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (Positive positive : corpus) {
            if (current.length() + positive.text().length() + 3 > 3_900) {
                summaries.add(current.toString());
                current.setLength(0);
            }
            current.append(current.isEmpty() ? "" : " ;\n").append(positive.text());
        }
        summaries.add(current.toString());
        return summaries;
    }

    private static String joined(int from, int to) {
        return String.join(" ;\n", corpus.subList(from, to).stream().map(Positive::text).toList());
    }

    private String databaseDump() {
        StringBuilder dump = new StringBuilder();
        List<String> tables = jdbc.sql("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'").query(String.class).list();
        assertThat(tables).contains("interaction_link");
        for (String table : tables) {
            dump.append(table).append('\n');
            jdbc.sql("SELECT row_to_json(t)::text FROM \"" + table + "\" t").query(String.class).list()
                    .forEach(row -> dump.append(row).append('\n'));
        }
        return dump.toString();
    }

    private String redisDump() {
        StringBuilder dump = new StringBuilder();
        for (String key : redis.keys(prefix + "*")) {
            dump.append(key).append(" = ");
            DataType type = redis.type(key);
            switch (type) {
                case STRING -> dump.append(redis.opsForValue().get(key));
                case HASH -> dump.append(redis.opsForHash().entries(key));
                case LIST -> dump.append(redis.opsForList().range(key, 0, -1));
                case SET -> dump.append(redis.opsForSet().members(key));
                case ZSET -> dump.append(redis.opsForZSet().range(key, 0, -1));
                default -> dump.append(type);
            }
            dump.append('\n');
        }
        assertThat(dump).as("the masked profile was cached in Redis").contains("usr_pii");
        return dump.toString();
    }

    /** Every corpus value found raw in the text, as it was written or without its separators. */
    private static List<String> leaks(String text) {
        String compactText = text.replaceAll("[^0-9A-Za-z]", "");
        List<String> found = new ArrayList<>();
        for (Positive positive : corpus) {
            String compact = positive.secret().replaceAll("[^0-9A-Za-z]", "");
            // shorter digit strings could occur by chance in ports, ids and timings
            if (text.contains(positive.secret()) || (compact.length() >= 10 && compactText.contains(compact))) {
                found.add(positive.kind() + ": " + positive.secret());
            }
        }
        return found;
    }

    private static ResponseDefinitionBuilder jsonAnswer(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** One positive of the corpus: its text and the secret that must not survive. */
    record Positive(String kind, String text, String secret) {

        static List<Positive> load() {
            // the corpus lives with the masking unit tests, one file for both levels
            Path file = Path.of("../backend/src/test/resources/masking/pii-corpus.tsv");
            try {
                return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                        .filter(line -> line.startsWith("P\t"))
                        .map(line -> line.split("\t"))
                        .map(f -> new Positive(f[1], unescape(f[2]), unescape(f[3])))
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException("the PII corpus is read from " + file.toAbsolutePath(), e);
            }
        }

        /** Line breaks and tabs inside a value are written {@code \\n}, {@code \\r} and {@code \\t} in the corpus. */
        static String unescape(String value) {
            return value.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t");
        }
    }
}
