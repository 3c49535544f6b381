package org.muster.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.muster.domain.alert.AlertStatus;
import org.muster.domain.command.WithdrawalMode;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentTypeCatalogue;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.OperatingLevel;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.StationId;
import org.muster.domain.organisation.ZoneId;
import org.muster.domain.people.Skill;
import org.muster.domain.testing.Samples;
import org.muster.domain.unit.CrewingRules;
import org.muster.domain.unit.UnavailableReason;
import org.muster.domain.unit.UnitStatus;

/**
 * One case per validation rule of the domain's main code: each breaks the rule once and checks that the
 * refusal is an {@link InvalidInputException} whose violation names the field, the value given and the rule.
 *
 * <p>{@link #everyRuleInTheSourceHasACase()} reads the domain's sources for every rule ({@code Check.range},
 * {@code atLeast}, {@code text}, {@code code}, {@code nonEmpty}, {@code InvalidInputException.of} and a
 * collecting check's {@code add}; {@code Check.present} is {@link RecordShapeTest}'s) and fails when one has
 * no case here, or a case's rule has gone: add or remove the case with the rule.
 */
class ValidationRulesTest {

    /**
     * A rule and a way to break it.
     *
     * @param source the file holding the rule, under org/muster/domain
     * @param kind the check it makes: range, atLeast, text, code, nonEmpty, of (an InvalidInputException
     *     thrown by hand) or add (a violation collected by a bulk check)
     * @param named the field as the source names it: a literal, or the variable that holds it
     */
    record Rule(String source, String kind, String named, Executable breakIt, String field, String value, String rule) {
        String key() {
            return source + " " + kind + " " + named;
        }

        @Override
        public String toString() {
            return key() + " -> " + field + "='" + value + "'";
        }
    }

    private static Rule rule(
            String source, String kind, String named, Executable breakIt, String field, String value, String rule) {
        return new Rule(source, kind, named, breakIt, field, value, rule);
    }

    /** Breaks a record by giving one component a bad value: the record is found by name, so a rule in a class
     * not in this tree yet (another change's) is skipped rather than failing to compile. */
    private static Executable record(String className, String component, Object value) {
        return record(className, Map.of(component, value));
    }

    private static Executable record(String className, Map<String, Object> changes) {
        return () -> {
            Map<String, Optional<Object>> c = new HashMap<>();
            changes.forEach((k, v) -> c.put(k, Optional.ofNullable(v)));
            Samples.with(classNamed(className), c);
        };
    }

