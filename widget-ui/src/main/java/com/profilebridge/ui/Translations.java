package com.profilebridge.ui;

import com.vaadin.flow.i18n.I18NProvider;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.springframework.stereotype.Component;

/**
 * Every word of the UI in English (the bundles without a language suffix) and German. The widget's
 * words are in {@code vaadin-i18n/translations}; each console view keeps its own bundle in
 * {@code console-i18n/}, so views are translated (and changed) independently. A key is looked up in
 * each bundle in turn; a missing key shows as {@code !key!} so it is seen and fixed.
 */
@Component
class Translations implements I18NProvider {

    static final List<String> BUNDLES = List.of("vaadin-i18n/translations", "console-i18n/layout",
            "console-i18n/login", "console-i18n/search", "console-i18n/audit", "console-i18n/operations",
            "console-i18n/erasure");
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    @Override
    public List<Locale> getProvidedLocales() {
        return List.of(Locale.ENGLISH, Locale.GERMAN);
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        Locale language = locale == null ? Locale.ENGLISH : locale;
        for (String name : BUNDLES) {
            ResourceBundle bundle;
            try {
                bundle = ResourceBundle.getBundle(name, language, Translations.class.getClassLoader(), NO_FALLBACK);
            } catch (MissingResourceException absent) {
                continue;
            }
            if (bundle.containsKey(key)) {
                String text = bundle.getString(key);
                return params.length == 0 ? text : new MessageFormat(text, language).format(params);
            }
        }
        return "!" + key + "!";
    }
}
