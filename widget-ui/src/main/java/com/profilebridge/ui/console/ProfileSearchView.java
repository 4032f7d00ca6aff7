package com.profilebridge.ui.console;

import com.profilebridge.console.ConsoleRoles;
import com.profilebridge.profileview.ProfileView;
import com.profilebridge.profileview.ProfileView.Ambiguous;
import com.profilebridge.profileview.ProfileView.AuditUnavailable;
import com.profilebridge.profileview.ProfileView.CdpDown;
import com.profilebridge.profileview.ProfileView.Displayed;
import com.profilebridge.profileview.ProfileView.NotAllowed;
import com.profilebridge.profileview.ProfileView.NotFound;
import com.profilebridge.profileview.ProfileView.Reason;
import com.profilebridge.profileview.ProfileView.Shown;
import com.profilebridge.profileview.ProfileView.ShownStale;
import com.profilebridge.profileview.ProfileViews;
import com.profilebridge.profileview.Viewer;
import com.profilebridge.shared.Deadline;
import com.profilebridge.ui.Labels;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The console's profile search for supervisors: by phone, e-mail or CDP user id, every profile the
 * identifier reaches (a household's too), masked for supervisors, with the identity decision
 * explained. {@link ProfileViews#investigate} decides what may be shown and audits each profile.
 */
@Route(value = ConsoleLayout.SEARCH, layout = ConsoleLayout.class)
@RolesAllowed(ConsoleRoles.SUPERVISOR)
@StyleSheet("context://styles/console-search.css")
class ProfileSearchView extends Div implements HasDynamicTitle {

    /** How long a search waits for the customer data service before answering from the cache. */
    static final Duration BUDGET = Duration.ofSeconds(3);

    private final ProfileViews views;
    private final AuthenticationContext auth;
    private final Labels labels;
    private final Div result = new Div();

    ProfileSearchView(ProfileViews views, AuthenticationContext auth) {
        this.views = views;
        this.auth = auth;
        this.labels = new Labels(this, getLocale());
        addClassName("pb-cs");
        TextField query = new TextField(t("console.search.query"));
        query.setId("search-query");
        query.addClassName("pb-cs-query");
        query.setClearButtonVisible(true);
        Button search = new Button(t("console.search.button"), e -> search(query.getValue()));
        search.setId("search");
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        search.addClickShortcut(Key.ENTER).listenOn(query);
        Div bar = new Div(query, search);
        bar.addClassName("pb-cs-bar");
        Paragraph intro = new Paragraph(t("console.search.intro"));
        Paragraph masking = new Paragraph(t("console.search.masking"));
        masking.setId("search-masking");
        masking.addClassName("pb-cs-secondary");
        result.setId("search-result");
        result.getElement().setAttribute("aria-live", "polite");
        add(new H1(t("console.search.title")), intro, masking, bar, result);
    }

    @Override
    public String getPageTitle() {
        return "Profile Bridge · " + t("console.search.title");
    }

    private void search(@Nullable String query) {
        result.removeAll();
        Viewer supervisor = Viewer.supervisor(auth.getPrincipalName().orElseThrow());
        ProfileView view = views.investigate(supervisor, query, Deadline.in(BUDGET));
        switch (view) {
            case Shown shown -> shown(shown, null);
            case ShownStale stale -> shown(stale, stale.problem());
            case NotFound nobody -> message(nobody.reason() == Reason.INVALID_QUERY ? "console.search.invalid"
                    : "console.search.no-match", false);
            case CdpDown down -> message("console.search.cdp-down", true);
            case AuditUnavailable unaudited -> message("console.search.audit", true);
            case NotAllowed refused -> message("console.search.not-allowed", true);
            // an investigation lists a household's profiles; a chooser is the agent's answer
            case Ambiguous household -> message("console.search.ambiguous", false);
        }
    }

    /** @param problem why the customer data service did not answer (then the data is saved data); null when it did */
    private void shown(Displayed view, @Nullable String problem) {
        Div profiles = new Div();
        profiles.setId("search-profiles");
        profiles.addClassName("pb-cs-profiles");
        view.profiles().forEach(p -> profiles.add(new InvestigatedProfile(p, labels)));
        result.add(new IdentityExplanation(view, problem, labels), profiles);
    }

    private void message(String key, boolean alert) {
        Paragraph p = new Paragraph(t(key));
        p.setId("search-message");
        p.addClassName(alert ? "pb-cs-alert" : "pb-cs-notice");
        if (alert) {
            p.getElement().setAttribute("role", "alert");
        }
        result.add(p);
    }

    private String t(String key, Object... params) {
        return labels.t(key, params);
    }
}
