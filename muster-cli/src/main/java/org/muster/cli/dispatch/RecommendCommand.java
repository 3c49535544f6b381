package org.muster.cli.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.muster.cli.config.DataOptions;
import org.muster.cli.config.RoadOptions;
import org.muster.cli.config.ServiceConfig;
import org.muster.cli.config.StoreClock;
import org.muster.cli.config.StoreOptions;
import org.muster.cli.config.ZoneGeometry;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.engine.dispatch.Candidate;
import org.muster.engine.dispatch.DispatchConfig;
import org.muster.engine.dispatch.Recommendation;
import org.muster.engine.dispatch.Recommender;
import org.muster.engine.state.MusterState;
import org.muster.engine.writer.Recovery;
import org.muster.geo.road.RoadNetwork;
import org.muster.store.DomainJson;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Who can get there first: the ranked units for an incident in the log, with the reasons. */
@Command(
        name = "recommend",
        mixinStandardHelpOptions = true,
        description = "Rank the suitable units for an incident by road travel time.")
public final class RecommendCommand implements Callable<Integer> {
    @Parameters(paramLabel = "INCIDENT", description = "The incident's id")
    String incident;

    @Option(names = "--all", description = "Rank every suitable unit, not only the fastest few per requirement")
    boolean all;

    @Option(names = "--max-minutes", description = "Ignore units further than this by road (default: ${DEFAULT-VALUE})")
    int maxMinutes = (int) DispatchConfig.DEFAULTS.maxTravelTime().toMinutes();

    @Option(names = "--json", description = "Print the recommendation as JSON")
    boolean json;

    @Mixin
    ServiceConfig config;

    @Mixin
    StoreOptions store;

    @Mixin
    DataOptions data;

    @Mixin
    RoadOptions roads;

    @Override
    public Integer call() {
        IncidentId id = IncidentId.of(incident);
        store.configuredBy(config);
        data.configuredBy(config);
        MusterState state;
        java.time.Instant now;
        try (EventStore log = EventLogs.open(store.existing())) {
            state = Recovery.replay(log).state();
            now = StoreClock.now(log, Clock.systemUTC());
        }
        Incident i = state.getIncident(id);
        try (RoadNetwork network = roads.load(data)) {
            Recommender recommender = new Recommender(
                    network,
                    // the service's own dispatch policy, as its recommendations rank by it
                    config.settings().rules(ZoneGeometry.load(data), java.util.Optional.of(network)),
                    DispatchConfig.DEFAULTS.withMaxTravelTime(Duration.ofMinutes(maxMinutes)));
            long t0 = System.nanoTime();
            Recommendation r = recommender.recommend(state, id, now, all);
            double millis = (System.nanoTime() - t0) / 1e6;
            if (json) {
                System.out.println(DomainJson.write(r));
                return 0;
            }
            System.out.printf("%s %s %s at %s (%s)%n", i.id(), i.type(), i.priority(), i.location(), i.status());
            for (Recommendation.Fill f : r.fills()) {
                System.out.printf(
                        "  needs %s%s: %d more%n",
                        f.requirement(),
                        f.role() == org.muster.domain.incident.AssignmentRole.ESCORT ? " as ESCORT" : "",
                        f.stillNeeded());
                for (Candidate c : f.ranked()) {
                    System.out.printf(
                            "    %s %-10s %s%s%n",
                            f.proposed().contains(c) ? "*" : " ",
                            c.callsign(),
                            c.reason(),
                            c.warnings().isEmpty() ? "" : "; WARNING: " + String.join("; ", c.warnings()));
                }
            }
            r.shortfalls().forEach(s -> System.out.println("  SHORT: " + s.reason()));
            r.notes().forEach(n -> System.out.println("  NOTE: " + n));
            r.expectedArrival()
                    .ifPresent(t -> System.out.println("  expected arrival of the whole set: " + t.toSeconds() / 60
                            + " min " + t.toSeconds() % 60 + " s"));
            System.out.printf("  (%.2f ms)%n", millis);
        }
        return 0;
    }
}
