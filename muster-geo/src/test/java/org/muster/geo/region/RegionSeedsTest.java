package org.muster.geo.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.StationKind;
import org.muster.domain.unit.UnitType;
import org.muster.geo.zone.GeoJsonZoneReader;
import org.muster.geo.zone.ZoneIndex;

/** The region's invariants hold for many seeds, not only the ones the other tests picked. */
class RegionSeedsTest {
    private static final int SEEDS = 25;

    @Test
    void everySeedGivesAConnectedRegionWithCrewedUnitsInTheirOwnZones(@TempDir Path dir) throws Exception {
        for (long seed = 1; seed <= SEEDS; seed++) {
            GeneratedRegion region = RegionGenerator.generate(RegionSpec.defaults(seed), dir.resolve("s" + seed));
            List<UnitRecord> units = RegionFiles.readUnits(region.unitsFile());
            List<PersonRecord> people = RegionFiles.readPeople(region.peopleFile());
            List<Station> stations = RegionFiles.readStations(region.stationsFile());
            ZoneIndex subZones = ZoneIndex.of(GeoJsonZoneReader.read(region.zonesFile(), RegionFiles.ZONE_FORMAT)
                            .zones())
                    .select(z -> z.parent().isPresent());

            String why = "seed " + seed;
            assertThat(RegionChecks.nodesNotStronglyConnected(region.osmFile()))
                    .as(why)
                    .isZero();
            assertThat(RegionChecks.crewProblems(units, people)).as(why).isEmpty();
            assertThat(RegionChecks.outsideOwnZones(subZones, stations, units))
                    .as(why)
                    .isEmpty();
            assertThat(units).as(why).hasSize(150);
            assertThat(region.counts().motorways()).as(why).isPositive();
            assertThat(region.counts().motorwayJunctions()).as(why).isPositive();
            for (Organisation force : List.of(
                    RegionOrganisations.WEST_POLICE,
                    RegionOrganisations.EAST_POLICE,
                    RegionOrganisations.NORTH_POLICE)) {
                assertThat(stations.stream()
                                .filter(s ->
                                        s.organisation().equals(force.id()) && s.kind() == StationKind.POLICE_STATION))
                        .as("%s: stations of %s", why, force.name())
                        .hasSizeGreaterThanOrEqualTo(2);
                Set<UnitType> types = units.stream()
                        .filter(u -> u.organisation().equals(force.id()))
                        .map(UnitRecord::type)
                        .collect(Collectors.toSet());
                assertThat(types).as("%s: unit types of %s", why, force.name()).hasSize(4);
            }
        }
    }

    @Test
    void smallAndLargerScalesKeepTheInvariants(@TempDir Path dir) throws Exception {
        for (double scale : new double[] {0.05, 0.3, 4}) {
            for (long seed = 1; seed <= 4; seed++) {
                RegionSpec spec = RegionSpec.defaults(seed).withScale(scale);
                GeneratedRegion region = RegionGenerator.generate(spec, dir.resolve(scale + "-" + seed));
                List<UnitRecord> units = RegionFiles.readUnits(region.unitsFile());
                List<Station> stations = RegionFiles.readStations(region.stationsFile());
                ZoneIndex subZones = ZoneIndex.of(GeoJsonZoneReader.read(region.zonesFile(), RegionFiles.ZONE_FORMAT)
                                .zones())
                        .select(z -> z.parent().isPresent());

                String why = "scale " + scale + " seed " + seed;
                assertThat(RegionChecks.nodesNotStronglyConnected(region.osmFile()))
                        .as(why)
                        .isZero();
                assertThat(RegionChecks.crewProblems(units, RegionFiles.readPeople(region.peopleFile())))
                        .as(why)
                        .isEmpty();
                assertThat(RegionChecks.outsideOwnZones(subZones, stations, units))
                        .as(why)
                        .isEmpty();
                assertThat(units).as(why).hasSize(spec.unitCount());
            }
        }
    }
}
