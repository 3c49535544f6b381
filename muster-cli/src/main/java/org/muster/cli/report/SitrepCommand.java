package org.muster.cli.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.muster.cli.config.DataOptions;
import org.muster.cli.config.ServiceConfig;
import org.muster.cli.config.StoreOptions;
import org.muster.cli.config.ZoneGeometry;
import org.muster.engine.aid.AidHours;
import org.muster.engine.report.Sitrep;
import org.muster.engine.rules.Rules;
import org.muster.server.MusterNode;
import org.muster.store.DomainJson;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The daily situation report of one UTC day, from the log: {@code sitrep-DATE.html} (with charts) and
 * {@code sitrep-DATE.json} written to {@code --out}, or the JSON alone on standard output with {@code --json}.
 */
@Command(
        name = "sitrep",
        mixinStandardHelpOptions = true,
        description = "The daily situation report from the log: demand, response times against the standards,"
                + " zones downgraded and calls rerouted (as the board counts them), calls served by another"
                + " organisation's units, escorts, mutual aid asked, filled and declined, officer-hours lent between"
                + " organisations, escalation levels and major incidents.")
public final class SitrepCommand implements Callable<Integer> {
    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The day (UTC)")
    LocalDate date;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the HTML and JSON (default: .)")
    Path out = Path.of(".");

    @Option(names = "--json", description = "Print the JSON to standard output instead of writing files")
    boolean json;

    @Mixin
    ServiceConfig config;

    @Mixin
    StoreOptions store;

    /** The zone geometry that places each call in its zones, for the calls rerouted. */
    @Mixin
    DataOptions data;

    @Mixin
    org.muster.cli.config.DemoFolderOption demoFolder;

    @Override
    public Integer call() {
        Sitrep report;
        demoFolder.applyTo(config, store, data);
        store.configuredBy(config);
        data.configuredBy(config, store.existing());
        // the service's own targets and rules, as the board and its dashboard judge by them
        var settings = config.settingsFor(store.existing());
        Rules rules = settings.rules(ZoneGeometry.load(data), java.util.Optional.empty());
        // officer-hours as the service counts them: the journey home by its roads when it has them
        java.util.Optional<org.muster.geo.road.RoadNetwork> roads = MusterNode.roadsOf(settings);
        try (EventStore log = EventLogs.open(store.existing())) {
            report = Sitrep.of(log, date, rules, settings.responseTargets(), AidHours.of(roads));
        } finally {
            roads.ifPresent(org.muster.geo.road.RoadNetwork::close);
        }
        String text = DomainJson.write(report);
        if (json) {
            System.out.println(text);
            return 0;
        }
        try {
            Files.createDirectories(out);
            Path html = out.resolve("sitrep-" + date + ".html");
            Path jsonFile = out.resolve("sitrep-" + date + ".json");
            Files.writeString(html, SitrepHtml.render(report), StandardCharsets.UTF_8);
            Files.writeString(jsonFile, text, StandardCharsets.UTF_8);
            System.out.printf(
                    "situation report for %s (events %d to %d): %s, %s%n",
                    date, report.firstSequence(), report.lastSequence(), html, jsonFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }
}
