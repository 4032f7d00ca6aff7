package com.profilebridge.masking.logging;

import ch.qos.logback.core.boolex.PropertyConditionBase;
import java.util.ArrayList;
import java.util.List;

/**
 * A logback-spring.xml condition without Janino: true when every {@code <required>} property has
 * text and every {@code <empty>} one is unset or blank. Spring Boot defines its
 * {@code *_STRUCTURED_FORMAT} properties as empty when not configured, so "is defined" is not enough.
 */
public class PropertiesCondition extends PropertyConditionBase {

    private final List<String> required = new ArrayList<>();
    private final List<String> empty = new ArrayList<>();

    public void addRequired(String key) {
        required.add(key.strip());
    }

    public void addEmpty(String key) {
        empty.add(key.strip());
    }

    @Override
    public boolean evaluate() {
        return required.stream().allMatch(this::hasText) && empty.stream().noneMatch(this::hasText);
    }

    private boolean hasText(String key) {
        String value = property(key);
        return value != null && !value.isBlank();
    }
}
