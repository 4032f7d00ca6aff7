package com.profilebridge.ratelimit;

import com.profilebridge.limiter.Rate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits ({@code bridge.rate-limit.*}). Each is "at most {@code limit} per {@code period}" per
 * key, the whole allowance available at once (a burst of {@code limit} is fine, then one period's
 * wait). A {@link Scope#SHARED} limit is one budget for all instances when they run with Redis
 * ({@code bridge.rate-limit.shared.*}); an {@link Scope#INSTANCE} limit, or any limit without Redis,
 * is per instance: with N instances behind a round-robin balancer a key gets up to N times the limit.
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
        // shared: what one caller or agent may do, wherever the balancer sends it; per instance: what
        // guards this instance's own resources (outbound token checks, its memory)
        integration = Limit.orDefault(integration, Limit.of(50_000, Duration.ofSeconds(1)), Scope.SHARED);
        agent = Limit.orDefault(agent, Limit.of(1200, Duration.ofMinutes(1)), Scope.SHARED);
        agentRefresh = Limit.orDefault(agentRefresh, Limit.of(1, Duration.ofSeconds(10)), Scope.SHARED);
        tokenValidation = Limit.orDefault(tokenValidation, Limit.of(120, Duration.ofMinutes(1)), Scope.INSTANCE);
        negativeEntries = Limit.orDefault(negativeEntries, Limit.of(600, Duration.ofMinutes(1)), Scope.INSTANCE);
        if (agentConcurrency < 1 || maxKeys < 1) {
            throw new IllegalArgumentException("bridge.rate-limit.agent-concurrency and max-keys must be positive");
        }
    }

    /** Where a limit's budget lives. */
    enum Scope {
        /** In each instance's memory. */
        INSTANCE,
        /** In Redis, one budget for all instances (per instance while Redis is off or unreachable). */
        SHARED
    }

    /**
     * At most {@code limit} per {@code period}.
     *
     * @param scope per instance or shared; unset: the limit's default (see the defaults above)
     */
    record Limit(int limit, @Nullable Duration period, @Nullable Scope scope) {

        Limit {
            if (limit < 1 || period == null || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a rate limit needs a positive limit and period: " + limit + " per "
                        + period);
            }
        }

        static Limit of(int limit, Duration period) {
            return new Limit(limit, period, null);
        }

        Rate rate() {
            return new Rate(limit, Objects.requireNonNull(period));
        }

        boolean shared() {
            return scope == Scope.SHARED;
        }

        private static Limit orDefault(@Nullable Limit configured, Limit fallback, Scope scope) {
            Limit limit = configured != null ? configured : fallback;
            return limit.scope() != null ? limit : new Limit(limit.limit(), limit.period(), scope);
        }
    }
}
