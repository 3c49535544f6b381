package org.muster.interop.eido;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.Sorted;
import org.muster.domain.Violation;
import org.muster.domain.incident.Assignment;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.Clearance;
import org.muster.domain.incident.Hazard;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentStatus;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.incident.Priority;
import org.muster.domain.incident.ReceivedIncident;
import org.muster.domain.incident.TimelineEntry;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.Callsign;
import org.muster.domain.unit.Position;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitId;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.interop.testing.SharedSchemas;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** EIDO documents Muster writes validate against NENA's schema; what validates is read back, and kept. */
class EidoTest {
    static final Instant T0 = Instant.parse("2026-11-22T16:52:07Z");
    static final Organisation WMP = new Organisation(OrganisationId.of("WMP"), "West Midlands Police", Agency.POLICE);
    static final Organisation WMAS =
            new Organisation(OrganisationId.of("WMAS"), "West Midlands Ambulance Service", Agency.AMBULANCE);
    static final Organisation WMFS =
            new Organisation(OrganisationId.of("WMFS"), "West Midlands Fire Service", Agency.FIRE);
    static final Map<OrganisationId, Organisation> ORGS = Map.of(WMP.id(), WMP, WMAS.id(), WMAS, WMFS.id(), WMFS);

    static EidoSchema schema;

    @BeforeAll
    static void loadSchema() {
        schema = EidoSchema.load(SharedSchemas.eido());
    }

    static Incident incident(
            String id,
            Organisation org,
            Priority priority,
            String description,
            Set<Hazard> hazards,
            IncidentStatus status,
            List<Assignment> assignments,
            List<TimelineEntry> timeline) {
        return new Incident(
                IncidentId.of(id),
                org.id(),
                IncidentTypeCode.of("STABBING"),
                priority,
                GeoPoint.of(52.4811, -1.9120),
                description,
                Sorted.setOf(hazards),
                List.of(),
                status,
                T0,
                assignments,
                Sorted.empty(),
                Optional.empty(),
                timeline,
                Clearance.NOT_NEEDED);
    }

    static Unit unit(String id, Organisation org, UnitType type, UnitStatus status, boolean placed) {
        return new Unit(
                UnitId.of(id),
                new Callsign(id.replace('-', '.')),
                org.id(),
                type,
                Optional.empty(),
                2,
                status,
                Optional.empty(),
                placed ? Optional.of(new Position(GeoPoint.of(52.47, -1.90), T0.plusSeconds(60))) : Optional.empty(),
                Sorted.empty(),
                T0,
                Optional.empty(),
                Optional.empty());
    }

    static Assignment assigned(String unit, AssignmentRole role) {
        return new Assignment(UnitId.of(unit), role, T0.plusSeconds(35), Optional.empty());
    }

    /** A police call with two units (one of them an ambulance), hazards and a timeline; and the others. */
    static List<EidoIncident> several() {
        Unit arv = unit("WMP-ARV-21", WMP, UnitType.ARMED_RESPONSE_VEHICLE, UnitStatus.ON_SCENE, true);
        Unit dca = unit("WMAS-DCA-104", WMAS, UnitType.DOUBLE_CREWED_AMBULANCE, UnitStatus.EN_ROUTE, false);
        Unit pump = unit("WMFS-PUMP-1", WMFS, UnitType.FIRE_APPLIANCE, UnitStatus.DISPATCHED, true);
        return List.of(
                new EidoIncident(
                        incident(
                                "I-1",
                                WMP,
                                Priority.EMERGENCY,
                                "Male with stab wound outside \"The Vine\" <suspect on scene> & café staff sheltering",
                                Set.of(Hazard.WEAPONS, Hazard.HOSTILE_CROWD),
                                IncidentStatus.ON_SCENE,
                                List.of(
                                        assigned("WMP-ARV-21", AssignmentRole.PRIMARY),
                                        assigned("WMAS-DCA-104", AssignmentRole.SUPPORT)),
                                List.of(
                                        new TimelineEntry(T0, "call received"),
                                        new TimelineEntry(T0.plusSeconds(35), "WMP ARV 21 assigned"))),
                        ORGS,
                        List.of(arv, dca),
                        Optional.empty()),
                // no units, no notes at all
                new EidoIncident(
                        incident("I-2", WMAS, Priority.C2, "", Set.of(), IncidentStatus.WAITING, List.of(), List.of()),
                        ORGS,
                        List.of(),
                        Optional.empty()),
                new EidoIncident(
                        incident(
                                "I-3",
                                WMFS,
                                Priority.PRIORITY,
                                "Bin fire",
                                Set.of(Hazard.FIRE),
                                IncidentStatus.ASSIGNED,
                                List.of(assigned("WMFS-PUMP-1", AssignmentRole.PRIMARY)),
                                List.of(new TimelineEntry(T0, "call received"))),
                        ORGS,
                        List.of(pump),
                        Optional.empty()),
                new EidoIncident(
                        incident(
                                "I-4",
                                WMP,
                                Priority.RESOLUTION,
                                "Closed call",
                                Set.of(),
                                IncidentStatus.CLOSED,
                                List.of(),
                                List.of(new TimelineEntry(T0, "call received"), new TimelineEntry(T0, "closed"))),
                        ORGS,
                        List.of(),
                        Optional.empty()));
    }

