package com.profilebridge.support;

import com.profilebridge.console.ConsoleRoles;
import java.security.Principal;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Test only ({@code @Import} it): an acting console endpoint, {@code POST /api/console/test-probe/act},
 * guarded like the real ones ({@link ConsoleRoles#CAN_ACT} on the use case), so sign-in tests can
 * tell {@code ADMIN} from {@code SUPERVISOR} through HTTP before the console's own acting endpoints
 * exist. Answers the caller's name. A functional endpoint and no stereotype anywhere: nothing scans
 * it into contexts that did not import it.
 */
public class ActingProbe {

    public static final String PATH = "/api/console/test-probe/act";

    @Bean
    Act actingProbeUseCase() {
        return new Act();
    }

    @Bean
    RouterFunction<ServerResponse> actingProbeEndpoint(Act act) {
        return RouterFunctions.route()
                .POST(PATH, request -> ServerResponse.ok().body(act.act(request.principal().orElseThrow())))
                .build();
    }

    /** The acting use case. */
    public static class Act {

        @PreAuthorize(ConsoleRoles.CAN_ACT)
        public Map<String, String> act(Principal who) {
            return Map.of("user", who.getName());
        }
    }
}
