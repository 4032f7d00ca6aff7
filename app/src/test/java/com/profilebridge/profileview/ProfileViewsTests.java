package com.profilebridge.profileview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.profilebridge.audit.AuditTrail;
import com.profilebridge.cdp.CdpClient;
import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.cdp.CdpTrackEvent;
import com.profilebridge.identity.InteractionLink;
import com.profilebridge.identity.InteractionLinks;
import com.profilebridge.identity.MatchType;
import com.profilebridge.profile.ProfileService;
import com.profilebridge.profile.ProfileSource;
import com.profilebridge.profileview.ProfileView.Ambiguous;
import com.profilebridge.profileview.ProfileView.AuditUnavailable;
import com.profilebridge.profileview.ProfileView.Candidate;
import com.profilebridge.profileview.ProfileView.CdpDown;
import com.profilebridge.profileview.ProfileView.Identity;
import com.profilebridge.profileview.ProfileView.NotAllowed;
import com.profilebridge.profileview.ProfileView.NotAllowed.Refusal;
import com.profilebridge.profileview.ProfileView.NotFound;
import com.profilebridge.profileview.ProfileView.Reason;
import com.profilebridge.profileview.ProfileView.Shown;
import com.profilebridge.profileview.ProfileView.ShownStale;
import com.profilebridge.shared.Deadline;
import com.profilebridge.support.SecurityContexts;
import com.profilebridge.testing.MovableClock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.ActiveProfiles;

/**
 * "Show a profile to a person" against the demo CDP, H2 and the real cache: every outcome of the use
 * case reached for real (the CDP broken through its breaker, the audit table taken away), for the
 * widget's, the proxy's and the console's entry points.
 */
@SpringBootTest
@ActiveProfiles({"demo", "test"})
class ProfileViewsTests {

