package com.profilebridge.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.profilebridge.audit.AuditQueryRejected;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The audit view's words exist in English and German, for every action and channel it names. */
class AuditViewTranslationsTests {

    @Test
    void bothLanguagesHaveTheSameKeysAndALabelForEveryKnownActionAndChannel() throws IOException {
        Properties english = bundle("console-i18n/audit.properties");
        Properties german = bundle("console-i18n/audit_de.properties");
        assertThat(german.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
        for (String action : AuditView.ACTIONS) {
            assertThat(english).containsKey("console.audit.action." + action);
        }
        for (String channel : AuditView.CHANNELS) {
            assertThat(english).containsKey("console.audit.channel." + channel);
        }
        for (AuditQueryRejected.Reason reason : AuditQueryRejected.Reason.values()) {
            assertThat(english).containsKey("console.audit.error." + reason.slug());
        }
        assertThat(german.getProperty("console.audit.export.hint")).contains("{0}");
    }

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = AuditViewTranslationsTests.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
