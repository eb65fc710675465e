-- The applicant registry seals a source record's name, street address, phone and e-mail at rest, and a master's
-- display name, like the stored payloads (applicant.pii.PayloadSeal: "sealed:v1:" and base64 of AES-GCM under a key
-- derived from the PII key): docs/operations.md, "Personal data in the store itself". The sealed form of n
-- characters takes at most 10 + 4 * ceil((3n + 28) / 3) characters (UTF-8, nonce and tag), so the columns widen.
-- Rows stored in clear before this version are sealed at start by platform.ledger.PayloadSealingJob; the registry
-- reads both forms. Widening a VARCHAR rewrites no row on PostgreSQL.
-- Portable SQL: PostgreSQL 15 and H2 2.3 in PostgreSQL mode; one column per statement.
ALTER TABLE applicant_source ALTER COLUMN name SET DATA TYPE VARCHAR(1300);
ALTER TABLE applicant_source ALTER COLUMN address_line SET DATA TYPE VARCHAR(1300);
ALTER TABLE applicant_source ALTER COLUMN phone SET DATA TYPE VARCHAR(200);
ALTER TABLE applicant_source ALTER COLUMN email SET DATA TYPE VARCHAR(900);
ALTER TABLE applicant_master ALTER COLUMN display_name SET DATA TYPE VARCHAR(1300);
