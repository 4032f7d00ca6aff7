package com.profilebridge.agent.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.profilebridge.agent.AgentAccess;
import com.profilebridge.agent.AgentIdentity;
import com.profilebridge.agent.AgentPlatform;
import com.profilebridge.audit.AuditTrail;
import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.identity.IdentifierParser;
import com.profilebridge.identity.InteractionLink;
import com.profilebridge.identity.InteractionLinks;
import com.profilebridge.profile.ProfileLookup;
import com.profilebridge.profile.ProfileService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** bridge.agent.access on the proxy's lookup by user id (the token filter in front is tested elsewhere). */
class ProfileProxyAccessTests {

    static final AgentIdentity AGENT = new AgentIdentity(AgentPlatform.GENESYS, "user-7", "Agent Seven", "org-1",
            Instant.now().plus(Duration.ofHours(1)));

    final ProfileService profiles = mock(ProfileService.class);
    final InteractionLinks links = mock(InteractionLinks.class);
    final IdentifierParser parser = mock(IdentifierParser.class, RETURNS_DEEP_STUBS);

    ProfileProxyAccessTests() {
        when(parser.userId(anyString()).identifier()).thenAnswer(
                call -> new CdpIdentifier(CdpIdentifier.Kind.USER_ID, "usr_00042"));
        InteractionLink link = mock(InteractionLink.class);
        when(link.cdpUserId()).thenReturn("usr_00042");
        when(links.find("conv-42")).thenReturn(Optional.of(link));
        InteractionLink other = mock(InteractionLink.class);
        when(other.cdpUserId()).thenReturn("usr_00099");
        when(links.find("conv-99")).thenReturn(Optional.of(other));
        ProfileLookup nothing = mock(ProfileLookup.class);
        when(nothing.profiles()).thenReturn(List.of());
        when(nothing.healthy()).thenReturn(true);
        when(profiles.lookup(any(), any(), anyBoolean())).thenReturn(nothing);
    }

    @Test
    void aLinkedOnlyAgentCannotReadACustomerByIdAlone() throws Exception {
        MockMvc mvc = proxy(new AgentAccess(AgentAccess.Policy.LINKED_ONLY, List.of()));

        mvc.perform(asAgent(get("/api/proxy/cdp/profile/usr_00042")))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("/linked-only")));
        mvc.perform(asAgent(get("/api/proxy/cdp/profile/usr_00042").param("interactionId", "conv-99")))
                .andExpect(status().isForbidden());
        mvc.perform(asAgent(get("/api/proxy/cdp/profile/usr_00042").param("interactionId", "conv-unknown")))
                .andExpect(status().isForbidden());
        verify(profiles, never()).lookup(any(), any(), anyBoolean());
    }

    @Test
    void aLinkedOnlyAgentReadsTheCustomerLinkedToTheInteractionItNames() throws Exception {
        MockMvc mvc = proxy(new AgentAccess(AgentAccess.Policy.LINKED_ONLY, List.of()));

        // past the access check: the (stubbed) CDP has no profile
        mvc.perform(asAgent(get("/api/proxy/cdp/profile/usr_00042").param("interactionId", "conv-42")))
                .andExpect(status().isNotFound());
        verify(profiles).lookup(any(), any(), anyBoolean());
    }

    @Test
    void freeSearchIsThePolicyOrAPermissionOfNamedAgents() throws Exception {
        proxy(new AgentAccess(AgentAccess.Policy.FREE_SEARCH, List.of()))
                .perform(asAgent(get("/api/proxy/cdp/profile/usr_00042"))).andExpect(status().isNotFound());
        proxy(new AgentAccess(AgentAccess.Policy.LINKED_ONLY, List.of("GENESYS:user-7")))
                .perform(asAgent(get("/api/proxy/cdp/profile/usr_00042"))).andExpect(status().isNotFound());
        proxy(new AgentAccess(AgentAccess.Policy.LINKED_ONLY, List.of("genesys:user-8")))
                .perform(asAgent(get("/api/proxy/cdp/profile/usr_00042"))).andExpect(status().isForbidden());
    }

    private MockMvc proxy(AgentAccess access) {
        return MockMvcBuilders.standaloneSetup(new ProfileProxyController(profiles, links, parser, mock(AuditTrail.class),
                new ProxySettings(Duration.ofSeconds(1)), access)).build();
    }

    private static MockHttpServletRequestBuilder asAgent(MockHttpServletRequestBuilder request) {
        return request.requestAttr(AgentTokenFilter.IDENTITY, AGENT);
    }
}
