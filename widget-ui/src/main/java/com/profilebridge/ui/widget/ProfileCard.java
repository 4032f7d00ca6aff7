package com.profilebridge.ui.widget;

import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.ui.Labels;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One masked profile as the widget shows it: facts as label / value lines that wrap rather than
 * collide at 300 px, notes, and the recent orders and interactions, rendered when opened. Sections
 * the agent had open stay open across a Refresh ({@code opened} is the widget's memory of them).
 */
class ProfileCard extends Div {

    private final Labels labels;
    private final Set<String> opened;

    ProfileCard(CdpProfile p, Labels labels, Set<String> opened, int revision) {
        this.labels = labels;
        this.opened = opened;
        setId("profile");
        addClassName("pb-w-card");
        getElement().setAttribute("data-revision", Integer.toString(revision));

        Span id = new Span(p.userId());
        id.addClassName("pb-w-id");
        Div facts = new Div();
        facts.addClassName("pb-w-facts");
        facts.add(fact("widget.tier", labels.value("tier", p.tier())),
                fact("widget.ltv", labels.money(p.lifetimeValue())),
                fact("widget.channel", labels.value("channel", p.preferredChannel())),
                fact("widget.sentiment", sentiment(p.sentimentScore())),
                fact("widget.email", p.email()),
                fact("widget.phone", p.phone()));
        String ssn = p.attributes().get("ssn");
        if (ssn != null) {
            facts.add(fact("widget.ssn", ssn));
        }
        String card = p.attributes().get("credit_card_number");
        if (card != null) {
            facts.add(fact("widget.card", card));
        }
        add(id, facts);
        if (p.notes() != null && !p.notes().isBlank()) {
            Paragraph notes = new Paragraph(p.notes());
            notes.addClassName("pb-w-notes");
            add(notes);
        }
        add(section("orders", labels.t("widget.orders", p.recentOrders().size()), p.recentOrders(), o ->
                new ListItem(o.id() + " · " + labels.date(o.placedAt()) + " · " + nonNull(labels.money(o.total()))
                        + (o.status() == null ? "" : " · " + labels.value("status", o.status())))));
        add(section("interactions", labels.t("widget.interactions", p.recentInteractions().size()),
                p.recentInteractions(), i -> new ListItem(labels.date(i.at()) + " · " + labels.value("channel", i.channel())
                        + " · " + labels.value("outcome", i.outcome())
                        + (i.summary() == null ? "" : " — " + i.summary()))));
    }

    /** A Details built the first time it is opened; an empty list is a plain line, nothing to open. */
    private <T> Component section(String id, String summary, List<T> items,
            Function<T, ListItem> item) {
        if (items.isEmpty()) {
            Span none = new Span(summary);
            none.setId(id);
            none.addClassName("pb-w-section-empty");
            return none;
        }
        UnorderedList list = new UnorderedList();
        list.addClassName("pb-w-list");
        Details details = new Details(summary);
        details.setId(id);
        details.addThemeName("small");
        Consumer<Boolean> fill = open -> {
            if (open && list.getChildren().findAny().isEmpty()) {
                items.forEach(i -> list.add(item.apply(i)));
            }
        };
        details.addOpenedChangeListener(e -> {
            fill.accept(e.isOpened());
            if (e.isOpened()) {
                opened.add(id);
            } else {
                opened.remove(id);
            }
        });
        details.add(list);
        if (opened.contains(id)) {
            details.setOpened(true);
            fill.accept(true);
        }
        return details;
    }

    private Div fact(String key, @Nullable String value) {
        Div row = new Div();
        row.addClassName("pb-w-fact");
        Span label = new Span(labels.t(key));
        label.addClassName("pb-w-label");
        Span shown = new Span(value == null || value.isBlank() ? "—" : value);
        shown.addClassName("pb-w-value");
        row.add(label, shown);
        return row;
    }

    private @Nullable String sentiment(@Nullable Double score) {
        if (score == null) {
            return null;
        }
        String mood = score >= 0.6 ? "widget.sentiment.positive" : score < 0.4 ? "widget.sentiment.negative"
                : "widget.sentiment.neutral";
        return labels.number(score) + " · " + labels.t(mood);
    }

    private static String nonNull(@Nullable String s) {
        return s == null ? "—" : s;
    }
}
