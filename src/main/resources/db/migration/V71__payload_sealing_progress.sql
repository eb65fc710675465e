-- How far the sealing job (platform.ledger.PayloadSealingJob) has looked, per stored payload column: rows up to
-- sealed_through were sealed (or sealed already). Rows after it are looked at on the next start: rows an earlier
-- build wrote in clear (an older build run again, a restored older backup) are sealed then.
CREATE TABLE payload_sealing (
    name            VARCHAR(60)  NOT NULL PRIMARY KEY,
    sealed_through  BIGINT       NOT NULL
);
