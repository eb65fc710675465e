-- A 16-digit NPWP is a resident's NIK (since 2024): the registry keeps it like the NIK, as an HMAC for equality
-- and blocking (npwp_hmac: the same keyed hash as nik_hmac, so a search by a NIK's HMAC finds it as NPWP too)
-- and AES-GCM ciphertext (npwp_cipher); applicant_source.npwp keeps only 15-digit NPWPs (companies, and persons
-- registered before 2024), as before. Rows stored in clear before this version are sealed by the registry when
-- it starts (ApplicantRegistry.load): the key comes from the environment, so SQL cannot do it here.
-- Numbered after V52, outside the applicants' V20-V29 range (ADR 0001): Flyway applies versions in order, and
-- a store already at V52 would refuse a new lower version.
-- Portable SQL: PostgreSQL 15 and H2 2.3 in PostgreSQL mode; one column per statement.
ALTER TABLE applicant_source ADD COLUMN npwp_hmac VARCHAR(64);
ALTER TABLE applicant_source ADD COLUMN npwp_cipher VARCHAR(200);
