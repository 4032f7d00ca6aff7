package com.profilebridge.support;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The environment an operator gives the {@code prod} profile, pointed at this machine's services. */
public final class ProdSettings {

    /** The Redis key secret the prod tests run with. */
    public static final String KEY_SECRET = "prod-test-redis-key-secret-0123456789";

    private ProdSettings() {}

    /**
     * @param genesysSecrets comma-separated caller secrets of the {@code genesys} integration
     */
    public static void register(DynamicPropertyRegistry registry, ScratchDatabase database, int redisPort,
            int cdpPort, String genesysSecrets) {
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> redisPort);
        registry.add("cdp.http.base-url", () -> "http://127.0.0.1:" + cdpPort);
        registry.add("bridge.security.callers.genesys.secrets", () -> genesysSecrets);
        registry.add("bridge.cache.redis.key-secret", () -> KEY_SECRET);
        // shared rate limits of this context only: the same agents in another test or run never share a budget
        String limiterPrefix = "pb-test:rl:" + UUID.randomUUID() + ":";
        registry.add("bridge.rate-limit.shared.key-prefix", () -> limiterPrefix);
    }
}