    private static Executable staticCall(String className, String method, Class<?>[] types, Object... args) {
        return () -> {
            try {
                classNamed(className).getMethod(method, types).invoke(null, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
    }

    private static Class<?> classNamed(String name) {
        String full = name.startsWith("org.") ? name : "org.muster.domain." + name;
        try {
            return Class.forName(full);
        } catch (ClassNotFoundException e) {
            assumeThat(false).as(full + " is not in this tree").isTrue();
            throw new IllegalStateException(e);
        }
    }

    private static final String CMD = "command.Command$";
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final String LONG = "y".repeat(501);
    private static final String CODE_RULE = "must be 1-64 letters, digits, '_', '.', ':' or '-'";

    static List<Rule> rules() {
        List<Rule> r = new ArrayList<>();
        // ---- Check itself: the rules every record's checks share ----
        r.add(rule(
                "Check.java",
                "of",
                "field",
                () -> Check.range("f", 91.5, -90, 90),
                "f",
                "91.5",
                "must be between -90.0 and 90.0"));
        r.add(rule(
                "Check.java", "of", "field", () -> Check.range("f", 65, 1, 64), "f", "65", "must be between 1 and 64"));
        r.add(rule("Check.java", "of", "field", () -> Check.atLeast("f", 0, 1), "f", "0", "must be at least 1"));
        r.add(rule("Check.java", "of", "field", () -> Check.present("f", null), "f", Violation.MISSING, "is required"));
        r.add(rule("Check.java", "of", "field", () -> Check.text("f", " "), "f", " ", "must not be blank"));
        r.add(rule(
                "Check.java",
                "of",
                "field",
                () -> Check.text("f", LONG),
                "f",
                "y".repeat(40) + "...",
                "must be at most 500 characters"));
        r.add(rule("Check.java", "of", "field", () -> Check.code("f", "-x"), "f", "-x", CODE_RULE));
        r.add(rule("Check.java", "of", "field", () -> Check.nonEmpty("f", List.of()), "f", "[]", "must not be empty"));
        // ---- values and identifiers ----
        r.add(rule(
                "GeoPoint.java",
                "range",
                "lat",
                record("GeoPoint", "lat", 90.5),
                "lat",
                "90.5",
                "must be between -90.0 and 90.0"));
        r.add(rule(
                "GeoPoint.java",
                "range",
                "lon",
                record("GeoPoint", "lon", -180.5),
                "lon",
                "-180.5",
                "must be between -180.0 and 180.0"));
        for (String[] id : new String[][] {
            {"alert/AlertId.java", "alert.AlertId", "alertId"},
            {"incident/IncidentId.java", "incident.IncidentId", "incidentId"},
            {"incident/IncidentTypeCode.java", "incident.IncidentTypeCode", "incidentTypeCode"},
            {"unit/Callsign.java", "unit.Callsign", "callsign"},
            {"unit/UnitId.java", "unit.UnitId", "unitId"},
            {"organisation/OrganisationId.java", "organisation.OrganisationId", "organisationId"},
            {"organisation/StationId.java", "organisation.StationId", "stationId"},
            {"organisation/ZoneId.java", "organisation.ZoneId", "zoneId"},
            {"aid/AidRequestId.java", "aid.AidRequestId", "aidRequestId"},
            {"aid/OfferId.java", "aid.OfferId", "offerId"},
            {"command/CommandId.java", "command.CommandId", "commandId"},
            {"people/PersonId.java", "people.PersonId", "personId"},
            {"publicalert/PublicAlertId.java", "publicalert.PublicAlertId", "publicAlertId"},
            {"road/RoadClosureId.java", "road.RoadClosureId", "roadClosureId"},
        }) {
            r.add(rule(id[0], "code", id[2], record(id[1], "value", "a b"), id[2], "a b", CODE_RULE));
        }
        r.add(rule(
                "command/Actor.java",
                "code",
                "actor",
                record("command.Actor", "id", "x".repeat(65)),
                "actor",
                "x".repeat(65),
                CODE_RULE));
        // ---- handovers between services: the peer is a name from muster.peers ----
        for (String c : List.of("RecordHandover", "RecordHandoverRefused")) {
            r.add(rule(
                    "command/Command.java",
                    "code",
                    "peer",
                    record(CMD + c, "peer", "the ambulance"),
                    "peer",
                    "the ambulance",
                    CODE_RULE));
        }
        r.add(rule(
                "command/Command.java",
                "text",
                "reason",
                record(CMD + "RecordHandoverRefused", "reason", " "),
                "reason",
                " ",
                "must not be blank"));
        // ---- public alerts ----
        r.add(rule(
                "publicalert/AlertArea.java",
                "text",
                "description",
                record("publicalert.AlertArea", "description", ""),
                "description",
                "",
                "must not be blank"));
        r.add(rule(
                "publicalert/AlertArea.java",
                "of",
                "zones",
                record("publicalert.AlertArea", Map.of("zones", new TreeSet<>(), "polygon", List.of())),
                "zones",
                "none, and no polygon",
                "must name zones or draw a polygon"));
        r.add(rule(
                "publicalert/AlertArea.java",
                "of",
                "polygon",
                record(
                        "publicalert.AlertArea",
                        "polygon",
                        List.of(GeoPoint.of(52, -1), GeoPoint.of(52.1, -1), GeoPoint.of(52, -1))),
                "polygon",
                "3 points",
                "must be a closed ring of 4 to 1000 points, the first repeated last"));
        r.add(rule(
                "publicalert/PublicAlertContent.java",
                "text",
                "headline",
                record("publicalert.PublicAlertContent", "headline", " "),
                "headline",
                " ",
                "must not be blank"));
        r.add(rule(
                "publicalert/PublicAlertContent.java",
                "of",
                "headline",
                record("publicalert.PublicAlertContent", "headline", "h".repeat(161)),
                "headline",
                "h".repeat(40) + "...",
                "must be at most 160 characters"));
        r.add(rule(
                "publicalert/PublicAlertContent.java",
                "of",
                "description",
                record("publicalert.PublicAlertContent", "description", "d".repeat(4001)),
                "description",
                "d".repeat(40) + "...",
                "must be at most 4000 characters"));
        // ---- incidents handed over from other control rooms ----
        r.add(rule(
                "incident/ReceivedIncident.java",
                "text",
                "standard",
                record("incident.ReceivedIncident", "standard", ""),
                "standard",
                "",
                "must not be blank"));
        r.add(rule(
                "incident/ReceivedIncident.java",
                "text",
                "sender",
                record("incident.ReceivedIncident", "sender", " "),
                "sender",
                " ",
                "must not be blank"));
        r.add(rule(
                "incident/ReceivedIncident.java",
                "text",
                "senderIncident",
                record("incident.ReceivedIncident", "senderIncident", LONG),
                "senderIncident",
                "y".repeat(40) + "...",
                "must be at most 500 characters"));
        // ---- organisations, zones, stations, people, units ----
        r.add(rule(
                "organisation/Organisation.java",
                "text",
                "organisation.name",
                record("organisation.Organisation", "name", ""),
                "organisation.name",
                "",
                "must not be blank"));
        r.add(rule(
                "organisation/Station.java",
                "text",
                "station.name",
                record("organisation.Station", "name", " "),
                "station.name",
                " ",
                "must not be blank"));
        r.add(rule(
                "organisation/Zone.java",
                "text",
                "zone.name",
                record("organisation.Zone", "name", LONG),
                "zone.name",
                "y".repeat(40) + "...",
                "must be at most 500 characters"));
        r.add(rule(
                "people/Person.java",
                "text",
                "person.name",
                record("people.Person", "name", "\t"),
                "person.name",
                "\t",
                "must not be blank"));
        r.add(rule(
                "unit/Unit.java",
                "range",
                "unit.seats",
                record("unit.Unit", "seats", 65),
                "unit.seats",
                "65",
                "must be between 1 and 64"));
        r.add(rule(
                "capacity/SafeMinimum.java",
                "atLeast",
                "minimum",
                record("capacity.SafeMinimum", "minimum", -1),
                "minimum",
                "-1",
                "must be at least 0"));
        // ---- crewing rules ----
        r.add(rule(
                "unit/CrewingRules.java",
                "atLeast",
                "count",
                () -> new CrewingRules.SkillNeed(Skill.PARAMEDIC, 0),
                "count",
                "0",
                "must be at least 1"));
        r.add(rule(
                "unit/CrewingRules.java",
                "add",
                "key",
                () -> CrewingRules.parse(new StringReader("type.DOG_UNIT = DOG_HANDLER*0")),
                "type.DOG_UNIT",
                "DOG_HANDLER*0",
                "must be SKILL or SKILL*N with N >= 1"));
        r.add(rule(
                "unit/CrewingRules.java",
                "add",
                "key",
                () -> CrewingRules.parse(new StringReader("crew.DOG_UNIT = DOG_HANDLER")),
                "crew.DOG_UNIT",
                "DOG_HANDLER",
                "keys must start with 'type.' or 'capability.'"));
        r.add(rule(
                "unit/CrewingRules.java",
                "add",
                "field",
                () -> CrewingRules.parse(new StringReader("capability.LASER = DOG_HANDLER")),
                "capability.LASER",
                "LASER",
                "must be one of [POLICE_RESPONSE"));
        // ---- incidents and the catalogue ----
        r.add(rule(
                "incident/ResourceRequirement.java",
                "of",
                "requirement",
                record(
                        "incident.ResourceRequirement",
                        Map.of("anyOfTypes", new TreeSet<>(), "capabilities", new TreeSet<>())),
                "requirement",
                "",
                "must name a unit type or a capability"));
        r.add(rule(
                "incident/Response.java",
                "of",
                "sequence",
                record("incident.Response", "sequence", 0L),
                "sequence",
                "0",
                "must be 1 or more"));
        r.add(rule(
                "incident/ResourceRequirement.java",
                "atLeast",
                "count",
                record("incident.ResourceRequirement", "count", 0),
                "count",
                "0",
                "must be at least 1"));
        r.add(rule(
                "incident/IncidentType.java",
                "text",
                "name",
                record("incident.IncidentType", "name", ""),
                "name",
                "",
                "must not be blank"));
        r.add(rule(
                "incident/IncidentType.java",
                "of",
                "priority",
                record("incident.IncidentType", "defaultPriority", Priority.C2),
                "priority",
                "C2",
                "is not a priority of POLICE"));
        r.add(rule(
                "incident/IncidentType.java",
                "nonEmpty",
                "requires",
                record("incident.IncidentType", "requirements", List.of()),
                "requires",
                "[]",
                "must not be empty"));
        String header = "code,name,agency,priority,requires,hazards\n";
        String line = "A,Thing,POLICE,EMERGENCY,POLICE_RESPONSE_CAR*1,\n";
        r.add(rule(
                "incident/IncidentTypeCatalogue.java",
                "of",
                "code",
                () -> IncidentTypeCatalogue.parse(new StringReader(header + line + line)),
                "code",
                "A",
                "must be unique in the catalogue"));
        r.add(rule(
                "incident/IncidentTypeCatalogue.java",
                "of",
                "\"line 1\"",
                () -> IncidentTypeCatalogue.parse(new StringReader("code,name\n" + line)),
                "line 1",
                "code,name",
                "must be the header"));
        r.add(rule(
                "incident/IncidentTypeCatalogue.java",
                "add",
                "catalogue",
                () -> IncidentTypeCatalogue.parse(new StringReader(header + "# none\n")),
                "catalogue",
                "",
                "must hold at least one incident type"));
        r.add(rule(
                "incident/IncidentTypeCatalogue.java",
                "of",
                "at",
                () -> IncidentTypeCatalogue.parse(new StringReader(header + "A,Thing,POLICE\n")),
                "line 2.columns",
                "3",
                "must be 6"));
        r.add(rule(
                "incident/IncidentTypeCatalogue.java",
                "of",
                "at",
                () -> IncidentTypeCatalogue.parse(
                        new StringReader(header + "A, ,POLICE,EMERGENCY,POLICE_RESPONSE_CAR*1,\n")),
                "line 2.name",
                "",
                "must not be blank"));
        r.add(rule(
                "incident/IncidentTypeCatalogue.java",
                "of",
                "field",
                () -> IncidentTypeCatalogue.parseRequirement("requires", "ARMED_RESPONSE_VEHICLE*0"),
                "requires",
                "ARMED_RESPONSE_VEHICLE*0",
                "must be TYPE|TYPE+CAPABILITY*N with N >= 1"));
        r.add(rule(
                "incident/IncidentTypeCatalogue.java",
                "add",
                "field",
                () -> IncidentTypeCatalogue.parse(
                        new StringReader(header + "a b,Thing,POLICE,EMERGENCY,POLICE_RESPONSE_CAR*1,\n")),
                "line 2.code",
                "a b",
                CODE_RULE));
        r.add(rule(
                "incident/IncidentTypeCatalogue.java",
                "add",
                "field",
                () -> IncidentTypeCatalogue.parseRequirement("requires", "TANK*1"),
                "requires",
                "TANK",
                "must be one of [POLICE_RESPONSE_CAR"));
        r.add(rule(
                "incident/ClosedIncidents.java",
                "of",
                "limit",
                staticCall(
                        "incident.ClosedIncidents",
                        "checkQuery",
                        new Class<?>[] {Instant.class, Instant.class, int.class},
                        T,
                        T,
                        0),
                "limit",
                "0",
                "must be 1 to "));
        r.add(rule(
                "incident/ClosedIncidents.java",
                "of",
                "to",
                staticCall(
                        "incident.ClosedIncidents",
                        "checkQuery",
                        new Class<?>[] {Instant.class, Instant.class, int.class},
                        T,
                        T.minusSeconds(1),
                        10),
                "to",
                T.minusSeconds(1).toString(),
                "must not be before from " + T));
        // ---- alerts ----
        r.add(rule(
                "alert/Alert.java",
                "text",
                "kind",
                record("alert.Alert", "kind", ""),
                "kind",
                "",
                "must not be blank"));
        r.add(rule(
                "alert/Alert.java", "text", "key", record("alert.Alert", "key", " "), "key", " ", "must not be blank"));
        r.add(rule(
                "alert/Alert.java",
                "text",
                "summary",
                record("alert.Alert", "summary", ""),
                "summary",
                "",
                "must not be blank"));
        r.add(rule(
                "alert/Alert.java",
                "of",
                "proposedLevel",
                record("alert.Alert", "proposedLevel", Optional.of(OperatingLevel.ELEVATED)),
                "proposedLevel",
                "Optional[ELEVATED]",
                "is given with a proposed zone, and only then"));
        r.add(rule(
                "alert/Alert.java",
                "of",
                "resolvedAt",
                record("alert.Alert", Map.of("status", AlertStatus.RESOLVED)),
                "resolvedAt",
                "Optional.empty",
                "is given when the alert is resolved (or dismissed and then over), and only then"));
        // ---- mutual aid ----
        r.add(rule(
                "aid/Addressees.java",
                "of",
                "organisations",
                record("aid.Addressees", "organisations", new TreeSet<>()),
                "organisations",
                "none",
                "must name organisations, a region, or the national coordinator"));
        r.add(rule(
                "aid/AidDeployment.java",
                "atLeast",
                "deployment.crew",
                record("aid.AidDeployment", "crew", -1),
                "deployment.crew",
                "-1",
                "must be at least 0"));
        r.add(rule(
                "aid/AidNeed.java",
                "of",
                "unitType",
                record("aid.AidNeed", "skill", Optional.of(Skill.PARAMEDIC)),
                "unitType",
                "POLICE_RESPONSE_CARPARAMEDIC",
                "must name either a unit type or a skill, not both or neither"));
        r.add(rule(
                "aid/AidNeed.java",
                "atLeast",
                "count",
                record("aid.AidNeed", "count", 0),
                "count",
                "0",
                "must be at least 1"));
        r.add(rule(
                "aid/AidNeed.java",
                "of",
                "unitType",
                record("aid.AidNeed", "supportUnit", Optional.of(org.muster.domain.aid.SupportUnit.STANDARD)),
                "unitType",
                "POLICE_RESPONSE_CAR",
                "must be PUBLIC_ORDER_CARRIER for police support units"));
        r.add(rule(
                "aid/AidOffer.java",
                "nonEmpty",
                "offer.units",
                record("aid.AidOffer", "units", new TreeSet<>()),
                "offer.units",
                "[]",
                "must not be empty"));
        r.add(rule(
                "aid/AidRequest.java",
                "of",
                "request.duration",
                record("aid.AidRequest", "duration", Duration.ZERO),
                "request.duration",
                "PT0S",
                "must be positive"));
        r.add(rule(
                "aid/AidRequest.java",
                "text",
                "request.reason",
                record("aid.AidRequest", "reason", ""),
                "request.reason",
                "",
                "must not be blank"));
        r.add(rule(
                "aid/Decline.java",
                "text",
                "decline.reason",
                record("aid.Decline", "reason", " "),
                "decline.reason",
                " ",
                "must not be blank"));
        r.add(rule(
                "aid/SupportUnit.java",
                "atLeast",
                "inspectors",
                () -> new org.muster.domain.aid.SupportUnit(-1, 3, 18, 3),
                "inspectors",
                "-1",
                "must be at least 0"));
        r.add(rule(
                "aid/SupportUnit.java",
                "atLeast",
                "sergeants",
                () -> new org.muster.domain.aid.SupportUnit(1, -1, 18, 3),
                "sergeants",
                "-1",
                "must be at least 0"));
        r.add(rule(
                "aid/SupportUnit.java",
                "atLeast",
                "constables",
                () -> new org.muster.domain.aid.SupportUnit(1, 3, 0, 3),
                "constables",
                "0",
                "must be at least 1"));
        r.add(rule(
                "aid/SupportUnit.java",
                "atLeast",
                "carriers",
                () -> new org.muster.domain.aid.SupportUnit(1, 3, 18, 0),
                "carriers",
                "0",
                "must be at least 1"));
        r.add(rule(
                "aid/SupportUnit.java",
                "of",
                "carriers",
                () -> new org.muster.domain.aid.SupportUnit(1, 1, 1, 3),
                "carriers",
                "3",
                "must be at most the 2 sergeants and constables who crew them"));
        // ---- commands ----
        r.add(rule(
                "command/CommandEnvelope.java",
                "of",
                "reason",
                record("command.CommandEnvelope", "reason", "z".repeat(1001)),
                "reason",
                "z".repeat(40) + "...",
                "must be at most 1000 characters"));
        r.add(rule(
                "command/PeopleSelection.java",
                "of",
                "share",
                record("command.PeopleSelection", "share", 0.0),
                "share",
                "0.0",
                "must be more than 0 and at most 1"));
        r.add(rule(
                "command/PeopleSelection.java",
                "of",
                "selection",
                record("command.PeopleSelection", "people", new TreeSet<>()),
                "selection",
                "",
                "must name people, an organisation or a skill"));
        r.add(rule(
                "command/UnitSelection.java",
                "of",
                "share",
                record("command.UnitSelection", "share", 1.5),
                "share",
                "1.5",
                "must be more than 0 and at most 1"));
        r.add(rule(
                "command/UnitSelection.java",
                "of",
                "selection",
                record("command.UnitSelection", "units", new TreeSet<>()),
                "selection",
                "",
                "must name units, an organisation, a type or a capability"));
        for (String c : List.of("RegisterOrganisation", "RegisterZone", "RegisterStation", "RegisterPerson")) {
            r.add(rule(
                    "command/Command.java",
                    "text",
                    "name",
                    record(CMD + c, "name", " "),
                    "name",
                    " ",
                    "must not be blank"));
        }
        r.add(rule(
                "command/Command.java",
                "of",
                "escorted",
                record(CMD + "SetEscortAgreement", "escorted", OrganisationId.of("x")),
                "escorted",
                "x",
                "must be another organisation than the escorting one"));
        roadClosureRules(r);
        r.add(rule(
                "command/Command.java",
                "range",
                "seats",
                record(CMD + "RegisterUnit", "seats", 0),
                "seats",
                "0",
                "must be between 1 and 64"));
        r.add(rule(
                "command/Command.java",
                "of",
                "rendezvous",
                record(CMD + "SetOperatingLevel", "level", OperatingLevel.CLOSED),
                "rendezvous",
                "",
                "is required to close a zone"));
        r.add(rule(
                "command/Command.java",
                "text",
                "kind",
                record(CMD + "RaiseAlert", "kind", ""),
                "kind",
                "",
                "must not be blank"));
        r.add(rule(
                "command/Command.java",
                "text",
                "key",
                record(CMD + "RaiseAlert", "key", ""),
                "key",
                "",
                "must not be blank"));
        r.add(rule(
                "command/Command.java",
                "text",
                "summary",
                record(CMD + "RaiseAlert", "summary", ""),
                "summary",
                "",
                "must not be blank"));
        r.add(rule(
                "command/Command.java",
                "of",
                "proposedLevel",
                record(CMD + "RaiseAlert", "proposedZone", Optional.of(ZoneId.of("Z"))),
                "proposedLevel",
                "Optional.empty",
                "is given with a proposed zone, and only then"));
        r.add(rule(
                "command/Command.java",
                "text",
                "resolution",
                record(CMD + "ResolveAlert", "resolution", ""),
                "resolution",
                "",
                "must not be blank"));
        r.add(rule(
                "command/Command.java",
                "of",
                "coveredFrom",
                record(CMD + "SetZoneCover", "coveredFrom", Optional.of(ZoneId.of("x"))),
                "coveredFrom",
                "x",
                "must be another zone than x"));
        r.add(rule(
                "command/Command.java",
                "atLeast",
                "minimum",
                record(CMD + "SetSafeMinimum", "minimum", -1),
                "minimum",
                "-1",
                "must be at least 0"));
        r.add(rule(
                "command/Command.java",
                "of",
                "hospital",
                record(CMD + "ChangeUnitStatus", "hospital", Optional.of(StationId.of("H"))),
                "hospital",
                "H",
                "is named only when the status is TRANSPORTING or AT_HOSPITAL"));
        r.add(rule(
                "command/Command.java",
                "of",
                "reason",
                record(CMD + "ChangeUnitStatus", "status", UnitStatus.UNAVAILABLE),
                "reason",
                "",
                "is required when the status is UNAVAILABLE"));
        r.add(rule(
                "command/Command.java",
                "of",
                "reason",
                record(CMD + "ChangeUnitStatus", "reason", Optional.of(UnavailableReason.values()[0])),
                "reason",
                UnavailableReason.values()[0].name(),
                "is allowed only when the status is UNAVAILABLE"));
        r.add(rule(
                "command/Command.java",
                "of",
                "status",
                record(CMD + "ChangeUnitStatus", "status", UnitStatus.DISPATCHED),
                "status",
                "DISPATCHED",
                "is set by dispatching the unit to an incident, not directly"));
        r.add(rule(
                "command/Command.java",
                "of",
                "duplicate",
                record(CMD + "LinkDuplicate", "primary", IncidentId.of("x")),
                "duplicate",
                "x",
                "must differ from primary"));
        var bySkill = Map.<String, Object>of("mode", WithdrawalMode.SKILL);
        r.add(rule(
                "command/Command.java",
                "of",
                "selection.skill",
                record(CMD + "WithdrawPeople", bySkill),
                "selection.skill",
                "",
                "is required to withdraw a skill"));
        r.add(rule(
                "command/Command.java",
                "of",
                "selection.skill",
                record(CMD + "ReturnPeople", bySkill),
                "selection.skill",
                "",
                "is required to return a skill"));
        r.add(rule(
                "command/Command.java",
                "of",
                "duration",
                record(CMD + "RequestAid", "duration", Duration.ofHours(-1)),
                "duration",
                "PT-1H",
                "must be positive, such as PT8H"));
        r.add(rule(
                "command/Command.java",
                "text",
                "reason",
                record(CMD + "RequestAid", "reason", ""),
                "reason",
                "",
                "must not be blank"));
        r.add(rule(
                "command/Command.java",
                "of",
                "addressees.organisations",
                record(CMD + "RequestAid", "requester", OrganisationId.of("x")),
                "addressees.organisations",
                "x",
                "must not include the requester itself"));
        r.add(rule(
                "command/Command.java",
                "nonEmpty",
                "units",
                record(CMD + "OfferAid", "units", new TreeSet<>()),
                "units",
                "[]",
                "must not be empty"));
        r.add(rule(
                "command/Command.java",
                "text",
                "reason",
                record(CMD + "DeclineAid", "reason", " "),
                "reason",
                " ",
                "must not be blank"));
        // ---- major incidents and escalation levels ----
        r.add(rule(
                "major/MajorIncidentId.java",
                "code",
                "majorIncidentId",
                record("major.MajorIncidentId", "value", "a b"),
                "majorIncidentId",
                "a b",
                CODE_RULE));
        r.add(rule(
                "major/MajorIncidentArea.java",
                "of",
                "radiusMeters",
                record("major.MajorIncidentArea", "radiusMeters", 0.0),
                "radiusMeters",
                "0.0",
                "must be more than 0 and at most 50000 for a circle"));
        GeoPoint corner = GeoPoint.of(53.4, -2.9);
        r.add(rule(
                "major/MajorIncidentArea.java",
                "of",
                "polygon",
                record("major.MajorIncidentArea", Map.of("polygon", List.of(corner, corner), "radiusMeters", 0.0)),
                "polygon",
                "2 corners",
                "must have 3 to 200 corners"));
        r.add(rule(
                "major/MajorIncidentArea.java",
                "of",
                "radiusMeters",
                record(
                        "major.MajorIncidentArea",
                        Map.of("polygon", List.of(corner, corner, corner), "radiusMeters", 5.0)),
                "radiusMeters",
                "5.0",
                "must be 0 when the area is a polygon"));
        r.add(rule(
                "major/CasualtyCount.java",
                "of",
                "counts",
                record("major.CasualtyCount", "counts", new TreeMap<>()),
                "counts",
                "{}",
                "must give at least one triage category"));
        r.add(rule(
                "major/CasualtyCount.java",
                "add",
                "counts.",
                record(
                        "major.CasualtyCount",
                        "counts",
                        new TreeMap<>(Map.of(org.muster.domain.major.TriageCategory.P2, -1))),
                "counts.P2",
                "-1",
                "must be from 0 to 100000"));
        for (String part : List.of(
                "majorIncident", "exactLocation", "type", "hazards", "access", "casualties", "emergencyServices"))
            r.add(rule(
                    "major/Methane.java",
                    "text",
                    "" + part,
                    record("major.Methane", part, " "),
                    "" + part,
                    " ",
                    "must not be blank"));
        r.add(rule(
                "major/MethaneReport.java",
                "atLeast",
                "version",
                record("major.MethaneReport", "version", 0),
                "version",
                "0",
                "must be at least 1"));
        r.add(rule(
                "major/MajorIncidentPlace.java",
                "text",
                "name",
                record("major.MajorIncidentPlace", "name", ""),
                "name",
                "",
                "must not be blank"));
        r.add(rule(
                "major/MajorIncident.java",
                "text",
                "name",
                record("major.MajorIncident", "name", ""),
                "name",
                "",
                "must not be blank"));
        r.add(rule(
                "command/Command.java",
                "text",
                "name",
                record(CMD + "DeclareMajorIncident", "name", " "),
                "name",
                " ",
                "must not be blank"));
        r.add(rule(
                "escalation/Escalation.java",
                "of",
                "level",
                record("escalation.Escalation", "level", 5),
                "level",
                "5",
                "must be from 1 (steady state) to 4 (extreme pressure)"));
        // ---- the log ----
        r.add(rule(
                "log/SnapshotPart.java",
                "of",
                "name",
                record("log.SnapshotPart", "name", ""),
                "name",
                "",
                "must not be blank"));
        r.add(rule(
                "log/PositionTrack.java",
                "of",
                "field",
                staticCall(
                        "log.PositionTrack",
                        "positive",
                        new Class<?>[] {String.class, Duration.class},
                        "retention",
                        Duration.ZERO),
                "retention",
                "PT0S",
                "must be a positive duration"));
        return r;
    }

    /** A closure's shape and times: the points it is drawn with, its reason, its review time. */
    private static void roadClosureRules(List<Rule> r) {
        String closure = "road.RoadClosure";
        String source = "road/RoadClosure.java";
        r.add(rule(
                source,
                "nonEmpty",
                "points",
                record(closure, "points", List.of()),
                "points",
                "[]",
                "must not be empty"));
        List<GeoPoint> withNull = java.util.Arrays.asList(GeoPoint.of(52, -1), null);
        r.add(rule(
                source,
                "of",
                "points",
                record(closure, "points", withNull),
                "points",
                withNull.toString(),
                "must not hold null"));
        List<GeoPoint> longLine = new ArrayList<>();
        for (int i = 0; i <= 200; i++) longLine.add(GeoPoint.of(52 + i * 0.001, -1));
        r.add(rule(
                source,
                "of",
                "points",
                record(closure, "points", longLine),
                "points",
                "201 points",
                "a road is at most 200 points"));
        List<GeoPoint> twoCorners = List.of(GeoPoint.of(52, -1), GeoPoint.of(52.01, -1), GeoPoint.of(52, -1));
        r.add(rule(
                source,
                "of",
                "points",
                record(closure, Map.of("kind", org.muster.domain.road.ClosureKind.AREA, "points", twoCorners)),
                "points",
                twoCorners.subList(0, 2).toString(),
                "an area needs at least 3 different corners"));
        List<GeoPoint> manyCorners = new ArrayList<>();
        for (int i = 0; i <= 500; i++) manyCorners.add(GeoPoint.of(52 + i * 0.001, -1 + (i % 2) * 0.01));
        r.add(rule(
                source,
                "of",
                "points",
                record(closure, Map.of("kind", org.muster.domain.road.ClosureKind.AREA, "points", manyCorners)),
                "points",
                "501 corners",
                "an area has at most 500 corners"));
        r.add(rule(source, "text", "reason", record(closure, "reason", " "), "reason", " ", "must not be blank"));
        r.add(rule(
                source,
                "of",
                "reviewAt",
                record(closure, "reviewAt", T.minusSeconds(3600)),
                "reviewAt",
                "2025-12-31T23:00:00Z",
                "must not be before the closure"));
        r.add(rule(
                "command/Command.java",
                "text",
                "reason",
                record(CMD + "CloseRoad", "reason", ""),
                "reason",
                "",
                "must not be blank"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void aBrokenRuleIsRefusedNamingTheFieldTheValueAndTheRule(Rule r) {
        assertThatThrownBy(r.breakIt()::execute)
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> {
                    List<Violation> violations = ((InvalidInputException) e).violations();
                    assertThat(violations).as(r.key()).anySatisfy(v -> {
                        assertThat(v.field()).isEqualTo(r.field());
                        assertThat(v.value()).isEqualTo(r.value());
                        assertThat(v.rule()).startsWith(r.rule());
                    });
                    // the message a client reads carries all three
                    // (a missing value as "(missing)", not 'null')
                    assertThat(e.getMessage()).contains(new Violation(r.field(), r.value(), r.rule()).toString());
                });
    }

    /**
     * The rules found in the domain's sources, as "file kind field" keys, one per occurrence: an inventory
     * that must match the cases above, so that a rule added without a case, or a case left behind by a
     * rule that has gone, fails here.
     */
    @Test
    void everyRuleInTheSourceHasACase() {
        Map<String, Long> inSource = rulesInSource();
        Map<String, Long> covered = rules().stream()
                .filter(r -> Files.exists(sources().resolve(r.source())))
                .collect(Collectors.groupingBy(Rule::key, TreeMap::new, Collectors.counting()));
        List<String> withoutCase = new ArrayList<>();
        List<String> withoutRule = new ArrayList<>();
        for (String key : union(inSource.keySet(), covered.keySet())) {
            long diff = inSource.getOrDefault(key, 0L) - covered.getOrDefault(key, 0L);
            if (diff > 0) withoutCase.add(key + " x" + diff);
            if (diff < 0) withoutRule.add(key + " x" + -diff);
        }
        assertThat(withoutCase)
                .as("rules in the domain's sources with no case here: add one")
                .isEmpty();
        assertThat(withoutRule)
                .as("cases here whose rule is no longer in the sources: remove them")
                .isEmpty();
        assertThat(inSource.values().stream().mapToLong(Long::longValue).sum()).isGreaterThan(90);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static final Pattern RULE = Pattern.compile(
            "(?:Check\\.(range|atLeast|text|code|nonEmpty)|InvalidInputException\\.(of)|check\\.(add))\\(\\s*"
                    + "(?:\"([^\"]*)\"|(\"line 1\")|([A-Za-z_][\\w]*)(?=[\\s,+]))");

    private static Map<String, Long> rulesInSource() {
        Path root = sources();
        try (Stream<Path> files = Files.walk(root)) {
            Map<String, Long> found = new TreeMap<>();
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String text = Files.readString(f);
                String source = root.relativize(f).toString().replace('\\', '/');
                Matcher m = RULE.matcher(text);
                while (m.find()) {
                    String kind = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                    String named = m.group(4) != null
                            ? (m.group(4).contains(" ") ? "\"" + m.group(4) + "\"" : m.group(4))
                            : m.group(6);
                    // Check's own methods are its callers' rules, tested once each above under Check.java
                    if (source.equals("Check.java") && !kind.equals("of")) continue;
                    found.merge(source + " " + kind + " " + named, 1L, Long::sum);
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path sources() {
        Path base = Path.of(System.getProperty("basedir", "."));
        return base.resolve("src/main/java/org/muster/domain");
    }
}
