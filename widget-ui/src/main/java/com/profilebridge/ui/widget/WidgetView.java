package com.profilebridge.ui.widget;

import com.profilebridge.agent.AgentAccess;
import com.profilebridge.audit.AuditTrail;
import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.identity.ConfidenceScorer;
import com.profilebridge.identity.IdentifierParser;
import com.profilebridge.identity.IdentityDecision;
import com.profilebridge.identity.IdentityProperties;
import com.profilebridge.identity.InteractionLink;
import com.profilebridge.identity.InteractionLinks;
import com.profilebridge.masking.MaskedProfile;
import com.profilebridge.profile.ProfileLookup;
import com.profilebridge.profile.ProfileService;
import com.profilebridge.profile.ProfileSource;
import com.profilebridge.shared.Deadline;
import com.profilebridge.widget.WidgetSession;
import com.profilebridge.widget.WidgetSettings;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent widget inside Genesys Cloud and CXone (one per interaction, 300 px wide): the masked
 * profile of the customer the IVR linked to the interaction, or a search by phone / e-mail when
 * nobody is linked. Every view is audited before anything is shown (no audit, no data); Refresh
 * bypasses the cache at most once per interval per agent; orders and history render when opened.
 */
@Route("widget")
@PageTitle("Profile Bridge")
@RolesAllowed("WIDGET_AGENT")
class WidgetView extends Div implements BeforeEnterObserver {

    private static final Logger log = LoggerFactory.getLogger(WidgetView.class);
    private static final String CHANNEL = "widget";

    private final ProfileService profiles;
    private final InteractionLinks links;
    private final IdentifierParser parser;
    private final ConfidenceScorer scorer;
    private final AuditTrail audit;
    private final IdentityProperties identity;
    private final WidgetSettings settings;
    private final RefreshLimiter limiter;
    private final Clock clock;
    private final AgentAccess access;

    private final Div status = new Div();
    private final Div content = new Div();
    private final Button refresh = new Button();

    private @Nullable WidgetSession session;
    private @Nullable String interactionId;
    private Locale locale = Locale.ENGLISH;
    /** The customer on screen and how sure the match is; null while none is. */
    private @Nullable Shown shown;
    /** Counts renders, so a refresh is observable even when the data did not change. */
    private int revision;

    private record Shown(String userId, double confidence, int candidates) {}

    WidgetView(ProfileService profiles, InteractionLinks links, IdentifierParser parser, ConfidenceScorer scorer,
            AuditTrail audit, IdentityProperties identity, WidgetSettings settings, RefreshLimiter limiter,
            Clock clock, AgentAccess access) {
        this.access = access;
        this.profiles = profiles;
        this.links = links;
        this.parser = parser;
        this.scorer = scorer;
        this.audit = audit;
        this.identity = identity;
        this.settings = settings;
        this.limiter = limiter;
        this.clock = clock;
        addClassName("pb-widget");
        setId("widget");
        status.setId("widget-status");
        status.addClassName("pb-w-status");
        status.getElement().setAttribute("role", "status");
        status.getElement().setAttribute("aria-live", "polite");
        content.setId("widget-content");
        refresh.setId("refresh");
        refresh.setIcon(VaadinIcon.REFRESH.create());
        refresh.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        refresh.addClickListener(e -> refresh());
        refresh.setVisible(false);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        session = VaadinSession.getCurrent().getSession().getAttribute(WidgetSession.ATTRIBUTE)
                instanceof WidgetSession w ? w : null;
        interactionId = event.getLocation().getQueryParameters().getSingleParameter("interaction").orElse(null);
        locale = session == null ? Locale.ENGLISH : session.localeOf(interactionId);
        UI.getCurrent().setLocale(locale);
        UI.getCurrent().getElement().setAttribute("lang", locale.toLanguageTag());
        removeAll();
        Div bar = new Div();
        bar.addClassName("pb-w-bar");
        Span title = new Span(t("widget.title"));
        title.addClassName("pb-w-title");
        refresh.setText(t("widget.refresh"));
        refresh.setAriaLabel(t("widget.refresh.aria"));
        bar.add(title, refresh);
        add(bar, status, content);

        if (session == null) {
            error(t("widget.error.no-session"));
            return;
        }
        if (session.expired(clock.instant())) {
            error(t("widget.error.expired"));
            return;
        }
        if (interactionId != null && !session.opened(interactionId)) {
            error(t("widget.error.foreign-interaction"));
            return;
        }
        loading();
        // One round trip later, so the agent sees the loading state before the CDP is asked.
        getElement().executeJs("return 0").then(ignored -> openInteraction());
    }

    private void openInteraction() {
        Optional<InteractionLink> link = interactionId == null ? Optional.empty() : links.find(interactionId);
        if (link.isEmpty()) {
            content.removeAll();
            if (!maySearch()) {
                // linked-only access: no phone or e-mail search for this agent
                status.setText(t("widget.no-link.linked-only"));
                return;
            }
            status.setText(t(interactionId == null ? "widget.search.hint" : "widget.no-link"));
            content.add(searchForm());
            return;
        }
        InteractionLink l = link.get();
        show(new Shown(l.cdpUserId(), l.confidence(), 1), false);
    }