    static final MovableClock clock = new MovableClock(Instant.parse("2026-11-28T10:00:00Z"));

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        Clock testClock() {
            return clock;
        }
    }

    static final Viewer AGENT = Viewer.agent("genesys:agent-1", "org-1", "widget", true, InteractionGate.OPEN);
    static final Viewer PROXY = Viewer.agent("genesys:agent-9", "org-1", "proxy", true, InteractionGate.OPEN);

    @Autowired
    ObjectProvider<SecurityContextHolderStrategy> strategies;

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
    JdbcClient jdbc;

    @AfterEach
    void cdpBack() {
        breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
        SecurityContexts.of(strategies).clear();
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

        assertThat(view).isInstanceOfSatisfying(ShownStale.class, s -> {
            assertThat(s.profile().userId()).isEqualTo("usr_00061");
            assertThat(s.problem()).isEqualTo("circuit_open");
        });
        assertThat(withoutTheNumber).isInstanceOf(CdpDown.class);
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
        Viewer linkedOnly = Viewer.agent("genesys:agent-2", "org-1", "widget", false, InteractionGate.OPEN);
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

    @Test
    void aSupervisorSearchingAHouseholdPhoneSeesEveryMemberMaskedWithTheResolvePathsDecisionEachAudited() {
        signedIn("ROLE_SUPERVISOR");
        List<CdpProfile> raw = cdp.lookup(new CdpIdentifier(CdpIdentifier.Kind.PHONE, "+15551000097")).profiles();
        assertThat(raw).hasSizeGreaterThan(1);
        Map<String, Integer> before = new HashMap<>();
        raw.forEach(p -> before.put(p.userId(), consoleViews(p.userId())));

        ProfileView view = views.investigate(Viewer.supervisor("supervisor"), "+1 (555) 100-0097", deadline());

        Shown shown = (Shown) view;
        assertThat(shown.profiles()).extracting(CdpProfile::userId)
                .containsExactlyElementsOf(raw.stream().map(CdpProfile::userId).toList());
        Identity identity = shown.identity();
        assertThat(identity.matchType()).isEqualTo(MatchType.PHONE_SHARED);
        assertThat(identity.verified()).isFalse();
        assertThat(identity.candidates()).isEqualTo(raw.size());
        assertThat(identity.confidence()).as("the phone's score (0.7) shared among the household")
                .isEqualTo(Math.round(0.7 / raw.size() * 100) / 100.0);
        assertThat(identity.threshold()).isEqualTo(0.9);
        assertThat(identity.matches()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(CdpIdentifier.Kind.PHONE);
            assertThat(m.identifier()).endsWith("0097").doesNotContain("555100");
            assertThat(m.userIds()).containsExactlyElementsOf(raw.stream().map(CdpProfile::userId).toList());
        });
        raw.forEach(p -> assertThat(consoleViews(p.userId())).as("one console view of %s", p.userId())
                .isEqualTo(before.get(p.userId()) + 1));
        for (CdpProfile r : raw) {
            CdpProfile s = shown.profiles().stream().filter(p -> p.userId().equals(r.userId())).findFirst().orElseThrow();
            assertThat(s.name()).isEqualTo(r.name().substring(0, r.name().indexOf(' ')));
            assertThat(s.email()).contains("***").isNotEqualTo(r.email());
            assertThat(s.phone()).endsWith("0097").contains("*");
            assertThat(s.attributes()).containsOnlyKeys("loyalty_id");
            assertThat(s.notes()).isNull();
            assertThat(s.recentInteractions()).allSatisfy(i -> assertThat(i.summary()).isNull());
            assertThat(everything(s)).doesNotContain(r.attributes().get("ssn"), r.attributes().get("credit_card_number"),
                    r.attributes().get("date_of_birth"), r.email(), r.email().toLowerCase(Locale.ROOT), "5551000097",
                    r.name());
        }
    }

    @Test
    void anAgentKeepsTheAgentsMaskingTheLastFourOfCardAndSsnAndTheFullName() {
        CdpProfile raw = cdp.profile("usr_00042").orElseThrow();

        Shown shown = (Shown) views.search(AGENT, "+1 555 100 0042", null, CallerLine.UNKNOWN, deadline());

        assertThat(shown.profile().name()).isEqualTo(raw.name());
        assertThat(shown.profile().attributes().get("ssn")).isEqualTo("***-**-" + raw.attributes().get("ssn").substring(7));
        assertThat(shown.profile().attributes().get("credit_card_number"))
                .isEqualTo("**** " + lastFour(raw.attributes().get("credit_card_number")));
        assertThat(shown.profile().notes()).isNotNull();
    }

    @Test
    void aCustomerIdIsAClaimAndAnEmailOneProfileInTheConsoleToo() {
        signedIn("ROLE_SUPERVISOR");
        CdpProfile raw = cdp.profile("usr_00042").orElseThrow();

        Shown byId = (Shown) views.investigate(Viewer.supervisor("supervisor"), "usr_00042", deadline());
        Shown byEmail = (Shown) views.investigate(Viewer.supervisor("supervisor"), raw.email(), deadline());

        assertThat(byId.identity().matchType()).isEqualTo(MatchType.CDP_USER_ID);
        assertThat(byId.identity().verified()).isFalse();
        assertThat(byId.identity().matches().getFirst().identifier()).isEqualTo("usr_00042");
        assertThat(byEmail.identity().matchType()).isEqualTo(MatchType.EMAIL);
        assertThat(byEmail.identity().matches().getFirst().identifier()).contains("***").isNotEqualTo(raw.email());
        assertThat(byEmail.profiles()).extracting(CdpProfile::userId).containsExactly("usr_00042");
    }

    @Test
    void theConsoleSaysWhyNobodyIsShown() {
        signedIn("ROLE_SUPERVISOR");
        Viewer supervisor = Viewer.supervisor("supervisor");

        assertThat(views.investigate(supervisor, "not a number!", deadline()))
                .isEqualTo(new NotFound(Reason.INVALID_QUERY, null));
        assertThat(views.investigate(supervisor, "+1 555 999 0001", deadline()))
                .isEqualTo(new NotFound(Reason.NO_MATCH, null));
        assertThat(views.investigate(new Viewer("supervisor", null, "console", false, Masking.SUPERVISOR,
                InteractionGate.OPEN), "usr_00042",
                deadline())).isInstanceOf(NotAllowed.class);
    }

    @Test
    void onlyTheSupervisorRoleMayInvestigate() {
        int before = consoleViews("usr_00042");
        signedIn("ROLE_AGENT");

        assertThatThrownBy(() -> views.investigate(Viewer.supervisor("agent"), "usr_00042", deadline()))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(consoleViews("usr_00042")).isEqualTo(before);
    }

    @Test
    void withTheCdpDownTheConsoleShowsTheSavedProfilesLabelledWithTheirAgeOrSaysNothingIsSaved() {
        signedIn("ROLE_SUPERVISOR");
        profiles.evictAllLocal();
        views.investigate(Viewer.supervisor("supervisor"), "+1 555 100 0050", deadline());
        clock.advance(Duration.ofMinutes(7));
        breakers.getAllCircuitBreakers().forEach(CircuitBreaker::transitionToForcedOpenState);

        ProfileView saved = views.investigate(Viewer.supervisor("supervisor"), "+1 555 100 0050", deadline());
        ProfileView nothing = views.investigate(Viewer.supervisor("supervisor"), "+1 555 100 0051", deadline());

        assertThat(saved).isInstanceOfSatisfying(ShownStale.class, s -> {
            assertThat(s.profile().userId()).isEqualTo("usr_00050");
            assertThat(s.source()).isEqualTo(ProfileSource.STALE);
            assertThat(s.age()).isEqualTo(Duration.ofMinutes(7));
            assertThat(s.problem()).isEqualTo("circuit_open");
        });
        assertThat(nothing).isEqualTo(new CdpDown(null));
    }

    @Test
    void aRefreshWhileTheCdpIsDownShowsTheSavedProfileAsStale() {
        Shown before = (Shown) views.search(AGENT, "+1 555 100 0043", null, CallerLine.UNKNOWN, deadline());
        breakers.getAllCircuitBreakers().forEach(CircuitBreaker::transitionToForcedOpenState);

        ProfileView refreshed = views.show(AGENT, "usr_00043", before.identity(), null, CallerLine.UNKNOWN, deadline(),
                true);

        assertThat(refreshed).isInstanceOfSatisfying(ShownStale.class,
                s -> assertThat(s.profile()).isEqualTo(before.profile()));
    }

    @Test
    void whenTheAuditCannotBeWrittenNothingIsShownToAnyone() {
        signedIn("ROLE_SUPERVISOR");
        String interaction = interaction();
        links.record(new InteractionLink(interaction, "usr_00044", 0.7, MatchType.PHONE, "genesys", clock.instant()));
        jdbc.sql("ALTER TABLE audit_event RENAME TO audit_event_paused").update();
        try {
            assertThat(views.forInteraction(AGENT, interaction, CallerLine.UNKNOWN, deadline()))
                    .isInstanceOf(AuditUnavailable.class);
            assertThat(views.linkedTo(PROXY, interaction, false, deadline())).isInstanceOf(AuditUnavailable.class);
            assertThat(views.investigate(Viewer.supervisor("supervisor"), "+1 555 100 0097", deadline()))
                    .isInstanceOf(AuditUnavailable.class);
            assertThat(views.verify(AGENT, "usr_00044", interaction, "genesys", CallerLine.UNKNOWN, deadline()))
                    .isInstanceOf(AuditUnavailable.class);
        } finally {
            jdbc.sql("ALTER TABLE audit_event_paused RENAME TO audit_event").update();
        }
    }

    @Test
    void theProxysLinkedOnlyAgentSeesOnlyTheCustomerLinkedToTheInteractionItNames() {
        Viewer linkedOnly = Viewer.agent("genesys:agent-3", "org-1", "proxy", false, InteractionGate.OPEN);
        String interaction = interaction();
        links.record(new InteractionLink(interaction, "usr_00045", 0.97, MatchType.EMAIL_AND_PHONE, "genesys",
                clock.instant()));
        int before = audit.viewsOf("usr_00045");

        assertThat(views.byUserId(linkedOnly, "usr_00045", null, false, deadline())).isInstanceOf(NotAllowed.class);
        assertThat(views.byUserId(linkedOnly, "usr_00046", interaction, false, deadline())).isInstanceOf(NotAllowed.class);
        assertThat(audit.viewsOf("usr_00045")).as("nothing looked at, nothing audited").isEqualTo(before);
        ProfileView linked = views.byUserId(linkedOnly, "usr_00045", interaction, false, deadline());

        assertThat(linked).isInstanceOfSatisfying(Shown.class, s -> {
            assertThat(s.profile().userId()).isEqualTo("usr_00045");
            assertThat(s.identity().matchType()).isEqualTo(MatchType.EMAIL_AND_PHONE);
            assertThat(s.identity().verified()).isTrue();
        });
        assertThat(audit.viewsOf("usr_00045")).isEqualTo(before + 1);
    }

    @Test
    void aLinkedOnlyAgentTheGateRefusesSeesNothingOfTheLinkedCustomerOnAnyRoute() {
        String interaction = interaction();
        links.record(new InteractionLink(interaction, "usr_00047", 0.97, MatchType.EMAIL_AND_PHONE, "genesys",
                clock.instant()));
        List<String> asked = new ArrayList<>();
        Viewer offTheCall = Viewer.agent("genesys:agent-4", "org-1", "widget", false, id -> {
            asked.add(id);
            return Optional.of(Refusal.NOT_PARTICIPANT);
        });
        Identity linked = new Identity(true, 0.97, MatchType.EMAIL_AND_PHONE, 1, 0.9, List.of());
        int viewsBefore = audit.viewsOf("usr_00047");
        int verifiedBefore = audit.count(ProfileViews.CALLER_VERIFIED, "usr_00047");
        NotAllowed notOnIt = new NotAllowed(Refusal.NOT_PARTICIPANT);

        assertThat(views.forInteraction(offTheCall, interaction, new CallerLine("+15551000047"), deadline()))
                .isEqualTo(notOnIt);
        assertThat(views.linkedTo(offTheCall, interaction, false, deadline())).isEqualTo(notOnIt);
        assertThat(views.byUserId(offTheCall, "usr_00047", interaction, false, deadline())).isEqualTo(notOnIt);
        assertThat(views.show(offTheCall, "usr_00047", linked, interaction, CallerLine.UNKNOWN, deadline(), true))
                .isEqualTo(notOnIt);
        assertThat(views.verify(offTheCall, "usr_00047", interaction, "genesys", CallerLine.UNKNOWN, deadline()))
                .isEqualTo(notOnIt);

        assertThat(asked).hasSize(5).containsOnly(interaction);
        assertThat(audit.viewsOf("usr_00047")).as("nothing shown, nothing audited").isEqualTo(viewsBefore);
        assertThat(audit.count(ProfileViews.CALLER_VERIFIED, "usr_00047")).isEqualTo(verifiedBefore);
        assertThat(links.find(interaction).orElseThrow().matchType()).as("the link is untouched")
                .isEqualTo(MatchType.EMAIL_AND_PHONE);

        Viewer onIt = Viewer.agent("genesys:agent-5", "org-1", "widget", false, id -> Optional.empty());
        assertThat(views.linkedTo(onIt, interaction, false, deadline())).isInstanceOf(Shown.class);
        assertThat(views.show(onIt, "usr_00046", linked, interaction, CallerLine.UNKNOWN, deadline(), true))
                .as("a refresh of anyone but the linked customer").isEqualTo(new NotAllowed());
        assertThat(views.show(onIt, "usr_00047", linked, null, CallerLine.UNKNOWN, deadline(), true))
                .as("no interaction named").isEqualTo(new NotAllowed());
    }

    @Test
    void theProxysLookupsSayWhichCustomerIsMissing() {
        ProfileView freeById = views.byUserId(PROXY, "usr_00046", null, false, deadline());

        assertThat(freeById).isInstanceOfSatisfying(Shown.class, s -> {
            assertThat(s.identity().matchType()).as("a customer id alone is a claim").isEqualTo(MatchType.CDP_USER_ID);
            assertThat(s.identity().verified()).isFalse();
        });
        assertThat(views.byUserId(PROXY, "usr_99999999", null, false, deadline()))
                .isEqualTo(new NotFound(Reason.NO_PROFILE, null));
        assertThat(views.linkedTo(PROXY, interaction(), false, deadline())).isEqualTo(new NotFound(Reason.NO_LINK, null));
    }

    private int consoleViews(String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE cdp_user_id = :u AND action = 'PROFILE_VIEW' "
                + "AND channel = 'console' AND actor = 'supervisor'").param("u", userId).query(Integer.class).single();
    }

    private void signedIn(String role) {
        SecurityContexts.of(strategies).signIn("supervisor", role);
    }

    /** Every text of a profile, to search for what must not be in it. */
    private static String everything(CdpProfile p) {
        return String.join("|", String.valueOf(p.name()), String.valueOf(p.email()), String.valueOf(p.phone()),
                String.valueOf(p.notes()), p.attributes().toString(), p.recentOrders().toString(),
                p.recentInteractions().toString());
    }

    private static String lastFour(String card) {
        String digits = card.replaceAll("[^0-9]", "");
        return digits.substring(digits.length() - 4);
    }

    private static String interaction() {
        return "conv-" + UUID.randomUUID();
    }

    private static Deadline deadline() {
        return Deadline.in(Duration.ofSeconds(3));
    }
}
