package com.profilebridge.ui.console;

import com.profilebridge.audit.AuditEvent;
import com.profilebridge.audit.AuditFilter;
import com.profilebridge.audit.AuditPage;
import com.profilebridge.audit.AuditQueries;
import com.profilebridge.audit.AuditQueryRejected;
import com.profilebridge.audit.AuditTrail;
import com.profilebridge.console.operations.OperationsConsole;
import com.profilebridge.audit.AuditWriteFailed;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.page.ExtendedClientDetails;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.function.ValueProvider;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * The audit trail for supervisors: who looked at which customer, when, through which channel and
 * interaction. Filters, pages of {@value #PAGE_SIZE} newest first (Next follows the page's keyset
 * cursor; Previous goes back through the cursors of the pages seen), a CSV export of the shown
 * filters, times in the viewer's time zone and in UTC. Every page shown is recorded by the use case
 * itself ({@link AuditQueries}); when that record cannot be written the grid stays empty.
 */
@Route(value = ConsoleLayout.AUDIT, layout = ConsoleLayout.class)
@RolesAllowed("SUPERVISOR")
@StyleSheet("context://styles/console-audit.css")
class AuditView extends VerticalLayout implements HasDynamicTitle {

    static final int PAGE_SIZE = AuditQueries.DEFAULT_PAGE_SIZE;
    static final List<String> CHANNELS = List.of("widget", "proxy", AuditTrail.CONSOLE, AuditTrail.INTEGRATION_API);
    /** The actions the product records; rows with others show their code. */
    static final List<String> ACTIONS = List.of(AuditTrail.PROFILE_VIEW, "CALLER_VERIFIED", AuditTrail.AUDIT_VIEW,
            AuditTrail.AUDIT_EXPORT, "ERASURE_PREVIEW", "ERASURE", OperationsConsole.OUTCOME_ATTRIBUTED,
            OperationsConsole.OUTCOME_REPLAYED);
    private static final Set<String> KNOWN_ACTIONS = Set.copyOf(ACTIONS);
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final AuditQueries queries;
    private final TextField agent = new TextField();
    private final TextField customer = new TextField();
    private final Select<String> channel = new Select<>();
    private final Select<String> action = new Select<>();
    private final DateTimePicker from = new DateTimePicker();
    private final DateTimePicker to = new DateTimePicker();
    private final Grid<AuditEvent> grid = new Grid<>();
    private final Div message = new Div();
    private final Span zoneNote = new Span();
    private final Span pageLabel = new Span();
    private final Button previous = new Button();
    private final Button next = new Button();
    private final Anchor export = new Anchor();

    private ZoneId zone = ZoneOffset.UTC;
    private AuditFilter shown = AuditFilter.ALL;
    /** The cursors of the pages before the one shown ("" for the first page): Previous pops one. */
    private final List<String> earlier = new ArrayList<>();
    private String current = "";
    private @Nullable String following;
    private boolean loaded;

