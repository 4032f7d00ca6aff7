package com.profilebridge.ui.widget;

import com.profilebridge.agent.AgentAccess;
import com.profilebridge.agent.AgentViewers;
import com.profilebridge.identity.CallerOrganisations;
import com.profilebridge.profileview.CallerLine;
import com.profilebridge.profileview.ProfileView;
import com.profilebridge.profileview.ProfileView.Ambiguous;
import com.profilebridge.profileview.ProfileView.AuditUnavailable;
import com.profilebridge.profileview.ProfileView.Candidate;
import com.profilebridge.profileview.ProfileView.CdpDown;
import com.profilebridge.profileview.ProfileView.Displayed;
import com.profilebridge.profileview.ProfileView.Identity;
import com.profilebridge.profileview.ProfileView.NotAllowed;
import com.profilebridge.profileview.ProfileView.NotFound;
import com.profilebridge.profileview.ProfileView.Shown;
import com.profilebridge.profileview.ProfileView.ShownStale;
import com.profilebridge.profileview.ProfileViews;
import com.profilebridge.profileview.Viewer;
import com.profilebridge.shared.Deadline;
import com.profilebridge.ui.Labels;
import com.profilebridge.widget.WidgetSession;
import com.profilebridge.widget.WidgetSettings;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The agent widget inside Genesys Cloud and CXone (one per interaction, 300 px wide). It asks
 * {@link ProfileViews} what may be shown and renders the answer: the masked profile under a header
 * that stays in view (name, identity badge, Refresh), a household chooser, or why there is nobody
 * with the caller's masked number prefilled in the search. The agent can mark the caller verified.
 */
@Route("widget")
@PageTitle("Profile Bridge")
@RolesAllowed("WIDGET_AGENT")
class WidgetView extends Div implements BeforeEnterObserver {

    private static final String CHANNEL = "widget";

    private final ProfileViews views;
    private final WidgetSettings settings;
    private final RefreshLimiter limiter;
    private final Clock clock;
    private final AgentAccess access;
    private final AgentViewers viewers;
    private final CallerOrganisations organisations;

    private final Div head = new Div();
    private final H2 name = new H2();
    private final Span badge = new Span();
    private final Div status = new Div();
    private final Div content = new Div();
    private final Button refresh = new Button();

    private @Nullable WidgetSession session;
    private @Nullable String interactionId;
    private Labels labels = new Labels(this, Locale.ENGLISH);
    /** The customer on screen and how sure the match is; null while none is. */
    private @Nullable Current current;
    /** The sections the agent has open, kept open across a Refresh. */
    private final Set<String> opened = new HashSet<>();
    /** Counts renders, so a refresh is observable even when the data did not change. */
    private int revision;

    private record Current(String userId, Identity identity) {}

    WidgetView(ProfileViews views, WidgetSettings settings, RefreshLimiter limiter, Clock clock, AgentAccess access,
            AgentViewers viewers, CallerOrganisations organisations) {
        this.views = views;
        this.settings = settings;
        this.limiter = limiter;
        this.clock = clock;
        this.access = access;
        this.viewers = viewers;
        this.organisations = organisations;
        addClassName("pb-widget");
        setId("widget");
        head.addClassName("pb-w-head");
        head.setId("widget-head");
        name.addClassName("pb-w-name");
        name.setId("customer-name");
        badge.setId("identity-badge");
        badge.addClassName("pb-w-badge");
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
        Locale locale = session == null ? Locale.ENGLISH : session.localeOf(interactionId);
        labels = new Labels(this, locale);
        UI.getCurrent().setLocale(locale);
        UI.getCurrent().getElement().setAttribute("lang", locale.toLanguageTag());
        removeAll();
        Div bar = new Div();
        bar.addClassName("pb-w-bar");
        refresh.setText(t("widget.refresh"));
        refresh.setAriaLabel(t("widget.refresh.aria"));
        name.setText(t("widget.title"));
        badge.setVisible(false);
        bar.add(name, refresh);
        head.removeAll();
        head.add(bar, badge, status);
        add(head, content);

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
        // One round trip later, so the agent sees the loading state before the customer data service is asked.
        getElement().executeJs("return 0").then(ignored -> {
            if (live()) {
                render(views.forInteraction(viewer(), interactionId, caller(), deadline()));
            }
        });
    }