    @Test
    void everyDocumentMusterWritesValidates() {
        for (EidoIncident in : several()) {
            JsonNode doc = EidoWriter.tree(in, T0.plusSeconds(600));
            assertThat(schema.check(doc))
                    .as("EIDO of %s: %s", in.incident().id(), doc)
                    .isEmpty();
        }
    }

    @Test
    void theDocumentCarriesTheIncidentItsUnitsAgenciesLocationAndNotes() {
        JsonNode doc = EidoWriter.tree(several().getFirst(), T0.plusSeconds(600));
        assertThat(doc.path("incidentComponent").path("internalIncidentId").asString())
                .isEqualTo("I-1");
        assertThat(doc.path("incidentComponent")
                        .path("incidentPriorityInternalText")
                        .asString())
                .isEqualTo("EMERGENCY");
        assertThat(doc.path("agencyComponent").findValuesAsString("$id"))
                .containsExactly("urn:muster:agency:WMP", "urn:muster:agency:WMAS");
        assertThat(doc.path("emergencyResourceComponent").findValuesAsString("emergencyResourceName"))
                .containsExactly("WMP.ARV.21", "WMAS.DCA.104");
        assertThat(doc.path("emergencyResourceComponent")
                        .get(0)
                        .path("primaryUnitStatusRegistryText")
                        .asString())
                .isEqualTo("OnScene");
        // the incident's location and the placed unit's
        assertThat(doc.path("locationComponent")).hasSize(2);
        assertThat(doc.path("notesComponent").findValuesAsString("notesActionComments"))
                .first()
                .isEqualTo(
                        "Male with stab wound outside \"The Vine\" &lt;suspect on scene&gt; &amp; café staff sheltering");
        assertThat(doc.path("notesComponent")).hasSize(3);
        assertThat(doc.path("cautionComponent").findValuesAsString("cautionTypeInternalText"))
                .containsExactly("WEAPONS", "HOSTILE_CROWD");
    }

    @Test
    void whatMusterWritesReadsBackAsTheSameIncident() {
        EidoReader reader = new EidoReader(schema);
        for (EidoIncident in : several()) {
            Incident i = in.incident();
            EidoDocument read = reader.read(EidoWriter.write(in, T0));
            assertThat(read.sender()).isEqualTo("urn:muster:" + i.organisation().value());
            assertThat(read.senderIncident())
                    .isEqualTo("urn:muster:" + i.organisation().value() + ":incident:" + i.id().value());
            assertThat(read.type()).contains(i.type().value());
            assertThat(read.priority()).contains(i.priority().name());
            assertThat(read.urgency()).hasValue(i.priority().urgency());
            assertThat(read.location()).contains(i.location());
            assertThat(read.description()).isEqualTo(i.description());
            assertThat(read.hazards()).isEqualTo(i.hazards());
        }
    }

