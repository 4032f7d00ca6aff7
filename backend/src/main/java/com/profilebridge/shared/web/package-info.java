/**
 * The HTTP edge every request crosses first: correlation ids, body caps by route, the checks that
 * cost nothing (origin, content type, size) before any body is parsed, CXone's form bodies, and
 * problem details (RFC 9457) for every error.
 */
@NullMarked
package com.profilebridge.shared.web;

import org.jspecify.annotations.NullMarked;
