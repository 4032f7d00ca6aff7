package com.profilebridge.ui.console;

import com.profilebridge.ui.Rows;
import com.profilebridge.profile.ProfileService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** Live health for supervisors: CDP, breaker, caches (the full console is on the roadmap). */
@Route("supervisor")
@PageTitle("Profile Bridge · health")
@RolesAllowed("SUPERVISOR")
class SupervisorView extends VerticalLayout {

    private final ProfileService profiles;
    private final Div health = new Div();

    SupervisorView(ProfileService profiles) {
        this.profiles = profiles;
        setMaxWidth("960px");
        health.setId("health");
        add(new H1("Live health"), new Button("Refresh", e -> render()), health);
        render();
    }

    private void render() {
        health.removeAll();
        health.add(Rows.row("CDP", profiles.cdpName()), Rows.row("Circuit breaker", profiles.breakerState().name()),
                Rows.row("Profiles cached on this instance", Long.toString(profiles.localSize())),
                Rows.row("Shared cache", profiles.sharedStore()));
    }

}
