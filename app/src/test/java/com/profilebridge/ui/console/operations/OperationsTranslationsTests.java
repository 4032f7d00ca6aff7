package com.profilebridge.ui.console.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.profilebridge.console.operations.OperationsSnapshot;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The operations page's words exist in English and German, for every state and scope it names. */
class OperationsTranslationsTests {

    @Test
    void bothLanguagesHaveTheSameKeysAndALabelForEveryHealthStateAndScope() throws IOException {
        Properties english = bundle("console-i18n/operations.properties");
        Properties german = bundle("console-i18n/operations_de.properties");
        assertThat(german.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
        for (OperationsSnapshot.Health health : OperationsSnapshot.Health.values()) {
            assertThat(english).containsKey("console.operations.health." + health.name());
        }
        for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
            assertThat(english).containsKey("console.operations.state." + state.name());
        }
        for (String scope : new String[] {"scope", "scope.cluster", "scope.unreachable"}) {
            assertThat(english).containsKeys("console.operations." + scope, "console.operations." + scope + ".waiting");
        }
        for (String key : english.stringPropertyNames()) {
            assertThat(german.getProperty(key)).as(key).isNotBlank();
        }
    }

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = OperationsTranslationsTests.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
