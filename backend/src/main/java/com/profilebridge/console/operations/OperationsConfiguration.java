package com.profilebridge.console.operations;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OperationsProperties.class)
class OperationsConfiguration {

    /** This process's own history; a shared store for several instances would be declared instead. */
    @Bean
    @ConditionalOnMissingBean
    OperationsHistory operationsHistory(OperationsProperties properties) {
        return new InMemoryOperationsHistory(properties.samples(), properties.transitionsKept());
    }
}
