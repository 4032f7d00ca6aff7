package com.profilebridge.shared.web;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.core.Ordered;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/** The edge checks filter and the bounded JSON reader every part of the application uses. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({BodyLimitProperties.class, JsonReadLimits.class})
class EdgeWebConfiguration {

    /** After the correlation id (highest precedence), before the integration body filter (+10). */
    static final int EDGE_CHECKS_ORDER = Ordered.HIGHEST_PRECEDENCE + 5;

    @Bean
    FilterRegistrationBean<EdgeChecksFilter> edgeChecksFilter(BodyLimitProperties limits) {
        var registration = new FilterRegistrationBean<>(new EdgeChecksFilter(limits));
        registration.setOrder(EDGE_CHECKS_ORDER);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }

    /** How integration bodies are read, by the body filter and the resolve fast path alike. */
    @Bean
    IntegrationBodies integrationBodies(JsonMapper json, BodyLimitProperties limits) {
        return new IntegrationBodies(json, limits.integration());
    }

    /**
     * Boot's builder (its customizers applied, so {@code spring.jackson.*} still holds) on a JSON
     * factory with bounded read constraints; Boot's own {@code jsonMapperBuilder} backs off for it.
     * Builders have no setter for the factory's constraints, hence the factory of our own.
     */
    @Bean
    @Scope("prototype")
    JsonMapper.Builder boundedJsonMapperBuilder(JsonReadLimits limits,
            ObjectProvider<JsonMapperBuilderCustomizer> customizers) {
        // a key twice in one object is refused, not "last one wins": two readers of the same body (the
        // platform's, ours, the CDP's) must never see two different requests
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(limits.constraints())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        JsonMapper.Builder builder = JsonMapper.builder(factory);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder;
    }
}
