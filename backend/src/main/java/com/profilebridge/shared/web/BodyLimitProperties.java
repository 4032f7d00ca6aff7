package com.profilebridge.shared.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Request body caps per route family ({@code bridge.edge.body.*}): a body above its cap is answered
 * 413 before it is read, or, without a {@code Content-Length} (chunked), as soon as the cap is passed.
 *
 * @param integration {@code /v1/**}
 * @param widgetHandshake {@code /widget/session} (a platform token of at most 8 KB and a few fields)
 * @param proxy {@code /api/**} (GETs: no body is needed)
 * @param login {@code /login}, {@code /logout}, the demo identity endpoints
 * @param operations actuator, OpenAPI, bench hooks
 * @param vaadin Vaadin's UIDL, heartbeat and push requests
 * @param other every other path (pages, static files)
 */
@ConfigurationProperties("bridge.edge.body")
record BodyLimitProperties(
        @DefaultValue("32KB") DataSize integration,
        @DefaultValue("16KB") DataSize widgetHandshake,
        @DefaultValue("4KB") DataSize proxy,
        @DefaultValue("16KB") DataSize login,
        @DefaultValue("4KB") DataSize operations,
        @DefaultValue("1MB") DataSize vaadin,
        @DefaultValue("16KB") DataSize other) {

    long capOf(EdgeRoute route) {
        DataSize size = switch (route) {
            case INTEGRATION -> integration;
            case WIDGET_HANDSHAKE -> widgetHandshake;
            case PROXY -> proxy;
            case LOGIN -> login;
            case OPERATIONS -> operations;
            case VAADIN -> vaadin;
            case OTHER -> other;
        };
        return size.toBytes();
    }
}
