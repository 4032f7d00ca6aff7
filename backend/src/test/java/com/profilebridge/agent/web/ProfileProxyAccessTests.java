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
import com.profilebridge.agent.AgentIdentity;
import com.profilebridge.agent.AgentPlatform;
import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.identity.IdentifierParser;
import com.profilebridge.identity.MatchType;
import com.profilebridge.profile.ProfileSource;
import com.profilebridge.profileview.ProfileView;
import com.profilebridge.profileview.ProfileView.AuditUnavailable;
import com.profilebridge.profileview.ProfileView.CdpDown;
import com.profilebridge.profileview.ProfileView.Identity;
import com.profilebridge.profileview.ProfileView.NotAllowed;
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
 * The proxy as an adapter of the profile use case: which viewer it asks as (bridge.agent.access), and
 * the HTTP answer of every outcome. The token filter in front and the use case's own rules are tested
 * elsewhere (AgentProxyTests, ProfileViewsTests).
 */
class ProfileProxyAccessTests {

    static final AgentIdentity AGENT = new AgentIdentity(AgentPlatform.GENESYS, "user-7", "Agent Seven", "org-1",
            Instant.now().plus(Duration.ofHours(1)));
    static final Identity CLAIM = new Identity(false, 0.8, MatchType.CDP_USER_ID, 1, 0.9, List.of());
    static final List<CdpProfile> MASKED = List.of(new CdpProfile("usr_00042", "Ada Lovelace", "a***@example.com",
            "+1******0042", "GOLD", null, null, null, List.of(), List.of(), null, Map.of("ssn", "***-**-6789"), null));

    final ProfileViews views = mock(ProfileViews.class);
    final IdentifierParser parser = mock(IdentifierParser.class, RETURNS_DEEP_STUBS);

    ProfileProxyAccessTests() {
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
    void everyOutcomeWithoutAProfileIsItsOwnProblem() throws Exception {
        expectProblem(new NotAllowed(), 403, "/linked-only");
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

    private void expectProblem(ProfileView outcome, int status, String type) throws Exception {
        answering(outcome);
        byUserId().andExpect(status().is(status))
                .andExpect(jsonPath("$.type").value(Matchers.endsWith(type)))
                .andExpect(jsonPath("$.profile").doesNotExist());
    }

    private void assertViewerMaySearch(AgentAccess access, boolean maySearch) throws Exception {
        proxy(access).perform(asAgent(get("/api/proxy/cdp/profile/usr_00042")));
        ArgumentCaptor<Viewer> viewer = ArgumentCaptor.forClass(Viewer.class);
        verify(views, atLeastOnce()).byUserId(viewer.capture(), anyString(), any(), anyBoolean(), any());
        assertThat(viewer.getValue()).isEqualTo(
                Viewer.agent("genesys:user-7", "org-1", "proxy", maySearch));
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
                new ProxySettings(Duration.ofSeconds(1)), access)).build();
    }

    private static MockHttpServletRequestBuilder asAgent(MockHttpServletRequestBuilder request) {
        return request.requestAttr(AgentTokenFilter.IDENTITY, AGENT);
    }
}
