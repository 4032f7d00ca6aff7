package com.profilebridge.profileview;

import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.masking.FieldAction;
import com.profilebridge.masking.PiiMasker;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How much of a profile a viewer sees. Every profile is masked by the one engine
 * ({@link PiiMasker}, {@code bridge.masking.*}) before it is cached; a policy here only withholds
 * more of that masked profile, by the engine's own field actions, so it follows the operator's field
 * rules and never unmasks anything.
 */
public enum Masking {

    /**
     * Agents serve the caller: the profile as the engine masked it (e-mail and phone partially; SSN,
     * card, IBAN and account numbers to their last four; dates of birth to the year; secrets dropped).
     */
    AGENT(EnumSet.noneOf(FieldAction.class), true, true),

    /**
     * Supervisors investigate (who was shown, which profiles an identifier reaches); they do not serve
     * the caller. First name only; e-mail and phone as masked for agents; no attribute the engine
     * masks as an SSN, keeps the last four of (cards, IBANs, accounts, passports), masks as a date of
     * birth, hashes or blanks; no free text (notes, interaction summaries: agents' and customers' own
     * words, where the detectors leave a card's last four).
     */
    SUPERVISOR(EnumSet.of(FieldAction.SSN, FieldAction.LAST4, FieldAction.DATE, FieldAction.HASH, FieldAction.MASK),
            false, false);

    private final Set<FieldAction> withheld;
    private final boolean fullName;
    private final boolean freeText;

    Masking(Set<FieldAction> withheld, boolean fullName, boolean freeText) {
        this.withheld = withheld;
        this.fullName = fullName;
        this.freeText = freeText;
    }

    /** The masked profile as this policy shows it. */
    CdpProfile apply(CdpProfile p, PiiMasker engine) {
        if (withheld.isEmpty() && fullName && freeText) {
            return p;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        p.attributes().forEach((name, value) -> {
            if (!withheld.contains(engine.actionFor(name))) {
                attributes.put(name, value);
            }
        });
        return new CdpProfile(p.userId(), fullName ? p.name() : firstName(p.name()), p.email(), p.phone(), p.tier(),
                p.lifetimeValue(), p.preferredChannel(), p.sentimentScore(), p.recentOrders(),
                freeText ? p.recentInteractions() : p.recentInteractions().stream()
                        .map(i -> new CdpProfile.Interaction(i.at(), i.channel(), i.outcome(), null, i.interactionId()))
                        .toList(),
                freeText ? p.notes() : null, attributes, p.updatedAt());
    }

    /** What tells household members apart without naming them in full: the first word of the name. */
    static @Nullable String firstName(@Nullable String name) {
        String stripped = name == null ? "" : name.strip();
        int space = stripped.indexOf(' ');
        return stripped.isEmpty() ? null : space < 0 ? stripped : stripped.substring(0, space);
    }
}
