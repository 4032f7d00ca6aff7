/**
 * The OpenAPI document ({@code /v3/api-docs}, Swagger UI): title and version, the callers' security
 * schemes, every status each endpoint answers with its problem type, and the request and response
 * schemas of the platform contracts (resolve, track, proxy) with examples.
 */
@NullMarked
package com.profilebridge.apidocs;

import org.jspecify.annotations.NullMarked;
