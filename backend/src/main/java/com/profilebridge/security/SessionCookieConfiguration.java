package com.profilebridge.security;

import org.apache.catalina.util.SessionConfig;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Installs {@link SessionCookiePolicy}: widget and console sessions get different cookie attributes. */
@Configuration(proxyBeanMethods = false)
class SessionCookieConfiguration {

    /** Context customizers run after Spring Boot's own cookie processor set-up, so this one wins. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> sessionCookiePolicy() {
        return factory -> factory.addContextCustomizers(context -> context.setCookieProcessor(
                new SessionCookiePolicy(() -> SessionConfig.getSessionCookieName(context))));
    }
}
