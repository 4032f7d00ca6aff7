package com.profilebridge.agent.web;

import java.time.Duration;

/**
 * Settings of the profile proxy, from {@code bridge.agent.proxy.*}.
 *
 * @param budget how long a request waits for the CDP before answering from the cache or with 503
 */
public record ProxySettings(Duration budget) {}
