package com.profilebridge.shared.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Installs {@link ProblemErrorReportValve} on the host, behind Spring Boot's plain error report valve. */
@Configuration(proxyBeanMethods = false)
class TomcatErrorReportConfiguration {

    /**
     * Added after Spring Boot's own valve, so it sits nearer the application and reports first; Boot's
     * valve then finds a body written and stays silent.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                // the host adds a default (HTML) valve of this class name only when none is in its pipeline
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
            context.getParent().getPipeline().addValve(new ProblemErrorReportValve());
        });
    }
}
