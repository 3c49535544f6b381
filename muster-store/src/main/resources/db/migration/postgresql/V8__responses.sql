-- The finished responses (call to the arrival that stopped the clock), written by the response times
-- before each snapshot instead of inside it: see org.muster.domain.log.ResponseLog. Times in epoch
-- nanoseconds, zones as their ids joined by commas (an id holds no comma).
CREATE TABLE responses (
    incident       TEXT    NOT NULL,
    sequence       BIGINT NOT NULL,
    organisation   TEXT    NOT NULL,
    priority       TEXT    NOT NULL,
    zones          TEXT    NOT NULL,
    received_nanos BIGINT NOT NULL,
    stopped_nanos  BIGINT NOT NULL,
    suspended      BIGINT NOT NULL,
    PRIMARY KEY (incident, sequence)
);

CREATE INDEX responses_stopped ON responses (stopped_nanos);