    /** A document from elsewhere, with components Muster does not model, as a NENA implementer might send it. */
    static final String FOREIGN = """
            {
              "$id": "urn:nena:eido:psap.example:2026-000123",
              "lastUpdateTimeStamp": "2026-11-22T16:40:00Z",
              "updatedByAgencyReference": {"$ref": "urn:emergency:agency:psap.example"},
              "eidoVersion": "1.0",
              "issuingElementIdentification": "psap.example",
              "agencyComponent": [{
                "$id": "urn:emergency:agency:psap.example",
                "lastUpdateTimeStamp": "2026-11-22T16:40:00Z",
                "updatedByAgencyReference": {"$ref": "urn:emergency:agency:psap.example"},
                "agencyRoleDescriptionRegistryText": ["Owning"],
                "agencyType": ["police"]
              }],
              "incidentComponent": {
                "$id": "urn:psap.example:incident:2026-000123",
                "lastUpdateTimeStamp": "2026-11-22T16:40:00Z",
                "updatedByAgencyReference": {"$ref": "urn:emergency:agency:psap.example"},
                "incidentTypeCommonRegistryText": "LawEnforcement",
                "incidentTypeInternalCode": "STABBING",
                "incidentCommonPriorityNumber": 1,
                "locationReference": [{"$ref": "urn:psap.example:location:1"}],
                "notesReference": [{"$ref": "urn:psap.example:note:1"}],
                "personReference": [{"$ref": "urn:psap.example:person:1"}]
              },
              "locationComponent": [{
                "$id": "urn:psap.example:location:1",
                "lastUpdateTimeStamp": "2026-11-22T16:40:00Z",
                "updatedByAgencyReference": {"$ref": "urn:emergency:agency:psap.example"},
                "locationTypeDescriptionRegistryText": "Incident",
                "locationByValue": "<presence xmlns='urn:ietf:params:xml:ns:pidf'><tuple id='a'><status><geopriv xmlns='urn:ietf:params:xml:ns:pidf:geopriv10'><location-info><Point xmlns='http://www.opengis.net/gml'><pos>52.4862 -1.8904</pos></Point></location-info></geopriv></status></tuple></presence>"
              }],
              "notesComponent": [{
                "$id": "urn:psap.example:note:1",
                "lastUpdateTimeStamp": "2026-11-22T16:40:00Z",
                "updatedByAgencyReference": {"$ref": "urn:emergency:agency:psap.example"},
                "notesActionComments": "<p>Caller reports a <b>stabbing</b> at the bus station</p>"
              }],
              "personComponent": [{
                "$id": "urn:psap.example:person:1",
                "lastUpdateTimeStamp": "2026-11-22T16:40:00Z",
                "updatedByAgencyReference": {"$ref": "urn:emergency:agency:psap.example"},
                "personIncidentRoleRegistryText": ["Caller"],
                "callIdentifier": ["urn:emergency:uid:callid:abc:psap.example"]
              }],
              "cautionComponent": [{
                "$id": "urn:psap.example:caution:1",
                "lastUpdateTimeStamp": "2026-11-22T16:40:00Z",
                "updatedByAgencyReference": {"$ref": "urn:emergency:agency:psap.example"},
                "cautionTypeInternalText": "weapons",
                "cautionTypeCommonRegistryText": "Weapon",
                "cautionSeverity": "highest"
              }],
              "@context": {"@vocab": "./JSON-LD_Contexts/EmergencyIncidentDataObjectType.jsonld", "@language": "en"}
            }
            """;

