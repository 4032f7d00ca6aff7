package com.profilebridge.masking;

import com.profilebridge.masking.logging.LogMasking;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MaskingProperties.class)
class MaskingConfiguration {

    @Bean
    PiiMasker piiMasker(MaskingProperties properties,
            @Value("${bridge.identity.default-region:US}") String identityRegion) {
        String region = properties.defaultRegion();
        PiiMasker masker = new PiiMasker(new MaskingProperties(
                region == null || region.isBlank() ? identityRegion : region, properties.fields(),
                properties.hashKey()));
        // libphonenumber loads its metadata on first use (a quarter of a second): not in the first IVR call
        masker.maskText("+1 555 100 0042");
        // log lines written from now on use the configured policy (the built-in one until then)
        LogMasking.use(masker);
        return masker;
    }
}
