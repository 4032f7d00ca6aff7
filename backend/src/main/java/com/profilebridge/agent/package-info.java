/**
 * Agents on the contact-center desktops: validation of their platform tokens (Genesys Cloud opaque
 * tokens via {@code tokens/me}, NICE CXone RS256 JWTs via the issuer's JWKS), the REST proxy other
 * widgets read masked profiles through, and the demo identity endpoints of the embedded default.
 * Public API: {@link com.profilebridge.agent.AgentTokens} and its records and exceptions.
 */
@NullMarked
package com.profilebridge.agent;

import org.jspecify.annotations.NullMarked;
