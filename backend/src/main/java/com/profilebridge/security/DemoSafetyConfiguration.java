package com.profilebridge.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class DemoSafetyConfiguration {

    /** Static: a bean factory post-processor must exist before any other bean. */
    @Bean
    static DemoSafetyCheck demoSafetyCheck() {
        return new DemoSafetyCheck();
    }

    /** Static, as above: caller names and webhook keys are checked before anything binds them. */
    @Bean
    static CallerNamesCheck callerNamesCheck() {
        return new CallerNamesCheck();
    }

    @Bean
    DemoExposureWarning demoExposureWarning(Environment environment) {
        return new DemoExposureWarning(environment);
    }
}
