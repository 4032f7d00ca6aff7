package com.profilebridge.cdp.adobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The environment variables docs/cdp/adobe.md and the start-up refusal print reach their properties. */
class AdobeCdpPropertiesTests {

    @Test
    void theDocumentedEnvironmentVariablesBindToTheirProperties() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("CDP_ADOBE_CLIENTID", "id-1");
        env.put("CDP_ADOBE_CLIENTSECRET", "secret-1");
        env.put("CDP_ADOBE_ORGID", "org-1@AdobeOrg");
        env.put("CDP_ADOBE_SANDBOXNAME", "dev-1");
        env.put("CDP_ADOBE_TENANTID", "acme");
        env.put("CDP_ADOBE_CRMNAMESPACE", "LoyaltyId");
        env.put("CDP_ADOBE_PHONENAMESPACES", "Phone");
        env.put("CDP_ADOBE_MERGEPOLICYID", "mp-1");
        env.put("CDP_ADOBE_EVENTS_CONNECTIONID", "conn-1");
        env.put("CDP_ADOBE_EVENTS_DATASETID", "ds-1");
        env.put("CDP_ADOBE_EVENTS_SCHEMAID", "https://ns.adobe.com/acme/schemas/1");
        env.put("CDP_ADOBE_EVENTS_MAXBATCHEVENTS", "50");
        env.put("CDP_ADOBE_LIMITS_LOOKUPSPERSECOND", "7");
        env.put("CDP_ADOBE_LIMITS_LOOKUPWAIT", "250ms");
        env.put("CDP_ADOBE_TRAITS_TIER", "_acme.loyalty.level");
        env.put("CDP_ADOBE_TRAITS_ATTRIBUTES_DATEOFBIRTH", "person.birthDate");
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));

        AdobeCdpProperties p = Binder.get(environment).bindOrCreate("cdp.adobe", AdobeCdpProperties.class);

        assertThat(p.clientId()).isEqualTo("id-1");
        assertThat(p.clientSecret()).isEqualTo("secret-1");
        assertThat(p.orgId()).isEqualTo("org-1@AdobeOrg");
        assertThat(p.sandboxName()).isEqualTo("dev-1");
        assertThat(p.tenantField()).isEqualTo("_acme");
        assertThat(p.crmNamespace()).isEqualTo("LoyaltyId");
        assertThat(p.phoneNamespaces()).containsExactly("Phone");
        assertThat(p.mergePolicyId()).isEqualTo("mp-1");
        assertThat(p.events().connectionId()).isEqualTo("conn-1");
        assertThat(p.events().datasetId()).isEqualTo("ds-1");
        assertThat(p.events().schemaId()).isEqualTo("https://ns.adobe.com/acme/schemas/1");
        assertThat(p.events().maxBatchEvents()).isEqualTo(50);
        assertThat(p.limits().lookupsPerSecond()).isEqualTo(7);
        assertThat(p.limits().lookupWait()).isEqualTo(Duration.ofMillis(250));
        assertThat(p.traits().tier()).isEqualTo("_acme.loyalty.level");
        assertThat(p.traits().attributes()).containsEntry("dateofbirth", "person.birthDate");
        AdobeCdpConfiguration.requireSettings(p);
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        AdobeCdpProperties p = new Binder().bindOrCreate("cdp.adobe", AdobeCdpProperties.class);

        assertThat(p.platformUrl()).hasToString("https://platform.adobe.io");
        assertThat(p.imsUrl()).hasToString("https://ims-na1.adobelogin.com");
        assertThat(p.inletUrl()).hasToString("https://dcs.adobedc.net");
        assertThat(p.crmNamespace()).isEqualTo("CRMID");
        assertThat(p.emailNamespace()).isEqualTo("Email");
        assertThat(p.phoneNamespaces()).containsExactly("Phone_E.164", "Phone");
        assertThat(p.traits().tier()).isEqualTo("loyalty.tier");
        assertThat(p.limits().lookupsPerSecond()).isEqualTo(50);
        assertThat(p.limits().maxConcurrentLookups()).isEqualTo(20);
        assertThat(p.limits().batchesPerSecond()).isEqualTo(20);
        assertThat(p.events().maxBatchEvents()).isEqualTo(100);
        assertThat(p.events().maxBatchBytes()).isLessThan(1_000_000);
    }
}
