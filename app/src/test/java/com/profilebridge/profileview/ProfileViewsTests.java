package com.profilebridge.profileview;

import static org.assertj.core.api.Assertions.assertThat;

import com.profilebridge.audit.AuditTrail;
import com.profilebridge.cdp.CdpClient;
import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpTrackEvent;
import com.profilebridge.identity.InteractionLink;
import com.profilebridge.identity.InteractionLinks;
import com.profilebridge.identity.MatchType;
import com.profilebridge.profile.ProfileService;
import com.profilebridge.profileview.ProfileView.Ambiguous;
import com.profilebridge.profileview.ProfileView.Candidate;
import com.profilebridge.profileview.ProfileView.NotAllowed;
import com.profilebridge.profileview.ProfileView.NotFound;
import com.profilebridge.profileview.ProfileView.Reason;
import com.profilebridge.profileview.ProfileView.Shown;
import com.profilebridge.profileview.ProfileView.Unavailable;
import com.profilebridge.shared.Deadline;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** "Show a profile to a person" against the demo CDP, H2 and the real cache. */
@SpringBootTest
@ActiveProfiles({"demo", "test"})
class ProfileViewsTests {

    static final Viewer AGENT = new Viewer("genesys:agent-1", "org-1", "widget", true);

    @Autowired
    ProfileViews views;

    @Autowired
    InteractionLinks links;

    @Autowired
    AuditTrail audit;

    @Autowired
    ProfileService profiles;

    @Autowired
    CdpClient cdp;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    Clock clock;

    @AfterEach
    void cdpBack() {
        breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
    }

    @Test
    void aSharedNumberShowsAChooserAndNobodysProfileUntilTheAgentVerifiesAndPicks() {
        String interaction = interaction();
        Map<String, Integer> viewsBefore = new HashMap<>();
        for (String id : List.of("usr_00097", "usr_00098", "usr_00099")) {
            viewsBefore.put(id, audit.viewsOf(id));
        }
        ProfileView view = views.forInteraction(AGENT, interaction, new CallerLine("+1 555 100 0097"), deadline());

        assertThat(view).isInstanceOf(Ambiguous.class);
        Ambiguous household = (Ambiguous) view;
        assertThat(household.candidates()).hasSizeGreaterThan(1);
        assertThat(household.callerNumber()).endsWith("0097").doesNotContain("555100");
        for (Candidate c : household.candidates()) {
            assertThat(c.email()).contains("***");
            assertThat(viewsBefore).containsKey(c.userId());
            assertThat(audit.viewsOf(c.userId())).as("no profile view before the pick")
                    .isEqualTo(viewsBefore.get(c.userId()));
        }

        Candidate picked = household.candidates().get(1);
        int verifiedBefore = audit.count(ProfileViews.CALLER_VERIFIED, picked.userId());
        ProfileView shown = views.verify(AGENT, picked.userId(), interaction, "genesys",
                new CallerLine("+1 555 100 0097"), deadline());

        assertThat(shown).isInstanceOfSatisfying(Shown.class, s -> {
            assertThat(s.profile().userId()).isEqualTo(picked.userId());
            assertThat(s.identity().verified()).isTrue();
            assertThat(s.identity().byAgent()).isTrue();
        });
        assertThat(audit.count(ProfileViews.CALLER_VERIFIED, picked.userId())).isEqualTo(verifiedBefore + 1);
        assertThat(audit.viewsOf(picked.userId())).isEqualTo(viewsBefore.get(picked.userId()) + 1);
        InteractionLink link = links.find(interaction).orElseThrow();
        assertThat(link.cdpUserId()).isEqualTo(picked.userId());
        assertThat(link.matchType()).isEqualTo(MatchType.AGENT_VERIFIED);
        assertThat(link.confidence()).isEqualTo(1.0);
        assertThat(link.caller()).isEqualTo("genesys:agent-1");
    }

    @Test
    void agentVerificationReplacesTheIvrsLinkInEveryOrganisation() {
        String interaction = interaction();
        links.record(new InteractionLink(interaction, "usr_00098", 0.33, MatchType.PHONE_SHARED, "genesys",
                clock.instant(), "acme", "genesys"));

        views.verify(AGENT, "usr_00099", interaction, "genesys", CallerLine.UNKNOWN, deadline());

        InteractionLink link = links.find(interaction, "acme").orElseThrow();
        assertThat(link.cdpUserId()).isEqualTo("usr_00099");
        assertThat(link.matchType()).isEqualTo(MatchType.AGENT_VERIFIED);
    }

