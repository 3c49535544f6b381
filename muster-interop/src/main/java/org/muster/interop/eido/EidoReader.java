package org.muster.interop.eido;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.muster.domain.GeoPoint;
import org.muster.domain.InvalidInputException;
import org.muster.domain.Violation;
import org.muster.domain.incident.Hazard;
import tools.jackson.databind.JsonNode;

/**
 * Reads an EIDO another control room sent: any document that validates against {@code
 * EmergencyIncidentDataObjectType} is read, whatever optional components it carries; one that does not is
 * refused with every violation, each naming its path in the document and the reason.
 */
public final class EidoReader {
    private final EidoSchema schema;

    public EidoReader(EidoSchema schema) {
        this.schema = schema;
    }

    /**
     * @throws InvalidInputException when the text is not JSON, or not a valid EIDO: then listing every
     *     violation
     */
    public EidoDocument read(String json) {
        JsonNode doc = Eido.read(json);
        List<Violation> violations = schema.check(doc);
        if (!violations.isEmpty()) throw new InvalidInputException(violations);
        JsonNode incident = doc.path("incidentComponent");
        String sender = doc.path("issuingElementIdentification").asString();
        Optional<String> incidentId = EidoWriter.text(incident, "$id");
        String senderIncident = incidentId.orElseGet(() -> doc.path("$id").asString());
        OptionalInt urgency = incident.path("incidentCommonPriorityNumber").isIntegralNumber()
                ? OptionalInt.of(incident.path("incidentCommonPriorityNumber").asInt())
                : OptionalInt.empty();
        return new EidoDocument(
                sender,
                senderIncident,
                incidentId.isPresent() ? "incidentComponent.$id" : "$id",
                EidoWriter.text(incident, "incidentTypeInternalCode"),
                EidoWriter.text(incident, "incidentPriorityInternalText"),
                urgency,
                location(doc, incident),
                description(doc, incident),
                hazards(doc),
                json);
    }

    private static Optional<GeoPoint> location(JsonNode doc, JsonNode incident) {
        for (JsonNode ref : incident.path("locationReference")) {
            Optional<GeoPoint> p = component(
                            doc, "locationComponent", ref.path("$ref").asString(""))
                    .flatMap(l -> EidoWriter.text(l, "locationByValue"))
                    .flatMap(Pidf::findPoint);
            if (p.isPresent()) return p;
        }
        for (JsonNode l : doc.path("locationComponent")) {
            Optional<GeoPoint> p = EidoWriter.text(l, "locationByValue").flatMap(Pidf::findPoint);
            if (p.isPresent()) return p;
        }
        return Optional.empty();
    }

    private static String description(JsonNode doc, JsonNode incident) {
        for (JsonNode ref : incident.path("notesReference")) {
            Optional<String> text = component(
                            doc, "notesComponent", ref.path("$ref").asString(""))
                    .flatMap(n -> EidoWriter.text(n, "notesActionComments"));
            if (text.isPresent()) return Eido.plain(text.get());
        }
        for (JsonNode n : doc.path("notesComponent")) {
            Optional<String> text = EidoWriter.text(n, "notesActionComments");
            if (text.isPresent()) return Eido.plain(text.get());
        }
        return EidoWriter.text(incident, "incidentTypeInternalText").orElse("");
    }

    private static TreeSet<Hazard> hazards(JsonNode doc) {
        TreeSet<Hazard> out = new TreeSet<>();
        for (JsonNode c : doc.path("cautionComponent")) {
            String text = c.path("cautionTypeInternalText").asString("");
            for (Hazard h : Hazard.values()) if (h.name().equalsIgnoreCase(text.strip())) out.add(h);
        }
        return out;
    }

    private static Optional<JsonNode> component(JsonNode doc, String kind, String id) {
        for (JsonNode c : doc.path(kind)) if (c.path("$id").asString("").equals(id)) return Optional.of(c);
        return Optional.empty();
    }
}
