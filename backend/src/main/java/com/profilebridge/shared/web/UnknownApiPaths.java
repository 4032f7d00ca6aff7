package com.profilebridge.shared.web;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * Unknown paths under the API prefixes answer a 404 problem detail; without this they would fall
 * through to the Vaadin servlet's catch-all and come back as an HTML page. It is a handler mapping
 * consulted after the controllers' (order 0), not a catch-all controller: a known path called with
 * the wrong method, content type or {@code Accept} still gets its 405, 415 or 406.
 */
@Configuration(proxyBeanMethods = false)
class UnknownApiPaths {

    @Bean
    SimpleUrlHandlerMapping unknownApiPathMapping() {
        HttpRequestHandler notFound = (request, response) ->
                ProblemWriter.write(response, HttpStatus.NOT_FOUND, "not-found", "No such endpoint.");
        SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(Map.of("/v1/**", notFound, "/api/**", notFound));
        mapping.setOrder(1);
        return mapping;
    }
}
