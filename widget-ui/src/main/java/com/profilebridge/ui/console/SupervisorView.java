package com.profilebridge.ui.console;

import com.profilebridge.outcome.OutboxEntry;
import com.profilebridge.outcome.OutboxStats;
import com.profilebridge.outcome.OutcomeOperations;
import com.profilebridge.profile.ProfileService;
import com.profilebridge.ui.Rows;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;

/**
 * Live health for supervisors: CDP, breaker, caches, and the outcome outbox with its dead letters,
 * which can be replayed from here (the full console is on the roadmap).
 */
@Route("supervisor")
@PageTitle("Profile Bridge · health")
@RolesAllowed("SUPERVISOR")
class SupervisorView extends VerticalLayout {

    private static final int SHOWN = 200;

    private final ProfileService profiles;
    private final OutcomeOperations outcomes;
    private final Div health = new Div();
    private final Div outbox = new Div();
    private final Grid<OutboxEntry> deadLetters = new Grid<>(OutboxEntry.class, false);

    SupervisorView(ProfileService profiles, OutcomeOperations outcomes) {
        this.profiles = profiles;
        this.outcomes = outcomes;
        setMaxWidth("960px");
        health.setId("health");
        outbox.setId("outbox");
        deadLetters.setId("dead-letters");
        deadLetters.addColumn(OutboxEntry::interactionId).setHeader("Interaction").setAutoWidth(true);
        deadLetters.addColumn(OutboxEntry::revision).setHeader("Revision").setAutoWidth(true);
        deadLetters.addColumn(OutboxEntry::attempts).setHeader("Attempts").setAutoWidth(true);
        deadLetters.addColumn(OutboxEntry::lastError).setHeader("Last error").setFlexGrow(1);
        deadLetters.addComponentColumn(entry -> {
            Button replay = new Button("Replay", e -> replay(entry));
            replay.addThemeVariants(ButtonVariant.LUMO_SMALL);
            replay.getElement().setAttribute("aria-label", "Replay the outcome of " + entry.interactionId());
            return replay;
        }).setHeader("").setAutoWidth(true);
        deadLetters.setAllRowsVisible(true);
        deadLetters.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        deadLetters.setEmptyStateText("No dead letters.");
        Button replayAll = new Button("Replay all dead letters", e -> {
            int requeued = outcomes.replay(null);
            Notification.show(requeued + " outcome(s) queued for delivery again");
            render();
        });
        replayAll.setId("replay-all");
        add(new H1("Live health"), new Button("Refresh", e -> render()), health,
                new H2("Outcome delivery"), outbox, deadLetters, replayAll);
        render();
    }

    private void replay(OutboxEntry entry) {
        int requeued = outcomes.replay(entry.messageId());
        Notification.show(requeued == 1 ? "Queued for delivery again" : "Already replayed");
        render();
    }

    private void render() {
        health.removeAll();
        health.add(Rows.row("CDP", profiles.cdpName()), Rows.row("Circuit breaker", profiles.breakerState().name()),
                Rows.row("Profiles cached on this instance", Long.toString(profiles.localSize())),
                Rows.row("Shared cache", profiles.sharedStore()));
        OutboxStats stats = outcomes.stats();
        outbox.removeAll();
        outbox.add(Rows.row("Waiting for delivery", Long.toString(stats.backlog())),
                Rows.row("Oldest undelivered", stats.backlog() == 0 ? "—" : age(stats.oldestPendingSeconds())),
                Rows.row("Waiting for a customer link", Long.toString(stats.unattributed())),
                Rows.row("Dead letters", Long.toString(stats.deadLetters())));
        deadLetters.setItems(outcomes.deadLetters(SHOWN));
    }

    private static String age(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        return d.toHours() > 0 ? d.toHours() + " h " + d.toMinutesPart() + " min"
                : d.toMinutes() > 0 ? d.toMinutes() + " min " + d.toSecondsPart() + " s" : seconds + " s";
    }
}
