package com.profilebridge.agent.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.profilebridge.agent.AgentAccess;
import com.profilebridge.agent.AgentCredential;
import com.profilebridge.agent.AgentIdentity;
import com.profilebridge.agent.AgentPlatform;
import com.profilebridge.agent.AgentViewers;
import com.profilebridge.agent.ParticipantChecks;
import com.profilebridge.agent.Participation;
import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.identity.IdentifierParser;
import com.profilebridge.identity.MatchType;
import com.profilebridge.profile.ProfileSource;
import com.profilebridge.profileview.ProfileView;
import com.profilebridge.profileview.ProfileView.AuditUnavailable;
import com.profilebridge.profileview.ProfileView.CdpDown;
import com.profilebridge.profileview.ProfileView.Identity;
import com.profilebridge.profileview.Masking;
import com.profilebridge.profileview.ProfileView.NotAllowed;
import com.profilebridge.profileview.ProfileView.NotAllowed.Refusal;
import com.profilebridge.profileview.ProfileView.NotFound;
import com.profilebridge.profileview.ProfileView.Reason;
import com.profilebridge.profileview.ProfileView.Shown;
import com.profilebridge.profileview.ProfileView.ShownStale;
import com.profilebridge.profileview.ProfileViews;
import com.profilebridge.profileview.Viewer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The proxy as an adapter of the profile use case: which viewer it asks as (bridge.agent.access and
 * the participant check with the request's token), and the HTTP answer of every outcome. The token
 * filter in front and the use case's own rules are tested elsewhere (AgentProxyTests, ProfileViewsTests).
 */
class ProfileProxyAccessTests {

    static final AgentIdentity AGENT = new AgentIdentity(AgentPlatform.GENESYS, "user-7", "Agent Seven", "org-1",
            Instant.now().plus(Duration.ofHours(1)));
    static final AgentCredential TOKEN = new AgentCredential(AgentPlatform.GENESYS, "gc-token-7", "mypurecloud.de");
    static final Identity CLAIM = new Identity(false, 0.8, MatchType.CDP_USER_ID, 1, 0.9, List.of());
    static final List<CdpProfile> MASKED = List.of(new CdpProfile("usr_00042", "Ada Lovelace", "a***@example.com",
            "+1******0042", "GOLD", null, null, null, List.of(), List.of(), null, Map.of("ssn", "***-**-6789"), null));

    final ProfileViews views = mock(ProfileViews.class);
    final IdentifierParser parser = mock(IdentifierParser.class, RETURNS_DEEP_STUBS);
    final ParticipantChecks participants = mock(ParticipantChecks.class);

    ProfileProxyAccessTests() {
        when(participants.policy()).thenReturn(ParticipantChecks.Policy.REQUIRED);
        when(parser.userId(anyString()).identifier()).thenAnswer(
                call -> new CdpIdentifier(CdpIdentifier.Kind.USER_ID, "usr_00042"));
    }

    @Test
    void theAgentAsksAsALinkedOnlyViewerUnlessThePolicyOrAPermissionLetsItSearch() throws Exception {
        answering(new NotAllowed());

        assertViewerMaySearch(new AgentAccess(AgentAccess.Policy.LINKED_ONLY, List.of()), false);
        assertViewerMaySearch(new AgentAccess(AgentAccess.Policy.FREE_SEARCH, List.of()), true);
        assertViewerMaySearch(new AgentAccess(AgentAccess.Policy.LINKED_ONLY, List.of("GENESYS:user-7")), true);
        assertViewerMaySearch(new AgentAccess(AgentAccess.Policy.LINKED_ONLY, List.of("genesys:user-8")), false);
    }

    @Test
    void onlyAWellFormedInteractionIdIsPassedOn() throws Exception {
        answering(new NotAllowed());
        MockMvc mvc = proxy(new AgentAccess(AgentAccess.Policy.LINKED_ONLY, List.of()));

        mvc.perform(asAgent(get("/api/proxy/cdp/profile/usr_00042").param("interactionId", "conv 42 <x>")));
        mvc.perform(asAgent(get("/api/proxy/cdp/profile/usr_00042").param("interactionId", "conv-42")));

        verify(views).byUserId(any(), eq("usr_00042"), isNull(), anyBoolean(), any());
        verify(views).byUserId(any(), eq("usr_00042"), eq("conv-42"), anyBoolean(), any());
    }

    @Test
    void aShownProfileIs200WithItsSourceAgeAndNoStore() throws Exception {
        answering(new Shown(MASKED, CLAIM, ProfileSource.CACHED, Duration.ofSeconds(90)));

        byUserId().andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", Matchers.containsString("no-store")))
                .andExpect(jsonPath("$.cdp_user_id").value("usr_00042"))
                .andExpect(jsonPath("$.profile_source").value("CACHED"))
                .andExpect(jsonPath("$.profile_age_seconds").value(90))
                .andExpect(jsonPath("$.problem").doesNotExist())
                .andExpect(jsonPath("$.profile.email").value("a***@example.com"))
                .andExpect(jsonPath("$.profile.attributes.ssn").value("***-**-6789"));
    }

    @Test
    void savedDataWhileTheCdpIsDownIs200LabelledWithTheProblemAndItsAge() throws Exception {
        answering(new ShownStale(MASKED, CLAIM, ProfileSource.STALE, Duration.ofMinutes(7), "circuit_open"));

        byUserId().andExpect(status().isOk())
                .andExpect(jsonPath("$.profile_source").value("STALE"))
                .andExpect(jsonPath("$.profile_age_seconds").value(420))
                .andExpect(jsonPath("$.problem").value("circuit_open"));
    }

    @Test
    void aLinkedOnlyAgentsInteractionsAreCheckedWithThePlatformUsingTheRequestsOwnToken() throws Exception {
        answering(new NotAllowed());
        when(participants.check(AGENT, TOKEN, "conv-42")).thenReturn(Participation.NOT_PARTICIPANT);
        when(participants.check(AGENT, TOKEN, "conv-43")).thenReturn(Participation.PARTICIPANT);

        Viewer viewer = viewerAskedAs(new AgentAccess(AgentAccess.Policy.LINKED_ONLY, List.of()));

        assertThat(viewer.interactions().refusal("conv-42")).contains(Refusal.NOT_PARTICIPANT);
        assertThat(viewer.interactions().refusal("conv-43")).isEmpty();
        verify(participants).check(AGENT, TOKEN, "conv-42");
    }

    @Test
    void freeSearchAndACheckSwitchedOffNeverAskThePlatform() throws Exception {
        answering(new NotAllowed());
        assertThat(viewerAskedAs(new AgentAccess(AgentAccess.Policy.FREE_SEARCH, List.of())).interactions()
                .refusal("conv-42")).isEmpty();
        when(participants.policy()).thenReturn(ParticipantChecks.Policy.OFF);
        assertThat(viewerAskedAs(new AgentAccess(AgentAccess.Policy.LINKED_ONLY, List.of())).interactions()
                .refusal("conv-42")).isEmpty();
        verify(participants, never()).check(any(), any(), anyString());
    }

    @Test
    void everyOutcomeWithoutAProfileIsItsOwnProblem() throws Exception {
        expectProblem(new NotAllowed(), 403, "/linked-only");
        expectProblem(new NotAllowed(Refusal.NOT_PARTICIPANT), 403, "/not-a-participant");
        expectProblem(new NotAllowed(Refusal.UNCONFIRMED), 403, "/participation-unconfirmed");
        expectProblem(new NotAllowed(Refusal.PLATFORM_UNAVAILABLE), 503, "/participation-unavailable");
        expectProblem(new NotFound(Reason.NO_PROFILE, null), 404, "/no-profile");
        expectProblem(new NotFound(Reason.NO_LINK, null), 404, "/no-linked-customer");
        expectProblem(new CdpDown(null), 503, "/cdp-unavailable");
        expectProblem(new AuditUnavailable(), 503, "/audit-unavailable");
    }

    @Test
    void theLookupByInteractionAsksForTheLinkedCustomer() throws Exception {
        when(views.linkedTo(any(), eq("conv-42"), eq(true), any()))
                .thenReturn(new Shown(MASKED, CLAIM, ProfileSource.FRESH, Duration.ZERO));

        proxy(new AgentAccess(AgentAccess.Policy.LINKED_ONLY, List.of()))
                .perform(asAgent(get("/api/proxy/cdp/profile").param("interactionId", "conv-42").param("refresh", "true")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.interaction_id").value("conv-42"))
                .andExpect(jsonPath("$.profile_source").value("FRESH"));
    }

    @Test
    void malformedIdsAre400WithoutAskingForAnyone() throws Exception {
        when(parser.userId(anyString()).identifier()).thenReturn(null);
        MockMvc mvc = proxy(new AgentAccess(AgentAccess.Policy.FREE_SEARCH, List.of()));

        mvc.perform(asAgent(get("/api/proxy/cdp/profile/not a user"))).andExpect(status().isBadRequest());
        mvc.perform(asAgent(get("/api/proxy/cdp/profile").param("interactionId", "conv 42 <x>")))
                .andExpect(status().isBadRequest());
        verify(views, never()).byUserId(any(), anyString(), any(), anyBoolean(), any());
        verify(views, never()).linkedTo(any(), anyString(), anyBoolean(), any());
    }

    @Test
    void aPlatformThatCannotBeAskedIsAFailClosedRefusalToRetryWithAClearMessage() throws Exception {
        answering(new NotAllowed(Refusal.PLATFORM_UNAVAILABLE));

        byUserId().andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("Genesys Cloud cannot be asked")))
                .andExpect(jsonPath("$.profile").doesNotExist());
    }

    private void expectProblem(ProfileView outcome, int status, String type) throws Exception {
        answering(outcome);
        byUserId().andExpect(status().is(status))
                .andExpect(jsonPath("$.type").value(Matchers.endsWith(type)))
                .andExpect(jsonPath("$.profile").doesNotExist());
    }

    private void assertViewerMaySearch(AgentAccess access, boolean maySearch) throws Exception {
        Viewer viewer = viewerAskedAs(access);
        assertThat(viewer).extracting(Viewer::actor, Viewer::organisation, Viewer::channel, Viewer::maySearch,
                Viewer::masking).containsExactly("genesys:user-7", "org-1", "proxy", maySearch, Masking.AGENT);
    }

    private Viewer viewerAskedAs(AgentAccess access) throws Exception {
        proxy(access).perform(asAgent(get("/api/proxy/cdp/profile/usr_00042")));
        ArgumentCaptor<Viewer> viewer = ArgumentCaptor.forClass(Viewer.class);
        verify(views, atLeastOnce()).byUserId(viewer.capture(), anyString(), any(), anyBoolean(), any());
        return viewer.getValue();
    }

    private void answering(ProfileView outcome) {
        when(views.byUserId(any(), anyString(), any(), anyBoolean(), any())).thenReturn(outcome);
    }

    private ResultActions byUserId() throws Exception {
        return proxy(new AgentAccess(AgentAccess.Policy.FREE_SEARCH, List.of()))
                .perform(asAgent(get("/api/proxy/cdp/profile/usr_00042")));
    }

    private MockMvc proxy(AgentAccess access) {
        return MockMvcBuilders.standaloneSetup(new ProfileProxyController(views, parser,
                new ProxySettings(Duration.ofSeconds(1)), new AgentViewers(access, participants))).build();
    }

    private static MockHttpServletRequestBuilder asAgent(MockHttpServletRequestBuilder request) {
        return request.requestAttr(AgentTokenFilter.IDENTITY, AGENT).requestAttr(AgentTokenFilter.CREDENTIAL, TOKEN);
    }
}
