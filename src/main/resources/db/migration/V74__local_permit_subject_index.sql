-- The data-subject export's index of the offices' own permits, like ledger_subject (V70) for OSS permits:
-- local_permit.payload is sealed, so a person's local permits are found by the registry's keyed hash of each NIK
-- (as identity number or as 16-digit NPWP) the latest version carries, written in the transaction that stores it
-- (a new version replaces its rows). Rows stored between V72 and this migration are indexed at their next
-- version only (docs/local-permits.md).
CREATE TABLE local_permit_subject (
    subject_hash      VARCHAR(64)  NOT NULL,
    local_permit_id   BIGINT       NOT NULL,
    PRIMARY KEY (subject_hash, local_permit_id)
);
CREATE INDEX local_permit_subject_permit ON local_permit_subject (local_permit_id);
