package com.profilebridge.widget;

import static org.assertj.core.api.Assertions.assertThat;

import com.profilebridge.agent.AgentCredential;
import com.profilebridge.agent.AgentIdentity;
import com.profilebridge.agent.AgentPlatform;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WidgetSessionTests {

    static final Instant EXPIRES = Instant.parse("2026-12-01T18:00:00Z");
    static final AgentIdentity AGENT = new AgentIdentity(AgentPlatform.GENESYS, "u-1", "Ada", "org-1", EXPIRES);
    static final AgentCredential TOKEN = new AgentCredential(AgentPlatform.GENESYS, "gc-token-of-ada-7Hq2", "mypurecloud.de");

    @Test
    void keepsOnlyTheMostRecentlyOpenedInteractions() {
        WidgetSession session = new WidgetSession(AGENT, Map.of(), Locale.ENGLISH, TOKEN);
        for (int i = 0; i < 10_000; i++) {
            session = session.with("conv-" + i, Locale.ENGLISH);
        }
        assertThat(session.interactions()).hasSize(WidgetSession.MAX_INTERACTIONS);
        assertThat(session.opened("conv-9999")).isTrue();
        assertThat(session.opened("conv-" + (10_000 - WidgetSession.MAX_INTERACTIONS))).isTrue();
        assertThat(session.opened("conv-" + (9_999 - WidgetSession.MAX_INTERACTIONS))).isFalse();
        assertThat(session.opened("conv-0")).isFalse();
    }

    @Test
    void reopeningAnInteractionMakesItTheNewestSoItIsKept() {
        WidgetSession session = new WidgetSession(AGENT, Map.of(), Locale.ENGLISH, TOKEN).with("first", Locale.GERMAN);
        for (int i = 0; i < WidgetSession.MAX_INTERACTIONS - 1; i++) {
            session = session.with("conv-" + i, Locale.ENGLISH);
        }
        session = session.with("first", Locale.GERMAN).with("one-more", Locale.ENGLISH);

        assertThat(session.opened("first")).isTrue();
        assertThat(session.localeOf("first")).isEqualTo(Locale.GERMAN);
        assertThat(session.opened("conv-0")).isFalse();
    }

    @Test
    void expiresWithThePlatformToken() {
        WidgetSession session = new WidgetSession(AGENT, Map.of(), Locale.ENGLISH, TOKEN);
        assertThat(session.expired(EXPIRES.minusSeconds(1))).isFalse();
        assertThat(session.expired(EXPIRES)).isTrue();
    }

    @Test
    void keepsTheTokenForTheParticipantCheckButNeverPrintsIt() {
        WidgetSession session = new WidgetSession(AGENT, Map.of(), Locale.ENGLISH, TOKEN).with("conv-1", Locale.GERMAN);

        assertThat(session.credential()).isSameAs(TOKEN);
        assertThat(session.toString()).doesNotContain("gc-token-of-ada-7Hq2").contains("AgentCredential[genesys");
        assertThat(TOKEN).isNotInstanceOf(java.io.Serializable.class);
    }
}
