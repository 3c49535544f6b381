package org.muster.geo.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.StationKind;
import org.muster.domain.people.Person;
import org.muster.domain.unit.CrewingRules;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitType;
import org.muster.geo.zone.GeoJsonZoneReader;
import org.muster.geo.zone.LoadedZones;
import org.muster.geo.zone.ZoneIndex;
import org.muster.geo.zone.ZoneShape;

class RegionGeneratorTest {
    private static final long SEED = 20_240_601L;

    @TempDir
    static Path dir;

    private static GeneratedRegion region;
    private static List<UnitRecord> units;
    private static List<PersonRecord> people;
    private static List<Station> stations;
    private static LoadedZones zones;

    @BeforeAll
    static void generate() {
        region = RegionGenerator.generate(RegionSpec.defaults(SEED), dir.resolve("a"));
        units = RegionFiles.readUnits(region.unitsFile());
        people = RegionFiles.readPeople(region.peopleFile());
        stations = RegionFiles.readStations(region.stationsFile());
        zones = GeoJsonZoneReader.read(region.zonesFile(), RegionFiles.ZONE_FORMAT);
    }

    private static List<Path> files(GeneratedRegion r) {
        return List.of(r.osmFile(), r.zonesFile(), r.stationsFile(), r.unitsFile(), r.peopleFile(), r.manifestFile());
    }

    @Test
    void theSameSeedGivesByteIdenticalFiles() throws IOException {
        GeneratedRegion again = RegionGenerator.generate(RegionSpec.defaults(SEED), dir.resolve("b"));

        for (int i = 0; i < files(region).size(); i++) {
            Path a = files(region).get(i);
            Path b = files(again).get(i);
            assertThat(Files.mismatch(a, b)).as("%s differs from %s", a, b).isEqualTo(-1L);
        }
    }

    @Test
    void anotherSeedGivesAnotherRegion() throws IOException {
        GeneratedRegion other = RegionGenerator.generate(RegionSpec.defaults(SEED + 1), dir.resolve("other"));

        for (int i = 0; i < files(region).size(); i++) {
            assertThat(Files.mismatch(files(region).get(i), files(other).get(i)))
                    .isNotEqualTo(-1L);
        }
        assertThat(other.manifest().settlements().getFirst().name())
                .isNotEqualTo(region.manifest().settlements().getFirst().name());
    }

    @Test
    void theManifestDescribesTheFiles() throws IOException {
        RegionManifest m = region.manifest();

        assertThat(GeneratedRegion.read(region.directory())).isEqualTo(region);
        assertThat(m.seed()).isEqualTo(SEED);
        assertThat(m.organisations())
                .extracting(RegionManifest.OrganisationEntry::toOrganisation)
                .containsExactlyElementsOf(RegionOrganisations.ALL);
        assertThat(m.counts().units()).isEqualTo(units.size()).isEqualTo(150);
        assertThat(m.counts().people()).isEqualTo(people.size());
        assertThat(m.counts().stations() + m.counts().hospitals()).isEqualTo(stations.size());
        assertThat(m.counts().zones()).isEqualTo(zones.zones().size());
        assertThat(m.counts().osmNodes()).isEqualTo(count(region.osmFile(), "<node "));
        assertThat(m.counts().osmWays()).isEqualTo(count(region.osmFile(), "<way "));
        assertThat(m.counts().cities()).isEqualTo(1);
        assertThat(m.counts().towns()).isEqualTo(4);
        assertThat(m.counts().villages()).isEqualTo(12);
        assertThat(m.counts().motorways()).isEqualTo(1);
        assertThat(m.counts().motorwayJunctions()).isPositive();
        assertThat(m.counts().junctions()).isBetween(2_500L, 5_000L);
        // Roughly 40 by 30 km around the default centre.
        GeoPoint sw = GeoPoint.of(m.bbox().minLat(), m.bbox().minLon());
        GeoPoint se = GeoPoint.of(m.bbox().minLat(), m.bbox().maxLon());
        GeoPoint nw = GeoPoint.of(m.bbox().maxLat(), m.bbox().minLon());
        assertThat(sw.distanceMetersTo(se)).isBetween(39_000.0, 41_000.0);
        assertThat(sw.distanceMetersTo(nw)).isBetween(29_000.0, 31_000.0);
    }

