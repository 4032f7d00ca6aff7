package com.profilebridge.masking;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.profilebridge.masking.logging.LogMasking;
import com.profilebridge.masking.logging.MaskingConverters;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The masking bean: its phone region and that log lines use it from then on. */
class MaskingConfigurationTests {

    final MaskingConfiguration configuration = new MaskingConfiguration();

    @AfterEach
    void restoreTheBuiltInLogMasker() {
        LogMasking.use(new PiiMasker());
    }

    @Test
    void takesTheIdentityRegionWhenMaskingNamesNone() {
        PiiMasker masker = configuration.piiMasker(new MaskingProperties(null, Map.of(), null), "GB");
        assertThat(masker.maskText("ring 020 7946 0958")).isEqualTo("ring [phone ****0958]");
        PiiMasker blank = configuration.piiMasker(new MaskingProperties(" ", Map.of(), null), "GB");
        assertThat(blank.maskText("ring 020 7946 0958")).isEqualTo("ring [phone ****0958]");
    }

    @Test
    void prefersTheMaskingRegionAndKeepsTheConfiguredRules() {
        PiiMasker masker = configuration.piiMasker(
                new MaskingProperties("US", Map.of("loyalty_id", FieldAction.HASH), "key"), "GB");
        assertThat(masker.maskText("ring 020 7946 0958")).isEqualTo("ring 020 7946 0958");
        assertThat(masker.maskField("loyalty_id", "L-77")).startsWith("hash:");
    }

    @Test
    void logLinesUseTheConfiguredMaskerFromThenOn() {
        configuration.piiMasker(new MaskingProperties(null, Map.of(), null), "GB");
        LoggerContext context = new LoggerContext();
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("m", MaskingConverters.Message::new);
        layout.setPattern("%m");
        layout.start();
        String line = layout.doLayout(new LoggingEvent(getClass().getName(), context.getLogger("test"), Level.INFO,
                "ring 020 7946 0958", null, null));
        assertThat(line).isEqualTo("ring [phone ****0958]");
    }
}
