package com.profilebridge.prod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.profilebridge.ProfileBridgeApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The prod profile refuses to start with demo settings, before it touches any database or CDP. */
class DemoSafetyStartupTests {

    @Test
    void prodWithTheDemoCdpAndADemoSecretFailsFastSayingWhich() {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(ProfileBridgeApplication.class)
                .profiles("prod")
                // command-line arguments, as an operator would pass them: they win over application-prod.yml
                .run("--server.port=0", "--server.address=127.0.0.1", "--cdp.provider=demo",
                        "--bridge.security.callers.genesys.secrets=demo-ivr-secret",
                        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/never-used"));
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertThat(root).hasMessageContaining("Refusing to start with the prod profile")
                .hasMessageContaining("the demo CDP would be active")
                .hasMessageContaining("caller 'genesys' uses a demo secret");
    }
}
