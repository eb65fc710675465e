-- Personal data sealed at rest: sync_ledger.canonical holds AES-GCM ciphertext from this build on, so SQL can no
-- longer search inside it. A data-subject export finds a person's permit versions here instead: one row per
-- version and per NIK (as identity number or as 16-digit NPWP) its canonical form carries, by the registry's keyed
-- hash of the NIK (applicant_source.nik_hmac), written in the transaction that stores the form. Versions stored
-- before are indexed by the sealing job at start (docs/operations.md, "Personal data in the store itself").
CREATE TABLE ledger_subject (
    subject_hash  VARCHAR(64)  NOT NULL,
    ledger_id     BIGINT       NOT NULL,
    PRIMARY KEY (subject_hash, ledger_id)
);
CREATE INDEX ledger_subject_ledger ON ledger_subject (ledger_id);