    /** The customer on screen from the customer data service, or (nobody on screen) the interaction again. */
    private void refresh() {
        if (!live()) {
            return;
        }
        Duration wait = limiter.acquire(session.agent().actor());
        if (!wait.isZero()) {
            limited(wait);
            return;
        }
        render(current == null ? views.forInteraction(viewer(), interactionId, caller(), deadline())
                : views.show(viewer(), current.userId(), current.identity(), interactionId, caller(), deadline(), true));
    }

    /** The notice stays in the header and the button is off until the agent may refresh again. */
    private void limited(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        status.setText(t("widget.refresh.limited", seconds));
        status.getElement().getClassList().add("pb-w-limited");
        refresh.setEnabled(false);
        // the browser's timer, not a server thread: the button comes back when the interval has passed
        getElement().executeJs("return new Promise(r => setTimeout(() => r(0), $0))", wait.toMillis())
                .then(ignored -> {
                    refresh.setEnabled(true);
                    status.getElement().getClassList().remove("pb-w-limited");
                    status.setText("");
                });
    }

    private void search(@Nullable String query) {
        if (live()) {
            render(views.search(viewer(), query, interactionId, caller(), deadline()));
        }
    }

    private void verify(String userId) {
        if (live()) {
            String platform = session.agent().platform().name().toLowerCase(Locale.ROOT);
            render(views.verify(viewer(), userId, interactionId, organisations.of(platform), caller(), deadline()));
        }
    }

    private void render(ProfileView view) {
        status.getElement().getClassList().remove("pb-w-degraded");
        status.setText("");
        content.removeAll();
        switch (view) {
            case Shown shown -> shown(shown, false);
            case ShownStale stale -> shown(stale, true);
            case Ambiguous household -> chooser(household);
            case NotFound nobody -> nobody(t("widget.none." + nobody.reason().name().toLowerCase(Locale.ROOT)
                    .replace('_', '-'), masked(nobody.callerNumber())), nobody.callerNumber());
            case CdpDown down -> {
                nobody(t("widget.error.cdp-none"), down.callerNumber());
                refresh.setVisible(true); // try again once the service is back
            }
            case AuditUnavailable ignored -> {
                clearCustomer();
                error(t("widget.error.audit"));
            }
            case NotAllowed refused -> refused(refused);
        }
    }

    /**
     * Not for this agent, and what to do: linked customers only; not on the interaction (the platform
     * says so); the platform would not say (sign in again, or the administrator); the platform cannot be
     * asked (fail closed: Refresh asks again).
     */
    private void refused(NotAllowed refused) {
        clearCustomer();
        String platform = session == null ? "" : session.agent().platform().displayName();
        switch (refused.refusal()) {
            case LINKED_ONLY -> notice(t("widget.no-link.linked-only"));
            case NOT_PARTICIPANT -> notice(t("widget.not-allowed.not-participant", platform));
            case UNCONFIRMED -> error(t("widget.not-allowed.unconfirmed", platform));
            case PLATFORM_UNAVAILABLE -> {
                error(t("widget.not-allowed.platform-unavailable", platform));
                refresh.setVisible(true); // asks the platform again once it is back
            }
        }
    }

    /** @param stale the customer data service is down and this is what the cache held: say so, with its age */
    private void shown(Displayed view, boolean stale) {
        current = new Current(view.profile().userId(), view.identity());
        refresh.setVisible(true);
        name.setText(view.profile().name() == null ? view.profile().userId() : view.profile().name());
        Identity identity = view.identity();
        badge.setVisible(true);
        badge.getElement().getThemeList().clear();
        badge.getElement().getThemeList().add("badge pill " + (identity.verified() ? "success" : "warning"));
        badge.setText(identity.byAgent() ? t("widget.identity.agent-verified")
                : t(identity.verified() ? "widget.identity.verified" : "widget.identity.unverified",
                        labels.percent(identity.confidence())));
        status.setText(freshness(view, stale));
        status.getElement().getClassList().set("pb-w-degraded", stale);
        if (!identity.verified()) {
            content.add(verifyFirst(identity, view.profile().userId()));
        }
        content.add(new ProfileCard(view.profile(), labels, opened, ++revision));
    }

