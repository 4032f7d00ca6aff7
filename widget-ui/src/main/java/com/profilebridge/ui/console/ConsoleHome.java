package com.profilebridge.ui.console;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** {@code /console}: the operations page is where a supervisor starts. */
@Route("console")
@RolesAllowed("SUPERVISOR")
class ConsoleHome extends Div implements BeforeEnterObserver {

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.forwardTo(ConsoleLayout.OPERATIONS);
    }
}
