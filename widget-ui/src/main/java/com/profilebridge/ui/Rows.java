package com.profilebridge.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import org.jspecify.annotations.Nullable;

/** A label-value line, the building block of every card in the views. */
public final class Rows {

    private Rows() {}

    public static Div row(String label, @Nullable String value) {
        Div row = new Div();
        row.addClassName("pb-row");
        Span l = new Span(label);
        l.addClassName("pb-label");
        row.add(l, new Span(value == null ? "—" : value));
        return row;
    }
}
