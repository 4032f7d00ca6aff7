package com.profilebridge.ui.console;

import com.profilebridge.console.ConsoleRoles;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.util.Locale;

/**
 * The standalone supervisor console's frame (never framed by a desktop): navigation, the signed-in
 * user, the language (English, German) and sign-out. The views are routes under {@code console/}
 * with this layout: {@code search}, {@code audit}, {@code operations} (the landing page) and,
 * for {@code ADMIN} only, {@code erasure}. Hiding a link is a convenience; each view and each action
 * checks the role on the server.
 */
@RolesAllowed(ConsoleRoles.SUPERVISOR) // Vaadin checks a view's parent layout too: without this, every view is denied
public class ConsoleLayout extends AppLayout {

    public static final String SEARCH = "console/search";
    public static final String AUDIT = "console/audit";
    public static final String OPERATIONS = "console/operations";
    public static final String ERASURE = "console/erasure";

    ConsoleLayout(AuthenticationContext auth) {
        setPrimarySection(Section.DRAWER);
        Span title = new Span(getTranslation("console.title"));
        title.addClassName("pb-console-title");
        SideNav nav = new SideNav();
        nav.setId("console-nav");
        nav.addItem(new SideNavItem(getTranslation("console.nav.operations"), "/" + OPERATIONS),
                new SideNavItem(getTranslation("console.nav.search"), "/" + SEARCH),
                new SideNavItem(getTranslation("console.nav.audit"), "/" + AUDIT));
        if (auth.hasRole(ConsoleRoles.ADMIN)) {
            nav.addItem(new SideNavItem(getTranslation("console.nav.erasure"), "/" + ERASURE));
        }
        addToDrawer(title, nav);

        Select<Locale> language = new Select<>();
        language.setId("console-language");
        language.setAriaLabel(getTranslation("console.language"));
        language.setItems(Locale.ENGLISH, Locale.GERMAN);
        language.setItemLabelGenerator(l -> l.getLanguage().equals("de") ? "Deutsch" : "English");
        language.setValue(getLocale().getLanguage().equals("de") ? Locale.GERMAN : Locale.ENGLISH);
        language.addValueChangeListener(e -> {
            VaadinSession.getCurrent().setLocale(e.getValue());
            UI.getCurrent().getPage().reload();
        });
        Span user = new Span(auth.getPrincipalName().orElse(""));
        user.setId("console-user");
        Button signOut = new Button(getTranslation("console.sign-out"), e -> auth.logout());
        signOut.setId("sign-out");
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout bar = new HorizontalLayout(language, user, signOut);
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        bar.getStyle().set("margin-left", "auto").set("padding-right", "var(--lumo-space-m)");
        addToNavbar(new DrawerToggle(), bar);
    }
}
