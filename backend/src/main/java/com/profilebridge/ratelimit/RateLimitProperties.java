package com.profilebridge.ratelimit;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits ({@code bridge.rate-limit.*}). Each is "at most {@code limit} per {@code period}" per
 * key, the whole allowance available at once (a burst of {@code limit} is fine, then one period's
 * wait). All are per instance: with N instances behind a round-robin balancer a key gets up to N
 * times the limit.
 *
 * @param enabled switch every limit off (the bulkhead too); for benchmarks of the raw path only
 * @param integration per IVR integration (caller name) on {@code /v1/**}, fast path included; far
 *     above Genesys' 15-50 and CXone's 100 concurrent executions per tenant and the benchmarks
 * @param agent per agent: requests of the REST proxy and of the widget's (and console's) UI
 * @param agentRefresh per agent: the proxy's {@code refresh=true} (cache bypass, one CDP call each)
 * @param tokenValidation per client address: token checks that go out to the platform (Genesys
 *     {@code tokens/me}); a contact centre behind one NAT address shares it, so it is generous
 * @param negativeEntries per caller: "nobody matched" answers kept in the caches
 * @param agentConcurrency at most this many widget, proxy and UI requests at once, so agent traffic
 *     always leaves Tomcat threads (400) for the IVR; beyond it 503 with {@code Retry-After}
 * @param trustedProxies addresses or CIDR ranges of the load balancers whose {@code X-Forwarded-For}
 *     is believed; empty: the socket's remote address is the client
 * @param maxKeys most keys per limit kept in memory (least recently used forgotten first)
 */
@ConfigurationProperties("bridge.rate-limit")
record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @Nullable Limit integration,
        @Nullable Limit agent,
        @Nullable Limit agentRefresh,
        @Nullable Limit tokenValidation,
        @Nullable Limit negativeEntries,
        @DefaultValue("200") int agentConcurrency,
        @DefaultValue List<String> trustedProxies,
        @DefaultValue("100000") long maxKeys) {

    RateLimitProperties {
        integration = integration != null ? integration : new Limit(50_000, Duration.ofSeconds(1));
        agent = agent != null ? agent : new Limit(1200, Duration.ofMinutes(1));
        agentRefresh = agentRefresh != null ? agentRefresh : new Limit(1, Duration.ofSeconds(10));
        tokenValidation = tokenValidation != null ? tokenValidation : new Limit(120, Duration.ofMinutes(1));
        negativeEntries = negativeEntries != null ? negativeEntries : new Limit(600, Duration.ofMinutes(1));
        if (agentConcurrency < 1 || maxKeys < 1) {
            throw new IllegalArgumentException("bridge.rate-limit.agent-concurrency and max-keys must be positive");
        }
    }

    /** At most {@code limit} per {@code period}. */
    record Limit(int limit, @Nullable Duration period) {

        Limit {
            if (limit < 1 || period == null || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a rate limit needs a positive limit and period: " + limit + " per "
                        + period);
            }
        }
    }
}
