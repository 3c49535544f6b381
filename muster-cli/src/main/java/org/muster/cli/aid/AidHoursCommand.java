package org.muster.cli.aid;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.muster.cli.config.DataOptions;
import org.muster.cli.config.RoadOptions;
import org.muster.cli.config.ServiceConfig;
import org.muster.cli.config.StoreClock;
import org.muster.cli.config.StoreOptions;
import org.muster.domain.aid.AidRequestId;
import org.muster.engine.aid.AidHours;
import org.muster.engine.state.MusterState;
import org.muster.engine.writer.Recovery;
import org.muster.geo.road.RoadNetwork;
import org.muster.store.DomainJson;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The hours units were lent under mutual aid, per unit, per request and per pair of organisations: unit-hours
 * (arrival at the rendezvous point to release) beside officer-hours with the journeys there and back, as cost
 * recovery counts them. The journey home is by road with {@code --osm}, else the measured journey there.
 */
@Command(
        name = "hours",
        mixinStandardHelpOptions = true,
        description = "Hours units were lent under mutual aid, for cost recovery: unit-hours, and officer-hours with"
                + " the journeys there and back (units still lent count to now).")
public final class AidHoursCommand implements Callable<Integer> {
    @Option(names = "--request", paramLabel = "REQUEST", description = "Only this request")
    Optional<String> request = Optional.empty();

    @Option(names = "--json", description = "Print the report as JSON")
    boolean json;

    @Mixin
    ServiceConfig config;

    @Mixin
    StoreOptions store;

    @Mixin
    DataOptions data;

    @Mixin
    org.muster.cli.config.DemoFolderOption demoFolder;

    @ArgGroup(
            exclusive = false,
            heading = "Road network (optional; the journey home by road, else by the service's own roads (--config's,"
                    + " a demo's), else the measured journey there)%n")
    RoadOptions roads;

    @Override
    public Integer call() {
        demoFolder.applyTo(config, store, data);
        store.configuredBy(config);

        data.configuredBy(config);
        MusterState state;
        Instant now;
        try (EventStore log = EventLogs.open(store.existing())) {
            state = Recovery.replay(log).state();
            // units still lent count to the store's now, not the machine's: a demo's log runs on its own clock
            now = StoreClock.now(log, Clock.systemUTC());
        }
        // the journey home by road as the service reckons it: --osm, else the service's own roads (its
        // configuration's, a demo's), else the measured journey there
        Optional<RoadNetwork> network = roads != null
                ? Optional.of(roads.load(data))
                : org.muster.server.MusterNode.roadsOf(config.settingsFor(store.existing()));
        AidHours.Report report;
        try {
            AidHours hours = AidHours.of(network);
            report = request.map(AidRequestId::of)
                    .map(id -> hours.report(state, id, now))
                    .orElseGet(() -> hours.report(state, now));
        } finally {
            network.ifPresent(RoadNetwork::close);
        }
        if (json) {
            System.out.println(DomainJson.write(report));
            return 0;
        }
        System.out.printf(
                "HOURS LENT (as of %s; units still lent count to now)%n"
                        + "  unit-hours from arrival at the rendezvous point to release;"
                        + " officer-hours = crew x (there + at host + home)%n",
                report.asOf());
        System.out.printf(
                "  %-14s %-12s %-10s %-8s %-8s %-30s %-30s %8s %4s %6s %6s %-8s %9s%n",
                "REQUEST",
                "UNIT",
                "CALLSIGN",
                "HOME",
                "HOST",
                "ARRIVED",
                "RELEASED",
                "UNIT-H",
                "CREW",
                "THERE",
                "HOME",
                "BY",
                "OFFICER-H");
        for (AidHours.Line l : report.lines()) {
            System.out.printf(
                    "  %-14s %-12s %-10s %-8s %-8s %-30s %-30s %8.2f %4d %6.2f %6.2f %-8s %9.2f%n",
                    l.request(),
                    l.unit(),
                    l.callsign(),
                    l.home(),
                    l.host(),
                    l.arrived().map(Object::toString).orElse("on its way"),
                    l.end().map(Object::toString).orElse("still lent"),
                    l.hours(),
                    l.crew(),
                    l.travelOutHours(),
                    l.travelHomeHours(),
                    l.travelHomeBasis(),
                    l.officerHours());
        }
        System.out.println("BY REQUEST");
        for (AidHours.RequestTotal t : report.requests())
            System.out.printf(
                    "  %-14s host %-8s %3d units %8.2f unit-h %9.2f officer-h%n",
                    t.request(), t.host(), t.deployments(), t.hours(), t.officerHours());
        System.out.println("BY PAIR (home -> host)");
        for (AidHours.PairTotal t : report.pairs())
            System.out.printf(
                    "  %-8s -> %-8s %3d units %8.2f unit-h %9.2f officer-h%n",
                    t.home(), t.host(), t.deployments(), t.hours(), t.officerHours());
        System.out.printf("TOTAL %.2f unit-h, %.2f officer-h%n", report.totalHours(), report.totalOfficerHours());
        report.notes().forEach(n -> System.out.println("  " + n));
        return 0;
    }
}
