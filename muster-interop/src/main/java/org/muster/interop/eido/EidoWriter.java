package org.muster.interop.eido;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.muster.domain.GeoPoint;
import org.muster.domain.incident.Assignment;
import org.muster.domain.incident.Hazard;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.ReceivedIncident;
import org.muster.domain.incident.TimelineEntry;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.Unit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An incident as a NENA EIDO (NENA-STA-021, {@code EmergencyIncidentDataObjectType}): its agencies, the
 * incident component, its location, its description and timeline as notes, its hazards as cautions, the
 * units assigned as emergency resources with a dispatch component each. Every data component's {@code $id}
 * is a URN naming Muster, the organisation and the thing, so that a document sent again names the same
 * components. An incident received in an EIDO is sent on with the received components Muster does not
 * model and a link to the sender's incident.
 */
public final class EidoWriter {
    private EidoWriter() {}

    /** The document as JSON, as of {@code at} (its {@code lastUpdateTimeStamp}). */
    public static String write(EidoIncident in, Instant at) {
        return Eido.write(tree(in, at));
    }

    static ObjectNode tree(EidoIncident in, Instant at) {
        Incident incident = in.incident();
        Organisation owner = in.owner();
        String prefix = "urn:muster:" + owner.id().value() + ":incident:"
                + incident.id().value();
        String stamp = at.toString();
        Ids ids = new Ids(prefix);

        ObjectNode doc = Eido.JSON.createObjectNode();
        prologue(doc, prefix + ":eido", stamp, owner.id());
        doc.put("eidoVersion", "1.0");
        doc.put("issuingElementIdentification", "urn:muster:" + owner.id().value());

        ArrayNode agencies = doc.putArray("agencyComponent");
        agencies.add(agency(owner, true, stamp));
        in.units().stream()
                .map(Unit::organisation)
                .distinct()
                .filter(o -> !o.equals(owner.id()))
                .sorted()
                .forEach(o -> agencies.add(agency(in.organisations().get(o), false, stamp)));

        ObjectNode component = doc.putObject("incidentComponent");
        prologue(component, ids.incident(), stamp, owner.id());
        component.put("incidentTypeCommonRegistryText", commonIncidentType(owner.agency()));
        component.put("incidentTypeInternalCode", incident.type().value());
        component
                .putArray("incidentStatusCommonRegistryText")
                .add(registryText(incident.status().name()));
        component.putArray("incidentStatusInternalText").add(incident.status().name());
        component.put("internalIncidentId", incident.id().value());
        component.put("incidentPriorityInternalText", incident.priority().name());
        component.put("incidentCommonPriorityNumber", incident.priority().urgency());
        component.putArray("locationReference").addObject().put("$ref", ids.location());

        ArrayNode locations = doc.putArray("locationComponent");
        locations.add(location(ids.location(), "Incident", incident.location(), stamp, owner.id()));

        ArrayNode notes = doc.putArray("notesComponent");
        ArrayNode noteRefs = component.putArray("notesReference");
        if (!incident.description().isBlank()) {
            notes.add(note(ids.note("description"), incident.description(), stamp, owner.id()));
            noteRefs.addObject().put("$ref", ids.note("description"));
        }
        List<TimelineEntry> timeline = incident.timeline();
        for (int i = 0; i < timeline.size(); i++) {
            TimelineEntry t = timeline.get(i);
            notes.add(note(ids.note(Integer.toString(i + 1)), t.at() + " " + t.what(), t.at().toString(), owner.id()));
            noteRefs.addObject().put("$ref", ids.note(Integer.toString(i + 1)));
        }

        if (!incident.hazards().isEmpty()) {
            ArrayNode cautions = doc.putArray("cautionComponent");
            for (Hazard h : incident.hazards()) cautions.add(caution(ids.caution(h), h, stamp, owner.id()));
        }

        Map<org.muster.domain.unit.UnitId, Unit> units = new java.util.HashMap<>();
        in.units().forEach(u -> units.put(u.id(), u));
        ArrayNode resources = Eido.JSON.createArrayNode();
        ArrayNode dispatches = Eido.JSON.createArrayNode();
        for (Assignment a : incident.assignments()) {
            Unit u = units.get(a.unit());
            if (u == null) continue;
            resources.add(resource(u, a, incident, locations, stamp));
            ObjectNode d = dispatches.addObject();
            prologue(d, ids.dispatch(u), a.assignedAt().toString(), owner.id());
            d.putObject("agencyReference").put("$ref", agencyId(u.organisation()));
            d.putArray("emergencyResourceReference").addObject().put("$ref", unitId(u));
        }
        if (!resources.isEmpty()) {
            doc.set("emergencyResourceComponent", resources);
            doc.set("dispatchComponent", dispatches);
        }

        in.received().ifPresent(r -> keep(doc, r, ids, stamp, owner.id()));
        return doc;
    }

