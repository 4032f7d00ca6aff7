package com.profilebridge.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the app the way Genesys and CXone do. */
public final class Http {

    public static final String DEMO_CALLER = "Basic " + Base64.getEncoder().encodeToString("ivr-demo:demo-ivr-secret".getBytes());
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A Genesys-style JSON call with the demo caller's credentials. */
    public HttpResponse<String> resolveJson(String body) {
        return post("/v1/profiles/resolve", "application/json", body, DEMO_CALLER);
    }

    /** A CXone-style call: single-line JSON under the form content type. */
    public HttpResponse<String> resolveForm(String body) {
        return post("/v1/profiles/resolve", "application/x-www-form-urlencoded", body, DEMO_CALLER);
    }

    public HttpResponse<String> post(String path, String contentType, String body, String authorization) {
        return post(path, contentType, body, authorization, java.util.Map.of());
    }

    public HttpResponse<String> post(String path, String contentType, String body, String authorization,
            java.util.Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build());
    }

    public HttpResponse<String> get(String path, String authorization) {
        return get(path, authorization == null ? java.util.Map.of() : java.util.Map.of("Authorization", authorization));
    }

    public HttpResponse<String> get(String path, java.util.Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        return send(request.build());
    }

    /** A form post, as the demo login pages send it. */
    public HttpResponse<String> postForm(String path, String form) {
        return post(path, "application/x-www-form-urlencoded", form, null);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
