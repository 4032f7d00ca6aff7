package com.profilebridge.masking;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Masking configuration ({@code bridge.masking.*}).
 *
 * @param defaultRegion region for phone numbers written without a country code in free text;
 *     {@code bridge.identity.default-region} when not set
 * @param fields field rules added to (or replacing) the defaults, e.g. {@code passport_number: mask};
 *     names are compared lower-cased without {@code _ - .} and spaces
 * @param hashKey HMAC key for the {@code hash} action; required when a rule uses it
 */
@ConfigurationProperties("bridge.masking")
public record MaskingProperties(
        @Nullable String defaultRegion, @Nullable Map<String, FieldAction> fields, @Nullable String hashKey) {

    public MaskingProperties {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    /** The defaults: the built-in field policy, US numbers, no hash key. */
    public static MaskingProperties defaults() {
        return new MaskingProperties("US", Map.of(), null);
    }
}
