/** HTTP adapters of the audit module: the console's audit trail as JSON pages and as a CSV export. */
@NullMarked
package com.profilebridge.audit.web;

import org.jspecify.annotations.NullMarked;
