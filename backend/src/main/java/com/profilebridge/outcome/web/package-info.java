/** The outcome pipeline's HTTP endpoints: outcome intake (and its fast path) and the operator API over the outbox. */
@NullMarked
package com.profilebridge.outcome.web;

import org.jspecify.annotations.NullMarked;
