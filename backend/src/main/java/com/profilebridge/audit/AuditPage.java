package com.profilebridge.audit;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of the audit trail, newest first.
 *
 * @param next the cursor of the following (older) page, null on the last page
 */
public record AuditPage(List<AuditEvent> items, @Nullable String next) {}
