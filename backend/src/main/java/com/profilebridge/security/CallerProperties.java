package com.profilebridge.security;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Credentials of the platform integrations that call {@code /v1/**} ({@code bridge.security.*}).
 * Each caller (e.g. {@code genesys}, {@code cxone}) has one or more secrets, so a secret can be
 * rotated without downtime. A caller authenticates with HTTP Basic (user = caller name, password =
 * a secret) or with the API-key header carrying a secret (Genesys "User Defined" credentials,
 * CXone custom headers).
 *
 * @param callers caller name to its secrets; env {@code BRIDGE_SECURITY_CALLERS_<NAME>_SECRETS=a,b}
 * @param apiKeyHeader the header an API key arrives in
 */
@ConfigurationProperties("bridge.security")
public record CallerProperties(
        @DefaultValue Map<String, Caller> callers, @DefaultValue("X-API-Key") String apiKeyHeader) {

    /**
     * One integration's secrets (several during a rotation) and roles: {@code INTEGRATION} calls
     * resolve and track, {@code OPERATOR} the outcome operations API (dead letters, replay).
     */
    public record Caller(@DefaultValue List<String> secrets, @DefaultValue("INTEGRATION") List<String> roles) {}
}
