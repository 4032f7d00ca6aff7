package com.profilebridge.masking.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.core.ContextBase;
import org.junit.jupiter.api.Test;

/**
 * The logback-spring.xml condition that picks the structured (masked JSON) appenders: Spring Boot
 * sets its {@code *_STRUCTURED_FORMAT} properties to an empty text when they are not configured.
 */
class PropertiesConditionTests {

    final ContextBase context = new ContextBase();

    @Test
    void holdsWhenEveryRequiredPropertyHasText() {
        context.putProperty("LOG_FILE", "app.log");
        context.putProperty("FILE_LOG_STRUCTURED_FORMAT", "ecs");
        assertThat(condition(" LOG_FILE ", "FILE_LOG_STRUCTURED_FORMAT").evaluate()).isTrue();
    }

    @Test
    void failsWhenARequiredPropertyIsUnsetOrBlank() {
        context.putProperty("LOG_FILE", "app.log");
        assertThat(condition("LOG_FILE", "FILE_LOG_STRUCTURED_FORMAT").evaluate()).isFalse();
        context.putProperty("FILE_LOG_STRUCTURED_FORMAT", " ");
        assertThat(condition("LOG_FILE", "FILE_LOG_STRUCTURED_FORMAT").evaluate()).isFalse();
    }

    @Test
    void failsWhenAPropertyThatMustBeEmptyHasText() {
        PropertiesCondition condition = condition("LOG_FILE");
        condition.addEmpty(" CONSOLE_LOG_STRUCTURED_FORMAT ");
        context.putProperty("LOG_FILE", "app.log");
        context.putProperty("CONSOLE_LOG_STRUCTURED_FORMAT", "");
        assertThat(condition.evaluate()).isTrue();
        context.putProperty("CONSOLE_LOG_STRUCTURED_FORMAT", "logstash");
        assertThat(condition.evaluate()).isFalse();
    }

    private PropertiesCondition condition(String... required) {
        PropertiesCondition condition = new PropertiesCondition();
        condition.setContext(context);
        condition.setLocalPropertyContainer(new ContextBase());
        for (String key : required) {
            condition.addRequired(key);
        }
        return condition;
    }
}
