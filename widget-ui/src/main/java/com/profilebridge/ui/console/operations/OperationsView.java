package com.profilebridge.ui.console.operations;

import com.profilebridge.console.ConsoleRoles;
import com.profilebridge.console.operations.Attribution;
import com.profilebridge.console.operations.OperationsConsole;
import com.profilebridge.console.operations.OperationsSnapshot;
import com.profilebridge.console.operations.OperationsSnapshot.InstanceStatus;
import com.profilebridge.console.operations.Replay;
import com.profilebridge.console.operations.Sample;
import com.profilebridge.outcome.OutboxEntry;
import com.profilebridge.outcome.OutboxStats;
import com.profilebridge.ui.console.ConsoleLayout;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Svg;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import jakarta.annotation.security.RolesAllowed;
import java.text.NumberFormat;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;

/**
 * The console's landing page: is the integration healthy, and what failed to reach the CDP. Charts
 * of this instance's last hour (CDP latency and errors, cache, outbox backlog, breaker state) drawn
 * as SVG on the server, the outbox figures, dead letters and parked outcomes. Refreshes itself by
 * polling; the lists are read again when a new sample arrived or after an action. Replay and
 * attribution buttons are shown to {@code ADMIN} only and checked again by the use case.
 */
@Route(value = ConsoleLayout.OPERATIONS, layout = ConsoleLayout.class)
@RolesAllowed(ConsoleRoles.SUPERVISOR)
@StyleSheet("context://styles/console-operations.css")
class OperationsView extends Div implements HasDynamicTitle {

    /** How often the page asks the server for news; samples come every 10 s. */
    static final int POLL_MILLIS = 5_000;

    private final OperationsConsole console;
    private final boolean admin;
    private final Paragraph scope = new Paragraph();
    private final Paragraph note = new Paragraph();
    private final Div figures = new Div();
    private final Section instanceSection;
    private final Grid<InstanceStatus> instances = new Grid<>(InstanceStatus.class, false);
    private final Paragraph rules = new Paragraph();
    private @Nullable OperationsCharts shown;
    private final Map<String, Svg> charts = new HashMap<>();
    private final Map<String, String> drawn = new HashMap<>();
    private final UnorderedList transitions = new UnorderedList();
    private final Grid<OutboxEntry> deadLetters = new Grid<>(OutboxEntry.class, false);
    private final Grid<OutboxEntry> parked = new Grid<>(OutboxEntry.class, false);
    private final Button replayAll = new Button();
    private ZoneId zone = ZoneOffset.UTC;
    private @Nullable Object shownVersion;
    private @Nullable OutboxStats outbox;
    private @Nullable Registration polling;

    OperationsView(OperationsConsole console, AuthenticationContext auth) {
        this.console = console;
        this.admin = auth.hasRole(ConsoleRoles.ADMIN);
        addClassName("pb-ops");
        setId("operations");
        scope.setId("ops-scope");
        scope.addClassName("pb-ops-scope");
        note.setId("ops-scope-note");
        note.addClassName("pb-ops-note");
        figures.setId("ops-figures");
        figures.addClassName("pb-ops-figures");

        Div grid = new Div(card("latency", "console.operations.chart.latency"),
                card("errors", "console.operations.chart.errors"), card("cache", "console.operations.chart.cache"),
                card("backlog", "console.operations.chart.backlog"));
        grid.setId("ops-charts");
        grid.addClassName("pb-ops-charts");

        Svg strip = svg("breaker");
        transitions.setId("breaker-transitions");
        transitions.addClassName("pb-ops-transitions");
        Section breaker = section("ops-breaker", "console.operations.breaker.title", strip,
                new Span(getTranslation("console.operations.breaker.transitions")), transitions);

        add(new H1(getTranslation("console.operations.title")), scope, note);
        if (!admin) {
            Paragraph readOnly = new Paragraph(getTranslation("console.operations.readonly"));
            readOnly.setId("ops-read-only");
            readOnly.addClassName("pb-ops-note");
            add(readOnly);
        }
        instanceSection = instanceSection();
        add(figures, instanceSection, grid, breaker, deadLetterSection(), parkedSection());
        refresh(true);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("console.operations.title") + " · " + getTranslation("console.title");
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        ui.setPollInterval(POLL_MILLIS);
        polling = ui.addPollListener(poll -> refresh(false));
        ui.getPage().retrieveExtendedClientDetails(details -> {
            String browserZone = details.getTimeZoneId();
            if (browserZone == null || browserZone.isBlank()) {
                return; // times stay in UTC
            }
            try {
                zone = ZoneId.of(browserZone);
            } catch (DateTimeException unknown) {
                return;
            }
            drawn.clear();
            refresh(true);
        });
    }

