package com.profilebridge.resolve;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * What Genesys ({@code identifier, channel, source}) and CXone ({@code interactionId, phoneNumber,
 * email}) send; any subset. Unknown fields are ignored.
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
        @Nullable @JsonAlias({"user_id", "cdp_user_id"}) String userId) {

    /** Whether any identifier field is present at all (otherwise the call is a caller mistake, 400). */
    public boolean namesAnIdentifier() {
        return identifier != null || phoneNumber != null || email != null || userId != null;
    }

    /** The interaction this call belongs to, whichever platform named it. */
    @Nullable String interaction() {
        String id = interactionId != null && !interactionId.isBlank() ? interactionId : conversationId;
        return id == null || id.isBlank() || "null".equalsIgnoreCase(id.strip()) ? null : id.strip();
    }
}
