package com.profilebridge.cdp.demo;

import com.profilebridge.cdp.CdpClient;
import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpMatches;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.cdp.CdpTrackEvent;
import com.profilebridge.cdp.CdpUnavailable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process CDP over {@link DemoDataSet}: a real adapter behind the same port as the vendor
 * adapters, used by the embedded default. It keeps the raw PII a real CDP would send, so the
 * masking on the way out is exercised too. Tracked outcomes appear in the profile's history.
 */
class DemoCdp implements CdpClient {

    private static final Logger log = LoggerFactory.getLogger(DemoCdp.class);
    private static final int MAX_INTERACTIONS = 20;

    private final Map<String, CdpProfile> byId = new ConcurrentHashMap<>();
    private final Map<String, List<String>> byPhone = new ConcurrentHashMap<>();
    private final Map<String, List<String>> byEmail = new ConcurrentHashMap<>();
    private final Set<String> trackedMessageIds = ConcurrentHashMap.newKeySet();
    private final Duration latency;

    DemoCdp(DemoCdpProperties properties) {
        this.latency = properties.latency();
        long start = System.nanoTime();
        for (CdpProfile profile : DemoDataSet.generate(properties.seed(), properties.customers())) {
            byId.put(profile.userId(), profile);
            byPhone.computeIfAbsent(profile.phone(), k -> new ArrayList<>()).add(profile.userId());
            byEmail.computeIfAbsent(profile.email().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(profile.userId());
        }
        log.info("Demo CDP ready: {} synthetic customers in {} ms", byId.size(), (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public CdpMatches lookup(CdpIdentifier identifier) {
        simulateConditions();
        List<String> ids = switch (identifier.kind()) {
            case PHONE -> byPhone.getOrDefault(identifier.value(), List.of());
            case EMAIL -> byEmail.getOrDefault(identifier.value().toLowerCase(Locale.ROOT), List.of());
            case USER_ID -> byId.containsKey(identifier.value()) ? List.of(identifier.value()) : List.of();
        };
        return new CdpMatches(ids.stream().map(byId::get).toList());
    }

    @Override
    public Optional<CdpProfile> profile(String userId) {
        simulateConditions();
        return Optional.ofNullable(byId.get(userId));
    }

    @Override
    public void track(CdpTrackEvent event) {
        simulateConditions();
        if (!trackedMessageIds.add(event.messageId())) {
            return; // a resend of a message already applied: CDPs dedupe by message id
        }
        byId.computeIfPresent(event.userId(), (id, profile) -> {
            List<CdpProfile.Interaction> history = new ArrayList<>(profile.recentInteractions());
            Object interactionId = event.properties().get("interactionId");
            history.removeIf(i -> interactionId != null && interactionId.toString().equals(i.interactionId()));
            history.addFirst(new CdpProfile.Interaction(
                    event.timestamp(),
                    String.valueOf(event.properties().getOrDefault("channel", "voice")),
                    String.valueOf(event.properties().getOrDefault("disposition",
                            event.properties().getOrDefault("outcome", event.event()))),
                    firstPresent(event.properties(), "summary", "notes"),
                    interactionId == null ? null : interactionId.toString()));
            return copyWith(profile, history.subList(0, Math.min(history.size(), MAX_INTERACTIONS)));
        });
    }

    private static @Nullable String firstPresent(Map<String, Object> properties, String... names) {
        for (String name : names) {
            if (properties.get(name) != null) {
                return String.valueOf(properties.get(name));
            }
        }
        return null;
    }

    @Override
    public boolean ping() {
        return true;
    }

    public int size() {
        return byId.size();
    }

    private void simulateConditions() {
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CdpUnavailable("interrupted");
            }
        }
    }

    private static CdpProfile copyWith(CdpProfile p, List<CdpProfile.Interaction> interactions) {
        return new CdpProfile(p.userId(), p.name(), p.email(), p.phone(), p.tier(), p.lifetimeValue(),
                p.preferredChannel(), p.sentimentScore(), p.recentOrders(), interactions, p.notes(), p.attributes(),
                p.updatedAt());
    }
}
