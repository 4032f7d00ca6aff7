/** Cross-cutting pieces every feature may use: time, correlation ids, problem details. */
@NullMarked
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package com.profilebridge.shared;

import org.jspecify.annotations.NullMarked;
