/** The operations page's REST endpoints under {@code /api/console/operations}. */
@NullMarked
package com.profilebridge.console.operations.web;

import org.jspecify.annotations.NullMarked;
