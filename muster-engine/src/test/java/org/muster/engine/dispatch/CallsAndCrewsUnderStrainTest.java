package org.muster.engine.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.muster.engine.testing.Commands.env;
import static org.muster.engine.testing.Commands.status;

import java.time.Duration;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.command.Command;
import org.muster.domain.event.Event;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.domain.organisation.StationKind;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.region.RegionCommands;
import org.muster.engine.rules.RoadLocations;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.testing.TestClock;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.geo.road.GeoBounds;
import org.muster.geo.road.RoadNetwork;

/** A call off the roads is taken with a warning; a hospital is named for the handover; a parked unit is not stale. */
class CallsAndCrewsUnderStrainTest {
    private static final OrganisationId AMBULANCE = OrganisationId.of("MAS");

    private final TestClock clock = TestClock.at("2026-11-22T20:00:00Z");
    private final RoadNetwork network = RegionFixture.network();
    private SingleWriter engine;
    private Recommender recommender;

    @BeforeEach
    void start() {
        Rules rules = Rules.defaults().withLocations(RoadLocations.of(network));
        engine = SingleWriter.start(new MemoryEventLog(), rules, clock, WriterConfig.DEFAULTS);
        for (var c : RegionCommands.of(RegionFixture.region())) engine.execute(env(c));
        recommender = new Recommender(network, rules, DispatchConfig.DEFAULTS);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private MusterState state() {
        return engine.state();
    }

    private IncidentId call(String id, String type, GeoPoint at) {
        engine.execute(env(new Command.CreateIncident(
                IncidentId.of(id), AMBULANCE, IncidentTypeCode.of(type), Optional.empty(), at, "", new TreeSet<>())));
        return IncidentId.of(id);
    }

    /** A point of the region more than the snapping limit from any road, but with a road to walk to. */
    private GeoPoint offRoad() {
        GeoBounds b = network.bounds();
        for (int i = 1; i < 60; i++) {
            for (int j = 1; j < 60; j++) {
                GeoPoint p = GeoPoint.of(
                        b.southWest().lat()
                                + (b.northEast().lat() - b.southWest().lat()) * i / 60,
                        b.southWest().lon()
                                + (b.northEast().lon() - b.southWest().lon()) * j / 60);
                if (network.findSnap(p).isEmpty() && network.findNearestRoad(p).isPresent()) return p;
            }
        }
        throw new AssertionError("the region has no place far from its roads");
    }

    @Test
    void aCallFarFromAnyRoadIsTakenWithTheWalkFromTheNearestRoadPointInWords() {
        GeoPoint field = offRoad();
        double walk = network.findNearestRoad(field).orElseThrow().offRoadMeters();
        assertThat(walk).isGreaterThan(network.config().maxSnapDistanceMeters());

        var result = engine.execute(env(new Command.CreateIncident(
                IncidentId.of("I-FIELD"),
                AMBULANCE,
                IncidentTypeCode.of("FALL"),
                Optional.empty(),
                field,
                "walker fallen on the hillside",
                new TreeSet<>())));

        Event.IncidentCreated created =
                (Event.IncidentCreated) result.events().get(0).event();
        assertThat(created.warnings())
                .singleElement()
                .asString()
                .contains(RoadLocations.onFoot(walk) + " on foot from the nearest road point (");
        assertThat(state().getIncident(IncidentId.of("I-FIELD")).timeline())
                .anySatisfy(t -> assertThat(t.what()).startsWith("warning: the caller is"));
        // and it is served from that road point
        Recommendation r = recommender.recommend(state(), IncidentId.of("I-FIELD"), clock.instant(), false);
        assertThat(r.proposedSet()).isNotEmpty();
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("on foot from the nearest road point"));
    }

