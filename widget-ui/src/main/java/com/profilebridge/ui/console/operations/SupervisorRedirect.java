package com.profilebridge.ui.console.operations;

import com.profilebridge.console.ConsoleRoles;
import com.profilebridge.ui.console.ConsoleLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** {@code /supervisor}, the demo's old health page (bookmarks, the README of earlier releases): now the operations page. */
@Route("supervisor")
@RolesAllowed(ConsoleRoles.SUPERVISOR)
class SupervisorRedirect extends Div implements BeforeEnterObserver {

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.forwardTo(ConsoleLayout.OPERATIONS);
    }
}
