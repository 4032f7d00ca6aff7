package com.profilebridge.ui.console.operations;

import com.profilebridge.outcome.OutboxEntry;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/** Asks which customer a parked outcome belongs to; stays open with the reason while the id is refused. */
class AttributionDialog extends Dialog {

    /**
     * @param attribute the view's action: null when done, else the message to show at the field
     */
    AttributionDialog(OutboxEntry entry, BiFunction<OutboxEntry, String, @Nullable String> attribute) {
        setId("attribution-dialog");
        setHeaderTitle(getTranslation("console.operations.attribution.title", entry.interactionId()));
        TextField customer = new TextField(getTranslation("console.operations.attribution.user"));
        customer.setId("attribution-user");
        customer.setWidthFull();
        customer.setMaxLength(256);
        customer.setAutofocus(true);
        Paragraph help = new Paragraph(getTranslation("console.operations.attribution.help"));
        help.addClassName("pb-ops-note");
        Button confirm = new Button(getTranslation("console.operations.attribution.confirm"), e -> {
            String problem = attribute.apply(entry, customer.getValue());
            if (problem == null) {
                close();
            } else {
                customer.setErrorMessage(problem);
                customer.setInvalid(true);
            }
        });
        confirm.setId("attribution-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.addClickShortcut(Key.ENTER);
        Button cancel = new Button(getTranslation("console.operations.attribution.cancel"), e -> close());
        add(customer, help);
        getFooter().add(cancel, confirm);
        setWidth("30rem");
        setMaxWidth("95vw");
    }
}