    @Test
    void aDocumentFromElsewhereIsReadAndWhatMusterDoesNotModelGoesOnWithTheIncident() {
        EidoDocument read = new EidoReader(schema).read(FOREIGN);
        assertThat(read.sender()).isEqualTo("psap.example");
        assertThat(read.senderIncident()).isEqualTo("urn:psap.example:incident:2026-000123");
        assertThat(read.location()).contains(GeoPoint.of(52.4862, -1.8904));
        assertThat(read.description()).isEqualTo("Caller reports a stabbing at the bus station");
        assertThat(read.hazards()).containsExactly(Hazard.WEAPONS);
        assertThat(read.priority()).isEmpty();
        assertThat(read.urgency()).hasValue(1);

        Incident created = incident(
                "I-9",
                WMP,
                Priority.EMERGENCY,
                read.description(),
                read.hazards(),
                IncidentStatus.WAITING,
                List.of(),
                List.of());
        var received = new ReceivedIncident(created.id(), "EIDO", read.sender(), read.senderIncident(), FOREIGN, T0);
        JsonNode onward = EidoWriter.tree(new EidoIncident(created, ORGS, List.of(), Optional.of(received)), T0);
        assertThat(schema.check(onward)).isEmpty();
        assertThat(onward.path("personComponent")
                        .get(0)
                        .path("callIdentifier")
                        .get(0)
                        .asString())
                .isEqualTo("urn:emergency:uid:callid:abc:psap.example");
        assertThat(onward.path("agencyComponent").findValuesAsString("$id"))
                .containsExactly("urn:muster:agency:WMP", "urn:emergency:agency:psap.example");
        assertThat(onward.path("linkComponent")
                        .get(0)
                        .path("incidentTrackingIdentifier")
                        .asString())
                .isEqualTo("urn:psap.example:incident:2026-000123");
        assertThat(onward.path("@context").path("@language").asString()).isEqualTo("en");
        assertThat(onward.path("incidentComponent").path("internalIncidentId").asString())
                .isEqualTo("I-9");
        // sent twice, the kept components are not doubled
        assertThat(onward.path("cautionComponent").findValuesAsString("$id"))
                .containsExactly("urn:muster:WMP:incident:I-9:caution:WEAPONS", "urn:psap.example:caution:1");
    }

    @Test
    void aSendersIncidentIsOneIncidentIdInEachOrganisationThatReceivesIt() {
        EidoReader reader = new EidoReader(schema);
        EidoDocument first = reader.read(FOREIGN);
        // the sender's update of it: a newer document, a new note, the same incident
        EidoDocument update = reader.read(FOREIGN.replace("2026-11-22T16:40:00Z", "2026-11-22T17:05:00Z")
                .replace("at the bus station", "at the bus station, now two injured"));
        assertThat(update.description()).isNotEqualTo(first.description());
        assertThat(update.incidentIn(WMP.id())).isEqualTo(first.incidentIn(WMP.id()));
        assertThat(first.createIncident(
                                WMP, Optional.empty(), org.muster.domain.incident.IncidentTypeCatalogue.defaults())
                        .id())
                .isEqualTo(first.incidentIn(WMP.id()));
        assertThat(first.incidentIn(WMP.id()).value()).matches("EIDO-[0-9A-F]{16}");
        assertThat(first.senderIncidentField()).isEqualTo("incidentComponent.$id");

        // another organisation's call, another incident of the sender's, the same incident id from another sender
        assertThat(first.incidentIn(WMAS.id())).isNotEqualTo(first.incidentIn(WMP.id()));
        assertThat(reader.read(FOREIGN.replace("incident:2026-000123", "incident:2026-000124"))
                        .incidentIn(WMP.id()))
                .isNotEqualTo(first.incidentIn(WMP.id()));
        assertThat(reader.read(FOREIGN.replace("\"psap.example\",", "\"psap.elsewhere\","))
                        .incidentIn(WMP.id()))
                .isNotEqualTo(first.incidentIn(WMP.id()));
    }

    @Test
    void anIncidentReceivedAlreadyIsRefusedNamingTheFieldTheValueWhatWasAllowedAndTheCall() {
        EidoDocument doc = new EidoReader(schema).read(FOREIGN);
        IncidentId call = doc.incidentIn(WMP.id());
        Incident live = incident(
                call.value(), WMP, Priority.EMERGENCY, "", Set.of(), IncidentStatus.OPEN, List.of(), List.of());
        assertThat(doc.receivedAlready(live))
                .hasMessageStartingWith("incidentComponent.$id='urn:psap.example:incident:2026-000123': must be an"
                        + " incident WMP has not received from psap.example (issuingElementIdentification)")
                .hasMessageContaining("it is WMP's incident " + call + ", OPEN")
                .hasMessageContaining("add what is new to " + call);
        Incident closed = incident(
                call.value(), WMP, Priority.EMERGENCY, "", Set.of(), IncidentStatus.CLOSED, List.of(), List.of());
        assertThat(doc.receivedAlready(closed))
                .hasMessageContaining("it was WMP's incident " + call + ", CLOSED")
                .hasMessageContaining("also once that call is finished");
    }

