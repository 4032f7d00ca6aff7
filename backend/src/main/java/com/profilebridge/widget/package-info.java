/**
 * The agent widget's server side: the session handshake that turns a validated platform token
 * into a widget session ({@code POST /widget/session}), the settings the bridge pages read
 * ({@code GET /widget/config}) and the {@code frame-ancestors} policy that decides which host
 * desktops may frame the widget. Public API: {@link com.profilebridge.widget.WidgetSession} and
 * {@link com.profilebridge.widget.WidgetSettings}, read by the Vaadin widget view.
 */
@NullMarked
package com.profilebridge.widget;

import org.jspecify.annotations.NullMarked;
