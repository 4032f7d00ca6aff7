package com.profilebridge.ui.console;

import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.ui.Labels;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One profile as a supervisor sees it: already masked by the supervisors' policy (first name, partial
 * e-mail and phone, no card, SSN, IBAN, date of birth or notes); this card only lays it out.
 */
final class InvestigatedProfile extends Div {

    private final Labels labels;

    InvestigatedProfile(CdpProfile p, Labels labels) {
        this.labels = labels;
        addClassName("pb-cs-card");
        getElement().setAttribute("data-user-id", p.userId());
        H3 name = new H3(p.name() == null ? p.userId() : p.name());
        name.addClassName("pb-cs-name");
        Span id = new Span(p.userId());
        id.addClassName("pb-cs-id");
        Div facts = new Div();
        facts.addClassName("pb-cs-facts");
        Div email = fact(t("console.search.card.email"), p.email());
        email.addClassName("pb-cs-fact-wide"); // an address broken in two is hard to read out
        facts.add(email, fact(t("console.search.card.phone"), p.phone()),
                fact(t("console.search.card.tier"), labels.value("tier", p.tier())),
                fact(t("console.search.card.ltv"), labels.money(p.lifetimeValue())),
                fact(t("console.search.card.channel"), labels.value("channel", p.preferredChannel())),
                fact(t("console.search.card.sentiment"), p.sentimentScore() == null ? null
                        : labels.number(p.sentimentScore())),
                fact(t("console.search.card.updated"), p.updatedAt() == null ? null : labels.date(p.updatedAt())));
        new TreeMap<>(p.attributes()).forEach((key, value) -> facts.add(fact(attribute(key), value)));
        add(name, id, facts,
                section(t("console.search.card.orders", p.recentOrders().size()), p.recentOrders(),
                        o -> o.id() + " · " + labels.date(o.placedAt()) + " · " + orDash(labels.money(o.total()))
                                + " · " + labels.value("status", o.status())),
                section(t("console.search.card.interactions", p.recentInteractions().size()), p.recentInteractions(),
                        i -> labels.date(i.at()) + " · " + labels.value("channel", i.channel()) + " · "
                                + labels.value("outcome", i.outcome())
                                + (i.interactionId() == null ? "" : " · " + i.interactionId())));
    }

    /** A trait's label: the bundle's when it has one, else its key in words ({@code home_city}: "home city"). */
    private String attribute(String key) {
        String bundled = "console.search.card.attribute." + key.toLowerCase(Locale.ROOT);
        String label = labels.t(bundled);
        return label.contains(bundled) ? key.replaceAll("[_\\-.]+", " ").strip() : label;
    }

    private <T> Component section(String summary, List<T> items, Function<T, String> line) {
        if (items.isEmpty()) {
            Span none = new Span(summary);
            none.addClassName("pb-cs-secondary");
            return none;
        }
        UnorderedList list = new UnorderedList();
        list.addClassName("pb-cs-list");
        items.forEach(item -> list.add(new ListItem(line.apply(item))));
        Details details = new Details(summary, list);
        details.addThemeName("small");
        return details;
    }

    private Div fact(String name, @Nullable String value) {
        Span label = new Span(name);
        label.addClassName("pb-cs-label");
        Span shown = new Span(orDash(value));
        shown.addClassName("pb-cs-value");
        Div row = new Div(label, shown);
        row.addClassName("pb-cs-fact");
        return row;
    }

    private static String orDash(@Nullable String value) {
        return value == null || value.isBlank() ? "—" : value;
    }

    private String t(String key, Object... params) {
        return labels.t(key, params);
    }
}
