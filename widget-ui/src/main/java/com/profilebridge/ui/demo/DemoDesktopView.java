package com.profilebridge.ui.demo;

import com.profilebridge.ui.Rows;
import com.profilebridge.resolve.ResolveEndpoint;
import com.profilebridge.resolve.ResolveRequest;
import com.profilebridge.resolve.ResolveResponse;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.util.List;
import java.util.UUID;

/**
 * The first page of the embedded default: a simulated agent desktop with a call simulator. Pick a
 * demo caller, place the call, and the IVR resolve runs exactly as Genesys or CXone would call it.
 */
@Route("")
@PageTitle("Profile Bridge · demo desktop")
@AnonymousAllowed
class DemoDesktopView extends VerticalLayout {

    /** A demo caller: what the IVR knows about them when the call starts. */
    record Caller(String label, String platform, ResolveRequest request) {}

    static final List<Caller> CALLERS = List.of(
            new Caller("Known caller, own phone: +1 (555) 100-0042", "genesys",
                    new ResolveRequest("+1 (555) 100-0042", "voice", "genesys", null, null, null, null, null)),
            new Caller("Household phone shared by 2-3 customers: 555-100-0097", "cxone",
                    new ResolveRequest(null, null, "cxone", null, null, "555-100-0097", null, null)),
            new Caller("Caller who typed their customer number: usr_00042", "genesys",
                    new ResolveRequest("usr_00042", "voice", "genesys", null, null, null, null, null)),
            new Caller("Unknown number: +1 555 999 0000", "genesys",
                    new ResolveRequest("+15559990000", "voice", "genesys", null, null, null, null, null)),
            new Caller("Withheld number (empty identifier)", "cxone",
                    new ResolveRequest(null, null, "cxone", null, null, "", null, null)));

    private final ResolveEndpoint resolve;
    private final Div answer = new Div();

    DemoDesktopView(ResolveEndpoint resolve) {
        this.resolve = resolve;
        addClassName("pb-desktop");
        setMaxWidth("960px");
        add(new H1("Profile Bridge"),
                new Paragraph("Demo agent desktop. Pick a caller and place the call: the IVR step calls "
                        + "POST /v1/profiles/resolve exactly as a Genesys data action or a CXone Studio action would."));

        Select<Caller> caller = new Select<>();
        caller.setLabel("Incoming call");
        caller.setItems(CALLERS);
        caller.setItemLabelGenerator(Caller::label);
        caller.setValue(CALLERS.getFirst());
        caller.setWidth("28rem");
        caller.setId("caller");

        Button place = new Button("Place call", e -> placeCall(caller.getValue()));
        place.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        place.setId("place-call");

        HorizontalLayout controls = new HorizontalLayout(caller, place);
        controls.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        answer.setId("ivr-answer");
        add(controls, new H2("IVR answer"), answer);
    }

    private void placeCall(Caller caller) {
        ResolveRequest r = caller.request();
        String interaction = UUID.randomUUID().toString();
        ResolveRequest withInteraction = "genesys".equals(caller.platform())
                ? new ResolveRequest(r.identifier(), r.channel(), r.source(), interaction, null, r.phoneNumber(),
                        r.email(), r.userId())
                : new ResolveRequest(r.identifier(), r.channel(), r.source(), null, interaction, r.phoneNumber(),
                        r.email(), r.userId());
        ResolveResponse response = resolve.answer(withInteraction, "demo-desktop");
        answer.removeAll();
        answer.add(summary(response));
    }

    private static Component summary(ResolveResponse r) {
        VerticalLayout box = new VerticalLayout();
        box.addClassName("pb-card");
        Span badge = new Span(r.identityStatus().replace('_', ' '));
        badge.getElement().getThemeList().add("badge " + switch (r.identityStatus()) {
            case "VERIFIED" -> "success";
            case "NEEDS_VERIFICATION" -> "contrast";
            default -> "error";
        });
        badge.setId("identity-status");
        box.add(new HorizontalLayout(badge, new Span("confidence " + r.confidenceScore()),
                new Span("match " + r.matchType()), new Span("source " + r.profileSource())));
        if (r.cdpUserId() != null) {
            box.add(Rows.row("Customer", r.cdpUserId()), Rows.row("Tier", r.tier()),
                    Rows.row("Lifetime value", r.lifetimeValue() == null ? null : "$" + r.lifetimeValue()),
                    Rows.row("Preferred channel", r.preferredChannel()),
                    Rows.row("Recent orders", r.recentOrderCount() == null ? null : r.recentOrderCount().toString()),
                    Rows.row("Sentiment", r.sentimentScore() == null ? null : r.sentimentScore().toString()),
                    Rows.row("Profiles sharing this identifier", Integer.toString(r.candidateCount())));
        }
        if ("NEEDS_VERIFICATION".equals(r.identityStatus())) {
            box.add(new Paragraph("The IVR routes this caller to PIN / security-question verification first."));
        }
        box.add(Rows.row("Status", r.status()), Rows.row("Reason", r.reason()), Rows.row("Ignored", r.ignoredFields()),
                Rows.row("Interaction", r.interactionId()));
        return box;
    }

}
