-- The read model of finished incidents (closed, cancelled, merged) once they have left the live state.
-- Not part of the hash chain: the log's IncidentArchived event says when each left, and every row can be
-- rebuilt from the log. payload is the incident as the store's JSON codec writes it; finished_ms (epoch
-- milliseconds of its last timeline entry) orders and windows the listing without parsing it.
CREATE TABLE closed_incidents (
    id           TEXT   PRIMARY KEY,
    organisation TEXT   NOT NULL,
    status       TEXT   NOT NULL,
    finished_ms  BIGINT NOT NULL,
    payload      TEXT   NOT NULL
);

-- Listing an organisation's incidents finished in a window, newest first.
CREATE INDEX closed_incidents_by_organisation ON closed_incidents (organisation, finished_ms);
