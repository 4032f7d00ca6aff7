package com.profilebridge.masking.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskingConvertersTests {

    final LoggerContext context = new LoggerContext();

    @Test
    void masksTheMessageTheMdcAndTheExceptionChain() {
        PatternLayout layout = layout("[%X{correlationId}] %m%n%wEx");
        LoggingEvent event = event("CDP answered 400: {\"error\":\"no profile for {}\"}", "+1 (555) 100-0042",
                new IllegalStateException("card 4111 1111 1111 1111 refused",
                        new RuntimeException("mail ada@example.com unknown")));
        event.setMDCPropertyMap(Map.of("correlationId", "cid-ada@example.com"));

        String line = layout.doLayout(event);

        assertThat(line).doesNotContain("555) 100-0042", "4111 1111 1111 1111", "ada@example.com")
                .contains("[phone ****0042]", "[card ****1111]", "a***@example.com")
                .contains("at com.profilebridge.masking.logging.MaskingConvertersTests");
    }

    @Test
    void masksUnderEveryExceptionWord() {
        for (String word : new String[] {"%ex", "%exception", "%throwable", "%xEx", "%rEx", "%wex", "%wEx"}) {
            PatternLayout layout = layout("%msg" + word);
            String line = layout.doLayout(event("failed", null, new IllegalArgumentException("SSN 123-45-6789")));
            assertThat(line).as(word).doesNotContain("123-45-6789").contains("[ssn ***-**-6789]");
        }
    }

    @Test
    void masksEachMdcValueAndLeavesAnAbsentOneEmpty() {
        PatternLayout layout = layout("%X{correlationId}|%X{tenant}|%m");
        LoggingEvent event = event("done", null, null);
        event.setMDCPropertyMap(Map.of("correlationId", "cid-ada@example.com"));
        assertThat(layout.doLayout(event)).isEqualTo("c***@example.com||done");
    }

    @Test
    void writesTheExceptionUnderEachWordWithItsStackTrace() {
        for (String word : new String[] {"%ex", "%xEx", "%rEx", "%wex", "%wEx"}) {
            String line = layout("%msg" + word).doLayout(event("failed", null,
                    new IllegalArgumentException("mail ada@example.com")));
            assertThat(line).as(word).startsWith("failed").contains(
                    "java.lang.IllegalArgumentException: mail a***@example.com",
                    "at com.profilebridge.masking.logging.MaskingConvertersTests");
        }
    }

    @Test
    void leavesOrdinaryLinesAsTheyWere() {
        PatternLayout layout = layout("%message");
        String line = layout.doLayout(event("Outcome {} for 2026-11-29T10:15:00Z stored (order {})", "conv-1",
                null));
        assertThat(line).isEqualTo("Outcome conv-1 for 2026-11-29T10:15:00Z stored (order {})");
    }

    private PatternLayout layout(String pattern) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        // the registrations logback-spring.xml makes, under the same words
        var converters = layout.getInstanceConverterMap();
        converters.put("m", MaskingConverters.Message::new);
        converters.put("msg", MaskingConverters.Message::new);
        converters.put("message", MaskingConverters.Message::new);
        converters.put("X", MaskingConverters.Mdc::new);
        converters.put("ex", MaskingConverters.PlainThrowable::new);
        converters.put("exception", MaskingConverters.PlainThrowable::new);
        converters.put("throwable", MaskingConverters.PlainThrowable::new);
        converters.put("xEx", MaskingConverters.ExtendedThrowable::new);
        converters.put("rEx", MaskingConverters.RootCauseFirstThrowable::new);
        converters.put("wex", MaskingConverters.WhitespaceThrowable::new);
        converters.put("wEx", MaskingConverters.ExtendedWhitespaceThrowable::new);
        layout.setPattern(pattern);
        layout.start();
        return layout;
    }

    private LoggingEvent event(String message, Object argument, Throwable thrown) {
        return new LoggingEvent(MaskingConvertersTests.class.getName(), context.getLogger("test"), Level.WARN, message,
                thrown, argument == null ? null : new Object[] {argument});
    }
}
