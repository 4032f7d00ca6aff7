package com.profilebridge.widget.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class WidgetHandshakeOriginTests {

    @Test
    void acceptsTheBridgePagesOwnOrigin() {
        assertThat(WidgetSessionController.sameOrigin(request(Map.of("Origin", "https://bridge.example:8443"))))
                .isTrue();
        assertThat(WidgetSessionController.sameOrigin(request(Map.of("Origin", "https://bridge.example:8443",
                "Sec-Fetch-Site", "same-origin")))).isTrue();
        assertThat(WidgetSessionController.sameOrigin(request(Map.of("Sec-Fetch-Site", "same-origin")))).isTrue();
    }

    @Test
    void refusesARequestThatSaysNothingAboutWhereItComesFrom() {
        assertThat(WidgetSessionController.sameOrigin(request(Map.of()))).isFalse();
        assertThat(WidgetSessionController.sameOrigin(request(Map.of("Origin", " ")))).isFalse();
        assertThat(WidgetSessionController.sameOrigin(request(Map.of("Sec-Fetch-Site", "none")))).isFalse();
    }

    @Test
    void refusesOtherOriginsOpaqueOriginsAndCrossSiteFetches() {
        assertThat(WidgetSessionController.sameOrigin(request(Map.of("Origin", "https://evil.example")))).isFalse();
        assertThat(WidgetSessionController.sameOrigin(request(Map.of("Origin", "https://bridge.example")))).isFalse();
        assertThat(WidgetSessionController.sameOrigin(request(Map.of("Origin", "null")))).isFalse();
        assertThat(WidgetSessionController.sameOrigin(request(Map.of("Origin", "https://bridge.example:8443",
                "Sec-Fetch-Site", "cross-site")))).isFalse();
        assertThat(WidgetSessionController.sameOrigin(request(Map.of("Sec-Fetch-Site", "same-site")))).isFalse();
    }

    private static MockHttpServletRequest request(Map<String, String> headers) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/widget/session");
        request.addHeader("Host", "bridge.example:8443");
        headers.forEach(request::addHeader);
        return request;
    }
}
