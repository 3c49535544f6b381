package org.muster.cli.imports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.muster.cli.config.DataOptions;
import org.muster.cli.config.StoreOptions;
import org.muster.domain.InvalidInputException;
import org.muster.domain.command.Actor;
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.domain.organisation.OrganisationId;
import org.muster.engine.rules.Rules;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.geo.zone.GeoJsonZoneReader;
import org.muster.geo.zone.GeoJsonZoneWriter;
import org.muster.geo.zone.LoadedZones;
import org.muster.geo.zone.ZoneFileFormat;
import org.muster.geo.zone.ZoneShape;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Imports an organisation's zones from GeoJSON: registers each zone with the engine and keeps the
 * repaired geometry in the data directory, where Muster loads it to place points in zones.
 */
@picocli.CommandLine.Command(
        name = "zones",
        mixinStandardHelpOptions = true,
        description = "Import an organisation's zones from a GeoJSON FeatureCollection.")
final class ImportZones implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "GeoJSON FeatureCollection of Polygon or MultiPolygon features")
    Path file;

    @Option(
            names = "--org",
            required = true,
            paramLabel = "CODE",
            description = "The organisation the zones belong to (registered already)")
    String org;

    @Option(
            names = "--name-property",
            required = true,
            paramLabel = "P",
            description = "The feature property holding the zone's name")
    String nameProperty;

    @Option(
            names = "--id-property",
            paramLabel = "P",
            description = "The feature property holding the zone's id (default: derived from the name)")
    Optional<String> idProperty = Optional.empty();

    @Mixin
    StoreOptions store;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(file)) throw InvalidInputException.of("FILE", file, "must be a readable GeoJSON file");
        OrganisationId organisation = OrganisationId.of(org);
        ZoneFileFormat format = ZoneFileFormat.of(nameProperty, organisation);
        if (idProperty.isPresent()) format = format.withIdProperty(idProperty.get());
        LoadedZones loaded = GeoJsonZoneReader.read(file, format); // refuses a bad file whole, every problem named
        loaded.repairs().forEach(r -> System.err.println("repaired " + r));
        try (EventStore log = EventLogs.open(store.config());
                SingleWriter engine =
                        SingleWriter.start(log, Rules.defaults(), Clock.systemUTC(), WriterConfig.DEFAULTS)) {
            engine.state().getOrganisation(organisation);
            List<CommandEnvelope> commands = new ArrayList<>();
            for (ZoneShape z : loaded.zones()) {
                if (engine.state().findZone(z.id()).isPresent()) continue; // imported before: geometry refreshed below
                commands.add(new CommandEnvelope(
                        CommandId.of("import-zone-" + z.id()),
                        Actor.of("import"),
                        "zones from " + file.getFileName(),
                        new Command.RegisterZone(z.id(), z.organisation(), z.name(), z.parent())));
            }
            for (CommandEnvelope c : commands) engine.execute(c);
            Path out = data.zonesDir().resolve(organisation + ".geojson");
            Files.createDirectories(out.getParent());
            try (OutputStream o = Files.newOutputStream(out)) {
                GeoJsonZoneWriter.write(loaded.zones(), o);
            }
            System.out.printf(
                    "%d zones of %s (%d new, %d repaired); geometry in %s%n",
                    loaded.zones().size(),
                    organisation,
                    commands.size(),
                    loaded.repairs().size(),
                    out);
        }
        return 0;
    }
}
