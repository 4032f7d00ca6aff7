/** Who saw which customer's profile, when and through which channel. */
@NullMarked
package com.profilebridge.audit;

import org.jspecify.annotations.NullMarked;
