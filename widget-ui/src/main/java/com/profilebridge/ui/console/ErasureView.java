package com.profilebridge.ui.console;

import com.profilebridge.erasure.ErasedStore;
import com.profilebridge.erasure.ErasureNote;
import com.profilebridge.erasure.ErasurePreview;
import com.profilebridge.erasure.ErasureRefused;
import com.profilebridge.erasure.ErasureReport;
import com.profilebridge.erasure.Erasures;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erasure of one customer for administrators: the id, what will be erased where (counts, the phone
 * number and e-mail address masked, so the administrator can check it is the customer of the
 * request), a confirmation that asks for the id again, then the report. The role is checked here
 * and again by the use case.
 */
@Route(value = ConsoleLayout.ERASURE, layout = ConsoleLayout.class)
@RolesAllowed("ADMIN")
@StyleSheet("context://styles/console-erasure.css")
class ErasureView extends VerticalLayout implements HasDynamicTitle {

    private static final Logger log = LoggerFactory.getLogger(ErasureView.class);

    private final Erasures erasures;
    private final AuthenticationContext auth;
    private final TextField customerId = new TextField();
    private final Span message = new Span();
    private final Div summary = new Div();
    private final Div report = new Div();

    ErasureView(Erasures erasures, AuthenticationContext auth) {
        this.erasures = erasures;
        this.auth = auth;
        addClassName("pb-erasure");
        customerId.setId("customer-id");
        customerId.setLabel(getTranslation("console.erasure.customer-id"));
        customerId.setClearButtonVisible(true);
        Button preview = new Button(getTranslation("console.erasure.preview"), e -> preview());
        preview.setId("preview");
        preview.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        preview.addClickShortcut(Key.ENTER);
        HorizontalLayout form = new HorizontalLayout(customerId, preview);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        form.addClassName("pb-erasure-form");
        message.setId("erasure-message");
        message.addClassName("pb-erasure-message");
        summary.setId("summary");
        summary.setWidthFull();
        report.setId("report");
        report.setWidthFull();
        add(new H1(getTranslation("console.erasure.title")), new Paragraph(getTranslation("console.erasure.intro")),
                form, message, summary, report);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("console.erasure.title") + " · Profile Bridge";
    }

    private void preview() {
        clear();
        String id = customerId.getValue().strip();
        try {
            show(id, erasures.preview(id, actor()));
        } catch (ErasureRefused e) {
            message.setText(getTranslation("console.erasure.refused." + e.type()));
        }
    }

    private void show(String id, ErasurePreview preview) {
        Div who = new Div();
        who.setId("erasure-customer");
        who.addClassName("pb-erasure-who");
        who.add(new Span(getTranslation("console.erasure.customer", id)));
        if (preview.maskedPhone() == null && preview.maskedEmail() == null) {
            who.add(new Span(getTranslation("console.erasure.no-contact")));
        }
        if (preview.maskedPhone() != null) {
            who.add(new Span(getTranslation("console.erasure.phone", preview.maskedPhone())));
        }
        if (preview.maskedEmail() != null) {
            who.add(new Span(getTranslation("console.erasure.email", preview.maskedEmail())));
        }
        Button erase = new Button(getTranslation("console.erasure.erase"), e -> confirm(id));
        erase.setId("erase");
        erase.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        summary.add(new H2(getTranslation("console.erasure.summary")), who, notes(preview.notes()),
                counts("summary-counts", preview.counts()),
                new Paragraph(preview.total() == 0 ? getTranslation("console.erasure.nothing")
                        : getTranslation("console.erasure.total", Long.toString(preview.total()))),
                erase);
    }

