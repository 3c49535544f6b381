-- Incidents handed over from other control rooms in an interchange document (an EIDO): the sender's
-- identifiers, kept as references, and the whole document as received, so that the components Muster does
-- not model go on with the incident when it is sent on. Beside the log, outside its hash chain, as the
-- closed incidents are: see org.muster.domain.incident.ReceivedIncidents.
CREATE TABLE received_incidents (
    incident        TEXT    PRIMARY KEY,
    standard        TEXT    NOT NULL,
    sender          TEXT    NOT NULL,
    sender_incident TEXT    NOT NULL,
    document        TEXT    NOT NULL,
    received_nanos  INTEGER NOT NULL
) STRICT;
