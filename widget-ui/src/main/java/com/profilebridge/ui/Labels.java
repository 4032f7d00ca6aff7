package com.profilebridge.ui;

import com.vaadin.flow.component.Component;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The UI's words, dates and numbers in the viewer's language (the widget's and the console's). Values the CDP sends as codes
 * (channels, tiers, dispositions, order statuses) get a label when the bundle has one
 * ({@code value.<group>.<code>}), else are shown as sent.
 */
public record Labels(Component owner, Locale locale) {

    public String t(String key, Object... params) {
        return owner.getTranslation(locale, key, params);
    }

    /** A code's label, e.g. {@code value("channel", "voice")}: "Phone call" / "Anruf". */
    public String value(String group, @Nullable String code) {
        if (code == null || code.isBlank()) {
            return "—";
        }
        String key = "value." + group + "." + code.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        String label = owner.getTranslation(locale, key);
        return label == null || label.isBlank() || label.contains(key) ? code : label;
    }

    public @Nullable String money(@Nullable BigDecimal value) {
        if (value == null) {
            return null;
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(Currency.getInstance("USD"));
        return format.format(value);
    }

    public String number(double value) {
        return NumberFormat.getNumberInstance(locale).format(value);
    }

    public String percent(double value) {
        return NumberFormat.getPercentInstance(locale).format(value);
    }

    public String date(@Nullable Instant at) {
        return at == null ? "—"
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).withZone(ZoneOffset.UTC)
                        .format(at);
    }

    public String time(Instant at) {
        return DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).withZone(ZoneOffset.UTC)
                .format(at) + " UTC";
    }
}
