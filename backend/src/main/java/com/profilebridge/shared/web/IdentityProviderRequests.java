package com.profilebridge.shared.web;

import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.client.JdkClientHttpRequestFactory;

/**
 * Requests to an identity provider (discovery, keys, tokens, token checks) with explicit timeouts
 * (Spring Security's own key fetch gives up after 500 ms, others wait forever) and redirects never
 * followed: a token or a secret goes to the configured host only.
 */
public final class IdentityProviderRequests {

    private IdentityProviderRequests() {}

    public static JdkClientHttpRequestFactory withTimeouts(Duration connect, Duration read) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(connect)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(read);
        return requests;
    }
}
