package org.muster.cli.interop;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.muster.cli.config.DataOptions;
import org.muster.cli.config.Moment;
import org.muster.cli.config.ServiceConfig;
import org.muster.cli.config.StoreClock;
import org.muster.cli.config.StoreOptions;
import org.muster.cli.config.ZoneGeometry;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;
import org.muster.domain.organisation.OrganisationId;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.engine.writer.Recovery;
import org.muster.sim.des.RecordedCall;
import org.muster.sim.project.ServiceHistory;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The calls a service received, from its log, as the CSV file a scenario's {@code demand.replay} reads: so a
 * planner can rehearse last Friday's own calls under a walkout. The calls are those a projection learns from
 * ({@link ServiceHistory#recordedCalls}): a duplicate merged into another call is left out, as is a call cancelled
 * before anyone was sent, and a call in none of its organisation's zones (a replay could not place it).
 */
@Command(
        name = "calls",
        mixinStandardHelpOptions = true,
        description = "Print the calls the log received, as the CSV file a scenario's demand.replay reads"
                + " (docs/simulator.md).")
final class ExportCalls implements Callable<Integer> {
    @Option(
            names = "--from",
            paramLabel = "MOMENT",
            description = "The first moment: " + Moment.FORMS + " (default: the log's first event)")
    Optional<String> from = Optional.empty();

    @Option(
            names = "--to",
            paramLabel = "MOMENT",
            description = "Up to this moment, not included, as --from (default: the log's last event)")
    Optional<String> to = Optional.empty();

    @Option(
            names = {"--org", "--organisation"},
            paramLabel = "ORG",
            description = "Only this organisation's calls (repeatable; default: every organisation's)")
    List<String> organisations = new ArrayList<>();

    @Mixin
    ServiceConfig config;

    @Mixin
    StoreOptions store;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() {
        store.configuredBy(config);
        data.configuredBy(config, store.existing());
        var settings = config.settingsFor(store.existing());
        List<RecordedCall> calls;
        Instant start;
        Instant end;
        try (EventStore log = EventLogs.open(store.existing())) {
            Rules rules = settings.rules(ZoneGeometry.load(data), Optional.empty())
                    .withClosedIncidents(log.closedIncidents());
            MusterState state = Recovery.replay(log).state();
            Instant first = log.findFirstEventTime()
                    .orElseThrow(() -> InvalidInputException.of(
                            "--store", store.existing(), "must name an event log that holds events"));
            Instant last = StoreClock.now(log, Clock.systemUTC());
            Check problems = Check.collecting();
            start = from.map(t -> instant(problems, log, "--from", t, last)).orElse(first);
            end = to.map(t -> instant(problems, log, "--to", t, last)).orElse(last.plusMillis(1));
            if (start != null && end != null && !start.isBefore(end))
                problems.add("--from", from.orElse(start.toString()), "must be before --to (" + end + ")");
            List<OrganisationId> only = new ArrayList<>();
            for (String o : organisations) {
                OrganisationId id = OrganisationId.of(o);
                if (state.findOrganisation(id).isEmpty())
                    problems.add(
                            "--org",
                            o,
                            "is not an organisation of the log; expected one of "
                                    + state.organisations().keySet().stream()
                                            .map(OrganisationId::value)
                                            .sorted()
                                            .toList());
                else only.add(id);
            }
            if (!state.zones().isEmpty() && state.zones().keySet().stream().noneMatch(rules.zones()::hasAreaOf))
                problems.add(
                        "--data",
                        data.dir(),
                        "must hold the zones' geometry (" + data.zonesDir()
                                + "), to tell which calls lie in their organisation's zones");
            problems.throwIfAny();
            calls = ServiceHistory.recordedCalls(state, rules, start, end).stream()
                    .filter(c -> only.isEmpty() || only.contains(c.organisation()))
                    .toList();
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        out.print(RecordedCall.csv(calls));
        out.flush();
        // a scenario's start on the minute before the first call, long enough for the last
        Instant minute = start.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        System.err.printf(
                "export: %,d calls received from %s to before %s; replay them from a scenario with start: %s,"
                        + " duration: %s and demand: {replay: FILE} (docs/simulator.md)%n",
                calls.size(), start, end, minute, words(Duration.between(minute, end)));
        return 0;
    }

    /** The moment as every command that looks back reads it ({@link Moment}); null, with the problem, if none. */
    private static Instant instant(Check problems, EventStore log, String option, String text, Instant last) {
        try {
            return Moment.parse(option, text).instantIn(log, option, java.time.ZoneId.systemDefault(), last);
        } catch (InvalidInputException e) {
            problems.addAll(e);
            return null;
        }
    }

    /** A duration as a scenario file writes it: whole minutes, rounded up so the last call lies within. */
    private static String words(Duration d) {
        long minutes = (d.toSeconds() + 59) / 60;
        return minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
    }
}
