package org.muster.cli.aid;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.muster.cli.config.DataOptions;
import org.muster.cli.config.RoadOptions;
import org.muster.cli.config.ServiceConfig;
import org.muster.cli.config.StoreOptions;
import org.muster.cli.config.ZoneGeometry;
import org.muster.domain.InvalidInputException;
import org.muster.domain.aid.AidRequest;
import org.muster.domain.aid.AidRequestId;
import org.muster.engine.aid.AidSuggester;
import org.muster.engine.aid.AidSuggestion;
import org.muster.engine.aid.AidSuggestions;
import org.muster.engine.coverage.CoverageConfig;
import org.muster.engine.coverage.CoverageTracker;
import org.muster.engine.coverage.DemandCells;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.engine.writer.Recovery;
import org.muster.geo.cell.CellIndex;
import org.muster.geo.road.RoadNetwork;
import org.muster.store.DomainJson;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Who could answer a request: each organisation's spare units above its safe minimums, their travel time
 * to the rendezvous point (by road with {@code --osm}, else a straight-line estimate) and, with
 * {@code --coverage}, the coverage it would lose.
 */
@Command(
        name = "suggest",
        mixinStandardHelpOptions = true,
        description = "Rank the organisations that could help with a mutual aid request.")
public final class AidSuggestCommand implements Callable<Integer> {
    @Parameters(paramLabel = "REQUEST", description = "The mutual aid request's id")
    String request;

    @Option(names = "--json", description = "Print the suggestions as JSON")
    boolean json;

    @Option(
            names = "--coverage",
            description = "Weigh the coverage each organisation would lose (needs --osm; builds demand cells)")
    boolean withCoverage;

    @Mixin
    ServiceConfig config;

    @Mixin
    StoreOptions store;

    @Mixin
    DataOptions data;

    @ArgGroup(exclusive = false, heading = "Road network (optional; straight-line estimates without it)%n")
    RoadOptions roads;

    @Override
    public Integer call() {
        AidRequestId id = AidRequestId.of(request);
        store.configuredBy(config);
        data.configuredBy(config);
        MusterState state;
        try (EventStore log = EventLogs.open(store.existing())) {
            state = Recovery.replay(log).state();
        }
        AidRequest r = state.getAidRequest(id);
        if (withCoverage && roads == null)
            throw InvalidInputException.of("--coverage", "true", "needs a road network: give --osm too");
        Optional<RoadNetwork> network = Optional.ofNullable(roads).map(o -> o.load(data));
        try {
            // the service's own rules (escalation, dispatch), as its suggestions are made under them
            Rules rules = config.settings().rules(ZoneGeometry.load(data), network);
            AidSuggester suggester = new AidSuggester(rules);
            if (network.isPresent()) suggester = suggester.withRoads(network.get());
            if (withCoverage) {
                CellIndex grid = CellIndex.h3();
                // the demand the running service measures the coverage lost over
                DemandCells cells = DemandCells.ofService(network.get(), grid, rules.zones());
                // at the organisations' own targets, as the service measures it
                CoverageConfig coverage = CoverageConfig.of(rules.catalogue())
                        .withOwnTargets(config.settings().responseTargets());
                suggester = suggester.withCoverage(CoverageTracker.start(cells, coverage, state, Runnable::run));
            }
            AidSuggestions s = suggester.suggest(state, id);
            if (json) System.out.println(DomainJson.write(s));
            else print(r, s);
        } finally {
            network.ifPresent(RoadNetwork::close);
        }
        return 0;
    }

    private static void print(AidRequest r, AidSuggestions s) {
        System.out.printf(
                "%s by %s: %s (%s), %d still needed; report by %s at %s%n",
                r.id(), r.requester(), r.need(), r.status(), s.stillNeeded(), r.reportBy(), r.rendezvous());
        System.out.printf(
                "  %-4s %-10s %8s %6s %10s %10s %10s  %s%n",
                "RANK", "ORG", "SUITABLE", "SPARE", "FIRST", "ALL", "COVERAGE", "WOULD SEND");
        int rank = 0;
        for (AidSuggestion a : s.suggestions()) {
            System.out.printf(
                    "  %-4d %-10s %8d %6d %10s %10s %10s  %s%n",
                    ++rank,
                    a.organisation(),
                    a.suitable(),
                    a.spare(),
                    a.firstArrival().map(AidSuggestCommand::words).orElse("-"),
                    a.allArrive().map(AidSuggestCommand::words).orElse("-"),
                    a.coverage()
                            .map(l -> String.format(Locale.ROOT, "-%.1f pts", l.pointsLost()))
                            .orElse("-"),
                    a.proposed());
            a.reasons().forEach(reason -> System.out.println("         " + reason));
        }
        if (s.suggestions().isEmpty()) System.out.println("  no organisation has suitable units free");
        s.notes().forEach(n -> System.out.println("  NOTE: " + n));
    }

    private static String words(Duration d) {
        long m = d.toMinutes();
        return m < 60 ? m + " min" : (m / 60) + " h " + (m % 60) + " min";
    }
}
