package com.profilebridge.shared.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Redis behind a TCP proxy on 127.0.0.1 that holds back the server's answers: the connection
 * handshake (HELLO's answer, a RESP3 map) and the answers to commands each by a delay of their own.
 * With the shipped settings ({@code spring.data.redis.timeout: 1s}, {@code bridge.redis.command-timeout:
 * 100ms}) a slow handshake still connects, and a slow command is given up at the command timeout.
 */
class RedisTimeoutsTests {

    private final ApplicationContextRunner app = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
            .withUserConfiguration(RedisTimeouts.class);
    private SlowRedis proxy;
    private final String key = "pb-test:timeouts:" + UUID.randomUUID();

    @BeforeEach
    void start() throws IOException {
        proxy = new SlowRedis(6379);
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
    }

    @Test
    void aSlowHandshakeConnectsAndASlowCommandIsGivenUpAtTheCommandTimeout() {
        shipped().run(context -> {
            assertThat(context).hasNotFailed();
            StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
            proxy.handshakeDelayMillis = 300; // a busy machine at start-up: three times the command timeout
            redis.opsForValue().set(key, "v", Duration.ofMinutes(1)); // gone by itself: no clean-up behind a slow answer
            assertThat(redis.opsForValue().get(key)).isEqualTo("v");

            proxy.commandDelayMillis = 300;
            assertThatThrownBy(() -> redis.opsForValue().get(key)).isInstanceOf(QueryTimeoutException.class);
        });
    }

    @Test
    void withOneTimeoutForBothTheSlowHandshakeFailedTheConnection() {
        // what the application did before: spring.data.redis.timeout 100 ms bounded the handshake too
        app.withPropertyValues(redisAt(proxy.port()))
                .withPropertyValues("spring.data.redis.timeout=100ms", "bridge.redis.command-timeout=100ms")
                .run(context -> {
                    proxy.handshakeDelayMillis = 300;
                    assertThat(context).hasNotFailed();
                    assertThatThrownBy(() -> context.getBean(StringRedisTemplate.class).opsForValue().get(key))
                            .isInstanceOf(RedisConnectionFailureException.class);
                });
    }

    private ApplicationContextRunner shipped() {
        return app.withPropertyValues(redisAt(proxy.port())).withPropertyValues("spring.data.redis.timeout=1s");
    }

    private static String[] redisAt(int port) {
        return new String[] {"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + port,
            "spring.data.redis.connect-timeout=200ms"};
    }

    /** Forwards to Redis; holds back answers starting with '%' (HELLO's map) or any other answer. */
    static final class SlowRedis implements AutoCloseable {

        volatile long handshakeDelayMillis;
        volatile long commandDelayMillis;
        private final ServerSocket server;
        private final int redisPort;

        SlowRedis(int redisPort) throws IOException {
            this.redisPort = redisPort;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(this::accept);
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket redis = new Socket(InetAddress.getLoopbackAddress(), redisPort);
                    Thread.ofVirtual().start(() -> pump(client, redis, false));
                    Thread.ofVirtual().start(() -> pump(redis, client, true));
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        private void pump(Socket from, Socket to, boolean answers) {
            byte[] buffer = new byte[8192];
            try (from; to; InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (answers) {
                        Thread.sleep(buffer[0] == '%' ? handshakeDelayMillis : commandDelayMillis);
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // one side closed: both are closed by the try
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
