package com.profilebridge.ui.console;

import com.profilebridge.console.ConsoleRoles;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

/**
 * {@code /agent}, the old profile search: supervisors are forwarded to the console's profile search.
 * Agents signed in with a console login get no search here (their tool is the widget beside the
 * interaction, where the caller's link, the household chooser and verification apply): they are told
 * so, and shown no customer data.
 */
@Route("agent")
@PermitAll
class AgentRoute extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final AuthenticationContext auth;

    AgentRoute(AuthenticationContext auth) {
        this.auth = auth;
        setId("agents-use-the-widget");
        setMaxWidth("48rem");
        Button signOut = new Button(getTranslation("console.sign-out"), e -> auth.logout());
        signOut.setId("sign-out");
        add(new H1(getTranslation("console.search.agents.title")),
                new Paragraph(getTranslation("console.search.agents.text")), signOut);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (auth.hasRole(ConsoleRoles.SUPERVISOR)) {
            event.forwardTo(ProfileSearchView.class);
        }
    }

    @Override
    public String getPageTitle() {
        return "Profile Bridge · " + getTranslation("console.search.title");
    }
}
