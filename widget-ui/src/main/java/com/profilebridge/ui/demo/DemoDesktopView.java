package com.profilebridge.ui.demo;

import com.profilebridge.outcome.OutcomeIntake;
import com.profilebridge.outcome.TrackAnswer;
import com.profilebridge.resolve.ResolveEndpoint;
import com.profilebridge.resolve.ResolveRequest;
import com.profilebridge.resolve.ResolveResponse;
import com.profilebridge.ui.Rows;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.IFrame;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The first page of the embedded default: a simulated agent desktop. Pick a demo caller and place
 * the call: the IVR resolve runs exactly as Genesys or CXone would call it, then the agent widget
 * opens in an iframe exactly as the chosen desktop opens it, from the other loopback name
 * (localhost / 127.0.0.1), so it really runs cross-origin. "Set disposition" posts the call's
 * outcome through the outcome pipeline; after the settle window the widget's Refresh shows it.
 * Registered at {@code /} by {@link DemoRoutes} in the demo profile only: it is an anonymous page
 * that places calls and posts outcomes.
 */
@PageTitle("Profile Bridge · demo desktop")
@AnonymousAllowed
class DemoDesktopView extends VerticalLayout {

    /**
     * A demo caller: what the IVR knows about them when the call starts, and the number the desktop
     * passes to the widget ({@code ani}; empty: withheld; null: the desktop passes none).
     */
    record Caller(String label, ResolveRequest request, @Nullable String ani) {}

    /** The desktops the widget can be opened in. */
    enum Desktop {
        GENESYS("Genesys Cloud"),
        CXONE("NICE CXone");

        final String label;

        Desktop(String label) {
            this.label = label;
        }
    }

    /** Widget languages as the desktops name them ({@code gcLangTag}, CXone locale). */
    record Language(String label, String tag) {}

    static final List<Caller> CALLERS = List.of(
            new Caller("Known caller, own phone: +1 (555) 100-0042",
                    new ResolveRequest("+1 (555) 100-0042", "voice", null, null, null, null, null, null), "+15551000042"),
            new Caller("Household phone shared by 2-3 customers: 555-100-0097",
                    new ResolveRequest(null, null, null, null, null, "555-100-0097", null, null), "+15551000097"),
            new Caller("Caller who typed their customer number: usr_00042",
                    new ResolveRequest("usr_00042", "voice", null, null, null, null, null, null), null),
            new Caller("Unknown number: +1 555 999 0000",
                    new ResolveRequest("+15559990000", "voice", null, null, null, null, null, null), "+15559990000"),
            new Caller("Withheld number (empty identifier)",
                    new ResolveRequest(null, null, null, null, null, "", null, null), ""));

    static final List<Language> LANGUAGES = List.of(new Language("English", "en-us"), new Language("Deutsch", "de-de"));
    static final List<String> DISPOSITIONS = List.of("Resolved", "Follow-up needed", "Escalated", "Sale");
    static final String SANDBOX = "allow-forms allow-modals allow-popups allow-presentation allow-same-origin "
            + "allow-scripts allow-downloads";

    private final ResolveEndpoint resolve;
    private final OutcomeIntake outcomes;
    private final JsonMapper json;
    private final Clock clock;
    private final Div answer = new Div();
    private final Div dispositionAnswer = new Div();
    private final IFrame frame = new IFrame();
    private final Span panelTitle = new Span("Interaction widget");
    private final Paragraph idle = new Paragraph("No active interaction. Place a call.");
    private final String desktopOrigin;
    private final String widgetOrigin;
    private @Nullable String interactionId;
    private Desktop activeDesktop = Desktop.GENESYS;

    DemoDesktopView(ResolveEndpoint resolve, OutcomeIntake outcomes, JsonMapper json, Clock clock) {
        this.resolve = resolve;
        this.outcomes = outcomes;
        this.json = json;
        this.clock = clock;
        String[] origins = origins(VaadinRequest.getCurrent());
        this.desktopOrigin = origins[0];
        this.widgetOrigin = origins[1];
        addClassName("pb-desktop");
        setMaxWidth("1200px");

        Select<Caller> caller = new Select<>();
        caller.setLabel("Incoming call");
        caller.setItems(CALLERS);
        caller.setItemLabelGenerator(Caller::label);
        caller.setValue(CALLERS.getFirst());
        caller.setWidth("24rem");
        caller.setId("caller");

        RadioButtonGroup<Desktop> desktop = new RadioButtonGroup<>("Agent desktop");
        desktop.setItems(Desktop.values());
        desktop.setItemLabelGenerator(d -> d.label);
        desktop.setValue(Desktop.GENESYS);
        desktop.setId("desktop");

        Select<Language> language = new Select<>();
        language.setLabel("Agent language");
        language.setItems(LANGUAGES);
        language.setItemLabelGenerator(Language::label);
        language.setValue(LANGUAGES.getFirst());
        language.setId("language");
        language.setWidth("9rem");

        Button place = new Button("Place call",
                e -> placeCall(caller.getValue(), desktop.getValue(), language.getValue()));
        place.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        place.setId("place-call");

        HorizontalLayout controls = new HorizontalLayout(caller, language, place);
        controls.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        controls.setWrap(true);
        answer.setId("ivr-answer");

        Select<String> disposition = new Select<>();
        disposition.setLabel("Disposition");
        disposition.setItems(DISPOSITIONS);
        disposition.setValue(DISPOSITIONS.getFirst());
        disposition.setId("disposition");
        Button setDisposition = new Button("Set disposition", e -> setDisposition(disposition.getValue()));
        setDisposition.setId("set-disposition");
        HorizontalLayout wrapUp = new HorizontalLayout(disposition, setDisposition);
        wrapUp.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        dispositionAnswer.setId("disposition-answer");

        Div main = new Div(new H1("Profile Bridge"),
                new Paragraph("Demo agent desktop. Pick a caller and place the call: the IVR step calls "
                        + "POST /v1/profiles/resolve exactly as a Genesys data action or a CXone Studio action would, "
                        + "then the agent widget opens on the right the way the chosen desktop opens it, served from "
                        + widgetOrigin + " while this page runs on " + desktopOrigin + "."),
                desktop, controls, new H2("IVR answer"), answer, new H2("After the call"), wrapUp, dispositionAnswer);
        main.addClassName("pb-demo-main");

        frame.setId("widget-frame");
        frame.addClassName("pb-demo-frame");
        frame.getElement().setAttribute("sandbox", SANDBOX);
        frame.getElement().setAttribute("title", "Profile Bridge agent widget");
        frame.setVisible(false);
        panelTitle.addClassName("pb-demo-panel-title");
        panelTitle.setId("panel-title");
        Div panel = new Div(panelTitle, idle, frame);
        panel.addClassName("pb-demo-panel");

        Div layout = new Div(main, panel);
        layout.addClassName("pb-demo");
        layout.setWidthFull();
        add(layout);
    }

