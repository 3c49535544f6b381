package org.muster.cli.imports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.muster.cli.config.DataOptions;
import org.muster.cli.config.ServiceConfig;
import org.muster.cli.config.StoreClock;
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
            paramLabel = "CODE",
            description = "The organisation the zones belong to (registered already)")
    Optional<String> org = Optional.empty();

    @Option(
            names = "--org-property",
            paramLabel = "P",
            description = "Instead of --org: the feature property naming each zone's organisation")
    Optional<String> orgProperty = Optional.empty();

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

    @Option(
            names = "--parent-property",
            paramLabel = "P",
            description = "The feature property naming a zone's parent zone")
    Optional<String> parentProperty = Optional.empty();

    @Mixin
    ServiceConfig config;

    @Mixin
    StoreOptions store;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() throws IOException {

        store.configuredBy(config);

        data.configuredBy(config);
        if (!Files.isRegularFile(file)) throw InvalidInputException.of("FILE", file, "must be a readable GeoJSON file");
        if (org.isPresent() == orgProperty.isPresent()) {
            throw InvalidInputException.of(
                    "--org", org.orElse(""), "give either --org CODE or --org-property P, not both and not neither");
        }
        ZoneFileFormat format = org.isPresent()
                ? ZoneFileFormat.of(nameProperty, OrganisationId.of(org.get()))
                : ZoneFileFormat.perFeatureOrganisation(nameProperty, orgProperty.get());
        if (idProperty.isPresent()) format = format.withIdProperty(idProperty.get());
        if (parentProperty.isPresent()) format = format.withParentProperty(parentProperty.get());
        LoadedZones loaded = GeoJsonZoneReader.read(file, format); // refuses a bad file whole, every problem named
        loaded.repairs().forEach(r -> System.err.println("repaired " + r));
        // parents before children, so a child's parent exists when it is registered
        List<ZoneShape> zones = new ArrayList<>(loaded.zones());
        zones.sort(java.util.Comparator.comparing((ZoneShape z) -> z.parent().isPresent())
                .thenComparing(z -> z.id().value()));
        Map<OrganisationId, List<ZoneShape>> byOrganisation = new TreeMap<>();
        for (ZoneShape z : zones)
            byOrganisation
                    .computeIfAbsent(z.organisation(), o -> new ArrayList<>())
                    .add(z);
        try (EventStore log = EventLogs.open(store.config());
                SingleWriter engine = SingleWriter.start(
                        log, Rules.defaults(), StoreClock.forWriting(log, Clock.systemUTC()), WriterConfig.DEFAULTS)) {
            byOrganisation.keySet().forEach(engine.state()::getOrganisation);
            int added = 0;
            for (ZoneShape z : zones) {
                if (engine.state().findZone(z.id()).isPresent()) continue; // imported before: geometry refreshed below
                engine.execute(new CommandEnvelope(
                        CommandId.of("import-zone-" + z.id()),
                        Actor.of("import"),
                        "zones from " + file.getFileName(),
                        new Command.RegisterZone(z.id(), z.organisation(), z.name(), z.parent())));
                added++;
            }
            Files.createDirectories(data.zonesDir());
            for (var entry : byOrganisation.entrySet()) {
                try (OutputStream o = Files.newOutputStream(data.zonesDir().resolve(entry.getKey() + ".geojson"))) {
                    GeoJsonZoneWriter.write(entry.getValue(), o);
                }
            }
            System.out.printf(
                    "%d zones of %s (%d new, %d repaired); geometry in %s%n",
                    zones.size(),
                    String.join(
                            ", ",
                            byOrganisation.keySet().stream()
                                    .map(Object::toString)
                                    .toList()),
                    added,
                    loaded.repairs().size(),
                    data.zonesDir());
        }
        return 0;
    }
}
