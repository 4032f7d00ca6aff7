package com.profilebridge.ui.console;

import com.profilebridge.console.ConsoleRoles;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.server.HttpStatusCode;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.spring.security.AuthenticationContext;

/**
 * What a signed-in person sees on a page their role does not allow (HTTP 403), instead of Vaadin's
 * "not found": above all someone the identity provider signed in who is in no console group, who
 * lands here right after signing in, told why and offered sign-out, never sent round to the sign-in
 * page again. Anonymous visitors never get here: they are sent to the sign-in page first.
 */
@AnonymousAllowed
class ConsoleAccessDenied extends VerticalLayout implements HasErrorParameter<AccessDeniedException>, HasDynamicTitle {

    private final AuthenticationContext auth;
    private String title = "";

    ConsoleAccessDenied(AuthenticationContext auth) {
        this.auth = auth;
        setMaxWidth("40rem");
        setPadding(true);
        getStyle().set("margin", "var(--lumo-space-xl) auto 0");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        removeAll();
        boolean consoleRole = auth.hasRole(ConsoleRoles.SUPERVISOR);
        title = getTranslation(consoleRole ? "console.login.not-allowed.title" : "console.login.no-role.title");
        H1 heading = new H1(title);
        heading.setId("access-denied");
        String name = auth.getPrincipalName().orElse("");
        Paragraph why = new Paragraph(consoleRole ? getTranslation("console.login.not-allowed.text")
                : getTranslation("console.login.no-role.text", name));
        why.setId("access-denied-reason");
        add(heading, why);
        HorizontalLayout actions = new HorizontalLayout();
        if (consoleRole) {
            actions.add(new Anchor("console", getTranslation("console.login.back-to-console")));
        } else if (auth.hasRole("AGENT")) {
            actions.add(new Anchor("agent", getTranslation("console.login.no-role.agent")));
        }
        if (auth.isAuthenticated()) {
            Button signOut = new Button(getTranslation("console.sign-out"), e -> auth.logout());
            signOut.setId("access-denied-sign-out");
            signOut.addThemeVariants(consoleRole ? ButtonVariant.LUMO_TERTIARY : ButtonVariant.LUMO_PRIMARY);
            actions.add(signOut);
        }
        actions.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        add(actions);
        return HttpStatusCode.FORBIDDEN.getCode();
    }

    @Override
    public String getPageTitle() {
        return "Profile Bridge · " + title;
    }
}
