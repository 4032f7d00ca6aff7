package com.profilebridge.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.profilebridge.masking.PiiMasker;
import com.profilebridge.shared.Sha256;
import com.profilebridge.shared.web.BadRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** What the platforms post, recognised, keyed for dedupe and attributed (or not) from the body alone. */
class OutcomeParserTests {

    static final Instant RECEIVED = Instant.parse("2026-11-29T10:00:00Z");
    final JsonMapper json = JsonMapper.builder().build();
    final OutcomeParser parser = new OutcomeParser(json, new PiiMasker());

    IncomingOutcome parse(String body) {
        return parser.parse(json.readTree(body), "genesys-prod", null, RECEIVED);
    }

    @Test
    void theSameBodyWithItsKeysInAnotherOrderIsTheSameEvent() {
        IncomingOutcome first = parse("{\"conversationId\":\"c-1\",\"userId\":\"u-1\",\"outcome\":\"Sale\",\"duration\":12}");
        IncomingOutcome again = parse("{\"duration\":12,\"outcome\":\"Sale\",\"userId\":\"u-1\",\"conversationId\":\"c-1\"}");
        IncomingOutcome other = parse("{\"conversationId\":\"c-1\",\"userId\":\"u-1\",\"outcome\":\"Refund\",\"duration\":12}");

        assertThat(again.dedupeKey()).isEqualTo(first.dedupeKey());
        assertThat(other.dedupeKey()).isNotEqualTo(first.dedupeKey());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"null\"", "\"NULL\"", "\"undefined\"", "null", "\"{{interaction.attributes.cdp_user_id}}\"",
            "\"  \""})
    void aMissingEmptyNullOrUnrenderedUserIdIsNoCustomer(String value) {
        IncomingOutcome outcome = parse("{\"conversationId\":\"c-2\",\"userId\":" + value + ",\"outcome\":\"Sale\"}");
        assertThat(outcome.userId()).isNull();
        assertThat(outcome.interactionId()).isEqualTo("c-2");
    }

    @Test
    void theCxoneBodyIsRecognisedAndItsDispositionAndUnknownFieldsKept() {
        IncomingOutcome outcome = parse(
                "{\"contactId\":\"7781\",\"userId\":\"usr_9\",\"disposition\":\"Callback\",\"summary\":\"ok\",\"workItem\":\"w\",\"skill\":\"billing\"}");
        assertThat(outcome.source()).isEqualTo("cxone");
        assertThat(outcome.userId()).isEqualTo("usr_9");
        assertThat(outcome.eventTime()).as("no timestamp: arrival time").isEqualTo(RECEIVED);
        assertThat(outcome.fields()).containsEntry("disposition", "Callback").containsEntry("skill", "billing")
                .containsEntry("workItem", "w").doesNotContainKey("contactId");
    }

    @Test
    void anAcwEventsUserIsTheAgentAndItsKeyIsConversationParticipantAndTime() {
        IncomingOutcome outcome = parse("""
                {"topicName":"v2.detail.events.conversation.c-3.acw","eventBody":{"eventTime":1795917000000,
                 "conversationId":"c-3","participantId":"p-1","userId":"agent-1","wrapupCode":"w-1",
                 "wrapupNotes":"SSN 123-45-6789","ani":"tel:+15551000042","mediaType":"VOICE"}}""");
        assertThat(outcome.kind()).isEqualTo("acw");
        assertThat(outcome.userId()).isNull();
        assertThat(outcome.fields()).containsEntry("agentId", "agent-1").containsEntry("disposition", "w-1")
                .containsEntry("channel", "voice").doesNotContainKey("ani");
        assertThat(outcome.fields().get("notes")).asString().doesNotContain("123-45-6789");
        assertThat(outcome.dedupeKey()).isEqualTo("genesys:acw:c-3:p-1:1795917000000");
        assertThat(outcome.eventTime()).isEqualTo(Instant.ofEpochMilli(1795917000000L));
    }

    @Test
    void anEventBridgeEnvelopeIsKeyedOnItsOwnId() {
        IncomingOutcome outcome = parse("""
                {"version":"0","id":"eb-1","detail-type":"v2.detail.events.conversation.c-4.customer.end",
                 "time":"2026-11-29T09:59:00Z","detail":{"topicName":"v2.detail.events.conversation.c-4.customer.end",
                 "eventBody":{"conversationId":"c-4","participantId":"p-2","disconnectType":"peer"}}}""");
        assertThat(outcome.dedupeKey()).isEqualTo("eventbridge:eb-1");
        assertThat(outcome.kind()).isEqualTo("customer.end");
        assertThat(outcome.eventTime()).as("no eventTime: the envelope's").isEqualTo(Instant.parse("2026-11-29T09:59:00Z"));
    }

    @Test
    void aSignedRequestIsKeyedOnItsWebhookId() {
        IncomingOutcome outcome = parser.parse(json.readTree("{\"conversationId\":\"c-5\",\"outcome\":\"Sale\"}"),
                "genesys-prod", "msg_2KW", RECEIVED);
        assertThat(outcome.dedupeKey()).isEqualTo("webhook:genesys-prod:msg_2KW");
    }

    @Test
    void noInteractionAndNoUserIsRefusedButAUserAloneIsKeptUnderItsOwnKey() {
        assertThatThrownBy(() -> parse("{\"outcome\":\"Sale\",\"userId\":\"null\"}"))
                .isInstanceOf(BadRequest.class).hasMessageContaining("Neither interactionId");
        IncomingOutcome userOnly = parse("{\"outcome\":\"Sale\",\"userId\":\"usr_1\"}");
        assertThat(userOnly.interactionId()).startsWith("no-interaction:");
    }

    @Test
    void aNumberPropertyMustBeFiniteAndExactInJson() {
        for (String number : List.of("1e400", "-1e400", "-1e308", "9007199254740992", "1.5e16")) {
            assertThatThrownBy(() -> parse("{\"conversationId\":\"c-n\",\"userId\":\"u-1\",\"duration\":" + number + "}"))
                    .as(number).isInstanceOf(BadRequest.class).hasMessageContaining("'duration'");
        }
        assertThat(parse("{\"conversationId\":\"c-n\",\"userId\":\"u-1\",\"duration\":9007199254740991}").fields())
                .containsEntry("duration", 9007199254740991L);
        assertThat(parse("{\"conversationId\":\"c-n\",\"userId\":\"u-1\",\"duration\":12.5}").fields())
                .containsEntry("duration", 12.5);
    }

    @Test
    void anEventIdThatIsNotAValueIsRefusedNotIgnored() {
        for (String id : List.of("{\"a\":1}", "[\"e-1\"]")) {
            assertThatThrownBy(() -> parse("{\"conversationId\":\"c-e\",\"userId\":\"u-1\",\"eventId\":" + id + "}"))
                    .as(id).isInstanceOf(BadRequest.class).hasMessageContaining("'eventId' is not an event id");
        }
    }

    @Test
    void anUnreadableTimestampIsABadRequestAndEpochMillisAreRead() {
        assertThatThrownBy(() -> parse("{\"conversationId\":\"c-6\",\"timestamp\":\"yesterday\"}"))
                .isInstanceOf(BadRequest.class).hasMessageContaining("ISO-8601");
        assertThat(parse("{\"conversationId\":\"c-6\",\"timestamp\":\"1795917000000\"}").eventTime())
                .isEqualTo(Instant.ofEpochMilli(1795917000000L));
        assertThat(parse("{\"conversationId\":\"c-6\",\"timestamp\":\"2026-11-29T11:00:00+01:00\"}").eventTime())
                .isEqualTo(Instant.parse("2026-11-29T10:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"+292278994-08-17T07:12:55Z\"", "\"1999-12-31T23:59:59Z\"", "\"2026-11-29T10:06:00Z\"",
            "99999999999999999", "-5", "1.5e3", "1e30", "\"99999999999999999\"", "\"-292275055-05-16T16:47:04Z\"",
            "{\"at\":1}", "true"})
    void refusesATimeOutOfRangeOrFormat(String value) {
        assertThatThrownBy(() -> parse("{\"conversationId\":\"c-7\",\"timestamp\":" + value + "}"))
                .isInstanceOf(BadRequest.class)
                .satisfies(e -> assertThat(((BadRequest) e).type()).isEqualTo("invalid-timestamp"));
        assertThatThrownBy(() -> parse("{\"topicName\":\"v2.detail.events.conversation.c-7.acw\",\"eventBody\":"
                + "{\"conversationId\":\"c-7\",\"eventTime\":" + value + "}}")).isInstanceOf(BadRequest.class);
    }

    @Test
    void aTimeAFewMinutesAheadOfTheClockIsPlatformSkewAndAccepted() {
        assertThat(parse("{\"conversationId\":\"c-7\",\"timestamp\":\"2026-11-29T10:04:00Z\"}").eventTime())
                .isEqualTo(Instant.parse("2026-11-29T10:04:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"interactionId", "conversationId", "contactId"})
    void refusesAnInteractionIdBreakingTheRuleWithoutRepeatingIt(String field) {
        String id = "c".repeat(200);
        assertThatThrownBy(() -> parse("{\"" + field + "\":\"" + id + "\",\"outcome\":\"Sale\"}"))
                .isInstanceOf(BadRequest.class)
                .satisfies(e -> assertThat(((BadRequest) e).type()).isEqualTo("invalid-interaction-id"))
                .message().doesNotContain(id);
        assertThatThrownBy(() -> parse("{\"" + field + "\":\"conv 1; DROP\",\"outcome\":\"Sale\"}"))
                .isInstanceOf(BadRequest.class);
    }

    @Test
    void refusesADetailEventWithAnUnusableConversationIdOrKind() {
        assertThatThrownBy(() -> parse("{\"topicName\":\"v2.detail.events.conversation.c-8.acw\",\"eventBody\":"
                + "{\"conversationId\":\"" + "x".repeat(129) + "\",\"eventTime\":1795917000000}}"))
                .isInstanceOf(BadRequest.class);
        assertThatThrownBy(() -> parse("{\"topicName\":\"v2.detail.events.conversation.c-8." + "a".repeat(60)
                + "\",\"eventBody\":{\"conversationId\":\"c-8\",\"eventTime\":1795917000000}}"))
                .isInstanceOf(BadRequest.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"usr 1", "1usr", "u"})
    void refusesAUserIdThatIsNoCdpUserId(String userId) {
        assertThatThrownBy(() -> parse("{\"conversationId\":\"c-9\",\"userId\":\"" + userId + "\"}"))
                .isInstanceOf(BadRequest.class)
                .satisfies(e -> assertThat(((BadRequest) e).type()).isEqualTo("invalid-user-id"));
        assertThatThrownBy(() -> parse("{\"conversationId\":\"c-9\",\"userId\":\"u" + "x".repeat(300) + "\"}"))
                .isInstanceOf(BadRequest.class);
    }

    @Test
    void refusesAnEventIdThatIsTooLongOrHasSpaces() {
        assertThatThrownBy(() -> parse("{\"conversationId\":\"c-10\",\"eventId\":\"" + "e".repeat(129) + "\"}"))
                .isInstanceOf(BadRequest.class);
        assertThatThrownBy(() -> parse("{\"conversationId\":\"c-10\",\"messageId\":\"a b\"}"))
                .isInstanceOf(BadRequest.class);
    }

    @Test
    void keepsOnlyTheAllowlistedPropertiesAndMasksFreeText() {
        IncomingOutcome outcome = parse("""
                {"contactId":"7782","userId":"usr_9","disposition":"Callback","dispositionCode":"12","skill":"billing",
                 "summary":"card 4111 1111 1111 1111","notes":"SSN 123-45-6789","ANI":"+15551000042",
                 "callerNumber":"+15551000042","addressFrom":"tel:+15551000042","addressTo":"tel:+18005550100",
                 "callbackNumbers":["+15551000042"],"ani":"5551000042","dnis":"8005550100","email":"ada@example.com",
                 "customField":"x"}""");
        assertThat(outcome.fields()).containsOnlyKeys("channel", "event", "disposition", "dispositionCode", "skill",
                "summary", "notes");
        assertThat(outcome.fields().get("summary")).asString().doesNotContain("4111 1111 1111 1111");
        assertThat(outcome.fields().get("notes")).asString().doesNotContain("123-45-6789");
    }

    @Test
    void aDateOfBirthOrPinPropertyNeverReachesTheOutcomeWhateverItIsCalled() {
        // values without a pattern the text detectors know: only the allowlist and the field policy keep them out
        IncomingOutcome outcome = parse("""
                {"contactId":"7790","disposition":"Verified","dateOfBirth":"1985-07-14","DOB":"14/07/1985",
                 "date_of_birth":"1985-07-14","pin":"1234","PIN":"4321","pinCode":"9876","securityAnswer":"Rex",
                 "summary":"verified with pin and dob"}""");
        assertThat(outcome.fields()).containsOnlyKeys("channel", "event", "disposition", "summary");
        assertThat(outcome.fields().toString()).doesNotContain("1985", "1234", "4321", "9876", "Rex");
    }

    @Test
    void refusesAnAllowlistedPropertyThatIsNoScalarOrTooLong() {
        assertThatThrownBy(() -> parse("{\"conversationId\":\"c-11\",\"disposition\":{\"a\":1}}"))
                .isInstanceOf(BadRequest.class);
        assertThatThrownBy(() -> parse("{\"conversationId\":\"c-11\",\"disposition\":\"" + "d".repeat(257) + "\"}"))
                .isInstanceOf(BadRequest.class);
        assertThat(parse("{\"conversationId\":\"c-11\",\"summary\":\"" + "s".repeat(3_000) + "\"}").fields())
                .containsKey("summary");
    }

    @Test
    void aBodyWithoutAnIdOrATimeOfItsOwnIsDedupedOnlyWithinTheRetryWindow() {
        assertThat(parse("{\"contactId\":\"7783\",\"disposition\":\"A\"}").retryWindowOnly()).isTrue();
        assertThat(parse("{\"contactId\":\"7783\",\"disposition\":\"A\",\"timestamp\":\"2026-11-29T09:00:00Z\"}")
                .retryWindowOnly()).isFalse();
        assertThat(parse("{\"contactId\":\"7783\",\"disposition\":\"A\",\"eventId\":\"e-1\"}").retryWindowOnly())
                .isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"contactId\":\"7790\"}|cxone",
            "{\"interactionId\":\"i-1\",\"disposition\":\"A\"}|cxone",
            "{\"interactionId\":\"i-1\",\"workItem\":\"w\"}|cxone",
            "{\"conversationId\":\"c-20\",\"disposition\":\"A\"}|cxone",
            "{\"conversationId\":\"c-20\"}|genesys",
            "{\"interactionId\":\"i-1\",\"interactionType\":\"voice\"}|genesys",
            "{\"interactionId\":\"i-1\",\"outcome\":\"Sale\"}|genesys",
            "{\"interactionId\":\"i-1\",\"skill\":\"billing\"}|other"})
    void recognisesThePlatformFromTheGuidesFields(String body, String source) {
        IncomingOutcome outcome = parse(body);
        assertThat(outcome.source()).isEqualTo(source);
        assertThat(outcome.dedupeKey()).startsWith(source + ":sha256:");
    }

    @Test
    void aGenesysOutcomeIsTheDispositionWhenNoneIsGiven() {
        assertThat(parse("{\"conversationId\":\"c-21\",\"outcome\":\"Sale\"}").fields())
                .containsEntry("disposition", "Sale").containsEntry("outcome", "Sale");
        assertThat(parse("{\"conversationId\":\"c-21\",\"outcome\":\"Sale\",\"disposition\":\"Refund\"}").fields())
                .as("an explicit disposition wins").containsEntry("disposition", "Refund");
        assertThat(parse("{\"conversationId\":\"c-21\",\"duration\":12}").fields()).doesNotContainKey("disposition");
    }

    @Test
    void theInteractionTypeIsTheChannel() {
        assertThat(parse("{\"conversationId\":\"c-22\",\"interactionType\":\"Chat\"}").fields())
                .containsEntry("channel", "chat");
        assertThat(parse("{\"conversationId\":\"c-22\",\"interactionType\":\" \"}").fields())
                .as("a blank type is no channel").containsEntry("channel", "voice");
        assertThat(parse("{\"conversationId\":\"c-22\"}").fields()).containsEntry("channel", "voice");
    }

    @Test
    void anOwnEventIdKeysTheOutcomeWhateverElseTheBodySays() {
        IncomingOutcome first = parse("{\"contactId\":\"7791\",\"eventId\":\"evt-42\",\"disposition\":\"A\"}");
        IncomingOutcome resent = parse("{\"contactId\":\"7791\",\"eventId\":\"evt-42\",\"disposition\":\"B\"}");
        assertThat(first.dedupeKey()).isEqualTo("cxone:id:evt-42").isEqualTo(resent.dedupeKey());
        assertThat(parse("{\"contactId\":\"7791\",\"messageId\":\"msg-7\"}").dedupeKey()).isEqualTo("cxone:id:msg-7");
    }

    @Test
    void bodiesDifferingOnlyInAListAreDifferentEvents() {
        IncomingOutcome one = parse("{\"contactId\":\"7792\",\"disposition\":\"A\",\"tags\":[\"x\",null]}");
        IncomingOutcome other = parse("{\"contactId\":\"7792\",\"disposition\":\"A\",\"tags\":[\"y\",null]}");
        assertThat(other.dedupeKey()).isNotEqualTo(one.dedupeKey());
    }

    @Test
    void aRawAcwDetailEventBodyIsReadAsAnAcwEvent() {
        IncomingOutcome outcome = parse("""
                {"conversationId":"c-23","participantId":"p-3","eventTime":1795917000000,"userId":"agent-2",
                 "wrapupCode":"w-2","wrapupDurationMs":4000}""");
        assertThat(outcome.source()).isEqualTo("genesys");
        assertThat(outcome.kind()).isEqualTo("acw");
        assertThat(outcome.userId()).as("the userId of a detail event is the agent").isNull();
        assertThat(outcome.fields()).containsEntry("agentId", "agent-2").containsEntry("wrapupDurationMs", 4000);
        assertThat(outcome.dedupeKey()).isEqualTo("genesys:acw:c-23:p-3:1795917000000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"wrapupNotes\":\"n\"", "\"wrapupDurationMs\":1"})
    void aRawDetailEventBodyWithAnyWrapUpFieldIsAnAcwEvent(String wrapUp) {
        assertThat(parse("{\"conversationId\":\"c-24\",\"participantId\":\"p-4\",\"eventTime\":1795917000000,"
                + wrapUp + "}").kind()).isEqualTo("acw");
    }

    @Test
    void aRawDetailEventBodyWithoutWrapUpIsTheEndOfTheConversation() {
        IncomingOutcome outcome = parse("""
                {"conversationId":"c-25","participantId":"p-5","eventTime":1795917000000,"disconnectType":"peer"}""");
        assertThat(outcome.kind()).isEqualTo("end");
        assertThat(outcome.fields()).containsEntry("disconnectType", "peer").containsEntry("event", "end");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"conversationId\":\"c-26\",\"participantId\":\"p-6\"}",
            "{\"conversationId\":\"c-26\",\"eventTime\":1795917000000}",
            "{\"participantId\":\"p-6\",\"eventTime\":1795917000000,\"userId\":\"usr_1\"}"})
    void aBodyLackingAnyOfTheDetailEventsFieldsIsTheGuideShape(String body) {
        IncomingOutcome outcome = parse(body);
        assertThat(outcome.kind()).isEqualTo("outcome");
        assertThat(outcome.fields()).containsEntry("event", "outcome");
    }

    @Test
    void aDetailEventKeepsItsAllowlistedProperties() {
        IncomingOutcome outcome = parse("""
                {"topicName":"v2.detail.events.conversation.c-27.customer.end","eventBody":{"eventTime":1795917000000,
                 "conversationId":"c-27","participantId":"p-7","disconnectType":"client","queueId":"q-1",
                 "direction":"inbound","ani":"tel:+15551000042"}}""");
        assertThat(outcome.fields()).containsEntry("disconnectType", "client").containsEntry("queueId", "q-1")
                .containsEntry("direction", "inbound").doesNotContainKey("ani");
    }

    @Test
    void acceptsTextsOfExactlyTheirMaximumLength() {
        assertThat(parse("{\"conversationId\":\"c-28\",\"disposition\":\"" + "d".repeat(256) + "\"}").fields())
                .containsEntry("disposition", "d".repeat(256));
        assertThat(parse("{\"conversationId\":\"c-28\",\"notes\":\"" + "n".repeat(4_000) + "\"}").fields())
                .containsKey("notes");
        assertThatThrownBy(() -> parse("{\"conversationId\":\"c-28\",\"notes\":\"" + "n".repeat(4_001) + "\"}"))
                .isInstanceOf(BadRequest.class)
                .satisfies(e -> assertThat(((BadRequest) e).type()).isEqualTo("property-too-long"));
    }

    @Test
    void readsEpochMillisecondTextOfUpToFifteenDigits() {
        assertThat(parse("{\"conversationId\":\"c-29\",\"timestamp\":\"001795917000000\"}").eventTime())
                .isEqualTo(Instant.ofEpochMilli(1795917000000L));
        assertThatThrownBy(() -> parse("{\"conversationId\":\"c-29\",\"timestamp\":\"0001795917000000\"}"))
                .isInstanceOf(BadRequest.class).hasMessageContaining("ISO-8601");
    }

    @Test
    void aPayloadStoredBeforeTheAllowlistSendsOnlyAllowlistedPropertiesToTheCdp() {
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("disposition", "Sale");
        stored.put("ANI", "+15551000042");
        stored.put("duration", 12);
        stored.put("email", "ada@example.com");
        assertThat(OutcomeParser.allowlisted(stored)).containsExactly(Map.entry("disposition", "Sale"),
                Map.entry("duration", 12));
        assertThat(OutcomeParser.allowlisted(Map.of("callbackNumbers", List.of("+15551000042")))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"conversationId\":\"c-30\",\"userId\":\"cdp-1\",\"interactionType\":\"voice\",\"outcome\":\"Resolved\","
                    + "\"duration\":180,\"agentId\":\"agent-7\",\"timestamp\":\"2026-11-29T10:00:00Z\"}",
            "{\"contactId\":\"30\",\"disposition\":\"Sale\",\"summary\":\"Caf\u00e9 \\\"quoted\\\" \\\\ \\n \\u0001 \ud83d\ude00\"}",
            "{\"conversationId\":\"c-31\",\"extra\":{\"z\":null,\"a\":[1,null,2.50,-0.0,1e3,true,{\"y\":1,\"b\":false}],"
                    + "\"m\":{}},\"big\":123456789012345678901234567890,\"long\":9007199254740993,\"neg\":-7,\"n\":null}",
            "{\"b\":\"\",\"a\":[],\"conversationId\":\"c-32\",\"e\":1.0E-7,\"f\":0.1,\"g\":[[[]]],\"\u00e4\":\"x\",\"Z\":1}"})
    void theDedupeKeyOfABodyIsTheHashOfItsSortedSerialisationAsBeforeSoStoredKeysStillMatch(String body) {
        // the serialisation the keys of stored intake records were made with: bound to maps and lists, keys
        // sorted, nulls as "". A retry after an upgrade must still be a duplicate.
        String stored = Sha256.hex(json.writeValueAsString(sorted(json.treeToValue(json.readTree(body), Object.class))));

        assertThat(parse(body).dedupeKey()).endsWith(":sha256:" + stored);
    }

    @Test
    void theDedupeKeyOfTheGuidesGenesysBodyNeverChanges() {
        assertThat(parse("{\"conversationId\":\"c-33\",\"userId\":\"cdp-1\",\"outcome\":\"Resolved\",\"duration\":180,"
                + "\"timestamp\":\"2026-11-29T10:00:00Z\"}").dedupeKey())
                .isEqualTo("genesys:sha256:2c3bd843c1083542f642bc291014c99a449b7a22bd3e7f3653252fec3ed90b37");
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : sorted(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> v == null ? "" : sorted(v)).toList();
        }
        return value;
    }
}
