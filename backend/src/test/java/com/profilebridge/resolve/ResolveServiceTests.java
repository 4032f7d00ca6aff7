package com.profilebridge.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpIdentifier.Kind;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.identity.CallerOrganisations;
import com.profilebridge.identity.ConfidenceScorer;
import com.profilebridge.identity.IdentifierParser;
import com.profilebridge.identity.IdentityProperties;
import com.profilebridge.identity.InteractionLink;
import com.profilebridge.identity.InteractionLinks;
import com.profilebridge.identity.VerificationClaims;
import com.profilebridge.masking.MaskedProfile;
import com.profilebridge.profile.ProfileLookup;
import com.profilebridge.profile.ProfileService;
import com.profilebridge.profile.ProfileSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.json.JsonMapper;

/**
 * The resolve use case with the CDP behind a mocked profile cache: how identifiers are weighed
 * against each other, when a user id is believed, what is linked, and when the answer leaves
 * relative to the link's write.
 */
class ResolveServiceTests {

    static final IdentityProperties IDENTITY = new IdentityProperties("US", 0.9, "^[A-Za-z][A-Za-z0-9_:.\\-]{2,127}$",
            new IdentityProperties.Scores(1.0, 0.8, 0.97, 0.85, 0.7, 0.5), List.of("genesys-ivr"),
            Map.of("genesys-ivr", "acme", "genesys-events", "acme"));
    static final Duration LINK_WAIT = Duration.ofMillis(300);

    final ProfileService profiles = mock(ProfileService.class);
    final InteractionLinks links = mock(InteractionLinks.class);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final ResolveService service = new ResolveService(new IdentifierParser(IDENTITY), new ConfidenceScorer(IDENTITY),
            new VerificationClaims(IDENTITY), new CallerOrganisations(IDENTITY), profiles, links,
            new ResolveProperties(Duration.ofMillis(1500), 10240, 10, LINK_WAIT),
            new ResponseSizeGuard(JsonMapper.builder().build(), new ResolveProperties(Duration.ofMillis(1500), 10240, 10,
                    LINK_WAIT)),
            Clock.systemUTC(), meters);

    @BeforeEach
    void customers() {
        found(Kind.USER_ID, "usr_00042", "usr_00042");
        found(Kind.PHONE, "+15551000042", "usr_00042");
        found(Kind.PHONE, "+15551000077", "usr_00077");
    }

    @Test
    void aUserIdAloneIsAClaimThatNeedsVerification() {
        ResolveResponse answer = resolve("{\"userId\":\"usr_00042\",\"interactionId\":\"conv-1\"}", "genesys-ivr");

        assertThat(answer.identityStatus()).isEqualTo("NEEDS_VERIFICATION");
        assertThat(answer.matchType()).isEqualTo("CDP_USER_ID");
        assertThat(answer.confidenceScore()).isEqualTo(0.8);
        assertThat(answer.cdpUserId()).isEqualTo("usr_00042");
    }

    @Test
    void aUserIdWhosePhoneBelongsToSomeoneElseIsAConflictThatNamesAndLinksNobody() {
        ResolveResponse answer = resolve(
                "{\"userId\":\"usr_00042\",\"phoneNumber\":\"+15551000077\",\"interactionId\":\"conv-2\"}", "genesys-ivr");

        assertThat(answer.identityStatus()).isEqualTo("NEEDS_VERIFICATION");
        assertThat(answer.matchType()).isEqualTo("CONFLICT");
        assertThat(answer.confidenceScore()).isLessThan(0.9);
        assertThat(answer.cdpUserId()).isNull();
        assertThat(answer.profile()).isNull();
        verify(links, never()).record(any());
    }

    @Test
    void aUserIdTheIvrVerifiedIsVerifiedEvenFromAnotherPhone() {
        ResolveResponse answer = resolve("{\"userId\":\"usr_00042\",\"phoneNumber\":\"+15551000077\","
                + "\"verifiedBy\":\"pin\",\"interactionId\":\"conv-3\"}", "genesys-ivr");

        assertThat(answer.identityStatus()).isEqualTo("VERIFIED");
        assertThat(answer.matchType()).isEqualTo("CDP_USER_ID_VERIFIED");
        assertThat(answer.confidenceScore()).isEqualTo(1.0);
        assertThat(answer.cdpUserId()).isEqualTo("usr_00042");
    }

    @Test
    void aVerificationFromACallerNotTrustedWithItIsIgnoredAndNamed() {
        ResolveResponse answer = resolve("{\"userId\":\"usr_00042\",\"verifiedBy\":\"pin\"}", "genesys-events");

        assertThat(answer.identityStatus()).isEqualTo("NEEDS_VERIFICATION");
        assertThat(answer.ignoredFields()).isEqualTo("verifiedBy: this caller may not assert verification");
    }

