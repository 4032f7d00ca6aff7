package com.profilebridge.ui.console;

import com.profilebridge.ui.Rows;
import com.profilebridge.audit.AuditTrail;
import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.identity.IdentifierParser;
import com.profilebridge.profile.ProfileLookup;
import com.profilebridge.profile.ProfileService;
import com.profilebridge.shared.Deadline;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Profile search for signed-in agents and supervisors: by phone, e-mail or CDP user id; masked;
 * every view audited (nothing is shown when the audit record cannot be written).
 */
@Route("agent")
@PageTitle("Profile Bridge · profile search")
@RolesAllowed({"AGENT", "SUPERVISOR"})
class AgentLookupView extends VerticalLayout {

    private static final Logger log = LoggerFactory.getLogger(AgentLookupView.class);
    private final IdentifierParser parser;
    private final ProfileService profiles;
    private final AuditTrail audit;
    private final AuthenticationContext auth;
    private final Div result = new Div();

    AgentLookupView(IdentifierParser parser, ProfileService profiles, AuditTrail audit, AuthenticationContext auth) {
        this.parser = parser;
        this.profiles = profiles;
        this.audit = audit;
        this.auth = auth;
        setMaxWidth("960px");
        TextField query = new TextField("Phone, e-mail or customer id");
        query.setId("query");
        query.setWidth("24rem");
        Button search = new Button("Search", e -> search(query.getValue()));
        search.setId("search");
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        search.addClickShortcut(Key.ENTER);
        Button signOut = new Button("Sign out", e -> auth.logout());
        HorizontalLayout bar = new HorizontalLayout(query, search, signOut);
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        result.setId("result");
        add(new H1("Profile search"), bar, result);
    }

    private void search(String raw) {
        result.removeAll();
        IdentifierParser.Result parsed = parser.detect(raw == null ? "" : raw);
        if (parsed.identifier() == null) {
            message("This is not a phone number, an e-mail address or a customer id. Check it and search again.");
            return;
        }
        ProfileLookup lookup = profiles.lookup(parsed.identifier(), Deadline.in(Duration.ofSeconds(3)), false);
        if (!lookup.found()) {
            message(lookup.healthy() ? "No customer found. Check the phone number, e-mail address or customer id and search again."
                    : "The customer data service is unavailable and nothing is saved for this search. Try again in a moment.");
            return;
        }
        String actor = auth.getPrincipalName().orElse("unknown");
        for (var masked : lookup.profiles()) {
            try {
                audit.recordView(actor, null, masked.userId(), null, "console");
            } catch (RuntimeException e) {
                log.error("Audit write failed; profile not shown: {}", e.toString());
                result.removeAll();
                message("The profile cannot be shown right now: the access record could not be written. Try again in a moment.");
                return;
            }
            result.add(card(masked.profile(), lookup));
        }
    }

    private void message(String text) {
        Paragraph p = new Paragraph(text);
        p.setId("search-message");
        result.add(p);
    }

    private static Div card(CdpProfile p, ProfileLookup lookup) {
        Div card = new Div();
        card.addClassName("pb-card");
        card.getStyle().set("padding", "var(--lumo-space-m)").set("margin-top", "var(--lumo-space-m)");
        card.add(Rows.row("Customer id", p.userId()), Rows.row("Name", p.name()), Rows.row("E-mail", p.email()),
                Rows.row("Phone", p.phone()), Rows.row("Tier", ConsoleLabels.code(p.tier())),
                Rows.row("Lifetime value", ConsoleLabels.money(p.lifetimeValue())),
                Rows.row("Preferred channel", ConsoleLabels.code(p.preferredChannel())),
                Rows.row("Sentiment", p.sentimentScore() == null ? null : ConsoleLabels.number(p.sentimentScore())),
                Rows.row("Recent orders", ConsoleLabels.number(p.recentOrders().size())),
                Rows.row("Recent interactions", ConsoleLabels.number(p.recentInteractions().size())),
                Rows.row("Notes", p.notes()));
        new TreeMap<>(p.attributes()).forEach((k, v) -> card.add(Rows.row(ConsoleLabels.attribute(k), v)));
        card.add(Rows.row("Data", ConsoleLabels.freshness(lookup.source(), lookup.age())));
        return card;
    }

}
