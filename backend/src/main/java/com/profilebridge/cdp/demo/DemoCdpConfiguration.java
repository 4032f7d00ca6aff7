package com.profilebridge.cdp.demo;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Selected by {@code cdp.provider=demo} (the default). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "cdp.provider", havingValue = "demo", matchIfMissing = true)
@EnableConfigurationProperties(DemoCdpProperties.class)
class DemoCdpConfiguration {

    @Bean
    DemoCdp demoCdp(DemoCdpProperties properties) {
        return new DemoCdp(properties);
    }
}
