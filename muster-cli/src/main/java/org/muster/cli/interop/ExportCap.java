package org.muster.cli.interop;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.muster.cli.config.ServiceConfig;
import org.muster.cli.config.StoreClock;
import org.muster.cli.config.StoreOptions;
import org.muster.domain.publicalert.PublicAlert;
import org.muster.domain.publicalert.PublicAlertId;
import org.muster.engine.state.MusterState;
import org.muster.engine.writer.Recovery;
import org.muster.interop.cap.AtomFeed;
import org.muster.interop.cap.Cap;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * A public alert of the log as its latest OASIS CAP 1.2 message, or without an id the current alerts as an
 * Atom feed: what {@code GET /api/v1/cap/alerts/{id}} and {@code /api/v1/cap/feed.atom} answer, read from the
 * store.
 */
@Command(
        name = "cap",
        mixinStandardHelpOptions = true,
        description = "Print a public alert as CAP 1.2 XML, or the current alerts as an Atom feed.")
final class ExportCap implements Callable<Integer> {
    @Parameters(paramLabel = "ID", arity = "0..1", description = "The public alert's id; none for the feed")
    Optional<String> id = Optional.empty();

    @Mixin
    ServiceConfig config;

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() {

        store.configuredBy(config);
        String out;
        try (EventStore log = EventLogs.open(store.existing())) {
            MusterState state = Recovery.replay(log).state();
            Instant now = StoreClock.now(log, Clock.systemUTC());
            if (id.isPresent()) {
                PublicAlert alert = state.getPublicAlert(PublicAlertId.of(id.get()));
                out = Cap.write(alert, state.getOrganisation(alert.organisation()), state.zones());
            } else {
                out = AtomFeed.write(
                        state.publicAlerts().values().stream()
                                .filter(a -> a.isCurrent(now))
                                .sorted(Comparator.comparing(PublicAlert::id))
                                .toList(),
                        state.organisations(),
                        "/api/v1/cap/feed.atom",
                        "/api/v1/cap/alerts/{id}",
                        now);
            }
        }
        PrintStream print = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        print.println(out);
        print.flush();
        return 0;
    }
}
