package com.profilebridge.widget;

import java.time.Duration;

/**
 * What the widget view needs to know of {@code bridge.widget.*}.
 *
 * @param refreshInterval an agent may bypass the cache at most once per this interval
 * @param profileBudget how long a profile read waits for the CDP
 */
public record WidgetSettings(Duration refreshInterval, Duration profileBudget) {}
