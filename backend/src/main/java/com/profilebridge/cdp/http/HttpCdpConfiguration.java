package com.profilebridge.cdp.http;

import com.profilebridge.cdp.vendor.VendorHttp;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** Selected by {@code cdp.provider=http}; needs {@code cdp.http.base-url}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "cdp.provider", havingValue = "http")
@EnableConfigurationProperties(HttpCdpProperties.class)
class HttpCdpConfiguration {

    @Bean
    HttpCdpClient httpCdpClient(
            HttpCdpProperties properties,
            JsonMapper json,
            RestClient.Builder builder,
            ObjectProvider<ClientRegistrationRepository> registrations,
            ObjectProvider<OAuth2AuthorizedClientService> authorizedClients) {
        if (properties.baseUrl() == null) {
            throw new IllegalStateException("cdp.provider=http needs cdp.http.base-url (env CDP_HTTP_BASE_URL)");
        }
        // Virtual threads for the client's own work and for Spring's timeout handling
        Executor executor = Executors.newVirtualThreadPerTaskExecutor();
        JdkClientHttpRequestFactory requests = VendorHttp.requests(
                VendorHttp.client(properties.connectTimeout(), executor), executor, properties.readTimeout());
        RestClient.Builder http = builder.clone()
                .baseUrl(properties.baseUrl().toString())
                .requestFactory(requests);
        HttpCdpProperties.Auth auth = properties.auth();
        switch (auth.type()) {
            case "none" -> {}
            case "api-key" -> {
                if (auth.apiKey() == null || auth.apiKey().isBlank()) {
                    throw new IllegalStateException("cdp.http.auth.type=api-key needs cdp.http.auth.api-key");
                }
                http.defaultHeader(auth.apiKeyHeader(), auth.apiKey());
            }
            case "oauth2" -> {
                ClientRegistrationRepository repository = registrations.getIfAvailable();
                OAuth2AuthorizedClientService service = authorizedClients.getIfAvailable();
                if (repository == null || service == null
                        || repository.findByRegistrationId(auth.registrationId()) == null) {
                    throw new IllegalStateException("cdp.http.auth.type=oauth2 needs the client registration "
                            + "spring.security.oauth2.client.registration." + auth.registrationId());
                }
                // Caches the client-credentials token and fetches a new one shortly before it expires.
                // The token request uses the same connect/read timeouts as the CDP calls.
                var tokenClient = new RestClientClientCredentialsTokenResponseClient();
                tokenClient.setRestClient(VendorHttp.tokenEndpoint(requests));
                var manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(repository, service);
                manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                        .clientCredentials(c -> c.accessTokenResponseClient(tokenClient))
                        .build());
                var interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
                interceptor.setClientRegistrationIdResolver(request -> auth.registrationId());
                http.requestInterceptor(interceptor);
            }
            default -> throw new IllegalStateException(
                    "cdp.http.auth.type must be none, api-key or oauth2, not " + auth.type());
        }
        return new HttpCdpClient(http.build(), json, properties.healthPath());
    }
}
