package org.muster.engine.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.engine.testing.Commands.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.domain.GeoPoint;
import org.muster.domain.command.Command;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.people.PersonId;
import org.muster.domain.people.PersonRole;
import org.muster.domain.people.Skill;
import org.muster.domain.unit.Callsign;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitType;
import org.muster.engine.rules.Rules;
import org.muster.engine.testing.TestClock;
import org.muster.engine.writer.MemoryEventLog;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.geo.road.RoadNetwork;
import org.muster.geo.road.RoadNetworkConfig;

/**
 * A recommendation obeys a turn restriction: on a small grid of streets, the ambulance 50 m short of a
 * junction whose left turn is forbidden (100 m from the call through that turn, 500 m legally) is not sent
 * first to a call 50 m past that turn; the one 150 m away is, and with the restriction ignored the nearer
 * one would have been.
 */
class TurnRestrictionDispatchTest {
    private static final OrganisationId AMBULANCE = OrganisationId.of("TRS");
    private static final double LAT = 52.60;
    private static final double LON = -0.70;
    /** About 200 m between junctions. */
    private static final double STEP_LAT = 0.0018;

    private static final double STEP_LON = 0.0030;

    /** On the street from the west into the centre junction, a quarter of a block short of it. */
    private static final GeoPoint NEAR = at(1, 0.75);
    /** On the northern street, half a block east of its middle junction: 150 m from the call, legally. */
    private static final GeoPoint FAR = at(2, 1.5);
    /** On the street north out of the centre junction, a quarter of a block past it. */
    private static final GeoPoint CALL = GeoPoint.of(LAT + 1.25 * STEP_LAT, LON + STEP_LON);

    private final TestClock clock = TestClock.at("2026-11-22T18:00:00Z");

    @Test
    void theAmbulanceBehindAForbiddenTurnIsNotSentFirst(@TempDir Path dir) throws IOException {
        Path osm = writeGrid(dir);
        RoadNetworkConfig config = RoadNetworkConfig.defaults(dir.resolve("cache"))
                .withContractionHierarchies(false)
                .withMinNetworkSize(0)
                .withShowProgress(false);

        try (RoadNetwork network = RoadNetwork.load(osm, config)) {
            Recommendation r = recommend(network);
            assertThat(r.proposedSet().getFirst().unit())
                    .as("the left turn from the west into the northern street is forbidden: " + r)
                    .isEqualTo(UnitId.of("TRS-FAR"));
        }
        try (RoadNetwork ignoring = RoadNetwork.load(osm, config.withTurnRestrictions(false))) {
            Recommendation r = recommend(ignoring);
            assertThat(r.proposedSet().getFirst().unit())
                    .as("with the restriction ignored, the nearer ambulance turns left: " + r)
                    .isEqualTo(UnitId.of("TRS-NEAR"));
        }
    }

    private Recommendation recommend(RoadNetwork network) {
        Rules rules = Rules.defaults();
        try (SingleWriter engine = SingleWriter.start(new MemoryEventLog(), rules, clock, WriterConfig.DEFAULTS)) {
            engine.execute(env(new Command.RegisterOrganisation(AMBULANCE, "Turns Ambulance", Agency.AMBULANCE)));
            ambulance(engine, "TRS-NEAR", NEAR);
            ambulance(engine, "TRS-FAR", FAR);
            IncidentId id = IncidentId.of("TRS-1");
            engine.execute(env(new Command.CreateIncident(
                    id, AMBULANCE, IncidentTypeCode.of("FALL"), Optional.empty(), CALL, "", new TreeSet<>())));
            return new Recommender(network, rules, DispatchConfig.DEFAULTS)
                    .recommend(engine.state(), id, clock.instant(), false);
        }
    }

    private static void ambulance(SingleWriter engine, String id, GeoPoint where) {
        UnitId unit = UnitId.of(id);
        engine.execute(env(new Command.RegisterUnit(
                unit,
                Callsign.of(id),
                AMBULANCE,
                UnitType.DOUBLE_CREWED_AMBULANCE,
                Optional.empty(),
                2,
                Optional.of(where))));
        PersonId paramedic = PersonId.of(id + "-P");
        PersonId technician = PersonId.of(id + "-T");
        engine.execute(env(new Command.RegisterPerson(
                paramedic,
                "Paramedic " + id,
                AMBULANCE,
                PersonRole.PARAMEDIC,
                new TreeSet<>(EnumSet.of(Skill.PARAMEDIC)))));
        engine.execute(env(new Command.RegisterPerson(
                technician,
                "Technician " + id,
                AMBULANCE,
                PersonRole.EMERGENCY_MEDICAL_TECHNICIAN,
                new TreeSet<>(EnumSet.of(Skill.EMERGENCY_MEDICAL_TECHNICIAN)))));
        engine.execute(env(new Command.SetCrew(unit, new TreeSet<>(List.of(paramedic, technician)))));
    }

    /** Row {@code row}, a fractional column along that row's street. */
    private static GeoPoint at(int row, double column) {
        return GeoPoint.of(LAT + row * STEP_LAT, LON + column * STEP_LON);
    }

    /**
     * Three by three junctions, every block a two-way residential street of its own, and one restriction:
     * from the street entering the centre from the west, no left turn into the street leaving it north.
     */
    private static Path writeGrid(Path dir) throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\">\n");
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                xml.append(String.format(
                        Locale.ROOT,
                        "  <node id=\"%d\" lat=\"%.7f\" lon=\"%.7f\"/>%n",
                        node(r, c),
                        LAT + r * STEP_LAT,
                        LON + c * STEP_LON));
            }
        }
        long way = 1;
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                if (c + 1 < 3) street(xml, way++, node(r, c), node(r, c + 1));
                if (r + 1 < 3) street(xml, way++, node(r, c), node(r + 1, c));
            }
        }
        // Ways are numbered row by row, east then north from each junction: (1,0)-(1,1) is 6, (1,1)-(2,1) is 9.
        xml.append("  <relation id=\"1\">\n")
                .append("    <member type=\"way\" ref=\"6\" role=\"from\"/>\n")
                .append("    <member type=\"node\" ref=\"")
                .append(node(1, 1))
                .append("\" role=\"via\"/>\n")
                .append("    <member type=\"way\" ref=\"9\" role=\"to\"/>\n")
                .append("    <tag k=\"type\" v=\"restriction\"/>\n")
                .append("    <tag k=\"restriction\" v=\"no_left_turn\"/>\n")
                .append("  </relation>\n</osm>\n");
        Path file = dir.resolve("turns.osm");
        Files.writeString(file, xml);
        return file;
    }

    private static long node(int r, int c) {
        return 1 + r * 3L + c;
    }

    private static void street(StringBuilder xml, long id, long from, long to) {
        xml.append("  <way id=\"")
                .append(id)
                .append("\">\n    <nd ref=\"")
                .append(from)
                .append("\"/>\n    <nd ref=\"")
                .append(to)
                .append("\"/>\n    <tag k=\"highway\" v=\"residential\"/>\n  </way>\n");
    }
}
