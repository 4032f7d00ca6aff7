package com.profilebridge.limiter;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.script.DigestUtils;

/**
 * The generic cell rate algorithm (GCRA) as one Lua script on Redis: a key holds its theoretical
 * arrival time (TAT), a request conforms when it is no earlier than TAT minus the burst tolerance,
 * and each granted permit moves TAT on by one emission interval (period / limit). A call may take
 * several permits at once (as many as are free, up to those wanted), or reserve one that comes free
 * within the caller's longest wait. One key per limited key, one {@code EVALSHA} per decision,
 * atomic on the server, and the key expires when TAT has passed (it would then read as "full").
 *
 * <p>Time is Redis's ({@code TIME}), so instances whose clocks differ still share one budget exactly;
 * this needs Redis 5 or later (scripts replicate their effects, not themselves). The call goes over
 * the application's shared Lettuce connection (Spring Data Redis's, no connection or setting of its
 * own) and waits at most {@code timeout}: the resolve fast path never waits longer for Redis.
 */
final class RedisGcra {

    static final String SCRIPT = """
            local interval = tonumber(ARGV[1])
            local tolerance = tonumber(ARGV[2])
            local longest = tonumber(ARGV[3])
            local wanted = tonumber(ARGV[4])
            local clock = redis.call('TIME')
            local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
            local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
            if tat < now then tat = now end
            local free = math.floor((now + tolerance - tat) / interval) + 1
            local granted, wait = math.min(wanted, free), 0
            if free < 1 then
              wait = tat - tolerance - now
              if wait > longest then return {0, wait} end
              granted = 1
            end
            local next = tat + granted * interval
            redis.call('SET', KEYS[1], string.format('%.0f', next), 'PX', math.ceil((next - now) / 1000))
            return {granted, wait}
            """;
    private static final String SHA = DigestUtils.sha1DigestAsHex(SCRIPT);

    private final LettuceConnectionFactory connections;
    private final Duration timeout;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile @Nullable RedisClusterAsyncCommands<byte[], byte[]> commands;

    RedisGcra(LettuceConnectionFactory connections, Duration timeout) {
        this.connections = connections;
        this.timeout = timeout;
    }

    /**
     * {@code granted} permits (the first usable after {@code micros}, which the caller waits), or
     * none: refused, the next permit free in {@code micros}.
     */
    record Answer(int granted, long micros) {}

    /**
     * One decision for the key; all durations in microseconds.
     *
     * @param wanted how many permits to take if free now (a reserved one is always single)
     * @throws RedisUnavailable when Redis did not answer within the timeout or failed
     */
    Answer decide(byte[] key, long interval, long tolerance, long longestWait, int wanted) {
        RedisClusterAsyncCommands<byte[], byte[]> redis = commands();
        byte[][] keys = {key};
        byte[][] args = {ascii(interval), ascii(tolerance), ascii(longestWait), ascii(wanted)};
        List<Object> answer;
        try {
            answer = await(redis.evalsha(SHA, ScriptOutputType.MULTI, keys, args));
        } catch (RedisNoScriptException flushed) {
            // Redis restarted or its script cache was flushed: the source loads it again
            answer = await(redis.eval(SCRIPT, ScriptOutputType.MULTI, keys, args));
        }
        if (answer.size() != 2 || !(answer.get(0) instanceof Long granted) || !(answer.get(1) instanceof Long micros)) {
            throw new RedisUnavailable("unexpected answer from the rate limit script: " + answer);
        }
        return new Answer(Math.toIntExact(granted), micros);
    }

    /** Connects and loads the script before the first request needs it; waits up to {@code patience}. */
    void load(Duration patience) {
        try {
            commands().scriptLoad(SCRIPT).get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisUnavailable("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new RedisUnavailable("could not load the rate limit script", e);
        }
    }

    private List<Object> await(RedisFuture<List<Object>> future) {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(false); // its answer, should it come, is dropped by Lettuce
            throw new RedisUnavailable("no answer within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RedisNoScriptException noScript) {
                throw noScript;
            }
            commands = null; // a closed connection is asked for again next time
            throw new RedisUnavailable(String.valueOf(e.getCause()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisUnavailable("interrupted", e);
        }
    }

    /**
     * The shared native connection's asynchronous commands (the same object on every call once
     * connected). One thread connects; others meanwhile count as "Redis unavailable" rather than
     * queue behind a connect timeout.
     */
    private RedisClusterAsyncCommands<byte[], byte[]> commands() {
        RedisClusterAsyncCommands<byte[], byte[]> current = commands;
        if (current != null) {
            return current;
        }
        if (!connecting.tryLock()) {
            throw new RedisUnavailable("connecting");
        }
        try {
            current = commands;
            if (current == null) {
                // closing the wrapper leaves the shared native connection open
                try (RedisConnection connection = connections.getConnection()) {
                    current = ((LettuceConnection) connection).getNativeConnection();
                }
                commands = current;
            }
            return current;
        } catch (RuntimeException e) {
            throw new RedisUnavailable(e.toString(), e);
        } finally {
            connecting.unlock();
        }
    }

    private static byte[] ascii(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    /** Redis could not decide in time; the caller's local limiter decides instead. */
    static final class RedisUnavailable extends RuntimeException {

        RedisUnavailable(String message) {
            super(message, null, false, false);
        }

        RedisUnavailable(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }
}
