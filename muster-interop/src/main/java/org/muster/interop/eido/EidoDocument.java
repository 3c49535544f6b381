package org.muster.interop.eido;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedSet;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.Sorted;
import org.muster.domain.incident.Hazard;

/**
 * What Muster reads of an EIDO that validates: the sender's identifiers and the parts of the incident it
 * models. The rest stays in {@code json}, to be kept with the incident.
 *
 * @param sender the document's {@code issuingElementIdentification}
 * @param senderIncident the sender's incident component's {@code $id}, or the document's without one
 * @param type the incident component's {@code incidentTypeInternalCode}
 * @param priority its {@code incidentPriorityInternalText}
 * @param urgency its {@code incidentCommonPriorityNumber}
 * @param location the first GML position of the incident's location (or of any location, when the
 *     incident names none)
 * @param description the text of the incident's first note, or of the first note
 * @param hazards the cautions whose internal text names one of Muster's hazards
 * @param json the document as received
 */
public record EidoDocument(
        String sender,
        String senderIncident,
        Optional<String> type,
        Optional<String> priority,
        OptionalInt urgency,
        Optional<GeoPoint> location,
        String description,
        SortedSet<Hazard> hazards,
        String json) {
    public EidoDocument {
        Check.present("sender", sender);
        Check.present("senderIncident", senderIncident);
        Check.present("type", type);
        Check.present("priority", priority);
        Check.present("urgency", urgency);
        Check.present("location", location);
        Check.present("description", description);
        hazards = Sorted.setOf(Check.present("hazards", hazards));
        Check.present("json", json);
    }
}
