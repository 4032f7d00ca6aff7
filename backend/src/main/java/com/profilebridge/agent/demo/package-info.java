/**
 * Demo identity endpoints (a Genesys-like {@code tokens/me}/{@code users/me} and a CXone-like OIDC
 * issuer) so that the embedded default runs the real token validation code. Only with
 * {@code bridge.demo.identity-endpoints=true}; the prod profile refuses to start with it.
 */
@NullMarked
package com.profilebridge.agent.demo;

import org.jspecify.annotations.NullMarked;