    /** What the agent must do before discussing the account, and the button that records it. */
    private Component verifyFirst(Identity identity, String userId) {
        Div warning = new Div();
        warning.setId("verify-warning");
        warning.addClassName("pb-w-warning");
        warning.getElement().setAttribute("role", "alert");
        Span strong = new Span(t("widget.identity.verify-first"));
        strong.addClassName("pb-w-strong");
        Span why = new Span(identity.candidates() > 1 ? t("widget.identity.shared")
                : t("widget.identity.weak"));
        Button verified = new Button(t("widget.identity.mark-verified"), e -> verify(userId));
        verified.setId("mark-verified");
        verified.addThemeVariants(ButtonVariant.LUMO_SMALL);
        warning.add(strong, why, verified);
        return warning;
    }

    /** A household: who shares the number, told apart by what the caller can confirm; nobody's profile. */
    private void chooser(Ambiguous household) {
        clearCustomer();
        Div chooser = new Div();
        chooser.setId("household");
        chooser.addClassName("pb-w-household");
        Paragraph intro = new Paragraph(t("widget.household.intro", household.candidates().size(),
                masked(household.callerNumber())));
        intro.addClassName("pb-w-strong");
        chooser.add(intro, new Paragraph(t("widget.household.ask")));
        List<Candidate> candidates = household.candidates();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            Div person = new Div();
            person.addClassName("pb-w-candidate");
            Span first = new Span(c.firstName());
            first.addClassName("pb-w-strong");
            person.add(first);
            if (c.email() != null) {
                person.add(new Span(t("widget.email") + ": " + c.email()));
            }
            Button pick = new Button(t("widget.household.pick", c.firstName()), e -> verify(c.userId()));
            pick.setId("pick-" + i);
            pick.addThemeVariants(ButtonVariant.LUMO_SMALL);
            person.add(pick);
            chooser.add(person);
        }
        content.add(chooser);
        if (maySearch()) {
            content.add(searchForm(household.callerNumber()));
        }
    }

    /** Nobody is shown: why, and the search with the caller's masked number in it. */
    private void nobody(String why, @Nullable String callerNumber) {
        clearCustomer();
        notice(why);
        if (maySearch()) {
            content.add(searchForm(callerNumber));
        }
    }

    private void clearCustomer() {
        current = null;
        refresh.setVisible(false);
        badge.setVisible(false);
        name.setText(t("widget.title"));
    }

    private Component searchForm(@Nullable String prefill) {
        TextField query = new TextField(t("widget.search.label"));
        query.setId("search-query");
        query.setWidthFull();
        query.setClearButtonVisible(true);
        if (prefill != null) {
            query.setValue(prefill);
        }
        Button search = new Button(t("widget.search.button"), e -> search(query.getValue()));
        search.setId("search");
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        search.addClickShortcut(Key.ENTER).listenOn(query);
        Div form = new Div(query, search);
        form.addClassName("pb-w-search");
        return form;
    }

    /** As the proxy asks: free search or linked customers only, each behind the participant check with the session's token. */
    private Viewer viewer() {
        return viewers.viewer(session.agent(), session.credential(), CHANNEL);
    }

    private CallerLine caller() {
        return new CallerLine(session == null ? null : session.callerOf(interactionId));
    }

    private Deadline deadline() {
        return Deadline.in(settings.profileBudget());
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
            clearCustomer();
            error(t("widget.error.expired"));
            return false;
        }
        return true;
    }

    private String freshness(Displayed view, boolean stale) {
        long minutes = view.age().toMinutes();
        if (stale) {
            return minutes < 1 ? t("widget.age.degraded.now") : t("widget.age.degraded", minutes);
        }
        return minutes < 1 ? t("widget.age.now") : t("widget.age.minutes", minutes);
    }

    private String masked(@Nullable String number) {
        return number == null ? "—" : number;
    }

    private void loading() {
        status.setText(t("widget.loading"));
        ProgressBar bar = new ProgressBar();
        bar.setIndeterminate(true);
        bar.getElement().setAttribute("aria-label", t("widget.loading"));
        Div skeleton = new Div(bar);
        skeleton.setId("widget-loading");
        content.removeAll();
        content.add(skeleton);
    }

    private void notice(String message) {
        Paragraph p = new Paragraph(message);
        p.setId("widget-notice");
        p.addClassName("pb-w-notice");
        content.add(p);
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
        return labels.t(key, params);
    }
}
