package org.muster.cli.board;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.muster.cli.config.DataOptions;
import org.muster.cli.config.Moment;
import org.muster.cli.config.ServiceConfig;
import org.muster.cli.config.StoreClock;
import org.muster.cli.config.StoreOptions;
import org.muster.cli.config.ZoneGeometry;
import org.muster.domain.alert.Alert;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.Zone;
import org.muster.engine.capacity.CapacityBoard;
import org.muster.engine.capacity.CapacityConfig;
import org.muster.engine.capacity.CapacityMonitor;
import org.muster.engine.performance.ResponseStats;
import org.muster.engine.performance.ResponseTimes;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.engine.writer.ProjectionFeed;
import org.muster.engine.writer.Recovery;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The control room's picture from the log: each zone's operating level (who set it, why, review) and
 * capacity colour, response times against the standards, calls waiting, units over their status limits,
 * open alerts, and units lent under mutual aid (counted on their host's capacity lines).
 */
@Command(
        name = "board",
        mixinStandardHelpOptions = true,
        description = "Zones, capacity, response times, waiting calls and alerts, from the log.")
public final class BoardCommand implements Callable<Integer> {
    @Mixin
    ServiceConfig config;

    @Mixin
    StoreOptions store;

    @Mixin
    DataOptions data;

    @Mixin
    org.muster.cli.config.DemoFolderOption demoFolder;

    @picocli.CommandLine.Option(
            names = "--at",
            paramLabel = "MOMENT",
            description = "The boards as they stood at this moment: " + Moment.FORMS)
    java.util.Optional<String> at = java.util.Optional.empty();

    @Override
    public Integer call() {
        demoFolder.applyTo(config, store, data);
        store.configuredBy(config);
        data.configuredBy(config, store.existing());
        // the service's own targets and rules, as its dashboard judges by them
        var settings = config.settingsFor(store.existing());
        Rules rules = settings.rules(ZoneGeometry.load(data), java.util.Optional.empty());
        MusterState state;
        Instant now;
        ResponseTimes responses;
        try (EventStore log = EventLogs.open(store.existing())) {
            // the figures as the service keeps them: its finished responses from the store's table
            responses = new ResponseTimes(rules, settings.responseTargets(), log.responses());
            // Muster's time is the log's: a demo's store runs on a scaled clock, hours from the machine's
            Instant storeNow = StoreClock.now(log, Clock.systemUTC());
            java.util.Optional<Moment> moment = at.map(t -> Moment.parse("--at", t));
            long upTo;
            if (moment.orElse(null) instanceof Moment.AfterEvent e) {
                // a moment whose events were archived is refused, as /history and `state --at` refuse it
                org.muster.store.Archives.requireHeld(log, "--at", e.sequence());
                now = e.instantIn(log, "--at", java.time.ZoneId.systemDefault(), storeNow);
                upTo = e.sequence();
            } else if (moment.isPresent()) {
                now = moment.get()
                        .findInstant(java.time.ZoneId.systemDefault(), storeNow)
                        .orElseThrow();
                org.muster.store.Archives.requireHeld(log, "--at", now);
                upTo = Recovery.sequenceAt(log, now);
            } else {
                // the service goes on writing: the boards stand at one event, and its time is now
                upTo = log.lastSequence();
                now = upTo == 0
                        ? storeNow
                        : log.listRange(upTo - 1, upTo).getFirst().at();
            }
            // each event judged with the state as it stood right after it, as the service's own figures are
            // (a zone downgraded tonight reroutes none of yesterday's calls): the engine's fold, from the
            // newest snapshot that holds the figures. A look back places every unit where it stood then, as
            // the API's history does (one rule: Recovery.asAt); now, at its latest reported position.
            state = at.isPresent()
                    ? Recovery.asAt(log, java.util.List.of(responses), upTo, now, u -> true)
                    : Recovery.placedAt(
                            ProjectionFeed.replay(log, java.util.List.of(responses), upTo)
                                    .state(),
                            log.positions().listLatest());
        }
        if (at.isPresent()) System.out.println("AS AT " + now + " (after event " + state.sequence() + ")");
        else System.out.println("AS AT " + now + ", the time of the last event (" + state.sequence() + ")");
        CapacityBoard capacity = new CapacityBoard(rules.zones(), CapacityConfig.DEFAULTS);
        CapacityBoard.Snapshot board = capacity.compute(state);

        System.out.println("ZONES");
        for (Zone z : state.zones().values().stream()
                .sorted(Comparator.comparing(z -> z.id().value()))
                .toList()) {
            var c = board.findZone(z.id()).orElseThrow();
            String level = z.operatingLevel() == OperatingLevel.NORMAL
                    ? "NORMAL"
                    : z.operatingLevel() + " by " + z.level().setBy() + " ("
                            + z.level().reason() + ")"
                            + z.level().reviewAt().map(t -> " review " + t).orElse("");
            System.out.printf("  %-24s %-10s %-8s %s%n", z.id(), colourWord(c), z.organisation(), level);
            for (var line : c.lines())
                System.out.printf(
                        "      %-30s %d available, minimum %d: %s%n",
                        line.type(), line.available(), line.minimum(), line.colour());
            // a zone without units of its own takes the colour of the zone that covers it, as the dashboard says
            z.coveredFrom().ifPresent(from -> System.out.printf("      covered from %s%n", from));
            responses.reroutedIn(z.id()).forEach((day, n) -> System.out.printf("      rerouted on %s: %d%n", day, n));
        }
        for (var u : state.units().values().stream()
                .filter(org.muster.domain.unit.Unit::isLent)
                .sorted(Comparator.comparing(u -> u.id().value()))
                .toList()) {
            System.out.printf(
                    "LENT: %s (%s) of %s working for %s%s, %s%n",
                    u.callsign(),
                    u.id(),
                    u.organisation(),
                    u.lentTo().orElseThrow(),
                    state.findAidRequestHolding(u.id())
                            .map(r -> " under mutual aid request " + r.id())
                            .orElse(""),
                    u.status());
        }
        System.out.println("RESPONSE TIMES (last 24 h; mean and 90th centile, each / its target where there is one)");
        for (Organisation o : state.organisations().values().stream()
                .sorted(Comparator.comparing(o -> o.id().value()))
                .toList()) {
            // as the dashboard and GET /kpis say it: the figures still count, beside the suspension
            var escalation = state.escalationOf(o.id());
            if (escalation.targetsSuspended())
                System.out.printf(
                        "  %-10s targets suspended by the escalation level (%d: %s)%n",
                        o.id(), escalation.level(), escalation.reason());
            for (Priority p : Priority.values()) {
                if (!p.appliesTo(o.agency())) continue;
                // judged as /kpis judges them: no breach while the escalation level has suspended the targets
                ResponseStats s = responses
                        .statsForOrganisation(o.id(), p, ResponseTimes.Window.DAY, now)
                        .judgedUnder(escalation);
                if (s.count() == 0) continue;
                // the target each figure is judged against, as the dashboard shows it: a force's own, or none
                System.out.printf(
                        "  %-10s %-10s %4d calls%s  mean %s%s%s  90th %s%s%s%n",
                        o.id(),
                        p,
                        s.count(),
                        notReached(s),
                        words(s.mean().orElseThrow()),
                        s.target().mean().map(t -> " / " + words(t)).orElse(""),
                        verdict(s.breachesMean(), s.mean(), s.target().mean(), s.meanWithWaiting(), s.waiting()),
                        words(s.p90().orElseThrow()),
                        s.target().p90().map(t -> " / " + words(t)).orElse(""),
                        verdict(s.breachesP90(), s.p90(), s.target().p90(), s.p90WithWaiting(), s.waiting()));
            }
        }
        // waiting for units by the dispatch queue's own rule, as the dispatcher's queue stood
        var waiting = org.muster.engine.dispatch.DispatchQueue.waiting(state, rules.zones());
        var longest = waiting.stream()
                .min(Comparator.comparing(org.muster.domain.incident.Incident::receivedAt)
                        .thenComparing(i -> i.id().value()));
        System.out.printf(
                "WAITING: %d calls%s%n",
                waiting.size(),
                longest.map(i -> ", longest " + i.id() + " " + words(Duration.between(i.receivedAt(), now)))
                        .orElse(""));
        for (var o : capacity.listOverdue(state, now)) {
            System.out.printf(
                    "OVERDUE: %s %s for %s (limit %s)%n",
                    o.unit().callsign(), o.status(), words(o.inStatus()), words(o.limit()));
        }
        for (Alert a : state.listOpenAlerts()) {
            System.out.printf(
                    "ALERT %s: %s%s%n",
                    a.id(),
                    a.summary(),
                    a.proposedLevel()
                            .map(l -> " -> proposes " + a.proposedZone().orElseThrow() + " " + l)
                            .orElse(""));
            // an alert keeps the figures of when it was raised: the same place as it stands now, as the dashboard
            CapacityMonitor.standingNow(a.key(), board).ifPresent(s -> System.out.printf("      now it %s%n", s));
        }
        return 0;
    }

    /** ", 2 not reached (oldest 95 min 0 s)": calls still waiting, as the dashboard's column beside the figures. */
    static String notReached(ResponseStats s) {
        if (s.waiting() == 0) return "";
        return ", " + s.waiting() + " not reached"
                + s.oldestWait().map(w -> " (oldest " + words(w) + ")").orElse("");
    }

    /**
     * " OVER" when a figure breaches its target. The verdict counts the calls not reached yet at their waits so
     * far (ResponseStats), so a figure of reached calls under its target may still be over: then it says what it
     * was judged on, " OVER (with 2 not reached: 41 min 3 s)", rather than a figure under its target marked OVER.
     */
    static String verdict(
            boolean breaches,
            Optional<Duration> figure,
            Optional<Duration> target,
            Optional<Duration> withWaiting,
            int waiting) {
        if (!breaches) return "";
        boolean figureOver =
                figure.isPresent() && target.isPresent() && figure.get().compareTo(target.get()) > 0;
        if (figureOver || waiting == 0 || withWaiting.isEmpty()) return " OVER";
        return " OVER (with " + waiting + " not reached: " + words(withWaiting.get()) + ")";
    }

    /**
     * "4 min 28 s", "2 h 3 min"; over an hour the seconds too when there are any, so a figure 17 s over a
     * two-hour target does not read "2 h 0 min / 2 h 0 min OVER".
     */
    static String words(Duration d) {
        long s = d.toSeconds();
        if (s < 3600) return (s / 60) + " min " + (s % 60) + " s";
        return (s / 3600) + " h " + (s % 3600) / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
    }

    /**
     * A zone's colour as the board writes it: "NO UNITS" for a zone with none free at all, "NO HAZARDOUS_AREA_RESPONSE_TEAM" for one out
     * only of the types it keeps a minimum of (the capacity board decides which: {@code ZoneCapacity.outOf}), named as its lines beneath name them.
     */
    static String colourWord(CapacityBoard.ZoneCapacity c) {
        if (c.colour() != org.muster.engine.capacity.Colour.NONE)
            return c.colour().name();
        if (c.outOf().isEmpty()) return "NO UNITS";
        return "NO " + c.outOf().stream().map(Enum::name).collect(java.util.stream.Collectors.joining(" OR "));
    }
}
