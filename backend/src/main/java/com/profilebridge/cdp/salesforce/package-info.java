/**
 * Salesforce Data Cloud (Data 360) adapter ({@code cdp.provider=salesforce}): Profile API lookups,
 * Ingestion API publishing, OAuth plus the Data Cloud token exchange.
 */
@NullMarked
package com.profilebridge.cdp.salesforce;

import org.jspecify.annotations.NullMarked;