    private static long count(Path file, String prefix) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> l.stripLeading().startsWith(prefix.strip() + " "))
                    .count();
        }
    }

    @Test
    void unitsComeInTheProportionsOfEachKindOfService() {
        Map<Agency, Long> byAgency = units.stream()
                .collect(Collectors.groupingBy(
                        u -> u.type().agency(), () -> new EnumMap<>(Agency.class), Collectors.counting()));
        Map<UnitType, Long> byType = units.stream()
                .collect(Collectors.groupingBy(
                        UnitRecord::type, () -> new EnumMap<>(UnitType.class), Collectors.counting()));

        assertThat(byAgency)
                .containsEntry(Agency.POLICE, 75L)
                .containsEntry(Agency.AMBULANCE, 45L)
                .containsEntry(Agency.FIRE, 30L);
        assertThat(byType.keySet()).containsExactlyInAnyOrder(UnitType.values());
        assertThat(byType.get(UnitType.POLICE_RESPONSE_CAR)).isGreaterThan(byAgency.get(Agency.POLICE) / 2);
        assertThat(byType.get(UnitType.ARMED_RESPONSE_VEHICLE)).isBetween(2L, 10L);
        assertThat(byType.get(UnitType.DOG_UNIT)).isBetween(2L, 8L);
        assertThat(byType.get(UnitType.DOUBLE_CREWED_AMBULANCE)).isGreaterThan(byType.get(UnitType.RAPID_RESPONSE_CAR));
        assertThat(byType.get(UnitType.HAZARDOUS_AREA_RESPONSE_TEAM)).isBetween(1L, 3L);
        assertThat(byType.get(UnitType.AERIAL_LADDER_PLATFORM)).isBetween(1L, 6L);
        // Every force fields every police type.
        for (OrganisationId force : List.of(
                RegionOrganisations.WEST_POLICE.id(),
                RegionOrganisations.EAST_POLICE.id(),
                RegionOrganisations.NORTH_POLICE.id())) {
            assertThat(units.stream()
                            .filter(u -> u.organisation().equals(force))
                            .map(UnitRecord::type)
                            .collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder(
                            UnitType.POLICE_RESPONSE_CAR,
                            UnitType.ARMED_RESPONSE_VEHICLE,
                            UnitType.PUBLIC_ORDER_CARRIER,
                            UnitType.DOG_UNIT);
        }
    }

    @Test
    void idsAndCallsignsAreUniqueAndUnitsAreBasedAtTheirOwnKindOfStation() {
        Map<String, Station> byId =
                stations.stream().collect(Collectors.toMap(s -> s.id().value(), Function.identity()));
        assertThat(units.stream().map(u -> u.id().value()).distinct()).hasSize(units.size());
        assertThat(units.stream().map(u -> u.callsign().value()).distinct()).hasSize(units.size());
        assertThat(people.stream().map(p -> p.id().value()).distinct()).hasSize(people.size());
        assertThat(byId).hasSize(stations.size());
        for (UnitRecord u : units) {
            Station home = byId.get(u.homeStation().value());
            assertThat(home).as("home of %s", u.id()).isNotNull();
            assertThat(home.organisation()).isEqualTo(u.organisation());
            assertThat(home.kind())
                    .isEqualTo(
                            switch (u.type().agency()) {
                                case POLICE -> StationKind.POLICE_STATION;
                                case AMBULANCE -> StationKind.AMBULANCE_STATION;
                                case FIRE -> StationKind.FIRE_STATION;
                            });
        }
        assertThat(stations).filteredOn(s -> s.kind() == StationKind.HOSPITAL).isNotEmpty();
        for (Organisation o : RegionOrganisations.ALL) {
            assertThat(stations)
                    .filteredOn(s -> s.organisation().equals(o.id()) && s.kind() != StationKind.HOSPITAL)
                    .as("stations of %s", o.name())
                    .hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void everyUnitsCrewMeetsTheDefaultCrewingRulesForEveryCapability() {
        CrewingRules rules = CrewingRules.defaults();
        Map<UnitId, List<Person>> crews = new HashMap<>();
        for (PersonRecord p : people)
            p.unit()
                    .ifPresent(u ->
                            crews.computeIfAbsent(u, k -> new ArrayList<>()).add(p.toPerson()));

        for (UnitRecord u : units) {
            List<Person> crew = crews.getOrDefault(u.id(), List.of());
            assertThat(rules.shortfall(u.type(), crew))
                    .as("shortfall of %s %s", u.id(), u.type())
                    .isEmpty();
            assertThat(rules.liveCapabilities(u.type(), crew))
                    .as("capabilities of %s", u.id())
                    .isEqualTo(u.type().equipment());
            assertThat(crew.size()).isLessThanOrEqualTo(u.seats());
            assertThat(crew).allSatisfy(p -> assertThat(p.organisation()).isEqualTo(u.organisation()));
        }
        assertThat(crews.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        units.stream().map(UnitRecord::id).toList());
    }

    @Test
    void someSparePeopleCrewNoUnit() {
        long spares = people.stream().filter(p -> p.unit().isEmpty()).count();

        assertThat(spares).isEqualTo(region.counts().sparePeople()).isBetween(people.size() / 20L, people.size() / 5L);
        Set<OrganisationId> orgsWithSpares = people.stream()
                .filter(p -> p.unit().isEmpty())
                .map(PersonRecord::organisation)
                .collect(Collectors.toSet());
        assertThat(orgsWithSpares).hasSize(5);
    }

    @Test
    void eachOrganisationHasAnAreaSplitIntoSeveralZones() {
        for (Organisation o : RegionOrganisations.ALL) {
            List<ZoneShape> own = zones.zones().stream()
                    .filter(z -> z.organisation().equals(o.id()))
                    .toList();
            List<ZoneShape> areas =
                    own.stream().filter(z -> z.parent().isEmpty()).toList();
            assertThat(areas).as("areas of %s", o.name()).hasSize(1);
            List<ZoneShape> subZones =
                    own.stream().filter(z -> z.parent().isPresent()).toList();
            assertThat(subZones).hasSizeGreaterThanOrEqualTo(2);
            assertThat(subZones)
                    .allSatisfy(z ->
                            assertThat(z.parent()).hasValue(areas.getFirst().id()));
            double subArea =
                    subZones.stream().mapToDouble(z -> z.geometry().getArea()).sum();
            assertThat(subArea)
                    .as("sub-zones of %s tile its area", o.name())
                    .isCloseTo(
                            areas.getFirst().geometry().getArea(),
                            org.assertj.core.data.Percentage.withPercentage(0.01));
        }
        assertThat(zones.repairs()).isEmpty();
    }

    @Test
    void everyPointOfTheRegionLiesInExactlyOneSubZoneOfEachServiceAndOneForce() {
        ZoneIndex subZones = ZoneIndex.of(zones.zones()).select(z -> z.parent().isPresent());
        RegionManifest.BoundingBox bb = region.manifest().bbox();
        int steps = 60;
        for (int i = 0; i < steps; i++) {
            for (int j = 0; j < steps; j++) {
                // Cell centres, so no sample falls exactly on the region's edge.
                GeoPoint p = GeoPoint.of(
                        bb.minLat() + (i + 0.5) * (bb.maxLat() - bb.minLat()) / steps,
                        bb.minLon() + (j + 0.5) * (bb.maxLon() - bb.minLon()) / steps);
                Map<String, Long> perOrg = subZones.listContaining(p).stream()
                        .collect(Collectors.groupingBy(z -> z.organisation().value(), Collectors.counting()));
                assertThat(perOrg.get("MAS")).as("ambulance zones at %s", p).isEqualTo(1L);
                assertThat(perOrg.get("MFRS")).as("fire zones at %s", p).isEqualTo(1L);
                assertThat(perOrg.getOrDefault("WSP", 0L)
                                + perOrg.getOrDefault("ESP", 0L)
                                + perOrg.getOrDefault("NSP", 0L))
                        .as("police zones at %s", p)
                        .isEqualTo(1L);
            }
        }
    }

    @Test
    void everyStationAndUnitLiesInASubZoneOfItsOwnOrganisation() {
        ZoneIndex subZones = ZoneIndex.of(zones.zones()).select(z -> z.parent().isPresent());
        for (Station s : stations) {
            assertThat(subZones.listContaining(s.location()))
                    .as("zones at %s", s.name())
                    .anySatisfy(z -> assertThat(z.organisation()).isEqualTo(s.organisation()));
        }
        for (UnitRecord u : units) {
            assertThat(subZones.listContaining(u.position()))
                    .as("zones at %s", u.id())
                    .anySatisfy(z -> assertThat(z.organisation()).isEqualTo(u.organisation()));
        }
    }

    @Test
    void csvFilesRoundTrip() throws IOException {
        Path copy = dir.resolve("copy");
        Files.createDirectories(copy);
        RegionFiles.writeUnits(copy.resolve("u.csv"), units);
        RegionFiles.writePeople(copy.resolve("p.csv"), people);
        RegionFiles.writeStations(copy.resolve("s.csv"), stations);

        assertThat(RegionFiles.readUnits(copy.resolve("u.csv"))).isEqualTo(units);
        assertThat(RegionFiles.readPeople(copy.resolve("p.csv"))).isEqualTo(people);
        assertThat(RegionFiles.readStations(copy.resolve("s.csv"))).isEqualTo(stations);
    }

    @Test
    void aBadCsvIsRefusedWithEveryProblemNamed() throws IOException {
        Path bad = dir.resolve("bad-units.csv");
        Files.writeString(
                bad,
                String.join(",", RegionFiles.UNIT_COLUMNS) + "\n"
                        + "WSP-U1,WS-RC01,WSP,POLICE_RESPONSE_CAR,WSP-PS001,4,52.6,-1.2\n"
                        + "WSP-U2,WS-RC02,WSP,SPACESHIP,WSP-PS001,4,52.6,-1.2\n"
                        + "bad id,WS-RC03,WSP,DOG_UNIT,WSP-PS001,0,95,-1.2\n"
                        + "WSP-U4,too,few\n");

        assertThatThrownBy(() -> RegionFiles.readUnits(bad))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly(
                                        "bad-units.csv[3].type",
                                        "bad-units.csv[4].unit_id",
                                        "bad-units.csv[4].seats",
                                        "bad-units.csv[4].lat",
                                        "bad-units.csv[5]"));
        Path people = dir.resolve("bad-people.csv");
        Files.writeString(people, "person_id,name\nP1,Ann\n");
        assertThatThrownBy(() -> RegionFiles.readPeople(people))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("bad-people.csv[1]")
                .hasMessageContaining("must be the header person_id,name,organisation,role,skills,unit_id");
        assertThatThrownBy(() -> RegionFiles.readStations(dir.resolve("missing.csv")))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aMediumRegionOfFiftyThousandJunctionsTakesSeconds() {
        RegionSpec spec = RegionGenerator.specForJunctions(SEED, 50_000);
        long start = System.nanoTime();
        GeneratedRegion medium = RegionGenerator.generate(spec, dir.resolve("medium"));
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(medium.counts().junctions()).isBetween(50_000L, 52_500L);
        assertThat(medium.counts().units()).isGreaterThan(1_000);
        assertThat(medium.counts().cities()).isGreaterThan(1);
        assertThat(medium.counts().motorways()).isGreaterThan(1);
        // Generous for a shared CI machine; it takes about one second on a laptop.
        assertThat(seconds).isLessThan(20);
    }

    @Test
    void specsAreChecked() {
        assertThatThrownBy(() -> RegionSpec.defaults(1).withScale(0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> RegionSpec.defaults(1).withUnitCount(3)).isInstanceOf(InvalidInputException.class);
        assertThat(RegionSpec.defaults(1).withScale(300).unitCount()).isBetween(10_000, 11_000);
        assertThat(Arrays.asList(UnitPlanner.apportion(10, new double[] {0.9, 0.05, 0.05}, 1)))
                .isNotNull();
        assertThat(UnitPlanner.apportion(10, new double[] {0.9, 0.05, 0.05}, 1)).containsExactly(8, 1, 1);
        assertThat(UnitPlanner.apportion(150, new double[] {0.5, 0.3, 0.2}, 0)).containsExactly(75, 45, 30);
    }
}