    @Test
    void aCallOutsideTheServicesAreaIsTakenSayingSoAndAnUnknownTypeIsRefusedNamingTheServicesTypes() {
        var zones = org.muster.geo.zone.ZoneIndex.of(org.muster.geo.zone.GeoJsonZoneReader.read(
                        RegionFixture.region().zonesFile(), org.muster.geo.region.RegionFiles.ZONE_FORMAT)
                .zones());
        Rules rules = Rules.defaults()
                .withLocations(RoadLocations.of(network))
                .withZones(org.muster.engine.rules.ZoneLocators.of(zones));
        try (SingleWriter withAreas = SingleWriter.start(new MemoryEventLog(), rules, clock, WriterConfig.DEFAULTS)) {
            for (var c : RegionCommands.of(RegionFixture.region())) withAreas.execute(env(c));
            GeoPoint station = state().stations().values().stream()
                    .filter(st -> st.organisation().equals(AMBULANCE))
                    .findFirst()
                    .orElseThrow()
                    .location();
            // in its area: no word about the place
            var inside = withAreas.execute(env(new Command.CreateIncident(
                    IncidentId.of("I-IN"),
                    AMBULANCE,
                    IncidentTypeCode.of("FALL"),
                    Optional.empty(),
                    station,
                    "",
                    new TreeSet<>())));
            assertThat(((Event.IncidentCreated) inside.events().get(0).event()).warnings())
                    .isEmpty();
            // coordinates a hundred kilometres off (London for Midshire): taken, and the call handler told
            var london = withAreas.execute(env(new Command.CreateIncident(
                    IncidentId.of("I-OUT"),
                    AMBULANCE,
                    IncidentTypeCode.of("FALL"),
                    Optional.empty(),
                    GeoPoint.of(51.5, -0.1),
                    "",
                    new TreeSet<>())));
            assertThat(((Event.IncidentCreated) london.events().get(0).event()).warnings())
                    .first()
                    .asString()
                    .isEqualTo("the place is outside every zone of "
                            + state().getOrganisation(AMBULANCE).name()
                            + " (MAS): check it, or hand the call over to the service whose area it is");
            // a type the catalogue lacks is bad input naming the field and the service's types
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> withAreas.execute(env(new Command.CreateIncident(
                            IncidentId.of("I-ALIEN"),
                            AMBULANCE,
                            IncidentTypeCode.of("ALIENS"),
                            Optional.empty(),
                            station,
                            "",
                            new TreeSet<>()))))
                    .isInstanceOf(org.muster.domain.InvalidInputException.class)
                    .hasMessageContaining("type='ALIENS': is not an incident type; MAS's are [")
                    .hasMessageContaining("CARDIAC_ARREST")
                    .hasMessageNotContaining("BURGLARY");
            // a police type for the ambulance service (a call handed over) names the service's own types
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> withAreas.execute(env(new Command.CreateIncident(
                            IncidentId.of("I-POLICE"),
                            AMBULANCE,
                            IncidentTypeCode.of("STABBING"),
                            Optional.empty(),
                            station,
                            "",
                            new TreeSet<>()))))
                    .isInstanceOf(org.muster.domain.InvalidInputException.class)
                    .hasMessageContaining(
                            "type='STABBING': is a POLICE incident type; MAS is AMBULANCE, whose types are [")
                    .hasMessageContaining("STABBING_CASUALTY");
        }
    }

    @Test
    void aConveyingCrewNamesItsHospitalWhichMustBeAHospital() {
        Station hospital = state().stations().values().stream()
                .filter(s -> s.kind() == StationKind.HOSPITAL)
                .findFirst()
                .orElseThrow();
        Station notAHospital = state().stations().values().stream()
                .filter(s -> s.kind() != StationKind.HOSPITAL)
                .findFirst()
                .orElseThrow();
        GeoPoint at = state().getStation(notAHospital.id()).location();
        IncidentId call = call("I-CONVEY", "FALL", at);
        Candidate c = recommender
                .recommend(state(), call, clock.instant(), false)
                .proposedSet()
                .get(0);
        String unit = c.unit().value();
        engine.execute(env(new Command.AssignUnit(call, c.unit(), AssignmentRole.PRIMARY)));
        engine.execute(env(status(unit, UnitStatus.ON_SCENE)));

        assertThatThrownBy(() -> engine.execute(env(new Command.ChangeUnitStatus(
                        c.unit(), UnitStatus.TRANSPORTING, Optional.empty(), Optional.of(notAHospital.id())))))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).violations())
                        .singleElement()
                        .satisfies(v -> {
                            assertThat(v.field()).isEqualTo("hospital");
                            assertThat(v.rule()).contains("must be a hospital");
                        }));
        assertThatThrownBy(() -> new Command.ChangeUnitStatus(
                        c.unit(), UnitStatus.RETURNING, Optional.empty(), Optional.of(hospital.id())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("TRANSPORTING or AT_HOSPITAL");

        var events = engine.execute(env(new Command.ChangeUnitStatus(
                        c.unit(), UnitStatus.TRANSPORTING, Optional.empty(), Optional.of(hospital.id()))))
                .events();
        assertThat(((Event.UnitStatusChanged) events.get(0).event()).hospital()).contains(hospital.id());
        assertThat(state().getUnit(c.unit()).hospital()).contains(hospital.id());
        // the handover is at the hospital named on the way
        engine.execute(env(status(unit, UnitStatus.AT_HOSPITAL)));
        assertThat(state().getUnit(c.unit()).hospital()).contains(hospital.id());
        engine.execute(env(status(unit, UnitStatus.RETURNING)));
        assertThat(state().getUnit(c.unit()).hospital()).isEmpty();
    }

    @Test
    void aUnitParkedAtItsStationIsNotStaleButOneThatStoppedReportingOnTheRoadIs() {
        Station station = state().stations().values().stream()
                .filter(s -> s.organisation().equals(AMBULANCE) && s.kind() != StationKind.HOSPITAL)
                .findFirst()
                .orElseThrow();
        var parked = state().units().values().stream()
                .filter(u -> u.homeStation().equals(Optional.of(station.id())) && u.isAvailable())
                .findFirst()
                .orElseThrow();
        IncidentId first = call("I-PARKED", "FALL", station.location());
        clock.advance(Duration.ofHours(2));

        Candidate atStation =
                recommender.recommend(state(), first, clock.instant(), true).fills().get(0).ranked().stream()
                        .filter(c -> c.unit().equals(parked.id()))
                        .findFirst()
                        .orElseThrow();
        assertThat(atStation.positionAge()).isGreaterThan(Duration.ofHours(1));
        assertThat(atStation.warnings()).isEmpty();

        // the same unit, last heard of two kilometres out on the road, is stale: one warning, in words
        GeoPoint away = state().units().values().stream()
                .map(u -> u.position().orElseThrow().point())
                .filter(p ->
                        p.distanceMetersTo(station.location()) > 2000 && p.distanceMetersTo(station.location()) < 8000)
                .findFirst()
                .orElseThrow();
        engine.execute(env(new Command.ReportPosition(parked.id(), away)));
        clock.advance(Duration.ofHours(1));
        Candidate stale = recommender.recommend(state(), first, clock.instant(), true).fills().get(0).ranked().stream()
                .filter(c -> c.unit().equals(parked.id()))
                .findFirst()
                .orElseThrow();
        assertThat(stale.warnings()).containsExactly("last position report 1 h old");
        assertThat(stale.reason()).doesNotContain("position report");
    }
}
