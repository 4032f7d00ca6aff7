package com.profilebridge.cdp.vendor;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

/**
 * The JDK HTTP client every vendor adapter calls its CDP with: HTTP/1.1, its own work on the
 * adapter's executor (virtual threads: a platform thread started per CDP call cost more CPU than
 * the rest of a cache miss).
 */
public final class VendorHttp {

    private VendorHttp() {}

    /** An HTTP/1.1 client running on the executor. */
    public static HttpClient client(Duration connectTimeout, Executor executor) {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor)
                .build();
    }

    /** Spring's request factory on the client, whose read timeout the HTTP client enforces itself. */
    public static JdkClientHttpRequestFactory requests(HttpClient client, Executor executor, Duration readTimeout) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client, executor);
        requests.setReadTimeout(readTimeout);
        return requests;
    }

    /**
     * The client of an OAuth 2 token endpoint, for Spring Security's token response clients: form
     * requests, token responses, and OAuth 2 errors as {@code OAuth2AuthorizationException}.
     */
    public static RestClient tokenEndpoint(ClientHttpRequestFactory requests) {
        return RestClient.builder()
                .requestFactory(requests)
                .messageConverters(converters -> {
                    converters.clear();
                    converters.add(new FormHttpMessageConverter());
                    converters.add(new OAuth2AccessTokenResponseHttpMessageConverter());
                })
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build();
    }
}
