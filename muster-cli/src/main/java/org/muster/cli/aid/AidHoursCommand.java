package org.muster.cli.aid;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.muster.cli.config.StoreOptions;
import org.muster.domain.aid.AidRequestId;
import org.muster.engine.aid.AidHours;
import org.muster.engine.state.MusterState;
import org.muster.engine.writer.Recovery;
import org.muster.store.DomainJson;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The hours units were lent under mutual aid, per unit, per request and per pair of organisations. */
@Command(
        name = "hours",
        mixinStandardHelpOptions = true,
        description = "Hours units were lent under mutual aid, for cost recovery (units still lent count to now).")
public final class AidHoursCommand implements Callable<Integer> {
    @Option(names = "--request", paramLabel = "REQUEST", description = "Only this request")
    Optional<String> request = Optional.empty();

    @Option(names = "--json", description = "Print the report as JSON")
    boolean json;

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() {
        MusterState state;
        try (EventStore log = EventLogs.open(store.config())) {
            state = Recovery.replay(log).state();
        }
        Instant now = Clock.systemUTC().instant();
        AidHours.Report report = request.map(AidRequestId::of)
                .map(id -> AidHours.report(state, id, now))
                .orElseGet(() -> AidHours.report(state, now));
        if (json) {
            System.out.println(DomainJson.write(report));
            return 0;
        }
        System.out.printf("HOURS LENT (as of %s; units still lent count to now)%n", report.asOf());
        System.out.printf(
                "  %-14s %-12s %-10s %-8s %-8s %-30s %-30s %8s%n",
                "REQUEST", "UNIT", "CALLSIGN", "HOME", "HOST", "FROM", "TO", "HOURS");
        for (AidHours.Line l : report.lines()) {
            System.out.printf(
                    "  %-14s %-12s %-10s %-8s %-8s %-30s %-30s %8.2f%n",
                    l.request(),
                    l.unit(),
                    l.callsign(),
                    l.home(),
                    l.host(),
                    l.start(),
                    l.end().map(Object::toString).orElse("still lent"),
                    l.hours());
        }
        System.out.println("BY REQUEST");
        for (AidHours.RequestTotal t : report.requests())
            System.out.printf(
                    "  %-14s host %-8s %3d units %8.2f h%n", t.request(), t.host(), t.deployments(), t.hours());
        System.out.println("BY PAIR (home -> host)");
        for (AidHours.PairTotal t : report.pairs())
            System.out.printf("  %-8s -> %-8s %3d units %8.2f h%n", t.home(), t.host(), t.deployments(), t.hours());
        System.out.printf("TOTAL %.2f h%n", report.totalHours());
        return 0;
    }
}
