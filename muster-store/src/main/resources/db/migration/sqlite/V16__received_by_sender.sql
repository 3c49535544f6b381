-- An incident received as an EIDO is found by the sender's reference (its sender and the sender's incident), not
-- only by the incident Muster made of it: those received before an EIDO's incident id was made from that
-- reference (an I-... id) are found this way when the sender sends the incident again, so that it is refused
-- as received already rather than taken as another call. See org.muster.domain.incident.ReceivedIncidents.
CREATE INDEX received_incidents_sender ON received_incidents (sender_incident, sender);
