package com.profilebridge.masking.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.json.JsonWriter;

/** Structured (JSON) log lines: every string member is masked, whatever its name or depth. */
class MaskingStructuredLoggingTests {

    @Test
    void masksEveryStringOfAJsonLogLine() {
        JsonWriter<Object> line = JsonWriter.of(members -> {
            members.add("message", "paid with 4111 1111 1111 1111");
            members.add("mdc", List.of("caller ada@example.com"));
            members.add("count", 3);
            new MaskingStructuredLogging().customize(members);
        });
        assertThat(line.writeToString(new Object()))
                .isEqualTo("{\"message\":\"paid with [card ****1111]\",\"mdc\":[\"caller a***@example.com\"],\"count\":3}");
    }
}
