package com.profilebridge.console.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operations history of several instances behind a load balancer, shared through Redis (on
 * whenever the Redis cache is, as in {@code prod}). Each instance keeps its own history in memory
 * ({@link InMemoryOperationsHistory}, what the page shows of it) and writes every sample to Redis,
 * under its id, with a retention of one window:
 *
 * <ul>
 *   <li>{@code <prefix>instances}: sorted set, member the instance id, score the time of its last
 *       write (ms); members older than the window are removed by every write and ignored by reads;</li>
 *   <li>{@code <prefix>instance:<id>}: the instance's name;</li>
 *   <li>{@code <prefix>instance:<id>:samples}: sorted set of the samples as JSON, score the sample
 *       time; samples older than the window are removed with each write;</li>
 *   <li>{@code <prefix>instance:<id>:transitions}: list of its last breaker transitions as JSON,
 *       newest first, capped at {@code bridge.operations.transitions-kept}.</li>
 * </ul>
 *
 * Every key is given the window as its time to live with each write, so an instance that stopped
 * (crashed, scaled in, restarted under a new id) disappears from Redis one window after its last
 * sample: nothing to clean up by hand. Reads use the application's clock as well, so an instance
 * ages out of the page when its last sample leaves the window, whatever Redis' own timers say.
 *
 * <p>Cost: one pipelined round trip of eight commands per instance every sampling interval; a read
 * is one round trip of three commands per instance, shared by every page this instance serves within
 * {@link #READ_REUSE}. Kept: about 360 samples of ~0.6 KB per instance (~0.2 MB). Breaker transitions
 * happen on request threads (the CDP call that trips the breaker): they are queued and written with
 * the next sample, so no request waits on Redis. When Redis cannot be reached, the page shows this
 * instance's own history ({@link OperationsSnapshot.Scope#SHARED_STORE_UNREACHABLE}) and the failure
 * is logged once per outage.
 */
final class RedisOperationsHistory implements OperationsHistory {

    /** How long one read of the other instances serves the pages of this instance. */
    static final Duration READ_REUSE = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(RedisOperationsHistory.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final String prefix;
    private final OperationsInstance self;
    private final InMemoryOperationsHistory local;
    private final Duration window;
    private final int transitionsKept;
    private final Clock clock;
    private final ConcurrentLinkedQueue<BreakerTransition> unwritten = new ConcurrentLinkedQueue<>();
    private volatile boolean writeFailing;
    private volatile boolean readFailing;
    private volatile @Nullable Read lastRead;

    /** The other instances as read at {@code at}; null when Redis could not be read. */
    private record Read(Instant at, @Nullable List<InstanceHistory> others) {}

    RedisOperationsHistory(StringRedisTemplate redis, JsonMapper json, String prefix, OperationsInstance self,
            OperationsProperties properties, Clock clock) {
        this.redis = redis;
        this.json = json;
        this.prefix = prefix;
        this.self = self;
        this.local = new InMemoryOperationsHistory(self, properties.samples(), properties.transitionsKept());
        this.window = properties.window();
        this.transitionsKept = properties.transitionsKept();
        this.clock = clock;
    }

    @Override
    public void record(Sample sample) {
        local.record(sample);
        List<BreakerTransition> transitions = new ArrayList<>();
        for (BreakerTransition t = unwritten.poll(); t != null; t = unwritten.poll()) {
            transitions.add(t);
        }
        try {
            write(sample, transitions);
            if (writeFailing) {
                log.info("Operations history: writing to Redis again");
            }
            writeFailing = false;
        } catch (RuntimeException e) {
            // Redis down, timing out or refusing (DataAccessException and what Lettuce throws unwrapped)
            // kept for the next attempt (bounded like the list they go to); the sample itself is in memory
            transitions.stream().skip(Math.max(0, transitions.size() - transitionsKept)).forEach(unwritten::add);
            if (!writeFailing) {
                log.warn("Operations history: cannot write to Redis ({}); other instances do not see this one's "
                        + "figures until it can", e.toString());
            }
            writeFailing = true;
        }
    }

    @Override
    public void record(BreakerTransition transition) {
        local.record(transition);
        unwritten.add(transition);
    }

    @Override
    public Histories read() {
        Instant now = clock.instant();
        Read read = lastRead;
        if (read == null || !now.isBefore(read.at().plus(READ_REUSE)) || now.isBefore(read.at())) {
            read = new Read(now, others(now));
            lastRead = read;
        }
        List<InstanceHistory> instances = new ArrayList<>();
        // the same window as the others' (the ring buffer holds a count of samples, not a time span)
        instances.add(local.history().since(now.minus(window)));
        if (read.others() == null) {
            return new Histories(OperationsSnapshot.Scope.SHARED_STORE_UNREACHABLE, instances);
        }
        instances.addAll(read.others());
        return new Histories(OperationsSnapshot.Scope.ALL_INSTANCES, instances);
    }

    private void write(Sample sample, List<BreakerTransition> transitions) {
        String sampleJson = json.writeValueAsString(sample);
        List<String> transitionJson = transitions.stream().map(json::writeValueAsString).toList();
        long now = clock.millis();
        long oldest = now - window.toMillis();
        redis.executePipelined(new SessionCallback<Object>() {
            @Override
            @SuppressWarnings("unchecked")
            public <K, V> @Nullable Object execute(RedisOperations<K, V> operations) {
                RedisOperations<String, String> ops = (RedisOperations<String, String>) operations;
                String samples = key("samples");
                ops.opsForZSet().add(samples, sampleJson, sample.at().toEpochMilli());
                ops.opsForZSet().removeRangeByScore(samples, Double.NEGATIVE_INFINITY, oldest - 1);
                ops.expire(samples, window);
                if (!transitionJson.isEmpty()) {
                    String list = key("transitions");
                    transitionJson.forEach(t -> ops.opsForList().leftPush(list, t));
                    ops.opsForList().trim(list, 0, transitionsKept - 1);
                }
                ops.expire(key("transitions"), window);
                ops.opsForValue().set(prefix + "instance:" + self.id(), self.name(), window);
                ops.opsForZSet().add(instancesKey(), self.id(), now);
                ops.opsForZSet().removeRangeByScore(instancesKey(), Double.NEGATIVE_INFINITY, oldest - 1);
                ops.expire(instancesKey(), window);
                return null;
            }
        });
    }

    /** The other instances that wrote within the window, by name; null when Redis cannot be read. */
    private @Nullable List<InstanceHistory> others(Instant now) {
        long oldest = now.toEpochMilli() - window.toMillis();
        try {
            Set<String> live = redis.opsForZSet().rangeByScore(instancesKey(), oldest, Double.POSITIVE_INFINITY);
            List<String> ids = live == null ? List.of() : live.stream().filter(id -> !id.equals(self.id())).toList();
            List<InstanceHistory> others = new ArrayList<>();
            if (!ids.isEmpty()) {
                List<Object> answers = redis.executePipelined(new SessionCallback<Object>() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <K, V> @Nullable Object execute(RedisOperations<K, V> operations) {
                        RedisOperations<String, String> ops = (RedisOperations<String, String>) operations;
                        for (String id : ids) {
                            ops.opsForValue().get(prefix + "instance:" + id);
                            ops.opsForZSet().rangeByScore(prefix + "instance:" + id + ":samples", oldest,
                                    Double.POSITIVE_INFINITY);
                            ops.opsForList().range(prefix + "instance:" + id + ":transitions", 0, transitionsKept - 1);
                        }
                        return null;
                    }
                });
                for (int i = 0; i < ids.size(); i++) {
                    others.add(instance(ids.get(i), answers.get(3 * i), answers.get(3 * i + 1), answers.get(3 * i + 2),
                            Instant.ofEpochMilli(oldest)));
                }
            }
            others.sort(Comparator.comparing(InstanceHistory::name).thenComparing(InstanceHistory::id));
            if (readFailing) {
                log.info("Operations history: reading from Redis again");
            }
            readFailing = false;
            return others;
        } catch (RuntimeException e) {
            if (!readFailing) {
                log.warn("Operations history: cannot read from Redis ({}); the page shows this instance only",
                        e.toString());
            }
            readFailing = true;
            return null;
        }
    }

    private InstanceHistory instance(String id, @Nullable Object name, @Nullable Object samples,
            @Nullable Object transitions, Instant oldest) {
        List<Sample> kept = new ArrayList<>();
        if (samples instanceof Collection<?> members) {
            members.forEach(member -> parse(String.valueOf(member), Sample.class, kept));
        }
        kept.sort(Comparator.comparing(Sample::at));
        List<BreakerTransition> changes = new ArrayList<>();
        if (transitions instanceof Collection<?> members) {
            members.forEach(member -> parse(String.valueOf(member), BreakerTransition.class, changes));
        }
        changes.removeIf(t -> t.at().isBefore(oldest));
        changes.sort(Comparator.comparing(BreakerTransition::at).reversed());
        // an instance whose name key expired first (it should not: both are written together) is named by its id
        String shown = name instanceof String text && !text.isBlank() ? text : id;
        return new InstanceHistory(id, shown, false, kept, changes);
    }

    /** A member another version of the application wrote and this one cannot read is left out. */
    private <T> void parse(String text, Class<T> type, List<T> into) {
        try {
            into.add(json.readValue(text, type));
        } catch (JacksonException e) {
            log.debug("Operations history: skipped an unreadable {} in Redis: {}", type.getSimpleName(), e.toString());
        }
    }

    private String key(String part) {
        return prefix + "instance:" + self.id() + ":" + part;
    }

    private String instancesKey() {
        return prefix + "instances";
    }
}
