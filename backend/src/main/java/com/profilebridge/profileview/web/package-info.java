/** HTTP adapter of the console's profile search ({@code /api/console/search}). */
@NullMarked
package com.profilebridge.profileview.web;

import org.jspecify.annotations.NullMarked;
