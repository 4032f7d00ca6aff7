/** The console's erasure endpoint ({@code POST /api/console/erasures}). */
@NullMarked
package com.profilebridge.erasure.web;

import org.jspecify.annotations.NullMarked;
