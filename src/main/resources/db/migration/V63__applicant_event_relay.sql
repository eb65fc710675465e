-- G2G reads the registry's merges and splits from the registry's own history (applicant_event) with a cursor,
-- instead of being told in process after each flush: a hand-off that failed, or a hub that stopped between the
-- registry's write and the hand-off, lost the alias and the event for good. The cause of a merge is a code safe
-- to tell every agency (AUTOMATIC, RESEND, REVIEW_DECISION); the free-text detail stays the registry's own.
ALTER TABLE applicant_event ADD COLUMN cause VARCHAR(20);
-- Merges and splits stored before this version were told to G2G the old way: start after them.
INSERT INTO g2g_cursor (name, position) SELECT 'applicants', COALESCE(MAX(id), 0) FROM applicant_event;
