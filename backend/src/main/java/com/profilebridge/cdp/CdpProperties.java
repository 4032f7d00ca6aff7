package com.profilebridge.cdp;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which CDP adapter is active ({@code cdp.provider}, env {@code CDP_PROVIDER}).
 *
 * @param provider {@code demo} (embedded synthetic CDP, the default), {@code http}, {@code segment},
 *     {@code adobe} or {@code salesforce}
 */
@ConfigurationProperties("cdp")
public record CdpProperties(@DefaultValue("demo") String provider) {}
