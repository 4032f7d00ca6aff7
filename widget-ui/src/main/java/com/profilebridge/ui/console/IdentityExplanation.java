package com.profilebridge.ui.console;

import com.profilebridge.profile.ProfileSource;
import com.profilebridge.profileview.ProfileView.Displayed;
import com.profilebridge.profileview.ProfileView.Identity;
import com.profilebridge.profileview.ProfileView.Match;
import com.profilebridge.ui.Labels;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Why the search shows whom it shows: which identifier matched which profiles, the decision the
 * resolve path takes on that identifier (its confidence and why, in words per match type), where the
 * data came from and how old it is, and that each profile shown was audited.
 */
final class IdentityExplanation extends Div {

    private final Labels labels;

    IdentityExplanation(Displayed view, @Nullable String problem, Labels labels) {
        this.labels = labels;
        setId("search-explanation");
        addClassName("pb-cs-explanation");
        Identity identity = view.identity();
        String type = identity.matchType().name().toLowerCase(Locale.ROOT);

        Span status = new Span(t(identity.verified() ? "console.search.status.verified"
                : "console.search.status.needs-verification"));
        status.setId("identity-status");
        status.getElement().getThemeList().add("badge pill " + (identity.verified() ? "success" : "warning"));
        Span matchType = new Span(t("console.search.match-type." + type));
        matchType.addClassName("pb-cs-strong");
        Div decision = new Div(status, matchType);
        decision.addClassName("pb-cs-decision");

        UnorderedList matches = new UnorderedList();
        matches.setId("identity-matches");
        for (Match m : identity.matches()) {
            Span identifier = new Span(t("console.search.kind." + m.kind().name().toLowerCase(Locale.ROOT)) + " "
                    + m.identifier());
            identifier.addClassName("pb-cs-strong");
            matches.add(new ListItem(identifier, new Span(" → " + t("console.search.matched.profiles",
                    m.userIds().size(), String.join(", ", m.userIds())))));
        }

        Paragraph confidence = new Paragraph(t("console.search.confidence", labels.percent(identity.confidence()),
                labels.percent(identity.threshold())));
        confidence.setId("identity-confidence");
        Paragraph why = new Paragraph(t("console.search.why." + type, identity.candidates()));
        why.setId("identity-why");

        Paragraph data = new Paragraph(freshness(view, problem));
        data.setId("search-data");
        if (problem != null) {
            data.addClassName("pb-cs-alert");
            data.getElement().setAttribute("role", "alert");
        }
        Paragraph audited = new Paragraph(t("console.search.audited", view.profiles().size()));
        audited.setId("search-audited");
        audited.addClassName("pb-cs-secondary");

        Paragraph asIvr = new Paragraph(t("console.search.decision.as-ivr"));
        asIvr.addClassName("pb-cs-secondary");
        Div how = new Div(asIvr, decision, confidence, why);
        Div what = new Div(heading(t("console.search.matched")), matches, data, audited);
        Div columns = new Div(how, what);
        columns.addClassName("pb-cs-columns");
        add(new H2(t("console.search.decision")), columns);
    }

    private String freshness(Displayed view, @Nullable String problem) {
        long minutes = view.age().toMinutes();
        if (problem != null) {
            String down = t("console.search.problem." + problem);
            return minutes < 1 ? t("console.search.data.down.now", down) : t("console.search.data.down", down, minutes);
        }
        if (view.source() == ProfileSource.FRESH) {
            return t("console.search.data.fresh");
        }
        if (view.source() == ProfileSource.STALE) {
            return t("console.search.data.refreshing", minutes);
        }
        return minutes < 1 ? t("console.search.data.cached.now") : t("console.search.data.cached", minutes);
    }

    private static Paragraph heading(String text) {
        Paragraph p = new Paragraph(text);
        p.addClassName("pb-cs-strong");
        return p;
    }

    private String t(String key, Object... params) {
        return labels.t(key, params);
    }
}
