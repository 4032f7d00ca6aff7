package com.profilebridge.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.profilebridge.shared.web.BadRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

class WebhookSignaturesTests {

    static final String OLD = "whsec_" + Base64.getEncoder().encodeToString("old-secret-0123456789".getBytes());
    static final String NEW = "whsec_" + Base64.getEncoder().encodeToString("new-secret-0123456789".getBytes());
    static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    static final byte[] BODY = "{\"conversationId\":\"c-1\",\"outcome\":\"Sale\"}".getBytes(StandardCharsets.UTF_8);

    final WebhookSignatures signatures = new WebhookSignatures(properties(Map.of(
            "signed", new OutcomeProperties.Webhook(List.of(OLD, NEW), Duration.ofMinutes(5)))),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aSignatureWithEitherRotatedSecretIsAcceptedAndItsIdReturned() {
        long now = NOW.getEpochSecond();
        assertThat(signatures.verify("signed", "msg_1", "" + now, sign(OLD, "msg_1", now), BODY)).isEqualTo("msg_1");
        assertThat(signatures.verify("signed", "msg_1", "" + now, "v1,bm90IGl0 " + sign(NEW, "msg_1", now), BODY))
                .isEqualTo("msg_1");
    }

    @Test
    void theStandardWebhooksTestVectorIsAccepted() {
        // the example of the Standard Webhooks specification
        Instant sent = Instant.ofEpochSecond(1614265330);
        WebhookSignatures vendor = new WebhookSignatures(properties(Map.of("vendor", new OutcomeProperties.Webhook(
                List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), Duration.ofMinutes(5)))),
                Clock.fixed(sent, ZoneOffset.UTC));

        assertThat(vendor.verify("vendor", "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330",
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8))).isEqualTo("msg_p5jXN8AQM9LWM0D4loKWxJek");
    }

    @Test
    void aSignerMustSignWithItsHeadersAndAMatchingSignature() {
        long now = NOW.getEpochSecond();
        assertUnauthorized(() -> signatures.verify("signed", null, null, null, BODY));
        assertUnauthorized(() -> signatures.verify("signed", "msg_1", "" + now, null, BODY));
        assertUnauthorized(() -> signatures.verify("signed", "msg_2", "" + now, sign(OLD, "msg_1", now), BODY));
        assertUnauthorized(() -> signatures.verify("signed", "msg_1", "" + now, sign(OLD, "msg_1", now),
                "{}".getBytes(StandardCharsets.UTF_8)));
        assertUnauthorized(() -> signatures.verify("signed", "msg_1", "" + now,
                sign("whsec_" + Base64.getEncoder().encodeToString("someone-else".getBytes()), "msg_1", now), BODY));
        assertUnauthorized(() -> signatures.verify("signed", "msg_1", "" + now, "v2,abc", BODY));
    }

    @Test
    void aTimestampOutsideTheToleranceIsRefusedEitherWay() {
        long stale = NOW.getEpochSecond() - 301;
        long future = NOW.getEpochSecond() + 301;
        assertUnauthorized(() -> signatures.verify("signed", "msg_1", "" + stale, sign(OLD, "msg_1", stale), BODY));
        assertUnauthorized(() -> signatures.verify("signed", "msg_1", "" + future, sign(OLD, "msg_1", future), BODY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999", "-1", "1e9", "17959170000000000000000", "now", " "})
    void aMalformedTimestampIsABadRequestNotAnError(String timestamp) {
        assertThatThrownBy(() -> signatures.verify("signed", "msg_1", timestamp, "v1,abc", BODY))
                .isInstanceOf(BadRequest.class)
                .satisfies(e -> assertThat(((BadRequest) e).status()).isEqualTo(HttpStatus.BAD_REQUEST));
        assertThatThrownBy(() -> signatures.verify("unsigned", "msg_1", timestamp, null, BODY))
                .isInstanceOf(BadRequest.class);
    }

    @Test
    void aMalformedWebhookIdOrSignatureHeaderIsABadRequest() {
        long now = NOW.getEpochSecond();
        assertThatThrownBy(() -> signatures.verify("unsigned", "m".repeat(129), null, null, BODY))
                .isInstanceOf(BadRequest.class)
                .satisfies(e -> assertThat(((BadRequest) e).status()).isEqualTo(HttpStatus.BAD_REQUEST));
        assertThatThrownBy(() -> signatures.verify("signed", "msg 1", "" + now, sign(OLD, "msg 1", now), BODY))
                .isInstanceOf(BadRequest.class);
        assertThatThrownBy(() -> signatures.verify("signed", "msg_1", "" + now, "v1," + "A".repeat(4096), BODY))
                .isInstanceOf(BadRequest.class);
    }

    @Test
    void aCallerWithoutSecretsNeedNotSignAndItsWebhookIdIsItsEventId() {
        assertThat(signatures.verify("unsigned", "msg_9", null, null, BODY)).isEqualTo("msg_9");
        assertThat(signatures.verify("unsigned", null, null, null, BODY)).isNull();
    }

    @Test
    void aTimestampExactlyAtTheToleranceIsAccepted() {
        long stale = NOW.getEpochSecond() - 300;
        long future = NOW.getEpochSecond() + 300;
        assertThat(signatures.verify("signed", "msg_1", "" + stale, sign(OLD, "msg_1", stale), BODY)).isEqualTo("msg_1");
        assertThat(signatures.verify("signed", "msg_1", "" + future, sign(OLD, "msg_1", future), BODY))
                .isEqualTo("msg_1");
    }

    @Test
    void aSignatureHeaderOfTheMaximumLengthIsStillVerified() {
        long now = NOW.getEpochSecond();
        String valid = sign(NEW, "msg_1", now);
        String filler = "v1," + "A".repeat(2_048 - valid.length() - 4);
        String header = filler + " " + valid;
        assertThat(header).hasSize(2_048);
        assertThat(signatures.verify("signed", "msg_1", "" + now, header, BODY)).isEqualTo("msg_1");
        assertThatThrownBy(() -> signatures.verify("signed", "msg_1", "" + now, "A" + header, BODY))
                .isInstanceOf(BadRequest.class)
                .satisfies(e -> assertThat(((BadRequest) e).status()).isEqualTo(HttpStatus.BAD_REQUEST));
    }

    @Test
    void aCallerWhoseSecretsAreAllUnsetNeedNotSign() {
        // BRIDGE_OUTCOMES_WEBHOOKS_X_SECRETS_0 left empty in the environment binds as a blank secret
        WebhookSignatures unset = new WebhookSignatures(properties(Map.of(
                "ivr", new OutcomeProperties.Webhook(List.of("", " "), Duration.ofMinutes(5)))),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(unset.verify("ivr", "msg_3", null, null, BODY)).isEqualTo("msg_3");
    }

    static void assertUnauthorized(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(BadRequest.class)
                .satisfies(e -> assertThat(((BadRequest) e).status()).isEqualTo(HttpStatus.UNAUTHORIZED));
    }

    static String sign(String secret, String id, long timestamp) {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        byte[] content = (id + "." + timestamp + "." + new String(BODY, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        return "v1," + Base64.getEncoder().encodeToString(WebhookSignatures.hmac(key, content));
    }

    static OutcomeProperties properties(Map<String, OutcomeProperties.Webhook> webhooks) {
        return new OutcomeProperties(Duration.ofSeconds(60), Duration.ofMinutes(10), Duration.ofDays(7),
                Duration.ofDays(7), new OutcomeProperties.Delivery(true, 4, 100, Duration.ofMillis(500),
                        Duration.ofSeconds(60), 10, Duration.ofSeconds(1), Duration.ofMinutes(5)),
                webhooks, Duration.ofSeconds(30), Duration.ofMinutes(5), Map.of(),
                new OutcomeProperties.Intake(true, 4, 64),
                new OutcomeProperties.Housekeeping(Duration.ofMinutes(1), Duration.ofSeconds(5)));
    }
}