    @Override
    protected void onDetach(DetachEvent event) {
        event.getUI().setPollInterval(-1);
        if (polling != null) {
            polling.remove();
            polling = null;
        }
    }

    /** Charts and figures from the in-memory history; the lists (database) only when something changed. */
    private void refresh(boolean reloadLists) {
        OperationsSnapshot snapshot = console.snapshot();
        OperationsCharts charts = new OperationsCharts(snapshot, this::getTranslation, getLocale(), zone);
        shown = charts;
        draw("latency", charts.latency());
        draw("errors", charts.errors());
        draw("cache", charts.cache());
        draw("backlog", charts.backlog());
        draw("breaker", charts.breakerStrip());
        Sample last = snapshot.samples().isEmpty() ? null : snapshot.samples().getLast();
        DateTimeFormatter time = DateTimeFormatter.ofLocalizedTime(FormatStyle.MEDIUM).withLocale(getLocale()).withZone(zone);
        scope.setText(scopeText(snapshot, last == null ? null : time.format(last.at())));
        note.setText(switch (snapshot.scope()) {
            case THIS_INSTANCE -> getTranslation("console.operations.scope.note");
            case ALL_INSTANCES -> getTranslation("console.operations.scope.note.cluster",
                    snapshot.sampleInterval().toSeconds());
            case SHARED_STORE_UNREACHABLE -> getTranslation("console.operations.scope.note.unreachable");
        });
        instanceSection.setVisible(snapshot.scope() != OperationsSnapshot.Scope.THIS_INSTANCE);
        OperationsSnapshot.HealthRules health = snapshot.healthRules();
        rules.setText(getTranslation("console.operations.instances.note", health.recent().toMinutes(),
                health.minCalls(), formats().percent(health.errorRate()), health.silentAfter().toSeconds()));
        instances.setItems(snapshot.instances());
        transitions(snapshot, charts);
        Object version = List.of(snapshot.samples().size(), Objects.requireNonNullElse(last, ""),
                snapshot.transitions().size());
        if (reloadLists || !version.equals(shownVersion) || outbox == null) {
            shownVersion = version;
            loadLists();
        }
        figures(snapshot, charts);
    }

    /** Which instances the page covers, served by which, and when the last sample was taken. */
    private String scopeText(OperationsSnapshot snapshot, @Nullable String lastSample) {
        long seconds = snapshot.sampleInterval().toSeconds();
        if (snapshot.scope() == OperationsSnapshot.Scope.ALL_INSTANCES) {
            return lastSample == null
                    ? getTranslation("console.operations.scope.cluster.waiting", snapshot.instances().size(),
                            snapshot.instance(), snapshot.cdp(), seconds)
                    : getTranslation("console.operations.scope.cluster", snapshot.instances().size(), snapshot.instance(),
                            snapshot.cdp(), seconds, lastSample);
        }
        String prefix = snapshot.scope() == OperationsSnapshot.Scope.SHARED_STORE_UNREACHABLE
                ? "console.operations.scope.unreachable" : "console.operations.scope";
        return lastSample == null
                ? getTranslation(prefix + ".waiting", snapshot.instance(), snapshot.cdp(), seconds)
                : getTranslation(prefix, snapshot.instance(), snapshot.cdp(), seconds, lastSample);
    }

