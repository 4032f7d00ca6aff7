package com.profilebridge.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class InteractionIdTests {

    @ParameterizedTest
    @ValueSource(strings = {"3f2a9c1e-5b7d-4e8f-a1b2-c3d4e5f6a7b8", "498230115", "cx-1", "wi:123.4_5", "a"})
    void acceptsThePlatformsIdShapes(String id) {
        assertThat(InteractionId.parse(id)).contains(new InteractionId(id));
        assertThat(new InteractionId(id).value()).isEqualTo(id);
        assertThat(new InteractionId(id)).hasToString(id);
    }

    @Test
    void acceptsExactly128CharactersAndNoMore() {
        assertThat(InteractionId.isValid("a".repeat(128))).isTrue();
        assertThat(InteractionId.isValid("a".repeat(129))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "conv 1", "conv/1", "<script>", "conv\n1", "ïd", "a;b"})
    void refusesAnythingElse(String id) {
        assertThat(InteractionId.parse(id)).isEmpty();
        assertThatThrownBy(() -> new InteractionId(id)).isInstanceOf(InteractionId.Invalid.class);
    }

    @Test
    void anAbsentIdIsNoId() {
        assertThat(InteractionId.parse(null)).isEmpty();
        assertThat(InteractionId.isValid(null)).isFalse();
    }

    @Test
    void theRefusalNeverRepeatsTheValue() {
        String secretLooking = "4111111111111111 " + "x".repeat(200);
        assertThatThrownBy(() -> new InteractionId(secretLooking)).message().doesNotContain("4111");
    }
}
