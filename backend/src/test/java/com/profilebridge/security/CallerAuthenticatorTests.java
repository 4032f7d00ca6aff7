package com.profilebridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Caller credentials, checked with every order of the configured callers: a security property holds
 * for every order or it does not hold (a map's iteration order once decided whether a wrong
 * credential got in as the first caller).
 */
class CallerAuthenticatorTests {

    /** Three callers, one with a blank secret (an unset environment variable), in every order. */
    static List<Map<String, CallerProperties.Caller>> everyOrder() {
        List<Map.Entry<String, CallerProperties.Caller>> callers = List.of(
                Map.entry("genesys", new CallerProperties.Caller(List.of("genesys-old", "genesys-new"),
                        List.of("INTEGRATION"))),
                Map.entry("ops", new CallerProperties.Caller(List.of("ops-secret"), List.of("OPERATOR"))),
                Map.entry("cxone", new CallerProperties.Caller(List.of("", " "), List.of("INTEGRATION"))));
        List<Map<String, CallerProperties.Caller>> orders = new ArrayList<>();
        permutations(new ArrayList<>(callers), 0, orders);
        return orders;
    }

    private static void permutations(List<Map.Entry<String, CallerProperties.Caller>> items, int from,
            List<Map<String, CallerProperties.Caller>> out) {
        if (from == items.size()) {
            Map<String, CallerProperties.Caller> ordered = new LinkedHashMap<>();
            items.forEach(e -> ordered.put(e.getKey(), e.getValue()));
            out.add(ordered);
            return;
        }
        for (int i = from; i < items.size(); i++) {
            java.util.Collections.swap(items, from, i);
            permutations(items, from + 1, out);
            java.util.Collections.swap(items, from, i);
        }
    }

    @ParameterizedTest
    @MethodSource("everyOrder")
    void eachSecretAuthenticatesItsOwnCallerOnly(Map<String, CallerProperties.Caller> callers) {
        CallerAuthenticator authenticator = authenticator(callers);

        assertThat(name(authenticator, basic("genesys", "genesys-old"))).contains("genesys");
        assertThat(name(authenticator, basic("genesys", "genesys-new"))).contains("genesys");
        assertThat(name(authenticator, basic("ops", "ops-secret"))).contains("ops");
        assertThat(name(authenticator, apiKey("genesys-new"))).contains("genesys");
        assertThat(name(authenticator, apiKey("ops-secret"))).contains("ops");
        assertThat(authenticator.authenticate(basic("ops", "ops-secret")).orElseThrow().hasRole("OPERATOR")).isTrue();
        assertThat(authenticator.authenticate(basic("ops", "ops-secret")).orElseThrow().hasRole("INTEGRATION")).isFalse();
    }

    @ParameterizedTest
    @MethodSource("everyOrder")
    void aWrongSecretOrAnotherCallersSecretNeverAuthenticates(Map<String, CallerProperties.Caller> callers) {
        CallerAuthenticator authenticator = authenticator(callers);

        for (String user : List.of("genesys", "ops", "cxone", "nobody")) {
            assertThat(name(authenticator, basic(user, "guess"))).as("%s with a wrong secret", user).isEmpty();
        }
        assertThat(name(authenticator, basic("genesys", "ops-secret"))).as("another caller's secret").isEmpty();
        assertThat(name(authenticator, basic("ops", "genesys-old"))).as("another caller's secret").isEmpty();
        assertThat(name(authenticator, basic("nobody", "genesys-old"))).as("an unknown user").isEmpty();
        assertThat(name(authenticator, apiKey("guess"))).as("a wrong API key").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("everyOrder")
    void aBlankConfiguredSecretNeverLetsAnEmptyPasswordIn(Map<String, CallerProperties.Caller> callers) {
        CallerAuthenticator authenticator = authenticator(callers);

        for (String user : List.of("cxone", "genesys", "ops")) {
            assertThat(name(authenticator, basic(user, ""))).as("%s with an empty password", user).isEmpty();
            assertThat(name(authenticator, basic(user, " "))).as("%s with a blank password", user).isEmpty();
        }
        assertThat(name(authenticator, apiKey(" "))).isEmpty();
        MockHttpServletRequest emptyKeyAndBasic = basic("cxone", "");
        emptyKeyAndBasic.addHeader("X-API-Key", "");
        assertThat(name(authenticator, emptyKeyAndBasic)).isEmpty();
        assertThat(name(authenticator, rawBasic(":"))).isEmpty();
        assertThat(name(authenticator, rawBasic(":genesys-old"))).as("no user name").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("everyOrder")
    void theBasicUserNameIsComparedAsAnEnvironmentVariableNamesIt(Map<String, CallerProperties.Caller> callers) {
        Map<String, CallerProperties.Caller> withDemo = new LinkedHashMap<>(callers);
        withDemo.put("ivrdemo", new CallerProperties.Caller(List.of("demo-ivr-secret"), List.of("INTEGRATION")));
        CallerAuthenticator authenticator = authenticator(withDemo);

        assertThat(name(authenticator, basic("ivr-demo", "demo-ivr-secret"))).contains("ivrdemo");
        assertThat(name(authenticator, basic("ivrdemo", "demo-ivr-secret"))).contains("ivrdemo");
        assertThat(name(authenticator, basic("IVR_DEMO", "demo-ivr-secret"))).contains("ivrdemo");
        assertThat(name(authenticator, basic("ivr-demo", "genesys-old"))).isEmpty();
        assertThat(name(authenticator, basic("ivr-demox", "demo-ivr-secret"))).isEmpty();
    }

    @Test
    void aSecretNeverGrantsTheErasureRoleWhateverTheCallerIsConfiguredWith() {
        CallerAuthenticator authenticator = authenticator(Map.of("dsrtool",
                new CallerProperties.Caller(List.of("dsr-secret"), List.of("ERASURE", "OPERATOR"))));

        CallerAuthenticator.Caller caller = authenticator.authenticate(basic("dsrtool", "dsr-secret")).orElseThrow();

        assertThat(caller.hasRole("OPERATOR")).isTrue();
        assertThat(caller.hasRole(CallerAuthenticator.ERASURE)).isFalse();
        assertThat(caller.clientId()).isNull();
    }

    private static CallerAuthenticator authenticator(Map<String, CallerProperties.Caller> callers) {
        return new CallerAuthenticator(new CallerProperties(callers, "X-API-Key"));
    }

    private static Optional<String> name(CallerAuthenticator authenticator, MockHttpServletRequest request) {
        return authenticator.authenticate(request).map(CallerAuthenticator.Caller::name);
    }

    private static MockHttpServletRequest basic(String user, String password) {
        return rawBasic(user + ":" + password);
    }

    private static MockHttpServletRequest rawBasic(String credentials) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/profiles/resolve");
        request.addHeader("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        return request;
    }

    private static MockHttpServletRequest apiKey(String key) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/profiles/resolve");
        request.addHeader("X-API-Key", key);
        return request;
    }
}
