package com.profilebridge.widget;

import com.profilebridge.agent.AgentCredential;
import com.profilebridge.agent.AgentIdentity;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The widget state kept in the agent's server session after the handshake: who the agent is, the
 * platform token they signed in with (held in memory for the participant check, which asks the
 * platform with the agent's own rights; never logged, never shown, not serialisable) and the
 * interactions widgets were opened for, each with its locale. Up to
 * ten widget instances of one desktop share the session (one partitioned cookie), hence the map; it
 * keeps the {@value #MAX_INTERACTIONS} most recently opened interactions, so a long shift (or a
 * script joining made-up ids) cannot grow it without bound. The session ends with the platform
 * token ({@link #expired}).
 *
 * @param agent the validated agent, tenant/organisation included
 * @param interactions interaction id to the locale its widget asked for
 * @param locale the locale of the latest handshake (used when no interaction is open)
 * @param callers interaction id to the caller's number as the host passed it (blank: withheld; no
 *     entry: the host said nothing); kept server-side only, the widget shows it masked
 * @param credential the token the session was opened (or last renewed) with
 */
public record WidgetSession(AgentIdentity agent, Map<String, Locale> interactions, Locale locale,
        Map<String, String> callers, AgentCredential credential) {

    /** The session attribute holding it. */
    public static final String ATTRIBUTE = WidgetSession.class.getName();

    /** Genesys opens at most ten interaction widgets at once; twice that covers switching back and forth. */
    public static final int MAX_INTERACTIONS = 20;

    public WidgetSession {
        // oldest first: the order decides which interactions are forgotten first
        Map<String, Locale> kept = new LinkedHashMap<>(interactions);
        while (kept.size() > MAX_INTERACTIONS) {
            kept.remove(kept.keySet().iterator().next());
        }
        interactions = Collections.unmodifiableMap(kept);
        Map<String, String> lines = new LinkedHashMap<>(callers);
        lines.keySet().retainAll(kept.keySet());
        callers = Collections.unmodifiableMap(lines);
    }

    public WidgetSession(AgentIdentity agent, Map<String, Locale> interactions, Locale locale,
            AgentCredential credential) {
        this(agent, interactions, locale, Map.of(), credential);
    }

    /** This session with one more interaction opened (or re-opened: it becomes the newest) in the given locale. */
    public WidgetSession with(@Nullable String interactionId, Locale locale) {
        return with(interactionId, locale, null);
    }

    /** As {@link #with(String, Locale)}, remembering the caller's number the host passed (if it did). */
    public WidgetSession with(@Nullable String interactionId, Locale locale, @Nullable String callerNumber) {
        Map<String, Locale> more = new LinkedHashMap<>(interactions);
        Map<String, String> lines = new LinkedHashMap<>(callers);
        if (interactionId != null) {
            more.remove(interactionId);
            more.put(interactionId, locale);
            if (callerNumber != null) {
                lines.put(interactionId, callerNumber.length() > 64 ? "" : callerNumber);
            }
        }
        return new WidgetSession(agent, more, locale, lines, credential);
    }

    /** The caller's number the host passed for this interaction; null when it passed none. */
    public @Nullable String callerOf(@Nullable String interactionId) {
        return interactionId == null ? null : callers.get(interactionId);
    }

    /** True when a widget was opened for this interaction in this session. */
    public boolean opened(String interactionId) {
        return interactions.containsKey(interactionId);
    }

    public Locale localeOf(@Nullable String interactionId) {
        return interactionId == null ? locale : interactions.getOrDefault(interactionId, locale);
    }

    /** The platform token behind this session has expired: the agent must open the widget again. */
    public boolean expired(Instant now) {
        return !agent.expiresAt().isAfter(now);
    }
}
