package com.profilebridge.security;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * A loud start-up banner when the demo (public demo credentials, open demo token endpoints) listens
 * on an address other than loopback: the embedded default is meant for one machine, and the most
 * likely way to get it on a network by accident is starting without any profile (the default is
 * {@code demo}). The Docker image and docker-compose set {@code prod}; this catches the rest.
 */
class DemoExposureWarning implements ApplicationListener<WebServerInitializedEvent> {

    private static final Logger log = LoggerFactory.getLogger(DemoExposureWarning.class);

    private final Environment environment;

    DemoExposureWarning(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() != null) {
            return; // the management server: the application's own port is what matters
        }
        warning(environment).ifPresent(log::warn);
    }

    /** The banner to log, when the demo is active and reachable from other machines. */
    static Optional<String> warning(Environment environment) {
        boolean demo = environment.matchesProfiles("demo")
                || environment.getProperty("bridge.demo.logins", Boolean.class, false)
                || environment.getProperty("bridge.demo.identity-endpoints", Boolean.class, false);
        String address = environment.getProperty("server.address", "");
        if (!demo || loopback(address)) {
            return Optional.empty();
        }
        String why = environment.getActiveProfiles().length == 0
                ? "no profile was set, so the default profile 'demo' is active"
                : "active profiles: " + Arrays.toString(environment.getActiveProfiles());
        String bar = "!".repeat(100);
        return Optional.of("\n" + bar + "\n!!! DEMO MODE ON A NETWORK ADDRESS (" + (address.isBlank() ? "all interfaces" : address)
                + "): " + why + ".\n!!! The demo credentials printed in the README (ivr-demo, ops-demo, agent, supervisor)"
                + " and the open demo token endpoints (/__demo/**) work for anyone who can reach this port.\n"
                + "!!! For production set SPRING_PROFILES_ACTIVE=prod; for a local demo set server.address=127.0.0.1.\n"
                + bar);
    }

    private static boolean loopback(String address) {
        if (address.isBlank()) {
            return false; // every interface
        }
        if (address.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return InetAddress.ofLiteral(address).isLoopbackAddress();
        } catch (IllegalArgumentException notALiteral) {
            return false; // a host name: assume it is reachable from elsewhere
        }
    }
}