    private Component searchForm() {
        TextField query = new TextField(t("widget.search.label"));
        query.setId("search-query");
        query.setWidthFull();
        query.setClearButtonVisible(true);
        Button search = new Button(t("widget.search.button"), e -> search(query.getValue()));
        search.setId("search");
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        search.addClickShortcut(Key.ENTER).listenOn(query);
        Div form = new Div(query, search);
        form.addClassName("pb-w-search");
        return form;
    }

    private void search(@Nullable String raw) {
        if (!live() || !maySearch()) {
            return;
        }
        IdentifierParser.Result parsed = parser.detect(raw == null ? "" : raw);
        CdpIdentifier identifier = parsed.identifier();
        if (identifier == null || identifier.kind() == CdpIdentifier.Kind.USER_ID) {
            status.setText(t("widget.search.invalid"));
            return;
        }
        ProfileLookup lookup = profiles.lookup(identifier, Deadline.in(settings.profileBudget()), false);
        List<String> ids = lookup.profiles().stream().map(MaskedProfile::userId).toList();
        IdentityDecision decision = identifier.kind() == CdpIdentifier.Kind.EMAIL
                ? scorer.score(null, ids, List.of())
                : scorer.score(null, List.of(), ids);
        if (decision.userId() == null) {
            status.setText(t(lookup.healthy() ? "widget.search.none" : "widget.error.cdp-none"));
            return;
        }
        Shown target = new Shown(decision.userId(), decision.confidence(), decision.candidateCount());
        render(target, lookup);
    }

    private void refresh() {
        if (shown == null || session == null) {
            return;
        }
        if (session.expired(clock.instant())) {
            error(t("widget.error.expired"));
            return;
        }
        Duration wait = limiter.acquire(session.agent().actor());
        if (!wait.isZero()) {
            status.setText(t("widget.refresh.limited", Math.max(1, (wait.toMillis() + 999) / 1000)));
            return;
        }
        show(shown, true);
    }

    private void show(Shown target, boolean bypassCache) {
        if (!live()) {
            return;
        }
        CdpIdentifier identifier = new CdpIdentifier(CdpIdentifier.Kind.USER_ID, target.userId());
        render(target, profiles.lookup(identifier, Deadline.in(settings.profileBudget()), bypassCache));
    }

    /** Audits, then shows; when the audit record cannot be written nothing is shown. */
    private void render(Shown target, ProfileLookup lookup) {
        WidgetSession s = session;
        if (s == null) {
            return;
        }
        MaskedProfile masked = lookup.profiles().stream()
                .filter(p -> p.userId().equals(target.userId())).findFirst().orElse(null);
        if (masked == null) {
            error(t(lookup.healthy() ? "widget.error.no-profile" : "widget.error.cdp-none"));
            refresh.setVisible(shown != null || !lookup.healthy());
            if (shown == null) {
                shown = target; // let the agent retry with Refresh
            }
            return;
        }
        try {
            audit.recordView(s.agent().actor(), s.agent().organizationId(), masked.userId(), interactionId, CHANNEL);
        } catch (RuntimeException e) {
            log.error("Audit write failed; profile not shown in the widget: {}", e.toString());
            shown = null;
            refresh.setVisible(false);
            error(t("widget.error.audit"));
            return;
        }
        shown = target;
        refresh.setVisible(true);
        status.setText(freshness(lookup));
        status.getElement().getClassList().set("pb-w-degraded", lookup.source() == ProfileSource.STALE && !lookup.healthy());
        content.removeAll();
        content.add(card(masked.profile(), target, lookup));
    }

    /** bridge.agent.access: free search for everyone, or only for the agents it names. */
    private boolean maySearch() {
        return session != null && access.maySearchFreely(session.agent());
    }

    /**
     * False (saying why) once the platform token behind the session has expired: nothing is looked up
     * or shown past that instant (the next request ends the server session, see WidgetSessionExpiryFilter).
     */
    private boolean live() {
        if (session == null) {
            return false;
        }
        if (session.expired(clock.instant())) {
            shown = null;
            refresh.setVisible(false);
            content.removeAll();
            error(t("widget.error.expired"));
            return false;
        }
        return true;
    }

    private String freshness(ProfileLookup lookup) {
        long minutes = lookup.age().toMinutes();
        if (lookup.source() == ProfileSource.STALE && !lookup.healthy()) {
            return minutes < 1 ? t("widget.age.degraded.now") : t("widget.age.degraded", minutes);
        }
        return minutes < 1 ? t("widget.age.now") : t("widget.age.minutes", minutes);
    }

