package com.profilebridge.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DemoSafetyConfiguration {

    /** Static: a bean factory post-processor must exist before any other bean. */
    @Bean
    static DemoSafetyCheck demoSafetyCheck() {
        return new DemoSafetyCheck();
    }
}