    @Test
    void aTypedInCustomerNumberIsNeverShownAsVerifiedWhateverItsStoredConfidence() {
        String interaction = interaction();
        links.record(new InteractionLink(interaction, "usr_00042", 1.0, MatchType.CDP_USER_ID, "genesys",
                clock.instant()));

        ProfileView view = views.forInteraction(AGENT, interaction, CallerLine.UNKNOWN, deadline());

        assertThat(view).isInstanceOfSatisfying(Shown.class, s -> assertThat(s.identity().verified()).isFalse());
    }

    @Test
    void withTheDataServiceDownTheCallersCachedNumberStillShowsTheLinkedCustomer() {
        profiles.evictAllLocal();
        assertThat(profiles.lookup(new CdpIdentifier(CdpIdentifier.Kind.PHONE, "+15551000061"), deadline(), false)
                .found()).isTrue(); // what the IVR's resolve left in the cache
        String interaction = interaction();
        links.record(new InteractionLink(interaction, "usr_00061", 0.6, MatchType.PHONE, "genesys", clock.instant()));
        breakers.getAllCircuitBreakers().forEach(CircuitBreaker::transitionToForcedOpenState);

        ProfileView view = views.forInteraction(AGENT, interaction, new CallerLine("+15551000061"), deadline());
        ProfileView withoutTheNumber = views.forInteraction(AGENT, interaction, CallerLine.UNKNOWN, deadline());

        assertThat(view).isInstanceOfSatisfying(Shown.class, s -> {
            assertThat(s.profile().userId()).isEqualTo("usr_00061");
            assertThat(s.degraded()).isTrue();
        });
        assertThat(withoutTheNumber).isInstanceOf(Unavailable.class);
    }

    @Test
    void aPhoneSearchAndTheLinkedViewShowOneHistory() {
        profiles.lookup(new CdpIdentifier(CdpIdentifier.Kind.PHONE, "+15551000050"), deadline(), false);
        cdp.track(new CdpTrackEvent(UUID.randomUUID().toString(), "usr_00050", "Call Completed", clock.instant(),
                Map.of("interactionId", "earlier-call", "disposition", "Sale")));
        String interaction = interaction();
        links.record(new InteractionLink(interaction, "usr_00050", 0.6, MatchType.PHONE, "genesys", clock.instant()));

        Shown linked = (Shown) views.forInteraction(AGENT, interaction, CallerLine.UNKNOWN, deadline());
        Shown searched = (Shown) views.search(AGENT, "+1 555 100 0050", null, CallerLine.UNKNOWN, deadline());

        assertThat(searched.profile().recentInteractions()).isEqualTo(linked.profile().recentInteractions());
        assertThat(searched.profile().recentInteractions()).anyMatch(i -> "earlier-call".equals(i.interactionId()));
    }

    @Test
    void eachReasonForNobodyIsItsOwnOutcomeWithTheCallersNumberMasked() {
        ProfileView unknown = views.forInteraction(AGENT, interaction(), new CallerLine("+15559990000"), deadline());
        assertThat(unknown).isEqualTo(new NotFound(Reason.UNKNOWN_CALLER, ((NotFound) unknown).callerNumber()));
        assertThat(((NotFound) unknown).callerNumber()).endsWith("0000").doesNotContain("999");

        assertThat(views.forInteraction(AGENT, interaction(), new CallerLine(""), deadline()))
                .isEqualTo(new NotFound(Reason.WITHHELD, null));
        assertThat(views.forInteraction(AGENT, interaction(), new CallerLine("anonymous"), deadline()))
                .isEqualTo(new NotFound(Reason.WITHHELD, null));
        assertThat(views.forInteraction(AGENT, interaction(), CallerLine.UNKNOWN, deadline()))
                .isEqualTo(new NotFound(Reason.NO_IDENTIFIER, null));
        Viewer linkedOnly = new Viewer("genesys:agent-2", "org-1", "widget", false);
        assertThat(views.forInteraction(linkedOnly, interaction(), new CallerLine("+15559990000"), deadline()))
                .isInstanceOf(NotAllowed.class);
    }

    @Test
    void theMaskedPrefillSearchesTheCallersRealNumber() {
        CallerLine caller = new CallerLine("+15551000042");
        String prefill = views.maskedNumber(caller);

        ProfileView view = views.search(AGENT, prefill, null, caller, deadline());

        assertThat(view).isInstanceOfSatisfying(Shown.class,
                s -> assertThat(s.profile().userId()).isEqualTo("usr_00042"));
    }

    private static String interaction() {
        return "conv-" + UUID.randomUUID();
    }

    private static Deadline deadline() {
        return Deadline.in(Duration.ofSeconds(3));
    }
}