    /** Every instance's own state: which one is degraded or silent, with its recent figures. */
    private Section instanceSection() {
        instances.setId("ops-instances");
        instances.addComponentColumn(i -> {
            Span name = new Span(i.self() ? getTranslation("console.operations.instances.self", i.name()) : i.name());
            name.addClassName("pb-ops-instance-name");
            return name;
        }).setHeader(getTranslation("console.operations.instances.column.instance")).setFlexGrow(1);
        instances.addComponentColumn(i -> {
            Span health = new Span(getTranslation("console.operations.health." + i.health().name()));
            health.addClassNames("pb-ops-health", "pb-ops-health-" + i.health().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            return health;
        }).setHeader(getTranslation("console.operations.instances.column.health")).setAutoWidth(true).setFlexGrow(0);
        instances.addColumn(i -> getTranslation("console.operations.state." + i.breaker().name()))
                .setHeader(getTranslation("console.operations.instances.column.breaker")).setAutoWidth(true).setFlexGrow(0);
        instances.addColumn(i -> NumberFormat.getIntegerInstance(getLocale()).format(i.recentCalls()))
                .setHeader(getTranslation("console.operations.instances.column.calls")).setAutoWidth(true).setFlexGrow(0)
                .setTextAlign(ColumnTextAlign.END);
        instances.addColumn(i -> formats().percent(i.recentErrorRate()))
                .setHeader(getTranslation("console.operations.instances.column.errors")).setAutoWidth(true).setFlexGrow(0)
                .setTextAlign(ColumnTextAlign.END);
        instances.addColumn(i -> formats().millis(i.recentLatencyP95Ms()))
                .setHeader(getTranslation("console.operations.instances.column.p95")).setAutoWidth(true).setFlexGrow(0)
                .setTextAlign(ColumnTextAlign.END);
        instances.addColumn(i -> i.lastSample() == null ? "—"
                        : DateTimeFormatter.ofLocalizedTime(FormatStyle.MEDIUM).withLocale(getLocale()).withZone(zone)
                                .format(i.lastSample()))
                .setHeader(getTranslation("console.operations.instances.column.last")).setAutoWidth(true).setFlexGrow(0);
        instances.setAllRowsVisible(true);
        instances.addThemeVariants(GridVariant.LUMO_COMPACT);
        instances.setPartNameGenerator(i -> i.health() == OperationsSnapshot.Health.OK ? null
                : "pb-ops-row-" + i.health().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        rules.addClassName("pb-ops-note");
        return section("ops-instance-list", "console.operations.instances.title", instances, rules);
    }

    /** Number formats of the viewer's language (the charts' own), for the snapshot shown last. */
    private OperationsCharts formats() {
        return Objects.requireNonNull(shown);
    }

    private void draw(String name, String markup) {
        if (!markup.equals(drawn.get(name))) {
            charts.get(name).setSvg(markup);
            drawn.put(name, markup);
        }
    }

    /** The breaker now; the outbox as read with the lists, so figures and lists agree. */
    private void figures(OperationsSnapshot snapshot, OperationsCharts charts) {
        NumberFormat integers = NumberFormat.getIntegerInstance(getLocale());
        figures.removeAll();
        // the worst breaker of the instances that report (this one's now); "Open (1 of 3)" when they differ
        List<CircuitBreaker.State> states = snapshot.instances().stream()
                .filter(i -> i.self() || i.health() != OperationsSnapshot.Health.NOT_REPORTING)
                .map(InstanceStatus::breaker).toList();
        CircuitBreaker.State worst = states.stream().max(Comparator.comparingInt(OperationsView::severity))
                .orElse(snapshot.breaker());
        long inWorst = states.stream().filter(state -> state == worst).count();
        Div breaker = figure("figure-breaker", "console.operations.figure.breaker", inWorst == states.size()
                ? charts.state(worst)
                : getTranslation("console.operations.figure.breaker.some", charts.state(worst), inWorst, states.size()));
        breaker.addClassName(OperationsCharts.stateClass(worst).replace("band", "figure"));
        OutboxStats now = outbox;
        figures.add(breaker,
                figure("figure-backlog", "console.operations.figure.backlog",
                        now == null ? "—" : integers.format(now.backlog())),
                figure("figure-oldest", "console.operations.figure.oldest", now == null || now.backlog() == 0 ? "—"
                        : OperationsCharts.age(this::getTranslation, now.oldestPendingSeconds())),
                figure("figure-dead", "console.operations.figure.dead",
                        now == null ? "—" : integers.format(now.deadLetters())),
                figure("figure-unattributed", "console.operations.figure.unattributed",
                        now == null ? "—" : integers.format(now.unattributed())));
    }

    /** Open beats half-open beats closed (the figure shows the worst). */
    private static int severity(CircuitBreaker.State state) {
        return switch (state) {
            case OPEN, FORCED_OPEN -> 3;
            case HALF_OPEN -> 2;
            case CLOSED -> 1;
            case DISABLED, METRICS_ONLY -> 0;
        };
    }

    private Div figure(String id, String labelKey, String value) {
        Span label = new Span(getTranslation(labelKey));
        label.addClassName("pb-ops-figure-label");
        Span shown = new Span(value);
        shown.addClassName("pb-ops-figure-value");
        Div figure = new Div(label, shown);
        figure.setId(id);
        figure.addClassName("pb-ops-figure");
        return figure;
    }

    private void transitions(OperationsSnapshot snapshot, OperationsCharts charts) {
        transitions.removeAll();
        List<OperationsSnapshot.Transition> kept = snapshot.transitions();
        boolean several = snapshot.instances().size() > 1;
        if (kept.isEmpty()) {
            transitions.add(new ListItem(getTranslation(snapshot.scope() == OperationsSnapshot.Scope.ALL_INSTANCES
                    ? "console.operations.breaker.no-transitions.cluster" : "console.operations.breaker.no-transitions")));
            return;
        }
        DateTimeFormatter time = DateTimeFormatter.ofLocalizedTime(FormatStyle.MEDIUM).withLocale(getLocale()).withZone(zone);
        kept.stream().limit(10).forEach(t -> transitions.add(new ListItem(several
                ? getTranslation("console.operations.breaker.transition.instance", time.format(t.at()), t.instance(),
                        charts.state(t.from()), charts.state(t.to()))
                : getTranslation("console.operations.breaker.transition", time.format(t.at()), charts.state(t.from()),
                        charts.state(t.to())))));
    }

    private Div card(String name, String titleKey) {
        Div card = new Div(new H2(getTranslation(titleKey)), svg(name));
        card.addClassName("pb-ops-card");
        return card;
    }

    private Svg svg(String name) {
        Svg svg = new Svg();
        svg.setId("chart-" + name + "-box");
        svg.addClassName("pb-ops-chart");
        charts.put(name, svg);
        return svg;
    }

    private Section section(String id, String titleKey, com.vaadin.flow.component.Component... content) {
        Section section = new Section(new H2(getTranslation(titleKey)));
        section.add(content);
        section.setId(id);
        section.addClassName("pb-ops-section");
        return section;
    }

    private Section deadLetterSection() {
        deadLetters.setId("dead-letters");
        columns(deadLetters);
        deadLetters.addColumn(OutboxEntry::attempts).setHeader(getTranslation("console.operations.column.attempts"))
                .setAutoWidth(true).setFlexGrow(0);
        deadLetters.addColumn(e -> e.lastError() == null ? "" : e.lastError())
                .setHeader(getTranslation("console.operations.column.error")).setFlexGrow(1);
        deadLetters.setEmptyStateText(getTranslation("console.operations.dead.empty"));
        Section section = section("ops-dead-letters", "console.operations.dead.title", deadLetters);
        if (admin) {
            deadLetters.addComponentColumn(this::replayButton).setAutoWidth(true).setFlexGrow(0);
            replayAll.setText(getTranslation("console.operations.dead.replay-all"));
            replayAll.setId("replay-all");
            replayAll.addClickListener(e -> replayAll());
            section.add(replayAll);
        }
        return section;
    }

    private Section parkedSection() {
        parked.setId("unattributed");
        columns(parked);
        parked.addColumn(e -> eventLabel(e.event())).setHeader(getTranslation("console.operations.column.event"))
                .setFlexGrow(1);
        parked.setEmptyStateText(getTranslation("console.operations.parked.empty"));
        if (admin) {
            parked.addComponentColumn(this::attributeButton).setAutoWidth(true).setFlexGrow(0);
        }
        return section("ops-unattributed", "console.operations.parked.title", parked);
    }

    /** The CDP event names the outbox sends, in the viewer's language; any other as it is. */
    private String eventLabel(String event) {
        return switch (event) {
            case "Interaction Completed" -> getTranslation("console.operations.event.completed");
            case "Interaction Outcome Corrected" -> getTranslation("console.operations.event.corrected");
            default -> event;
        };
    }

    private void columns(Grid<OutboxEntry> grid) {
        DateTimeFormatter dateTime = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT, FormatStyle.MEDIUM)
                .withLocale(getLocale());
        grid.addColumn(OutboxEntry::interactionId).setHeader(getTranslation("console.operations.column.interaction"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(OutboxEntry::revision).setHeader(getTranslation("console.operations.column.revision"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> dateTime.withZone(zone).format(e.createdAt()))
                .setHeader(getTranslation("console.operations.column.created")).setAutoWidth(true).setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_COMPACT);
    }

    private void loadLists() {
        outbox = console.outbox();
        show(deadLetters, console.deadLetters());
        show(parked, console.unattributed());
        replayAll.setEnabled(!deadLetters.getListDataView().getItems().toList().isEmpty());
    }

    /** A few rows are shown whole; a long list scrolls inside the page. */
    private static void show(Grid<OutboxEntry> grid, List<OutboxEntry> items) {
        grid.setItems(items);
        grid.setAllRowsVisible(items.size() <= 8);
        grid.setHeight(items.size() <= 8 ? null : "24rem");
    }

    private Button replayButton(OutboxEntry entry) {
        Button replay = new Button(getTranslation("console.operations.dead.replay"), e -> replay(entry));
        replay.addThemeVariants(ButtonVariant.LUMO_SMALL);
        replay.setAriaLabel(getTranslation("console.operations.dead.replay.label", entry.interactionId()));
        return replay;
    }

    private Button attributeButton(OutboxEntry entry) {
        Button attribute = new Button(getTranslation("console.operations.parked.attribute"),
                e -> new AttributionDialog(entry, this::attribute).open());
        attribute.addThemeVariants(ButtonVariant.LUMO_SMALL);
        attribute.setAriaLabel(getTranslation("console.operations.parked.attribute.label", entry.interactionId()));
        return attribute;
    }

    private void replay(OutboxEntry entry) {
        act(() -> {
            Replay replay = console.replay(entry.messageId());
            notify(replay instanceof Replay.Requeued ? "console.operations.dead.replayed" : "console.operations.dead.gone",
                    replay instanceof Replay.Requeued);
        });
    }

    private void replayAll() {
        act(() -> notify(getTranslation("console.operations.dead.replayed-all", console.replayAll().messages()), true));
    }

    /** The dialog's action: null when done (the dialog closes), else the message to show at the field. */
    private @Nullable String attribute(OutboxEntry entry, String cdpUserId) {
        Attribution result;
        try {
            result = console.attribute(entry.messageId(), cdpUserId);
        } catch (AccessDeniedException e) {
            notify("console.operations.denied", false);
            return null;
        } catch (RuntimeException e) {
            return getTranslation("console.operations.failed");
        }
        return switch (result) {
            case Attribution.Attributed done -> {
                notify(getTranslation("console.operations.attribution.done", done.interactionId(), done.cdpUserId()), true);
                refresh(true);
                yield null;
            }
            case Attribution.InvalidCustomerId invalid -> getTranslation("console.operations.attribution.invalid");
            case Attribution.UnknownCustomer unknown -> getTranslation("console.operations.attribution.unknown");
            case Attribution.CustomerNotChecked unchecked -> getTranslation("console.operations.attribution.unchecked");
            case Attribution.NoSuchParkedOutcome gone -> {
                notify("console.operations.attribution.gone", false);
                refresh(true);
                yield null;
            }
            case Attribution.InvalidMessageId invalid -> {
                notify("console.operations.attribution.gone", false);
                yield null;
            }
        };
    }

    /** Runs an action; a refusal or a failure is a message, never exception text. */
    private void act(Runnable action) {
        try {
            action.run();
        } catch (AccessDeniedException e) {
            notify("console.operations.denied", false);
        } catch (RuntimeException e) {
            notify("console.operations.failed", false);
        }
        refresh(true);
    }

    private void notify(String keyOrText, boolean success) {
        String text = keyOrText.startsWith("console.operations.") ? getTranslation(keyOrText) : keyOrText;
        Notification notification = Notification.show(text, 5000, Notification.Position.BOTTOM_START);
        notification.addThemeVariants(success ? NotificationVariant.LUMO_SUCCESS : NotificationVariant.LUMO_WARNING);
    }
}
