package com.profilebridge.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends the same call to two running instances (a fast path on, the same path off) and reduces their
 * answers to what must agree: the headers bar those that differ per instance or per answer (date,
 * correlation id, framing, each instance's own port) and the JSON body bar the fields the test names.
 */
public final class RouteComparison {

    private static final Set<String> VARYING = Set.of("date", "x-correlation-id", "content-length",
            "transfer-encoding", "connection", "keep-alive");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RouteComparison() {}

    /**
     * One row of a comparison table. A call whose name starts with {@code chunked} is sent without a
     * length up front (the client uses {@code Transfer-Encoding: chunked}).
     */
    public record Call(String name, String method, String path, @Nullable String contentType, @Nullable String accept,
            @Nullable String authorization, Map<String, String> headers, String body, int expectedStatus) {

        @Override
        public String toString() {
            return name;
        }
    }

    public static HttpResponse<String> send(ConfigurableApplicationContext app, Call call) throws Exception {
        HttpRequest.BodyPublisher body = call.method().equals("GET")
                ? HttpRequest.BodyPublishers.noBody()
                : call.name().startsWith("chunked")
                        ? HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString(call.body()))
                        : HttpRequest.BodyPublishers.ofString(call.body());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(app) + call.path()))
                .timeout(Duration.ofSeconds(10))
                .method(call.method(), body);
        if (call.contentType() != null) {
            request.header("Content-Type", call.contentType());
        }
        if (call.accept() != null) {
            request.header("Accept", call.accept());
        }
        if (call.authorization() != null) {
            request.header("Authorization", call.authorization());
        }
        call.headers().forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET of a path of the instance (metrics, ...). */
    public static HttpResponse<String> get(ConfigurableApplicationContext app, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base(app) + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public static String base(ConfigurableApplicationContext app) {
        return "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }

    /** Lower-cased names, without the varying headers, each instance's port replaced by {@code PORT}. */
    public static Map<String, Object> comparableHeaders(HttpResponse<String> response) {
        Map<String, Object> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!VARYING.contains(name.toLowerCase(Locale.ROOT))) {
                // each instance names its own port (CSP frame-ancestors, redirects)
                headers.put(name.toLowerCase(Locale.ROOT),
                        values.stream().map(v -> v.replaceAll("(127\\.0\\.0\\.1|localhost):\\d+", "$1:PORT")).toList());
            }
        });
        return headers;
    }

    /** The body as JSON without the named top-level fields; a body that is no JSON as text. */
    public static Object comparableBody(HttpResponse<String> response, String... varyingFields) {
        if (response.body().isBlank()) {
            return "";
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (RuntimeException e) {
            return response.body();
        }
        if (body instanceof ObjectNode object) {
            for (String field : varyingFields) {
                object.remove(field);
            }
        }
        return body;
    }
}
