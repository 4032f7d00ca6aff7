package com.profilebridge.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import com.profilebridge.masking.logging.MaskingStructuredLogging;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The shipped logback-spring.xml on its own: Spring Boot's console layout and levels, a log file
 * only when one is configured, and every message, MDC value and exception masked in both.
 */
@ExtendWith(OutputCaptureExtension.class)
class LoggingConfigurationTests {

    final LoggerContext context = new LoggerContext();

    @AfterEach
    void stop() {
        MDC.clear();
        context.stop();
    }

    @Test
    void theConsoleKeepsBootsLayoutAndMasksMessagesMdcAndExceptions(CapturedOutput output) throws JoranException {
        // what application.yml's logging.pattern.correlation makes Boot set
        context.putProperty("LOG_CORRELATION_PATTERN", "[%X{correlationId:-}] ");
        configure();
        Logger log = context.getLogger("com.profilebridge.profile.ProfileService");
        MDC.put("correlationId", "555-100-0077");
        log.warn("CDP lookup failed: {}", "{\"error\":\"no profile for +1 (555) 100-0042\"}",
                new IllegalStateException("echo: ada.lovelace@example.com 4111.1111.1111.1111"));

        assertThat(output.getOut()).contains(" WARN ", "[[phone ****0077]] c.profilebridge.profile.ProfileService",
                " : CDP lookup failed: ", "[phone ****0042]", "a***@example.com", "[card ****1111]",
                "java.lang.IllegalStateException", "at com.profilebridge.logging.LoggingConfigurationTests")
                .doesNotContain("555) 100-0042", "555-100-0077", "ada.lovelace@", "4111.1111.1111.1111");
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).hasToString("INFO");
    }

    @Test
    void writesNoLogFileUnlessOneIsConfigured() throws JoranException {
        configure();
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE")).isNotNull();
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("FILE")).isNull();
    }

    @Test
    void aConfiguredLogFileIsMaskedToo(@TempDir Path dir) throws JoranException, IOException {
        Path file = dir.resolve("bridge.log");
        context.putProperty("LOG_FILE", file.toString());
        configure();
        context.getLogger("test").info("caller gave IBAN DE89 3704 0044 0532 0130 00 and SSN 123.45.6789");

        String written = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(written).contains("[iban DE ****3000]", "[ssn ***-**-6789]")
                .doesNotContain("3704 0044", "123.45.6789");
    }

    @Test
    void aStructuredConsoleFormatIsKeptAndMasked(CapturedOutput output) throws JoranException {
        // what Boot does for logging.structured.format.console=ecs with application.yml's customizer
        context.putProperty("CONSOLE_LOG_STRUCTURED_FORMAT", "ecs");
        context.putObject(Environment.class.getName(), new MockEnvironment()
                .withProperty("logging.structured.json.customizer", MaskingStructuredLogging.class.getName()));
        configure();
        MDC.put("correlationId", "555-100-0077");
        context.getLogger("test").warn("CDP said +1 (555) 100-0042", new IllegalStateException("SSN 123-45-6789"));

        assertThat(output.getOut()).contains("\"log\":{\"level\":\"WARN\"", "[phone ****0042]", "[phone ****0077]",
                "[ssn ***-**-6789]").doesNotContain("555) 100-0042", "555-100-0077", "123-45-6789");
    }

    private void configure() throws JoranException {
        // the application's MDC (slf4j's), so values put through MDC reach this context's events
        context.setMDCAdapter(MDC.getMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LoggingConfigurationTests.class.getResource("/logback-spring.xml"));

    }
}