    /** The confirmation: the id typed again (a slip of the hand must not erase someone), and a reason. */
    private void confirm(String id) {
        Dialog dialog = new Dialog();
        dialog.setId("confirm-erasure");
        dialog.setHeaderTitle(getTranslation("console.erasure.confirm.title", id));
        TextField again = new TextField(getTranslation("console.erasure.confirm.id"));
        again.setId("confirm-id");
        again.setValueChangeMode(ValueChangeMode.EAGER);
        again.setWidthFull();
        TextField reason = new TextField(getTranslation("console.erasure.confirm.reason"));
        reason.setId("reason");
        reason.setHelperText(getTranslation("console.erasure.confirm.reason-help"));
        reason.setMaxLength(Erasures.MAX_REASON);
        reason.setWidthFull();
        Button erase = new Button(getTranslation("console.erasure.confirm.erase"), e -> {
            dialog.close();
            erase(id, reason.getValue());
        });
        erase.setId("confirm");
        erase.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        erase.setEnabled(false);
        again.addValueChangeListener(e -> erase.setEnabled(e.getValue().strip().equals(id)));
        Button cancel = new Button(getTranslation("console.erasure.confirm.cancel"), e -> dialog.close());
        cancel.setId("cancel");
        VerticalLayout body = new VerticalLayout(new Paragraph(getTranslation("console.erasure.confirm.text")), again, reason);
        body.setPadding(false);
        body.addClassName("pb-erasure-dialog");
        dialog.add(body);
        dialog.getFooter().add(cancel, erase);
        dialog.open();
        again.focus();
    }

    private void erase(String id, String reason) {
        clear();
        try {
            ErasureReport done = erasures.erase(id, actor(), reason.isBlank() ? null : reason);
            report.add(new H2(getTranslation(done.complete() ? "console.erasure.report" : "console.erasure.report.incomplete")),
                    new Paragraph(getTranslation("console.erasure.report.pseudonym", done.pseudonym())),
                    notes(done.notes()), counts("report-counts", done.counts()),
                    new Paragraph(getTranslation("console.erasure.report.instances", Long.toString(done.instancesNotified()))),
                    cdpReminder());
            customerId.clear();
        } catch (ErasureRefused e) {
            message.setText(getTranslation("console.erasure.refused." + e.type()));
        } catch (RuntimeException e) {
            log.error("Erasure failed; the transaction was rolled back: {}", e.toString());
            message.setText(getTranslation("console.erasure.failed"));
        }
    }

    private Component cdpReminder() {
        Paragraph reminder = new Paragraph(getTranslation("console.erasure.report.cdp"));
        reminder.setId("cdp-reminder");
        reminder.addClassName("pb-erasure-reminder");
        return reminder;
    }

    private record Line(ErasedStore store, long entries) {}

    private Grid<Line> counts(String id, Map<ErasedStore, Long> counts) {
        Grid<Line> grid = new Grid<>();
        grid.setId(id);
        grid.addColumn(l -> getTranslation("console.erasure.store." + l.store().name()))
                .setHeader(getTranslation("console.erasure.column.store")).setFlexGrow(2);
        grid.addColumn(l -> getTranslation("console.erasure.action." + l.store().action().name()))
                .setHeader(getTranslation("console.erasure.column.action")).setFlexGrow(3);
        grid.addColumn(Line::entries).setHeader(getTranslation("console.erasure.column.entries"))
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true).setFlexGrow(0);
        grid.setItems(counts.entrySet().stream().map(e -> new Line(e.getKey(), e.getValue())).toList());
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
        grid.setPartNameGenerator(l -> l.entries() > 0 ? "pb-erasure-found" : "pb-erasure-none");
        return grid;
    }

    private Div notes(List<ErasureNote> notes) {
        Div box = new Div();
        box.addClassName("pb-erasure-notes");
        notes.forEach(n -> box.add(new Paragraph(getTranslation("console.erasure.note." + n.name()))));
        return box;
    }

    private void clear() {
        message.setText("");
        summary.removeAll();
        report.removeAll();
    }

    private String actor() {
        return auth.getPrincipalName().orElseThrow();
    }
}
