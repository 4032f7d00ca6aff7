package com.profilebridge.agent;

import com.profilebridge.agent.demo.DemoIdentityProvider;
import com.profilebridge.agent.web.ProxySettings;
import com.profilebridge.shared.web.OutboundCallBudget;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AgentProperties.class)
class AgentConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AgentConfiguration.class);

    @Bean
    AgentTokens agentTokens(AgentProperties properties, RestClient.Builder builder, Clock clock, Environment environment,
            ObjectProvider<OutboundCallBudget> budget) {
        // ${local.server.port} is only known once the server listens: resolve at validation time.
        UnaryOperator<String> placeholders = environment::resolvePlaceholders;
        return new AgentTokens(
                new GenesysTokenValidator(properties.genesys(), builder, clock, placeholders,
                        budget.getIfAvailable(() -> OutboundCallBudget.UNLIMITED)),
                new CxoneTokenValidator(properties.cxone(), clock, placeholders));
    }

    @Bean
    AgentAccess agentAccess(AgentProperties properties) {
        return new AgentAccess(properties.access(), properties.freeSearchAgents());
    }

    @Bean
    ParticipantChecks participantChecks(AgentProperties properties, RestClient.Builder builder, Clock clock,
            Environment environment) {
        if (properties.access() == AgentAccess.Policy.LINKED_ONLY
                && properties.participantCheck() == ParticipantChecks.Policy.OFF) {
            log.warn("bridge.agent.participant-check=off: an agent sees the customer linked to any interaction "
                    + "whose id it knows, whether or not it is on it.");
        }
        UnaryOperator<String> placeholders = environment::resolvePlaceholders;
        Duration recent = properties.participation().recentWindow();
        return new ParticipantChecks(properties.participantCheck(), Map.of(
                AgentPlatform.GENESYS, new GenesysParticipation(properties.genesys(), builder, clock, placeholders, recent),
                AgentPlatform.CXONE, new CxoneParticipation(properties.cxone(), builder, clock, placeholders, recent)),
                properties.participation(), clock);
    }

    @Bean
    AgentViewers agentViewers(AgentAccess access, ParticipantChecks participants) {
        return new AgentViewers(access, participants);
    }

    @Bean
    ProxySettings agentProxySettings(AgentProperties properties) {
        return new ProxySettings(properties.proxy().budget());
    }

    @Bean
    @ConditionalOnBooleanProperty("bridge.demo.identity-endpoints")
    DemoIdentityProvider demoIdentityProvider(AgentProperties properties, Clock clock, Environment environment) {
        AgentProperties.Demo demo = properties.demo();
        return new DemoIdentityProvider(() -> environment.resolvePlaceholders(demo.baseUrl()), demo.tokenTtl(),
                properties.cxone().audience(), clock);
    }
}
