package com.profilebridge.widget;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WidgetProperties.class)
class WidgetConfiguration {

    @Bean
    WidgetSettings widgetSettings(WidgetProperties properties) {
        return new WidgetSettings(properties.refreshInterval(), properties.profileBudget());
    }
}