    private Component card(CdpProfile p, Shown target, ProfileLookup lookup) {
        Div card = new Div();
        card.setId("profile");
        card.getElement().setAttribute("data-revision", Integer.toString(++revision));
        card.addClassName("pb-w-card");

        boolean verified = Math.round(target.confidence() * 100) / 100.0 >= identity.verifiedThreshold();
        String percent = NumberFormat.getPercentInstance(locale).format(target.confidence());
        Span badge = new Span(t(verified ? "widget.identity.verified" : "widget.identity.unverified", percent));
        badge.setId("identity-badge");
        badge.getElement().getThemeList().add("badge small pill " + (verified ? "success" : "warning"));
        card.add(badge);
        if (!verified) {
            Div warning = new Div();
            warning.setId("verify-warning");
            warning.addClassName("pb-w-warning");
            warning.getElement().setAttribute("role", "alert");
            Span strong = new Span(t("widget.identity.verify-first"));
            strong.addClassName("pb-w-strong");
            warning.add(strong, new Span(target.candidates() > 1
                    ? t("widget.identity.shared", target.candidates())
                    : t("widget.identity.weak")));
            card.add(warning);
        }

        H2 name = new H2(p.name() == null ? p.userId() : p.name());
        name.addClassName("pb-w-name");
        Span id = new Span(p.userId());
        id.addClassName("pb-w-id");
        card.add(name, id);

        Div facts = new Div();
        facts.addClassName("pb-w-facts");
        facts.add(fact("widget.tier", p.tier()),
                fact("widget.ltv", money(p.lifetimeValue())),
                fact("widget.channel", p.preferredChannel()),
                fact("widget.sentiment", sentiment(p.sentimentScore())),
                fact("widget.email", p.email()),
                fact("widget.phone", p.phone()));
        String ssn = p.attributes().get("ssn");
        if (ssn != null) {
            facts.add(fact("widget.ssn", ssn));
        }
        String card4 = p.attributes().get("credit_card_number");
        if (card4 != null) {
            facts.add(fact("widget.card", card4));
        }
        card.add(facts);
        if (p.notes() != null && !p.notes().isBlank()) {
            Paragraph notes = new Paragraph(p.notes());
            notes.addClassName("pb-w-notes");
            card.add(notes);
        }
        card.add(lazy("orders", t("widget.orders", p.recentOrders().size()), list -> p.recentOrders().forEach(o ->
                list.add(new ListItem(o.id() + " · " + date(o.placedAt()) + " · " + money(o.total())
                        + (o.status() == null ? "" : " · " + o.status()))))));
        card.add(lazy("interactions", t("widget.interactions", p.recentInteractions().size()), list ->
                p.recentInteractions().forEach(i -> list.add(new ListItem(date(i.at()) + " · "
                        + nonNull(i.channel()) + " · " + nonNull(i.outcome())
                        + (i.summary() == null ? "" : " — " + i.summary()))))));
        return card;
    }

    /** A Details whose list is built the first time the agent opens it. */
    private Details lazy(String id, String summary, Consumer<UnorderedList> fill) {
        UnorderedList list = new UnorderedList();
        list.addClassName("pb-w-list");
        Details details = new Details(summary);
        details.setId(id);
        details.addThemeName("small");
        details.addOpenedChangeListener(e -> {
            if (e.isOpened() && list.getChildren().findAny().isEmpty()) {
                fill.accept(list);
                if (list.getChildren().findAny().isEmpty()) {
                    list.add(new ListItem(t("widget.empty")));
                }
            }
        });
        details.add(list);
        return details;
    }

    private Div fact(String key, @Nullable String value) {
        Div row = new Div();
        row.addClassName("pb-w-fact");
        Span label = new Span(t(key));
        label.addClassName("pb-w-label");
        row.add(label, new Span(value == null || value.isBlank() ? "—" : value));
        return row;
    }

    private @Nullable String money(@Nullable BigDecimal value) {
        if (value == null) {
            return null;
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(Currency.getInstance("USD"));
        return format.format(value);
    }

    private @Nullable String sentiment(@Nullable Double score) {
        if (score == null) {
            return null;
        }
        String mood = score >= 0.6 ? "widget.sentiment.positive" : score < 0.4 ? "widget.sentiment.negative"
                : "widget.sentiment.neutral";
        return NumberFormat.getNumberInstance(locale).format(score) + " · " + t(mood);
    }

    private String date(@Nullable Instant at) {
        return at == null ? "—"
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).withZone(ZoneOffset.UTC)
                        .format(at);
    }

    private static String nonNull(@Nullable String s) {
        return s == null ? "—" : s;
    }

    private void loading() {
        status.setText(t("widget.loading"));
        ProgressBar bar = new ProgressBar();
        bar.setIndeterminate(true);
        bar.getElement().setAttribute("aria-label", t("widget.loading"));
        content.removeAll();
        content.add(bar);
    }

    private void error(String message) {
        status.getElement().getClassList().remove("pb-w-degraded");
        status.setText("");
        content.removeAll();
        Paragraph p = new Paragraph(message);
        p.setId("widget-error");
        p.addClassName("pb-w-error");
        p.getElement().setAttribute("role", "alert");
        content.add(p);
    }

    private String t(String key, Object... params) {
        return getTranslation(locale, key, params);
    }
}
