package com.profilebridge.ui.console;

import com.profilebridge.security.ConsoleLogin;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Console sign-in: "Sign in with ..." the organisation's identity provider (OIDC), and in the demo
 * profile the README's demo accounts under it. Without a configured provider it says that sign-in
 * is not set up, instead of offering anything that cannot work.
 */
@Route("login")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    /** What the page says after a sign-in attempt or sign-out, by query parameter. */
    private static final Map<String, String> NOTICES = Map.of(
            ConsoleLogin.SIGNED_OUT, "console.login.signed-out",
            ConsoleLogin.SIGN_IN_FAILED, "console.login.failed",
            ConsoleLogin.PROVIDER_UNAVAILABLE, "console.login.provider-unavailable");

    private final Div notice = new Div();
    private final @Nullable LoginForm form;

    LoginView(ConsoleLogin login) {
        setAlignItems(Alignment.CENTER);
        setPadding(true);
        Div column = new Div();
        column.setWidthFull();
        column.setMaxWidth("24rem");
        column.getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-m)")
                .set("margin-top", "var(--lumo-space-xl)");
        H1 title = new H1("Profile Bridge");
        title.getStyle().set("margin", "0");
        Paragraph subtitle = new Paragraph(getTranslation("console.login.subtitle"));
        subtitle.getStyle().set("margin", "0").set("color", "var(--lumo-secondary-text-color)");
        notice.setId("login-notice");
        notice.setVisible(false);
        notice.getElement().setAttribute("role", "status");
        notice.getStyle().set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("border-radius", "var(--lumo-border-radius-m)").set("background", "var(--lumo-contrast-5pct)");
        column.add(title, subtitle, notice);

        if (login.oidc()) {
            Button signIn = new Button(login.displayName()
                    .map(name -> getTranslation("console.login.sign-in-with", name))
                    .orElseGet(() -> getTranslation("console.login.sign-in-organisation")));
            signIn.setId("sign-in-oidc");
            signIn.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
            signIn.setWidthFull();
            // a full page load: Spring Security answers it with the redirect to the provider
            signIn.addClickListener(e -> getUI().ifPresent(ui -> ui.getPage().setLocation(ConsoleLogin.START.substring(1))));
            column.add(signIn);
            if (login.demoProvider()) {
                column.add(hint("console.login.demo-provider"));
            }
        } else {
            Paragraph off = new Paragraph(getTranslation("console.login.not-configured"));
            off.setId("sign-in-not-configured");
            column.add(off);
        }

        if (login.formLogins()) {
            LoginForm demo = new LoginForm();
            demo.setAction("login");
            demo.setForgotPasswordButtonVisible(false);
            demo.setI18n(formTexts());
            Paragraph accounts = hint("console.login.demo-accounts-hint");
            accounts.getStyle().set("white-space", "pre-line").set("text-align", "center");
            Div demoAccounts = new Div(demo, accounts);
            demoAccounts.setId("demo-accounts");
            demoAccounts.getStyle().set("display", "flex").set("flex-direction", "column").set("align-items", "center")
                    .set("border-top", "1px solid var(--lumo-contrast-10pct)").set("margin-top", "var(--lumo-space-m)");
            column.add(demoAccounts);
            form = demo;
        } else {
            form = null;
        }
        add(column);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> parameters = event.getLocation().getQueryParameters().getParameters();
        if (form != null) {
            form.setError(parameters.containsKey("error"));
        }
        notice.setVisible(false);
        NOTICES.forEach((parameter, key) -> {
            if (parameters.containsKey(parameter)) {
                notice.setText(getTranslation(key));
                notice.setVisible(true);
                notice.getStyle().set("color", parameter.equals(ConsoleLogin.SIGNED_OUT)
                        ? "var(--lumo-body-text-color)" : "var(--lumo-error-text-color)");
            }
        });
    }

    @Override
    public String getPageTitle() {
        return getTranslation("console.login.page-title");
    }

    private Paragraph hint(String key) {
        Paragraph hint = new Paragraph(getTranslation(key));
        hint.getStyle().set("margin", "0").set("font-size", "var(--lumo-font-size-s)")
                .set("color", "var(--lumo-secondary-text-color)");
        return hint;
    }

    private LoginI18n formTexts() {
        LoginI18n texts = LoginI18n.createDefault();
        texts.getForm().setTitle(getTranslation("console.login.form.title"));
        texts.getForm().setUsername(getTranslation("console.login.form.username"));
        texts.getForm().setPassword(getTranslation("console.login.form.password"));
        texts.getForm().setSubmit(getTranslation("console.login.form.submit"));
        texts.getErrorMessage().setTitle(getTranslation("console.login.form.error-title"));
        texts.getErrorMessage().setMessage(getTranslation("console.login.form.error-message"));
        return texts;
    }
}
