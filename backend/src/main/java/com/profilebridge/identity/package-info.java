/**
 * Who is calling: identifier normalisation (E.164 phones, lower-case e-mails, CDP ids), the
 * confidence score the CDPs do not give, and the interaction -> customer links.
 */
@NullMarked
package com.profilebridge.identity;

import org.jspecify.annotations.NullMarked;
