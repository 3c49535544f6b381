-- The finished responses (call to the arrival that stopped the clock), written by the response times
-- before each snapshot instead of inside it: see org.muster.domain.log.ResponseLog. Times in epoch
-- nanoseconds, zones as their ids joined by commas (an id holds no comma).
CREATE TABLE responses (
    incident       TEXT    NOT NULL,
    sequence       INTEGER NOT NULL,
    organisation   TEXT    NOT NULL,
    priority       TEXT    NOT NULL,
    zones          TEXT    NOT NULL,
    received_nanos INTEGER NOT NULL,
    stopped_nanos  INTEGER NOT NULL,
    suspended      INTEGER NOT NULL,
    PRIMARY KEY (incident, sequence)
) STRICT;

CREATE INDEX responses_stopped ON responses (stopped_nanos);
