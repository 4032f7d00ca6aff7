package com.profilebridge.ui.console;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** Console sign-in (demo logins in the embedded default; OIDC in production is on the roadmap). */
@Route("login")
@PageTitle("Profile Bridge · sign in")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private final LoginForm form = new LoginForm();

    LoginView() {
        setAlignItems(Alignment.CENTER);
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        add(new H1("Profile Bridge"), form);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        form.setError(event.getLocation().getQueryParameters().getParameters().containsKey("error"));
    }
}