    @Test
    void aVerificationWithoutAUserIdVerifiesNothing() {
        ResolveResponse answer = resolve("{\"phoneNumber\":\"+15551000042\",\"verifiedBy\":\"pin\"}", "genesys-ivr");

        assertThat(answer.identityStatus()).isEqualTo("NEEDS_VERIFICATION");
        assertThat(answer.ignoredFields()).isEqualTo("verifiedBy: applies to a CDP user id only");
    }

    @Test
    void anInvalidInteractionIdNeitherFailsTheCallNorIsLinked() {
        String tooLong = "c".repeat(200);
        ResolveResponse answer = resolve("{\"phoneNumber\":\"+15551000042\",\"conversationId\":\"" + tooLong + "\"}",
                "genesys-ivr");

        assertThat(answer.status()).isEqualTo("success");
        assertThat(answer.interactionId()).isNull();
        assertThat(answer.ignoredFields()).startsWith("conversationId: not an interaction id").doesNotContain(tooLong);
        verify(links, never()).record(any());
    }

    @Test
    void theLinkBelongsToTheCallersOrganisationAndNamesTheCaller() {
        resolve("{\"phoneNumber\":\"+15551000042\",\"interactionId\":\"conv-4\",\"source\":\"genesys\"}", "genesys-ivr");
        resolve("{\"phoneNumber\":\"+15551000042\",\"interactionId\":\"conv-5\",\"source\":\"" + "s".repeat(100) + "\"}",
                "other-ivr");

        ArgumentCaptor<InteractionLink> recorded = ArgumentCaptor.forClass(InteractionLink.class);
        verify(links, org.mockito.Mockito.times(2)).record(recorded.capture());
        assertThat(recorded.getAllValues().get(0)).satisfies(l -> {
            assertThat(l.organisation()).isEqualTo("acme");
            assertThat(l.caller()).isEqualTo("genesys-ivr");
            assertThat(l.source()).isEqualTo("genesys");
        });
        assertThat(recorded.getAllValues().get(1)).satisfies(l -> {
            assertThat(l.organisation()).as("a caller not listed is its own organisation").isEqualTo("other-ivr");
            assertThat(l.source()).as("an unusable source claim is replaced by the caller").isEqualTo("other-ivr");
        });
    }

    @Test
    void theLinkIsCommittedBeforeTheAnswerLeaves() {
        AtomicBoolean committed = new AtomicBoolean();
        doAnswer(call -> {
            TimeUnit.MILLISECONDS.sleep(50); // a database round trip
            committed.set(true);
            return null;
        }).when(links).record(any());

        resolve("{\"phoneNumber\":\"+15551000042\",\"interactionId\":\"conv-6\"}", "genesys-ivr");

        assertThat(committed).as("the widget, the proxy and outcomes can read it now").isTrue();
    }

    @Test
    void aSlowDatabaseHoldsTheAnswerNoLongerThanTheLinkWaitAndTheLinkStillLands() throws Exception {
        CountDownLatch databaseAnswers = new CountDownLatch(1);
        CountDownLatch written = new CountDownLatch(1);
        doAnswer(call -> {
            databaseAnswers.await(10, TimeUnit.SECONDS);
            written.countDown();
            return null;
        }).when(links).record(any());

        long start = System.nanoTime();
        ResolveResponse answer = resolve("{\"phoneNumber\":\"+15551000042\",\"interactionId\":\"conv-7\"}", "genesys-ivr");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(answer.cdpUserId()).isEqualTo("usr_00042");
        assertThat(took).isGreaterThanOrEqualTo(LINK_WAIT).isLessThan(LINK_WAIT.plusMillis(700));
        assertThat(meters.counter("bridge.resolve.links.deferred").count()).isEqualTo(1.0);
        databaseAnswers.countDown();
        assertThat(written.await(5, TimeUnit.SECONDS)).as("written in the background").isTrue();
    }

    ResolveResponse resolve(String body, String caller) {
        ResolveRequest request = JsonMapper.builder().build().readValue(body, ResolveRequest.class);
        return service.resolve(request, caller, System.nanoTime()).response();
    }

    void found(Kind kind, String value, String userId) {
        CdpProfile profile = new CdpProfile(userId, null, null, null, "GOLD", null, null, null, List.of(), List.of(), null,
                Map.of(), null);
        when(profiles.lookup(eq(new CdpIdentifier(kind, value)), any(), anyBoolean())).thenReturn(new ProfileLookup(
                List.of(MaskedProfile.alreadyMasked(profile)), ProfileSource.FRESH, Duration.ZERO, null));
    }
}
