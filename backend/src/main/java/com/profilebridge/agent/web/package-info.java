/** HTTP adapters of the agent module: the profile proxy for other widgets and its filter chain. */
@NullMarked
package com.profilebridge.agent.web;

import org.jspecify.annotations.NullMarked;
