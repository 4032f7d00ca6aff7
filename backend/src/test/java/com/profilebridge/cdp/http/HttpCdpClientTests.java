package com.profilebridge.cdp.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpIdentifier.Kind;
import com.profilebridge.cdp.CdpProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import java.net.http.HttpClient;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The generic HTTP adapter never turns an answer that names nobody into a match: "not found"
 * bodies on both endpoints, empty or id-less profiles, candidates without an id.
 */
class HttpCdpClientTests {

    static final WireMockServer cdp = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());

    static {
        cdp.start();
    }

    final HttpCdpClient client = new HttpCdpClient(
            RestClient.builder().baseUrl("http://127.0.0.1:" + cdp.port())
                    .requestFactory(new JdkClientHttpRequestFactory(
                            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()))
                    .build(),
            JsonMapper.builder().build(), "/");

    @AfterAll
    static void stop() {
        cdp.stop();
    }

    @BeforeEach
    void reset() {
        cdp.resetAll();
    }

    /** Answers of {@code GET /v1/profiles/{id}} that name nobody. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"status\":\"not_found\"}",
            "{\"status\":\"NOT_FOUND\",\"profile\":{\"cdp_user_id\":\"usr_1\"}}",
            "{}",
            "{\"profile\":{}}",
            "{\"profile\":{\"cdp_user_id\":\"\",\"tier\":\"GOLD\"}}",
            "{\"profile\":{\"cdp_user_id\":\"   \"}}",
            "{\"profile\":{\"cdp_user_id\":null,\"tier\":\"GOLD\"}}",
            "{\"profile\":\"usr_1\"}",
            "{\"tier\":\"GOLD\",\"lifetime_value\":12}",
            "{\"status\":\"success\"}"})
    void aProfileAnswerWithoutAUserIdIsNoMatch(String body) {
        cdp.stubFor(get(urlEqualTo("/v1/profiles/usr_1")).willReturn(json(body)));

        assertThat(client.profile("usr_1")).isEmpty();
        assertThat(client.lookup(new CdpIdentifier(Kind.USER_ID, "usr_1")).profiles()).isEmpty();
    }

    /** Answers of {@code POST /v1/profiles/resolve} that name nobody. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"status\":\"not_found\"}",
            "{\"status\":\"not_found\",\"profile\":{\"cdp_user_id\":\"usr_1\"},\"candidates\":[\"usr_2\"]}",
            "{}",
            "{\"status\":\"success\"}",
            "{\"status\":\"success\",\"profile\":{}}",
            "{\"status\":\"success\",\"profile\":{\"user_id\":\"\",\"tier\":\"GOLD\"}}",
            "{\"status\":\"success\",\"candidates\":[{}, \"\", null, 7.5, {\"tier\":\"GOLD\"}, [\"usr_3\"]]}"})
    void aResolveAnswerWithoutAUserIdIsNoMatch(String body) {
        cdp.stubFor(post(urlEqualTo("/v1/profiles/resolve")).willReturn(json(body)));

        assertThat(client.lookup(new CdpIdentifier(Kind.PHONE, "+15551000042")).profiles()).isEmpty();
        assertThat(client.lookup(new CdpIdentifier(Kind.EMAIL, "ada@example.com")).profiles()).isEmpty();
    }

    @Test
    void onlyTheCandidatesThatNameAUserAreMatchesAndEachOnlyOnce() {
        cdp.stubFor(post(urlEqualTo("/v1/profiles/resolve")).willReturn(json("""
                {"status":"success","profile":{"cdp_user_id":"usr_a","tier":"GOLD"},
                 "candidates":["usr_b", {"cdp_user_id":"usr_a"}, {}, "", {"userId":"usr_c"}]}""")));

        assertThat(client.lookup(new CdpIdentifier(Kind.PHONE, "+15551000097")).profiles())
                .extracting(CdpProfile::userId).containsExactly("usr_a", "usr_b", "usr_c");
    }

    @Test
    void aProfileThatNamesItsUserIsAMatch() {
        cdp.stubFor(get(urlEqualTo("/v1/profiles/usr_1")).willReturn(json(
                "{\"status\":\"success\",\"profile\":{\"cdp_user_id\":\"usr_1\",\"tier\":\"GOLD\"}}")));

        assertThat(client.profile("usr_1")).hasValueSatisfying(p -> {
            assertThat(p.userId()).isEqualTo("usr_1");
            assertThat(p.tier()).isEqualTo("GOLD");
        });
    }

    @Test
    void aNotFoundStatusIsNoMatch() {
        cdp.stubFor(get(urlEqualTo("/v1/profiles/usr_gone")).willReturn(aResponse().withStatus(404)));

        assertThat(client.profile("usr_gone")).isEmpty();
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