    @Test
    void anIncidentReceivedBeforeItsIdWasMadeFromTheSendersIsFoundByTheSendersReference() {
        EidoDocument doc = new EidoReader(schema).read(FOREIGN);
        Incident earlier =
                incident("I-OLD", WMP, Priority.EMERGENCY, "", Set.of(), IncidentStatus.CLOSED, List.of(), List.of());
        Map<IncidentId, Incident> incidents = Map.of(earlier.id(), earlier);
        var received = new org.muster.domain.incident.ReceivedIncidents() {
            final List<ReceivedIncident> kept = new java.util.ArrayList<>();

            @Override
            public void save(ReceivedIncident r) {
                kept.add(r);
            }

            @Override
            public Optional<ReceivedIncident> findReceived(IncidentId incident) {
                return kept.stream().filter(r -> r.incident().equals(incident)).findFirst();
            }

            @Override
            public List<ReceivedIncident> findBySender(String standard, String sender, String senderIncident) {
                return kept.stream()
                        .filter(r -> r.standard().equals(standard)
                                && r.sender().equals(sender)
                                && r.senderIncident().equals(senderIncident))
                        .toList();
            }
        };
        doc.requireNotReceivedBefore(WMP.id(), received, id -> Optional.ofNullable(incidents.get(id)));
        received.save(new ReceivedIncident(earlier.id(), "EIDO", doc.sender(), doc.senderIncident(), FOREIGN, T0));
        assertThatThrownBy(() ->
                        doc.requireNotReceivedBefore(WMP.id(), received, id -> Optional.ofNullable(incidents.get(id))))
                .hasMessageContaining("it was WMP's incident I-OLD, CLOSED");
        // WMP's call is not the ambulance service's
        doc.requireNotReceivedBefore(WMAS.id(), received, id -> Optional.ofNullable(incidents.get(id)));
        // one under the id made from the sender's incident is the engine's to refuse (or to answer as a retry)
        Incident now = incident(
                doc.incidentIn(WMAS.id()).value(),
                WMAS,
                Priority.C1,
                "",
                Set.of(),
                IncidentStatus.OPEN,
                List.of(),
                List.of());
        received.save(new ReceivedIncident(now.id(), "EIDO", doc.sender(), doc.senderIncident(), FOREIGN, T0));
        doc.requireNotReceivedBefore(WMAS.id(), received, id -> Optional.of(now).filter(i -> i.id().equals(id)));
    }

    @Test
    void aDocumentThatBreaksTheSchemaIsRefusedWithEveryViolation() {
        ObjectNode doc = EidoWriter.tree(several().getFirst(), T0);
        doc.remove("issuingElementIdentification");
        doc.put("eidoVersion", "9.9");
        ((ObjectNode) doc.path("emergencyResourceComponent").get(0)).remove("primaryUnitStatusRegistryText");
        ((ObjectNode) doc.path("cautionComponent").get(0)).put("cautionSeverity", "apocalyptic");
        assertThatThrownBy(() -> new EidoReader(schema).read(doc.toString()))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations().stream().map(Violation::field))
                                .containsExactlyInAnyOrder(
                                        "/",
                                        "/eidoVersion",
                                        "/emergencyResourceComponent/0",
                                        "/cautionComponent/0/cautionSeverity"))
                .hasMessageContaining("issuingElementIdentification")
                .hasMessageContaining("primaryUnitStatusRegistryText");
        assertThatThrownBy(() -> new EidoReader(schema).read("{not json"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must be JSON");
    }
}
