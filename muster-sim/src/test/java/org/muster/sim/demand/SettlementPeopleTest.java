package org.muster.sim.demand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.domain.InvalidInputException;
import org.muster.domain.incident.IncidentTypeCatalogue;
import org.muster.geo.region.FileRegion;
import org.muster.geo.region.GeneratedRegion;

/**
 * A region's files may give each settlement's people (a census figure): the demand model then shares calls
 * between zones by them, not by the settlement's kind, which counts Oakham and Uppingham alike as towns.
 */
class SettlementPeopleTest {
    private static final Path RUTLAND = Path.of("..", "scenarios", "rutland");

    @Test
    void aSettlementsOwnPeopleShareTheCallsInsteadOfItsKind(@TempDir Path dir) throws IOException {
        Map<String, Double> byKind = people(load(dir.resolve("kind"), RUTLAND.resolve("settlements.csv")));
        assertThat(byKind.get("Oakham")).isEqualTo(byKind.get("Uppingham"));

        // figures for the test, not Rutland's census: Oakham ten times Uppingham
        Path counted = dir.resolve("settlements.csv");
        List<String> lines = Files.readAllLines(RUTLAND.resolve("settlements.csv"));
        StringBuilder out = new StringBuilder(lines.getFirst() + ",people\n");
        for (String line : lines.subList(1, lines.size()))
            out.append(line)
                    .append(line.startsWith("Oakham,") ? ",10000" : line.startsWith("Uppingham,") ? ",1000" : ",500")
                    .append('\n');
        Files.writeString(counted, out);
        Map<String, Double> given = people(load(dir.resolve("given"), counted));
        assertThat(given.get("Oakham")).isEqualTo(10_000);
        assertThat(given.get("Uppingham")).isEqualTo(1_000);
        assertThat(given.get("Cottesmore")).isEqualTo(500);

        // the zones' shares of the calls follow: the Uppingham sector's population is its town's and its land's
        DemandModel model = DemandModel.forRegion(
                load(dir.resolve("model"), counted),
                DemandProfile.busyEvening(),
                IncidentTypeCatalogue.defaults(),
                DemandModel.RoadSnap.NONE);
        DemandZone uppingham = model.listZones().stream()
                .filter(z -> z.places().stream().anyMatch(p -> p.name().equals("Uppingham")))
                .filter(z -> z.organisation().value().equals("EMAS"))
                .findFirst()
                .orElseThrow();
        double land = uppingham.population()
                - uppingham.places().stream()
                        .mapToDouble(DemandZone.Place::population)
                        .sum();
        assertThat(uppingham.population())
                .isLessThan(1_000 + 500 * uppingham.places().size() + 1_000);
        assertThat(land).isBetween(0.0, 1_000.0);
    }

    @Test
    void aBadCountIsRefusedNamingItsLine(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(
                dir.resolve("settlements.csv"),
                "name,kind,lat,lon,radius_m,people\nOakham,TOWN,52.6705,-0.7271,1400,many\n");
        assertThatThrownBy(() -> load(dir.resolve("work"), bad))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("settlements.csv[2].people='many'")
                .hasMessageContaining("must be a whole number from 1 to 50000000");
        Path header = Files.writeString(dir.resolve("settlements.csv"), "name,kind,lat,lon,radius_m,census\n");
        assertThatThrownBy(() -> load(dir.resolve("work"), header))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(
                        "must be the header name,kind,lat,lon,radius_m or name,kind,lat,lon,radius_m,people");
    }

    private static GeneratedRegion load(Path work, Path settlements) throws IOException {
        Files.createDirectories(work);
        return new FileRegion(
                        RUTLAND.resolve("rutland.osm.pbf"),
                        RUTLAND.resolve("organisations.csv"),
                        RUTLAND.resolve("zones.geojson"),
                        RUTLAND.resolve("stations.csv"),
                        RUTLAND.resolve("units.csv"),
                        RUTLAND.resolve("people.csv"),
                        Optional.of(settlements))
                .load(work);
    }

    /** The people the demand model places in each settlement, by name. */
    private static Map<String, Double> people(GeneratedRegion region) {
        return RegionDemand.zones(region).stream()
                .flatMap(z -> z.places().stream())
                .collect(Collectors.toMap(DemandZone.Place::name, DemandZone.Place::population, (a, b) -> a));
    }
}