    AuditView(AuditQueries queries) {
        this.queries = queries;
        addClassName("pb-audit");
        setSizeFull();
        setSpacing(false);

        H1 title = new H1(t("console.audit.title"));
        title.addClassName("pb-audit-title");
        Paragraph intro = new Paragraph(t("console.audit.intro"));
        intro.addClassName("pb-audit-intro");

        agent.setLabel(t("console.audit.filter.agent"));
        agent.setId("audit-agent");
        agent.setClearButtonVisible(true);
        customer.setLabel(t("console.audit.filter.customer"));
        customer.setId("audit-customer");
        customer.setClearButtonVisible(true);
        channel.setLabel(t("console.audit.filter.channel"));
        channel.setId("audit-channel");
        channel.setItems(CHANNELS);
        channel.setEmptySelectionAllowed(true);
        channel.setEmptySelectionCaption(t("console.audit.filter.any"));
        channel.setItemLabelGenerator(c -> c == null ? t("console.audit.filter.any") : channelLabel(c));
        action.setLabel(t("console.audit.filter.action"));
        action.setId("audit-action");
        action.setItems(ACTIONS);
        action.setEmptySelectionAllowed(true);
        action.setEmptySelectionCaption(t("console.audit.filter.any"));
        action.setItemLabelGenerator(a -> a == null ? t("console.audit.filter.any") : actionLabel(a));
        from.setLabel(t("console.audit.filter.from"));
        from.setId("audit-from");
        to.setLabel(t("console.audit.filter.to"));
        to.setId("audit-to");
        Button apply = new Button(t("console.audit.apply"), e -> apply());
        apply.setId("audit-apply");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        apply.addClickShortcut(Key.ENTER).listenOn(agent, customer); // in the pickers Enter picks
        Button reset = new Button(t("console.audit.reset"), e -> reset());
        reset.setId("audit-reset");
        Div actions = new Div(apply, reset);
        actions.addClassName("pb-audit-filter-actions");
        // the time range and the buttons wrap together: a "From" on one line and its "Until" on the next reads badly
        Div range = new Div(from, to, actions);
        range.addClassName("pb-audit-range");
        Div filters = new Div(agent, customer, channel, action, range);
        filters.addClassName("pb-audit-filters");

        message.setId("audit-message");
        message.addClassName("pb-audit-message");
        message.getElement().setAttribute("role", "alert");
        message.setVisible(false);
        zoneNote.setId("audit-zone");
        zoneNote.addClassName("pb-audit-zone");

        grid.setId("audit-grid");
        grid.addClassName("pb-audit-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.ROW_STRIPES, GridVariant.WRAP_CELL_CONTENT);
        // widths for 1280 px with the drawer open (about 60rem of grid); wider screens share the rest
        grid.addColumn(LitRenderer.<AuditEvent>of(
                        "<div class=\"pb-audit-local\">${item.local}</div><div class=\"pb-audit-utc\">${item.utc}</div>")
                .withProperty("local", e -> local(e.occurredAt()))
                .withProperty("utc", e -> UTC.format(e.occurredAt())))
                .setHeader(t("console.audit.column.time")).setWidth("11.5rem").setFlexGrow(0);
        grid.addColumn(AuditEvent::actor).setHeader(t("console.audit.column.actor")).setWidth("7rem").setFlexGrow(1);
        grid.addColumn(e -> actionLabel(e.action())).setHeader(t("console.audit.column.action")).setWidth("7.5rem")
                .setFlexGrow(1);
        grid.addColumn(e -> orDash(e.customer())).setHeader(t("console.audit.column.customer")).setWidth("6.5rem")
                .setFlexGrow(1);
        grid.addColumn(e -> channelLabel(e.channel())).setHeader(t("console.audit.column.channel")).setWidth("6rem")
                .setFlexGrow(0);
        grid.addColumn(id(AuditEvent::interactionId)).setHeader(t("console.audit.column.interaction"))
                .setWidth("10rem").setFlexGrow(2);
        grid.addColumn(id(AuditEvent::correlationId)).setHeader(t("console.audit.column.correlation"))
                .setWidth("10rem").setFlexGrow(2);
        grid.setEmptyStateText(t("console.audit.empty"));

        previous.setText(t("console.audit.previous"));
        previous.setIcon(VaadinIcon.ANGLE_LEFT.create());
        previous.setId("audit-previous");
        previous.addClickListener(e -> previousPage());
        next.setText(t("console.audit.next"));
        next.setIcon(VaadinIcon.ANGLE_RIGHT.create());
        next.setIconAfterText(true);
        next.setId("audit-next");
        next.addClickListener(e -> nextPage());
        pageLabel.setId("audit-page");
        pageLabel.addClassName("pb-audit-page");
        export.setId("audit-export");
        export.addClassName("pb-audit-export");
        export.add(VaadinIcon.DOWNLOAD_ALT.create(), new Span(t("console.audit.export")));
        export.setTitle(t("console.audit.export.hint", AuditQueries.MAX_EXPORT_ROWS));
        export.setDownload(true);
        export.setRouterIgnore(true);
        Div pager = new Div(previous, pageLabel, next);
        pager.addClassName("pb-audit-pager");
        Div footer = new Div(pager, export);
        footer.addClassName("pb-audit-footer");

        add(title, intro, filters, message, zoneNote, grid, footer);
        setFlexGrow(1, grid);
        exportLink();
    }

    @Override
    public String getPageTitle() {
        return t("console.audit.title") + " · " + t("console.title");
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        ExtendedClientDetails details = event.getUI().getPage().getExtendedClientDetails();
        ZoneId browser = zoneOf(details);
        if (browser == null) {
            details.refresh(fresh -> {
                ZoneId late = zoneOf(fresh);
                if (late != null) {
                    useZone(late);
                    grid.getDataProvider().refreshAll(); // the same rows, times re-rendered: no new query
                }
            });
        } else {
            useZone(browser);
        }
        if (!loaded) {
            loaded = true;
            show(AuditFilter.ALL);
        }
    }

    private void apply() {
        AuditFilter filter;
        try {
            filter = new AuditFilter(agent.getValue(), customer.getValue(), channel.getValue(), action.getValue(),
                    instant(from.getValue()), instant(to.getValue()));
        } catch (AuditQueryRejected e) {
            problem(t("console.audit.error." + e.reason().slug()));
            return;
        }
        show(filter);
    }

    private void reset() {
        agent.clear();
        customer.clear();
        channel.clear();
        action.clear();
        from.clear();
        to.clear();
        show(AuditFilter.ALL);
    }

    private void show(AuditFilter filter) {
        shown = filter;
        earlier.clear();
        exportLink();
        load("");
    }

    private void nextPage() {
        if (following != null) {
            earlier.add(current);
            load(following);
        }
    }

    private void previousPage() {
        if (!earlier.isEmpty()) {
            load(earlier.removeLast());
        }
    }

    private void load(String cursor) {
        try {
            AuditPage page = queries.page(shown, cursor.isEmpty() ? null : cursor, PAGE_SIZE);
            grid.setItems(page.items());
            grid.scrollToStart(); // a new page starts at its newest row, wherever the last one was scrolled to
            current = cursor;
            following = page.next();
            message.setVisible(false);
        } catch (AuditQueryRejected e) {
            earlier.clear();
            problem(t("console.audit.error." + e.reason().slug()));
            showNothing();
        } catch (AuditWriteFailed e) {
            problem(t("console.audit.error.unavailable"));
            showNothing();
        }
        pageLabel.setText(t("console.audit.page", earlier.size() + 1));
        previous.setEnabled(!earlier.isEmpty());
        next.setEnabled(following != null);
    }

    private void showNothing() {
        grid.setItems(List.of());
        current = "";
        following = null;
    }

    private void problem(String text) {
        message.setText(text);
        message.setVisible(true);
    }

    /** The CSV link carries the filters of the rows shown, so the file holds what the grid pages through. */
    private void exportLink() {
        Map<String, @Nullable Object> params = new LinkedHashMap<>();
        params.put("agent", shown.agent());
        params.put("customer", shown.customer());
        params.put("channel", shown.channel());
        params.put("action", shown.action());
        params.put("from", shown.from());
        params.put("to", shown.to());
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        params.forEach((name, value) -> {
            if (value != null) {
                query.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
            }
        });
        // relative to the application root (Vaadin's <base href>), so a context path is kept
        export.setHref("api/console/audit.csv" + query);
    }

    private void useZone(ZoneId viewer) {
        zone = viewer;
        zoneNote.setText(t("console.audit.zone", viewer.getId()));
    }

    private @Nullable Instant instant(@Nullable LocalDateTime value) {
        return value == null ? null : value.atZone(zone).toInstant();
    }

    private String local(Instant at) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(getLocale()).withZone(zone)
                .format(at);
    }

    private String actionLabel(String code) {
        return KNOWN_ACTIONS.contains(code) ? t("console.audit.action." + code) : code;
    }

    private String channelLabel(String code) {
        return CHANNELS.contains(code) ? t("console.audit.channel." + code) : code;
    }

    /** An id column: ids have no spaces, so they get a smaller type and break anywhere. */
    private static LitRenderer<AuditEvent> id(ValueProvider<AuditEvent, @Nullable String> id) {
        return LitRenderer.<AuditEvent>of("<span class=\"pb-audit-id\">${item.value}</span>")
                .withProperty("value", e -> orDash(id.apply(e)));
    }

    private static String orDash(@Nullable String value) {
        return value == null || value.isEmpty() ? "—" : value;
    }

    private static @Nullable ZoneId zoneOf(ExtendedClientDetails details) {
        String id = details.getTimeZoneId();
        if (id == null || id.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException unknown) {
            return null;
        }
    }

    private String t(String key, Object... params) {
        return getTranslation(key, params);
    }
}
