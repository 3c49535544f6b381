package org.muster.domain.incident;

import java.time.Instant;
import org.muster.domain.Check;

/**
 * An incident another control room handed over in an interchange document (an EIDO): the sender's
 * identifiers, kept as references, and the whole document, so that what Muster does not model goes on with
 * the incident when it is sent on.
 *
 * @param incident the incident Muster created from it
 * @param standard the interchange standard of {@code document}, such as {@code EIDO}
 * @param sender who sent it, as the document names its issuer
 * @param senderIncident the sender's identifier of the incident
 * @param document the document as received
 */
public record ReceivedIncident(
        IncidentId incident,
        String standard,
        String sender,
        String senderIncident,
        String document,
        Instant receivedAt) {
    public ReceivedIncident {
        Check.present("incident", incident);
        standard = Check.text("standard", standard);
        sender = Check.text("sender", sender);
        senderIncident = Check.text("senderIncident", senderIncident);
        Check.present("document", document);
        Check.present("receivedAt", receivedAt);
    }
}
