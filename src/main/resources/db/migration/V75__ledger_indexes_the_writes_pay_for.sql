-- Two indexes on sync_ledger that answered nothing the others do not, and that every recorded version paid for
-- in its commit (docs/performance.md, "Nineteenth pass"; ADR 0003, "Amended").
--
-- ix_ledger_permit_shared_hash (id_izin, shared_hash): every query on shared_hash also names the permit, and
-- uq_ledger_permit_version leads with id_izin, over a permit's few versions.
DROP INDEX IF EXISTS ix_ledger_permit_shared_hash;
--
-- uq_ledger_permit_hash (id_izin, content_hash), the largest index of the store's writes (a 64-character key
-- at a random place per version): SyncLedger.recordIncoming, the only writer of ledger rows, reads a permit's
-- versions and inserts content it has not seen as the highest version + 1. Rows are never deleted and their
-- version and hash never change, so two racing inserts of the same content read the same highest version and
-- collide on uq_ledger_permit_version, which stays; the one that retries then finds the content recorded.
-- ConcurrentPushTest pushes the same content from many consumers at once. Look-ups by hash use the version
-- index's id_izin prefix.
ALTER TABLE sync_ledger DROP CONSTRAINT IF EXISTS uq_ledger_permit_hash;
