package com.profilebridge.cdp.segment;

import com.profilebridge.cdp.vendor.RetryAfter;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Sends one request to a Segment API with a credential, and once more after a 401 if the credential
 * could be refreshed (issue 12: "on 401, refresh once and retry").
 */
final class SegmentHttp {

    private final HttpClient client;
    private final Clock clock;

    SegmentHttp(HttpClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /**
     * @param request builds the request without its {@code Authorization}; called once per attempt,
     *     so it may take a rate-limit permit
     */
    Answer send(Supplier<HttpRequest.Builder> request, SegmentCredential credential)
            throws IOException, InterruptedException {
        String used = credential.header();
        HttpResponse<String> response = client.send(request.get().header("Authorization", used).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401 && credential.refresh(used)) {
            response = client.send(request.get().header("Authorization", credential.header()).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        return new Answer(response.statusCode(), response.body(), response.headers(), clock);
    }

    /** A Segment answer: status, body and the wait it asked for. */
    record Answer(int status, String body, HttpHeaders headers, Clock clock) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /**
         * {@code Retry-After} in seconds or as an HTTP date, else the Tracking API's
         * {@code X-RateLimit-Reset} (seconds until a retry, per Segment); absent or unreadable means
         * "not said".
         */
        @Nullable Duration retryAfter() {
            String value = headers.firstValue("Retry-After").orElse("").strip();
            return value.isEmpty() ? resetSeconds() : RetryAfter.parse(value, clock.instant());
        }

        private @Nullable Duration resetSeconds() {
            String value = headers.firstValue("X-RateLimit-Reset").orElse("").strip();
            try {
                long seconds = Long.parseLong(value);
                // a day at most: anything larger would be an epoch time, which Segment does not document
                return seconds >= 0 && seconds <= 86_400 ? Duration.ofSeconds(seconds) : null;
            } catch (NumberFormatException unreadable) {
                return null;
            }
        }
    }
}
