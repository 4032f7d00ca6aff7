package com.profilebridge.ratelimit;

import com.profilebridge.profile.NegativeEntryQuota;
import com.profilebridge.shared.web.OutboundCallBudget;
import com.profilebridge.shared.web.TooManyRequests;
import com.profilebridge.limiter.Limiter;
import com.profilebridge.limiter.Limiters;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The limits every entry point applies (see {@link RateLimitProperties} for the figures). The IVR
 * limit is taken once per request: by the resolve fast path when it answers, otherwise by the
 * filter behind Spring Security ({@link #checkIntegration}); both answer the same 429. Integration
 * and agent limits are separate limiter families keyed by different names, so widget traffic can
 * never use up an IVR integration's allowance.
 */
public final class RateLimits implements NegativeEntryQuota, OutboundCallBudget {

    /** Request attribute: this request's integration permit was taken already. */
    static final String COUNTED = RateLimits.class.getName() + ".counted";
    private static final BooleanSupplier ALWAYS = () -> true;
    private static final String UNATTRIBUTED = "unattributed";

    // Inheritable: the resolve service looks up a second identifier on a virtual thread of its own,
    // created (and so inheriting the value) while the request runs.
    private final InheritableThreadLocal<@Nullable String> caller = new InheritableThreadLocal<>();
    private final boolean enabled;
    private final Limiter integration;
    private final Limiter agent;
    private final Limiter agentRefresh;
    private final Limiter tokenChecks;
    private final Limiter negativeEntries;
    private final ClientAddresses addresses;

    RateLimits(boolean enabled, Limiter integration, Limiter agent, Limiter agentRefresh, Limiter tokenChecks,
            Limiter negativeEntries, ClientAddresses addresses) {
        this.enabled = enabled;
        this.integration = integration;
        this.agent = agent;
        this.agentRefresh = agentRefresh;
        this.tokenChecks = tokenChecks;
        this.negativeEntries = negativeEntries;
        this.addresses = addresses;
    }

    /**
     * The default limits, except the integration's: for code (tests, tools) that runs an entry point
     * without the application context. In memory, time from the system clock.
     */
    public static RateLimits withIntegrationLimit(int limit, Duration period) {
        RateLimitProperties defaults = new RateLimitProperties(true, RateLimitProperties.Limit.of(limit, period),
                null, null, null, null, 200, List.of(), 10_000);
        return RateLimitConfiguration.rateLimits(defaults, Limiters.inMemory());
    }

    /**
     * Takes the integration's permit for this request, once: a request already counted (the fast
     * path took it, then left the request to the full stack) is not counted again.
     *
     * @throws TooManyRequests when the integration is over its limit
     */
    public void checkIntegration(HttpServletRequest request, String callerName) {
        if (!enabled || request.getAttribute(COUNTED) != null) {
            return;
        }
        request.setAttribute(COUNTED, Boolean.TRUE);
        Duration wait = integration.acquire(callerName);
        if (!wait.isZero()) {
            throw new TooManyRequests("This integration is over its request rate limit; retry after the "
                    + "Retry-After delay.", wait);
        }
    }

    /**
     * An agent's request to the proxy or the UI; {@code refresh} (a cache bypass, one CDP call) is
     * counted against a limit of its own as well.
     *
     * @throws TooManyRequests when the agent is over either limit
     */
    void checkAgent(String actor, boolean refresh) {
        if (!enabled) {
            return;
        }
        Duration wait = agent.acquire(actor);
        if (!wait.isZero()) {
            throw new TooManyRequests("Too many requests for this agent; retry after the Retry-After delay.", wait);
        }
        if (refresh) {
            wait = agentRefresh.acquire(actor);
            if (!wait.isZero()) {
                throw new TooManyRequests("Refresh (cache bypass) is limited per agent; retry after the Retry-After "
                        + "delay, or ask without refresh=true.", wait);
            }
        }
    }

    /**
     * Runs the work as the named caller: the "nobody matched" quota counts what it adds to the
     * caches against {@code callerKey}.
     */
    public <R, X extends Throwable> R runAs(String callerKey, Work<R, X> work) throws X {
        String previous = enter(callerKey);
        try {
            return work.run();
        } finally {
            exit(previous);
        }
    }

    /** Makes the key the current caller's; returns the one to restore with {@link #exit}. */
    @Nullable String enter(String callerKey) {
        String previous = caller.get();
        caller.set(callerKey);
        return previous;
    }

    void exit(@Nullable String previous) {
        if (previous == null) {
            caller.remove();
        } else {
            caller.set(previous);
        }
    }

    /** The caller key of an IVR integration. */
    public static String integrationKey(String callerName) {
        return "integration:" + callerName;
    }

    static String agentKey(String actor) {
        return "agent:" + actor;
    }

    /** Work that may throw. */
    @FunctionalInterface
    public interface Work<R, X extends Throwable> {
        R run() throws X;
    }

    @Override
    public BooleanSupplier currentCaller() {
        if (!enabled) {
            return ALWAYS;
        }
        String key = caller.get();
        String current = key != null ? key : UNATTRIBUTED;
        // the key is read now, on the caller's thread; the permit is taken later, wherever the entry is kept
        return () -> negativeEntries.acquire(current).isZero();
    }

    /** Spends one of the current client address's outbound calls for this purpose. */
    @Override
    public void spend(String purpose) {
        if (!enabled || !(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes current)) {
            return;
        }
        Duration wait = tokenChecks.acquire(purpose + " " + addresses.of(current.getRequest()));
        if (!wait.isZero()) {
            throw new TooManyRequests("Too many token checks from this address; retry after the Retry-After delay.",
                    wait);
        }
    }

    boolean enabled() {
        return enabled;
    }
}
