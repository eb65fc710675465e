-- The master applicant a version's canonical form names (PermitMessage.applicantId), in a column of its own
-- with an index: G2G finds an applicant's permits by it, where it searched every canonical form with LIKE.
-- SyncLedger.attachCanonical writes it with the canonical form; versions stored before are filled here
-- (REGEXP_SUBSTR: H2 2 and PostgreSQL 15+).
ALTER TABLE sync_ledger ADD COLUMN applicant_id VARCHAR(40);
UPDATE sync_ledger
   SET applicant_id = REPLACE(REPLACE(REGEXP_SUBSTR(canonical, '"applicantId":"[A-Za-z0-9-]{1,40}"'),
                                      '"applicantId":"', ''), '"', '')
 WHERE canonical LIKE '%"applicantId":"%';
CREATE INDEX ix_ledger_applicant ON sync_ledger (applicant_id);
-- G2G gathers the ids retired into a survivor (LedgerApplicantDirectory).
CREATE INDEX ix_g2g_alias_survivor ON g2g_applicant_alias (survivor_id);
