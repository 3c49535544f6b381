package org.muster.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.interop.eido.EidoSchema;
import org.muster.interop.testing.SharedSchemas;

/**
 * Incidents handed between control rooms as NENA EIDO documents, in the running service: exported under the
 * incident's own visibility, valid against NENA's schema; imported by another force's dispatcher or
 * supervisor, or by the ambulance service under its own type, keeping the sender's identifiers and the
 * components Muster does not model; refused whole, with every violation, when it breaks the schema.
 */
class EidoApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestServer s = SharedServer.get();
    private static EidoSchema schema;

    @BeforeAll
    static void loadSchema() {
        schema = EidoSchema.load(SharedSchemas.eido());
    }

    /** A WSP stabbing with a WSP response car assigned. */
    private String wspIncidentWithAUnit() {
        String id = s.newIncident("WSP", "STABBING", point("WSP"));
        var state = s.node().engine().state();
        String unit = state.units().values().stream()
                .filter(u -> u.organisation().equals(OrganisationId.of("WSP")))
                .filter(u -> u.type() == UnitType.POLICE_RESPONSE_CAR && u.status() == UnitStatus.AVAILABLE)
                .filter(u -> state.findAidRequestHolding(u.id()).isEmpty())
                .min(java.util.Comparator.comparing(u -> u.id().value()))
                .orElseThrow()
                .id()
                .value();
        var assigned =
                s.post("/api/v1/incidents/" + id + "/assignments", "dispatcher", "WSP", "{\"unit\":\"" + unit + "\"}");
        assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
        return id;
    }

    @Test
    void anIncidentIsExportedAsAValidEidoToThoseWhoMaySeeIt() throws Exception {
        String withUnit = wspIncidentWithAUnit();
        String withoutUnit = s.newIncident("MAS", "CHEST_PAIN", point("MAS"));
        String fire = s.newIncident("MFRS", "BUILDING_FIRE", point("MFRS"));
        for (String[] seen : new String[][] {
            {withUnit, "dispatcher", "WSP"},
            {withUnit, "supervisor", "WSP"},
            {withUnit, "coordinator", "*"},
            {withoutUnit, "dispatcher", "MAS"},
            {fire, "call-handler", "MFRS"}
        }) {
            var a = s.get("/api/v1/incidents/" + seen[0] + "/eido", seen[1], seen[2]);
            assertThat(a.status())
                    .as("%s as %s.%s: %s", seen[0], seen[1], seen[2], a.body())
                    .isEqualTo(200);
            assertThat(schema.check(a.body())).as(a.body()).isEmpty();
            assertThat(JSON.readTree(a.body())
                            .path("incidentComponent")
                            .path("internalIncidentId")
                            .asText())
                    .isEqualTo(seen[0]);
        }
        JsonNode doc = JSON.readTree(s.get("/api/v1/incidents/" + withUnit + "/eido", "dispatcher", "WSP")
                .body());
        assertThat(doc.path("emergencyResourceComponent")).hasSize(1);
        assertThat(doc.path("agencyComponent").get(0).path("$id").asText()).isEqualTo("urn:muster:agency:WSP");
        assertThat(doc.path("notesComponent").get(0).path("notesActionComments").asText())
                .isEqualTo("test call");

        // another force, and another service, may not export what they cannot see
        assertThat(s.get("/api/v1/incidents/" + withUnit + "/eido", "supervisor", "ESP")
                        .status())
                .isEqualTo(404);
        assertThat(s.get("/api/v1/incidents/" + withUnit + "/eido", "dispatcher", "MAS")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anotherForceImportsTheIncidentKeepingTheSendersReferencesAndARoundTripKeepsWhatMusterModels()
            throws Exception {
        String sent = wspIncidentWithAUnit();
        ObjectNode doc = (ObjectNode) JSON.readTree(s.get("/api/v1/incidents/" + sent + "/eido", "dispatcher", "WSP")
                .body());
        // a component Muster does not model, as the sender's control room might add it
        ObjectNode person = doc.putArray("personComponent").addObject();
        person.put("$id", "urn:muster:WSP:person:caller-1");
        person.put("lastUpdateTimeStamp", "2026-11-22T16:40:00Z");
        person.putObject("updatedByAgencyReference").put("$ref", "urn:muster:agency:WSP");
        person.putArray("personIncidentRoleRegistryText").add("Caller");

        for (String role : List.of("dispatcher", "supervisor")) {
            // each its own sender's incident: the same one again is no second call (below)
            if (role.equals("supervisor")) {
                sent = wspIncidentWithAUnit();
                ObjectNode another =
                        (ObjectNode) JSON.readTree(s.get("/api/v1/incidents/" + sent + "/eido", "dispatcher", "WSP")
                                .body());
                another.set("personComponent", doc.get("personComponent"));
                doc = another;
            }
            var imported = s.post("/api/v1/eido", role, "ESP", doc.toString());
            assertThat(imported.status()).as(imported.body()).isEqualTo(201);
            JsonNode answer = JSON.readTree(imported.body());
            String created = answer.path("incident").asText();
            assertThat(answer.path("senderIncident").asText()).isEqualTo("urn:muster:WSP:incident:" + sent);
            assertThat(answer.path("sender").asText()).isEqualTo("urn:muster:WSP");

            Incident original = s.node().getIncident(IncidentId.of(sent));
            Incident copy = s.node().getIncident(IncidentId.of(created));
            assertThat(copy.organisation()).isEqualTo(OrganisationId.of("ESP"));
            assertThat(copy.type()).isEqualTo(original.type());
            assertThat(copy.priority()).isEqualTo(original.priority());
            assertThat(copy.location()).isEqualTo(original.location());
            assertThat(copy.description()).isEqualTo(original.description());
            assertThat(copy.hazards()).isEqualTo(original.hazards());

            // sent on: valid, linked to the sender's incident, the unmodelled component kept
            var onward = s.get("/api/v1/incidents/" + created + "/eido", "dispatcher", "ESP");
            assertThat(onward.status()).isEqualTo(200);
            assertThat(schema.check(onward.body())).as(onward.body()).isEmpty();
            JsonNode out = JSON.readTree(onward.body());
            assertThat(out.path("linkComponent")
                            .get(0)
                            .path("incidentTrackingIdentifier")
                            .asText())
                    .isEqualTo("urn:muster:WSP:incident:" + sent);
            assertThat(out.path("personComponent").get(0).path("$id").asText())
                    .isEqualTo("urn:muster:WSP:person:caller-1");
            assertThat(out.path("incidentComponent")
                            .path("incidentTypeInternalCode")
                            .asText())
                    .isEqualTo(original.type().value());
            // the sender cannot see the receiver's copy
            assertThat(s.get("/api/v1/incidents/" + created + "/eido", "dispatcher", "WSP")
                            .status())
                    .isEqualTo(404);
        }
    }

    @Test
    void theAmbulanceServiceImportsAPoliceIncidentUnderItsOwnTypeAndPriority() throws Exception {
        String sent = s.newIncident("WSP", "STABBING", point("WSP"));
        String doc = s.get("/api/v1/incidents/" + sent + "/eido", "dispatcher", "WSP")
                .body();
        // STABBING is a police type: refused, naming the field and where to choose another
        var refused = s.post("/api/v1/eido", "dispatcher", "MAS", doc);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        var imported = s.post("/api/v1/eido?type=STABBING_CASUALTY", "call-handler", "MAS", doc);
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        Incident copy = s.node()
                .getIncident(IncidentId.of(
                        JSON.readTree(imported.body()).path("incident").asText()));
        assertThat(copy.organisation()).isEqualTo(OrganisationId.of("MAS"));
        assertThat(copy.type().value()).isEqualTo("STABBING_CASUALTY");
        // the police EMERGENCY grade is urgency 1: the ambulance service's C1
        assertThat(copy.priority().name()).isEqualTo("C1");
    }

    @Test
    void theSameSendersIncidentSentAgainIsNotAnotherCallWhileItIsLiveNorOnceItIsClosed() throws Exception {
        // a WSP call in Eastshire's area, handed to Eastshire Police
        String sent = s.newIncident("WSP", "STABBING", point("ESP"));
        String senderIncident = "urn:muster:WSP:incident:" + sent;
        String doc = s.get("/api/v1/incidents/" + sent + "/eido", "dispatcher", "WSP")
                .body();
        long before = s.node().log().lastSequence();
        var first = s.post("/api/v1/eido", "dispatcher", "ESP", doc);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        String call = JSON.readTree(first.body()).path("incident").asText();
        long afterFirst = s.node().log().lastSequence();

        // the same document again (a retry whose answer was lost), and the sender's update of it (a newer document
        // of the same incident), by the dispatcher and by the supervisor: refused, naming the call it already is
        String update = s.get("/api/v1/incidents/" + sent + "/eido", "dispatcher", "WSP")
                .body();
        for (String[] again : new String[][] {{"dispatcher", doc}, {"supervisor", update}, {"call-handler", doc}}) {
            var refused = s.post("/api/v1/eido", again[0], "ESP", again[1]);
            assertThat(refused.status()).as("%s: %s", again[0], refused.body()).isEqualTo(409);
            assertThat(JSON.readTree(refused.body()).path("detail").asText())
                    .contains("incidentComponent.$id", senderIncident, "urn:muster:WSP", call, "ESP", "OPEN");
        }
        assertThat(incidentsCreatedSince(before, "ESP")).hasSize(1);
        assertThat(loggedByOrganisationSince(afterFirst, "ESP"))
                .as("a refusal changes nothing")
                .isEmpty();

        // a retry under the first request's Idempotency-Key is answered as the first was: no refusal, no new call
        String sentKeyed = s.newIncident("WSP", "STABBING", point("ESP"));
        String keyedDoc = s.get("/api/v1/incidents/" + sentKeyed + "/eido", "dispatcher", "WSP")
                .body();
        var keyed = importWithKey(keyedDoc, "dispatcher", "ESP", "handover-" + sentKeyed);
        assertThat(keyed.status()).as(keyed.body()).isEqualTo(201);
        var retried = importWithKey(keyedDoc, "dispatcher", "ESP", "handover-" + sentKeyed);
        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(JSON.readTree(retried.body()).path("incident").asText())
                .isEqualTo(JSON.readTree(keyed.body()).path("incident").asText());
        assertThat(JSON.readTree(retried.body())
                        .path("accepted")
                        .path("repeated")
                        .asBoolean())
                .isTrue();
        assertThat(importWithKey(keyedDoc, "dispatcher", "ESP", "another-key").status())
                .isEqualTo(409);

        // the call is worked and closed, and leaves the live state: the document sent once more is still no new
        // call, and the refusal says the call it was is closed
        var dispatched = s.post("/api/v1/incidents/" + call + "/dispatch-recommended", "dispatcher", "ESP", null);
        assertThat(dispatched.status()).as(dispatched.body()).isEqualTo(200);
        var closed = s.post("/api/v1/incidents/" + call + "/close", "dispatcher", "ESP", null);
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        long until = System.nanoTime() + 15_000_000_000L;
        while (s.node().engine().state().findIncident(IncidentId.of(call)).isPresent() && System.nanoTime() < until)
            Thread.sleep(50);
        assertThat(s.node().engine().state().findIncident(IncidentId.of(call)))
                .as("archived")
                .isEmpty();
        long afterClose = s.node().log().lastSequence();
        var reimported = s.post("/api/v1/eido", "dispatcher", "ESP", update);
        assertThat(reimported.status()).as(reimported.body()).isEqualTo(409);
        assertThat(JSON.readTree(reimported.body()).path("detail").asText())
                .contains("incidentComponent.$id", senderIncident, call, "CLOSED");
        assertThat(loggedByOrganisationSince(afterClose, "ESP")).isEmpty();

        // another organisation here that is handed the same incident takes its own call
        var ambulance = s.post("/api/v1/eido?type=STABBING_CASUALTY", "dispatcher", "MAS", doc);
        assertThat(ambulance.status()).as(ambulance.body()).isEqualTo(201);
        assertThat(JSON.readTree(ambulance.body()).path("incident").asText()).isNotEqualTo(call);
    }

    @Test
    void anIncidentReceivedBeforeItsIdWasMadeFromTheSendersIsFoundByTheSendersReference() throws Exception {
        String sent = s.newIncident("WSP", "STABBING", point("ESP"));
        String doc = s.get("/api/v1/incidents/" + sent + "/eido", "dispatcher", "WSP")
                .body();
        // as an import before the rule left it: a call under an I-... id, and the sender's references beside it
        String earlier = s.newIncident("ESP", "STABBING", point("ESP"));
        s.node()
                .log()
                .receivedIncidents()
                .save(new org.muster.domain.incident.ReceivedIncident(
                        IncidentId.of(earlier),
                        "EIDO",
                        "urn:muster:WSP",
                        "urn:muster:WSP:incident:" + sent,
                        doc,
                        java.time.Instant.now()));
        long before = s.node().log().lastSequence();
        var refused = s.post("/api/v1/eido", "dispatcher", "ESP", doc);
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(JSON.readTree(refused.body()).path("detail").asText())
                .contains("incidentComponent.$id", "urn:muster:WSP:incident:" + sent, "ESP's incident " + earlier);
        assertThat(loggedByOrganisationSince(before, "ESP")).isEmpty();
        // another organisation's earlier call is not this one's
        var ambulance = s.post("/api/v1/eido?type=STABBING_CASUALTY", "dispatcher", "MAS", doc);
        assertThat(ambulance.status()).as(ambulance.body()).isEqualTo(201);
    }

    /** {@code POST /api/v1/eido} with an {@code Idempotency-Key}. */
    private TestServer.Answer importWithKey(String doc, String role, String org, String key) throws Exception {
        var r = s.http()
                .send(
                        java.net.http.HttpRequest.newBuilder(s.uri("/api/v1/eido"))
                                .header("Authorization", "Bearer " + TestServer.tokenOf(role, org))
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", key)
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(doc))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        return new TestServer.Answer(r.statusCode(), r.body(), r.headers());
    }

    /** What the organisation's users logged after {@code sequence}. */
    private List<org.muster.domain.event.RecordedEvent> loggedByOrganisationSince(long sequence, String org) {
        return s.loggedByUsersSince(sequence).stream()
                .filter(e -> e.actor().id().endsWith("." + org))
                .toList();
    }

    @Test
    void aDocumentThatBreaksTheSchemaIsRefusedWithEveryViolationAndNothingIsCreated() throws Exception {
        String sent = s.newIncident("WSP", "STABBING", point("WSP"));
        ObjectNode doc = (ObjectNode) JSON.readTree(s.get("/api/v1/incidents/" + sent + "/eido", "dispatcher", "WSP")
                .body());
        doc.remove("issuingElementIdentification");
        doc.put("eidoVersion", "2.0");
        ((ObjectNode) doc.path("locationComponent").get(0)).remove("locationTypeDescriptionRegistryText");
        // counted in the log, not the state: the node's archiver takes finished ESP calls out of the state at
        // its own pace, earlier tests' among them
        long before = s.node().engine().state().sequence();
        var refused = s.post("/api/v1/eido", "dispatcher", "ESP", doc.toString());
        assertThat(refused.status()).isEqualTo(400);
        JsonNode problem = JSON.readTree(refused.body());
        List<String> fields = new ArrayList<>();
        problem.path("violations").forEach(v -> fields.add(v.path("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("/", "/eidoVersion", "/locationComponent/0");
        problem.path("violations")
                .forEach(v -> assertThat(v.path("rule").asText()).isNotBlank());
        assertThat(refused.body()).contains("issuingElementIdentification", "locationTypeDescriptionRegistryText");
        assertThat(s.post("/api/v1/eido", "dispatcher", "ESP", "{\"eidoVersion\":")
                        .status())
                .isEqualTo(400);
        assertThat(incidentsCreatedSince(before, "ESP")).isEmpty();

        // who may not take calls may not import: a viewer, the coordinator; nor for another force
        String valid = s.get("/api/v1/incidents/" + sent + "/eido", "dispatcher", "WSP")
                .body();
        assertThat(s.post("/api/v1/eido", "viewer", "ESP", valid).status()).isEqualTo(403);
        assertThat(s.post("/api/v1/eido", "coordinator", "*", valid).status()).isEqualTo(403);
        assertThat(s.post("/api/v1/eido?organisation=WSP", "dispatcher", "ESP", valid)
                        .status())
                .isEqualTo(403);
        assertThat(incidentsCreatedSince(before, "ESP")).isEmpty();
    }

    /** The organisation's calls logged after {@code sequence}. */
    private List<org.muster.domain.event.RecordedEvent> incidentsCreatedSince(long sequence, String org) {
        return s.loggedByUsersSince(sequence).stream()
                .filter(e -> e.event() instanceof org.muster.domain.event.Event.IncidentCreated c
                        && c.incident().organisation().value().equals(org))
                .toList();
    }

    /** An organisation's station's location, nudged: inside its zones and near roads. */
    private GeoPoint point(String org) {
        Station station = s.node().engine().state().stations().values().stream()
                .filter(st -> st.organisation().equals(OrganisationId.of(org)))
                .min(java.util.Comparator.comparing(Station::id))
                .orElseThrow();
        return new GeoPoint(station.location().lat() + 0.004, station.location().lon() + 0.004);
    }
}
