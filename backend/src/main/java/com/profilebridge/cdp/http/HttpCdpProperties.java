package com.profilebridge.cdp.http;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The generic HTTP CDP ({@code cdp.provider=http}).
 *
 * @param baseUrl {@code CDP_HTTP_BASE_URL}
 * @param connectTimeout TCP connect timeout, enforced by the HTTP client
 * @param readTimeout response timeout, enforced by the HTTP client; keep it below the resolve budget
 * @param healthPath path probed by the health check (any answer below 500 counts as reachable)
 * @param auth service-account authentication
 */
@ConfigurationProperties("cdp.http")
record HttpCdpProperties(
        @Nullable URI baseUrl,
        @DefaultValue("300ms") Duration connectTimeout,
        @DefaultValue("1000ms") Duration readTimeout,
        @DefaultValue("/") String healthPath,
        @DefaultValue Auth auth) {

    /**
     * @param type {@code none}, {@code api-key} (a static header) or {@code oauth2} (client credentials
     *     through the Spring Security registration named by {@code registrationId})
     */
    record Auth(
            @DefaultValue("none") String type,
            @DefaultValue("X-API-Key") String apiKeyHeader,
            @Nullable String apiKey,
            @DefaultValue("cdp") String registrationId) {}
}
