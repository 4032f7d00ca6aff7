package com.profilebridge.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HmacSha256Tests {

    // RFC 4231, test case 2
    static final String KEY = "Jefe";
    static final String DATA = "what do ya want for nothing?";
    static final String EXPECTED = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

    @Test
    void matchesTheRfc4231TestVectorKeyedOnceOrShared() {
        assertThat(HexFormat.of().formatHex(HmacSha256.keyedWith(KEY).of(DATA))).isEqualTo(EXPECTED);
        assertThat(HexFormat.of().formatHex(HmacSha256.keyedWith(KEY.getBytes(StandardCharsets.UTF_8)).of(DATA)))
                .isEqualTo(EXPECTED);
        assertThat(HexFormat.of().formatHex(HmacSha256.compute(KEY.getBytes(StandardCharsets.UTF_8),
                DATA.getBytes(StandardCharsets.UTF_8)))).isEqualTo(EXPECTED);
    }

    @Test
    void partsAreSeparatedByAZeroByte() {
        HmacSha256 hmac = HmacSha256.keyedWith(KEY);

        assertThat(hmac.of("ab", "c")).isEqualTo(hmac.of("ab\0c")).isNotEqualTo(hmac.of("a", "bc"));
        assertThat(hmac.of("abc", new String[0])).isEqualTo(hmac.of("abc"));
    }

    @Test
    void givesTheSameAnswerToManyThreadsAtOnce() throws Exception {
        HmacSha256 hmac = HmacSha256.keyedWith(KEY);
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<Boolean>> answers = IntStream.range(0, 8).mapToObj(t -> threads.submit(
                    () -> IntStream.range(0, 5_000).allMatch(
                            i -> HexFormat.of().formatHex(hmac.of("a", "b" + (i % 2 == 0 ? "" : i))).equals(
                                    HexFormat.of().formatHex(HmacSha256.compute(KEY.getBytes(StandardCharsets.UTF_8),
                                            ("a\0b" + (i % 2 == 0 ? "" : i)).getBytes(StandardCharsets.UTF_8)))))))
                    .toList();
            for (Future<Boolean> answer : answers) {
                assertThat(answer.get()).isTrue();
            }
        }
    }

    @Test
    void neverShowsItsKey() {
        assertThat(HmacSha256.keyedWith("a-secret-of-enough-length").toString()).doesNotContain("secret");
    }
}
