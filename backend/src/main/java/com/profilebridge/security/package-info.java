/**
 * Who may call: per-integration caller credentials for the IVR and outcome endpoints, the filter
 * chains for API, actuator and docs, and the fail-fast check that keeps demo credentials out of
 * production.
 */
@NullMarked
package com.profilebridge.security;

import org.jspecify.annotations.NullMarked;
