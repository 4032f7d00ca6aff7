package com.profilebridge.ui.console;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;

/**
 * Test only: a supervisor page, so sign-in tests can land on a console page (the user's name,
 * sign-out) before the console's own views exist. Outside {@link ConsoleLayout}, which as of the
 * skeleton carries no access annotation and so keeps every view inside it from everybody.
 */
@Route(ConsoleProbeView.ROUTE)
@RolesAllowed("SUPERVISOR")
public class ConsoleProbeView extends Div {

    public static final String ROUTE = "console/test-probe";

    ConsoleProbeView(AuthenticationContext auth) {
        setId("console-probe");
        Span user = new Span(auth.getPrincipalName().orElse(""));
        user.setId("console-user");
        Button signOut = new Button("Sign out", e -> auth.logout());
        signOut.setId("sign-out");
        add(user, signOut);
    }
}