    /**
     * Sends on what came with a received incident: a link to the sender's incident, and every received data
     * component this document does not already hold (by {@code $id}), with the document's optional members it
     * leaves unset. The sender's incident component is replaced by this incident's.
     */
    private static void keep(ObjectNode doc, ReceivedIncident received, Ids ids, String stamp, OrganisationId owner) {
        ArrayNode links = doc.withArray("linkComponent");
        ObjectNode link = links.addObject();
        prologue(link, ids.incident() + ":link", stamp, owner);
        link.put("incidentTrackingIdentifier", received.senderIncident());
        link.put("transactionReasonText", "handed over by " + received.sender());
        link.put("linkDirectionCode", "RELATED");

        JsonNode original = Eido.read(received.document());
        Set<String> present = new HashSet<>();
        for (var field : doc.properties()) {
            if (field.getValue().isArray()) {
                for (JsonNode item : field.getValue()) {
                    if (item.has("$id")) present.add(item.get("$id").asString());
                }
            }
        }
        for (var field : original.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (Eido.PROLOGUE.contains(name) || name.equals("incidentComponent") || name.equals("eidoVersion"))
                continue;
            if (value.isArray() && name.endsWith("Component")) {
                ArrayNode into = doc.withArray(name);
                for (JsonNode item : value) {
                    String id = item.path("$id").asString("");
                    if (id.isEmpty() || present.add(id)) into.add(item.deepCopy());
                }
            } else if (!doc.has(name)) {
                doc.set(name, value.deepCopy());
            }
        }
    }

    private static ObjectNode agency(Organisation o, boolean owning, String stamp) {
        ObjectNode a = Eido.JSON.createObjectNode();
        prologue(a, agencyId(o.id()), stamp, o.id());
        a.putArray("agencyRoleDescriptionRegistryText").add(owning ? "Owning" : "Responding");
        a.putArray("agencyType").add(agencyType(o.agency()));
        a.put("incidentOwningAgencyIndicator", owning);
        a.put(
                "agencyJcard",
                "[\"vcard\",[[\"version\",{},\"text\",\"4.0\"],[\"fn\",{},\"text\"," + Eido.JSON.valueToTree(o.name())
                        + "]]]");
        return a;
    }

    private static ObjectNode resource(Unit u, Assignment a, Incident incident, ArrayNode locations, String stamp) {
        ObjectNode r = Eido.JSON.createObjectNode();
        prologue(r, unitId(u), stamp, u.organisation());
        r.putArray("agentReference");
        r.put("emergencyResourceTypeCommonRegistryText", registryText(u.type().name()));
        r.put("emergencyResourceTypeInternalText", u.type().name());
        ArrayNode attributes = r.putArray("resourceAttributeRegistryText");
        u.type().equipment().stream().sorted().forEach(c -> attributes.add(registryText(c.name())));
        r.put("emergencyResourceName", u.callsign().value());
        r.put("primaryUnitStatusRegistryText", registryText(u.status().name()));
        r.putArray("secondaryUnitStatusRegistryText").add(registryText(a.role().name()));
        r.putArray("unitStatusInternal").add(u.status().name());
        r.put("activeOnIncidentId", incident.id().value());
        u.position().ifPresent(p -> {
            String id = unitId(u) + ":location";
            locations.add(location(id, "Unit", p.point(), p.at().toString(), u.organisation()));
            r.putObject("unitLocationReference").put("$ref", id);
        });
        return r;
    }

    private static ObjectNode location(String id, String kind, GeoPoint point, String stamp, OrganisationId by) {
        ObjectNode l = Eido.JSON.createObjectNode();
        prologue(l, id, stamp, by);
        l.put("locationTypeDescriptionRegistryText", kind);
        l.put("locationByValue", Pidf.point(point));
        return l;
    }

    private static ObjectNode note(String id, String text, String stamp, OrganisationId by) {
        ObjectNode n = Eido.JSON.createObjectNode();
        prologue(n, id, stamp, by);
        n.put("notesActionComments", Eido.html(text));
        return n;
    }

    private static ObjectNode caution(String id, Hazard hazard, String stamp, OrganisationId by) {
        ObjectNode c = Eido.JSON.createObjectNode();
        prologue(c, id, stamp, by);
        c.put("cautionTypeInternalText", hazard.name());
        c.put("cautionTypeCommonRegistryText", "Hazard");
        c.put("cautionSeverity", "high");
        return c;
    }

    private static void prologue(ObjectNode component, String id, String stamp, OrganisationId by) {
        component.put("$id", id);
        component.put("lastUpdateTimeStamp", stamp);
        component.putObject("updatedByAgencyReference").put("$ref", agencyId(by));
    }

    static String agencyId(OrganisationId o) {
        return "urn:muster:agency:" + o.value();
    }

    private static String unitId(Unit u) {
        return "urn:muster:" + u.organisation().value() + ":unit:" + u.id().value();
    }

    /** The IANA responder registry's service, without its {@code urn:emergency:service:responder.} prefix. */
    private static String agencyType(Agency a) {
        return switch (a) {
            case POLICE -> "police";
            case AMBULANCE -> "ems";
            case FIRE -> "fire";
        };
    }

    private static String commonIncidentType(Agency a) {
        return switch (a) {
            case POLICE -> "LawEnforcement";
            case AMBULANCE -> "Medical";
            case FIRE -> "Fire";
        };
    }

    /** A Muster name in the registries' spelling: {@code EN_ROUTE} as {@code EnRoute}. */
    static String registryText(String name) {
        StringBuilder out = new StringBuilder();
        for (String word : name.toLowerCase(Locale.ROOT).split("_")) {
            if (word.isEmpty()) continue;
            out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return out.toString();
    }

    /** The {@code $id}s of one incident's components. */
    private record Ids(String prefix) {
        String incident() {
            return prefix;
        }

        String location() {
            return prefix + ":location";
        }

        String note(String which) {
            return prefix + ":note:" + which;
        }

        String caution(Hazard h) {
            return prefix + ":caution:" + h.name();
        }

        String dispatch(Unit u) {
            return prefix + ":dispatch:" + u.id().value();
        }
    }

    static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.asString("").isBlank() ? Optional.of(v.asString()) : Optional.empty();
    }
}
