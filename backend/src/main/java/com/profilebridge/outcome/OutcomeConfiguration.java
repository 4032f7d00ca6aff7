package com.profilebridge.outcome;

import com.profilebridge.identity.IdentityProperties;
import com.profilebridge.masking.PiiMasker;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutcomeProperties.class)
class OutcomeConfiguration {

    @Bean
    OutcomeParser outcomeParser(JsonMapper json, PiiMasker masker, IdentityProperties identity,
            OutcomeProperties properties) {
        return new OutcomeParser(json, masker, identity.userIdPattern(), properties.maxFutureSkew());
    }
}
