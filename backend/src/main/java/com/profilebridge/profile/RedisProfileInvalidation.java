package com.profilebridge.profile;

import com.profilebridge.cdp.CdpIdentifier;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import tools.jackson.databind.json.JsonMapper;

/**
 * Eviction with a shared Redis cache and any number of instances: the Redis entries are deleted,
 * this instance's memory is evicted, then a message on the invalidation channel ({@code <key
 * prefix>invalidations}) tells every other instance to evict from its own memory. The message
 * carries the HMACs of the cache keys ({@link CacheKeys}), never a phone number, e-mail address or
 * user id: a receiver compares them with the HMACs of its own entries' keys and users.
 *
 * <p>Redis first, memory second: the other way round, a read between the two steps would refill the
 * memory from the Redis entry about to be deleted. Pub/sub is fire-and-forget; an instance that is
 * not subscribed at that moment (starting, or cut off from Redis) misses the message and keeps its
 * entries until they expire ({@code bridge.cache.stale-max-age}); the report names how many
 * instances received it.
 */
final class RedisProfileInvalidation implements ProfileInvalidation, MessageListener {

    private static final Logger log = LoggerFactory.getLogger(RedisProfileInvalidation.class);

    /** What goes over the channel: who sent it (the sender skips its own) and the key HMACs. */
    record Invalidation(String origin, List<String> keys) {}

    private final StringRedisTemplate redis;
    private final RedisProfileStore store;
    private final MemoryCaches memory;
    private final JsonMapper json;
    private final ChannelTopic topic;
    private final String instance = UUID.randomUUID().toString();

    RedisProfileInvalidation(StringRedisTemplate redis, RedisProfileStore store, MemoryCaches memory, JsonMapper json) {
        this.redis = redis;
        this.store = store;
        this.memory = memory;
        this.json = json;
        this.topic = new ChannelTopic(store.prefix() + "invalidations");
    }

    ChannelTopic topic() {
        return topic;
    }

    @Override
    public Eviction evict(Collection<CdpIdentifier> identifiers) {
        Set<String> cacheKeys = LocalProfileInvalidation.keysOf(identifiers);
        long shared = store.delete(store.keysMatching(cacheKeys, userIds(identifiers)));
        long local = memory.evict(cacheKeys::contains);
        List<String> digests = cacheKeys.stream().map(store::digest).sorted().toList();
        Long received = redis.convertAndSend(topic.getTopic(), json.writeValueAsString(new Invalidation(instance, digests)));
        return new Eviction(local, shared, received == null ? 0 : received);
    }

    @Override
    public Holdings count(Collection<CdpIdentifier> identifiers) {
        Set<String> cacheKeys = LocalProfileInvalidation.keysOf(identifiers);
        return new Holdings(memory.count(cacheKeys::contains), store.keysMatching(cacheKeys, userIds(identifiers)).size());
    }

    @Override
    public Set<CdpIdentifier> cachedRoutesTo(String userId) {
        return memory.profiles().localRoutesTo(userId);
    }

    /** Another instance's eviction: the same entries, recognised by their keys' HMACs. */
    @Override
    public void onMessage(Message message, byte[] pattern) {
        try {
            Invalidation invalidation = json.readValue(new String(message.getBody(), StandardCharsets.UTF_8),
                    Invalidation.class);
            if (instance.equals(invalidation.origin())) {
                return; // applied before sending
            }
            Set<String> digests = Set.copyOf(invalidation.keys());
            long evicted = memory.evict(key -> digests.contains(store.digest(key)));
            if (evicted > 0) {
                log.info("Evicted {} cached entries on another instance's request", evicted);
            }
        } catch (RuntimeException e) {
            log.warn("Could not apply a cache invalidation message: {}", e.toString());
        }
    }

    private static Set<String> userIds(Collection<CdpIdentifier> identifiers) {
        return identifiers.stream().filter(i -> i.kind() == CdpIdentifier.Kind.USER_ID).map(CdpIdentifier::value)
                .collect(Collectors.toUnmodifiableSet());
    }
}
