/** HTTP adapters of the widget module: the handshake endpoint, its filter chain and the CSP filter. */
@NullMarked
package com.profilebridge.widget.web;

import org.jspecify.annotations.NullMarked;
