/**
 * The IVR hot path: {@code POST /v1/profiles/resolve} for Genesys Architect data actions and CXone
 * Studio REST actions. Always answers 200 within the time budget for well-formed calls.
 */
@NullMarked
package com.profilebridge.resolve;

import org.jspecify.annotations.NullMarked;
