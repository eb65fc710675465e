-- Leader election for pollers (OSS sweep, backfills): ShedLock's lock rows, one per job name.
-- Portable SQL: PostgreSQL 15 and H2 2.3 in PostgreSQL mode. Times are the database's (usingDbTime).
CREATE TABLE shedlock (
    name        VARCHAR(64)   NOT NULL PRIMARY KEY,
    lock_until  TIMESTAMP     NOT NULL,
    locked_at   TIMESTAMP     NOT NULL,
    locked_by   VARCHAR(255)  NOT NULL
);
