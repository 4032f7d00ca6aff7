package com.profilebridge.audit;

import com.profilebridge.audit.AuditQueryRejected.Reason;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Which rows of the audit trail to show; every part optional (null: any). Checked once, on creation:
 * blank values count as absent, channels are lower case and actions upper case as the trail stores
 * them, and the time range is half open, {@code [from, to)}.
 *
 * @param agent the actor, exactly (an agent id, a console user's name)
 * @param customer the customer's CDP user id, exactly
 * @param channel {@code widget}, {@code proxy}, {@code console}, ...
 * @param action {@code PROFILE_VIEW}, {@code CALLER_VERIFIED}, {@code AUDIT_VIEW}, ...
 */
public record AuditFilter(@Nullable String agent, @Nullable String customer, @Nullable String channel,
        @Nullable String action, @Nullable Instant from, @Nullable Instant to) {

    /** Every row. */
    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null);

    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9_-]{1,32}");
    private static final Pattern ACTION = Pattern.compile("[A-Z0-9_]{1,64}");
    // the column widths of audit_event
    private static final int MAX_ACTOR = 256;
    private static final int MAX_CUSTOMER = 256;

    public AuditFilter {
        agent = text(agent, "agent", MAX_ACTOR);
        customer = text(customer, "customer", MAX_CUSTOMER);
        channel = code(channel == null ? null : channel.strip().toLowerCase(Locale.ROOT), CHANNEL, "channel",
                "lower-case letters, digits, '-' and '_', at most 32");
        action = code(action == null ? null : action.strip().toUpperCase(Locale.ROOT), ACTION, "action",
                "letters, digits and '_', at most 64");
        if (from != null && to != null && !from.isBefore(to)) {
            throw new AuditQueryRejected(Reason.INVALID_TIME_RANGE, "from must be before to (the range is [from, to)).");
        }
    }

    /** A canonical form of the filter, for checking that a cursor belongs to it. */
    String key() {
        return String.join("\u0000", Objects.toString(agent, "\u0001"), Objects.toString(customer, "\u0001"),
                Objects.toString(channel, "\u0001"), Objects.toString(action, "\u0001"),
                Objects.toString(from, "\u0001"), Objects.toString(to, "\u0001"));
    }

    private static @Nullable String text(@Nullable String value, String name, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > max || stripped.chars().anyMatch(Character::isISOControl)) {
            throw new AuditQueryRejected(Reason.INVALID_FILTER,
                    name + " must be at most " + max + " characters without control characters.");
        }
        return stripped;
    }

    private static @Nullable String code(@Nullable String value, Pattern rule, String name, String description) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!rule.matcher(value).matches()) {
            throw new AuditQueryRejected(Reason.INVALID_FILTER, name + " must be " + description + " characters.");
        }
        return value;
    }
}
