package com.profilebridge.resolve;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * What Genesys ({@code identifier, channel, source}) and CXone ({@code interactionId, phoneNumber,
 * email}) send; any subset. Unknown fields are ignored.
 *
 * @param verifiedBy how the IVR verified the caller as the given user id ({@code pin},
 *     {@code knowledge}, {@code otp}, {@code biometric}); believed from the callers in
 *     {@code bridge.identity.verifying-callers} only
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResolveRequest(
        @Nullable String identifier,
        @Nullable String channel,
        @Nullable String source,
        @Nullable @JsonAlias({"conversation_id", "gcConversationId"}) String conversationId,
        @Nullable @JsonAlias({"interaction_id", "contactId", "contact_id"}) String interactionId,
        @Nullable @JsonAlias({"phone_number", "phone", "ani"}) String phoneNumber,
        @Nullable String email,
        @Nullable @JsonAlias({"user_id", "cdp_user_id"}) String userId,
        @Nullable @JsonAlias("verified_by") String verifiedBy) {

    /** A request without a verification statement (the IVR's first call). */
    public ResolveRequest(@Nullable String identifier, @Nullable String channel, @Nullable String source,
            @Nullable String conversationId, @Nullable String interactionId, @Nullable String phoneNumber,
            @Nullable String email, @Nullable String userId) {
        this(identifier, channel, source, conversationId, interactionId, phoneNumber, email, userId, null);
    }

    /** Whether any identifier field is present at all (otherwise the call is a caller mistake, 400). */
    public boolean namesAnIdentifier() {
        return identifier != null || phoneNumber != null || email != null || userId != null;
    }

    /** The interaction this call belongs to as sent, whichever platform named it; null when absent. */
    @Nullable String interaction() {
        String id = present(interactionId) ? interactionId : conversationId;
        return present(id) ? id.strip() : null;
    }

    /** Which field {@link #interaction()} came from, for {@code ignored_fields}. */
    String interactionField() {
        return present(interactionId) ? "interactionId" : "conversationId";
    }

    private static boolean present(@Nullable String value) {
        // platforms fill unset template variables with "null" / "undefined" or leave them empty
        return value != null && !value.isBlank() && !"null".equalsIgnoreCase(value.strip())
                && !"undefined".equalsIgnoreCase(value.strip());
    }
}