    private void placeCall(Caller caller, Desktop desktop, Language language) {
        ResolveRequest r = caller.request();
        String interaction = UUID.randomUUID().toString();
        String source = desktop == Desktop.GENESYS ? "genesys" : "cxone";
        ResolveRequest withInteraction = desktop == Desktop.GENESYS
                ? new ResolveRequest(r.identifier(), r.channel(), source, interaction, null, r.phoneNumber(),
                        r.email(), r.userId())
                : new ResolveRequest(r.identifier(), r.channel(), source, null, interaction, r.phoneNumber(),
                        r.email(), r.userId());
        ResolveResponse response = resolve.answer(withInteraction, "demo-desktop");
        interactionId = interaction;
        activeDesktop = desktop;
        answer.removeAll();
        answer.add(summary(response));
        dispositionAnswer.removeAll();
        openWidget(desktop, interaction, language, caller.ani());
    }

    /** The URL each desktop opens for an interaction (Genesys: the integration's URL template). */
    private void openWidget(Desktop desktop, String interaction, Language language, @Nullable String ani) {
        String id = URLEncoder.encode(interaction, StandardCharsets.UTF_8);
        String line = ani == null ? "" : "&ani=" + URLEncoder.encode(ani, StandardCharsets.UTF_8);
        String src = desktop == Desktop.GENESYS
                ? widgetOrigin + "/embed/genesys/widget.html?conversationId=" + id + "&env=localhost&lang="
                        + language.tag() + "&host=" + URLEncoder.encode(desktopOrigin, StandardCharsets.UTF_8) + line
                : widgetOrigin + "/embed/cxone/widget.html?contactId=" + id + "&lang=" + language.tag() + line;
        panelTitle.setText(desktop.label + " · interaction widget");
        idle.setVisible(false);
        frame.setVisible(true);
        frame.setSrc(src);
    }

    private void setDisposition(@Nullable String disposition) {
        dispositionAnswer.removeAll();
        if (interactionId == null || disposition == null) {
            dispositionAnswer.add(new Paragraph("Place a call first."));
            return;
        }
        ObjectNode body = json.createObjectNode();
        if (activeDesktop == Desktop.GENESYS) {
            body.put("conversationId", interactionId).put("interactionType", "voice").put("outcome", disposition)
                    .put("duration", 180).put("agentId", "demo-agent").put("timestamp", clock.instant().toString());
        } else {
            body.put("contactId", interactionId).put("disposition", disposition)
                    .put("summary", "Set in the demo desktop");
        }
        TrackAnswer tracked = outcomes.track(body, "demo-desktop",
                new OutcomeIntake.Signed(null, null, null, json.writeValueAsBytes(body)));
        String when = tracked.sendsAfter() == null ? ""
                : " It goes to the CDP after " + DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC)
                        .format(tracked.sendsAfter()) + " UTC; then press Refresh in the widget.";
        Paragraph p = new Paragraph("Disposition \"" + disposition + "\": " + tracked.status() + "." + when);
        dispositionAnswer.add(p);
    }

    /** [desktop origin, widget origin]: the widget is served from the other loopback name, same port. */
    private static String[] origins(@Nullable VaadinRequest request) {
        String scheme = request == null ? "http" : request.isSecure() ? "https" : "http";
        String host = request == null ? null : request.getHeader("Host");
        if (host == null || host.isBlank()) {
            host = "localhost:8080";
        }
        int colon = host.lastIndexOf(':');
        String name = colon > 0 && !host.endsWith("]") ? host.substring(0, colon) : host;
        String port = colon > 0 && !host.endsWith("]") ? host.substring(colon) : "";
        String other = "localhost".equalsIgnoreCase(name) ? "127.0.0.1" : "localhost";
        return new String[] {scheme + "://" + host, scheme + "://" + other + port};
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
