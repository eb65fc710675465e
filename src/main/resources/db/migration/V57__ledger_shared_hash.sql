-- The hash over what an OSS push and an inqueryNIB answer both carry with the same meaning
-- (NibContent.hashes), and whether the version's content was fetched from OSS by the hub (sweep,
-- backfill) rather than pushed: fetched content lacks what only a push carries, so the two are the same
-- content when their shared hashes are equal (SyncLedger.recordIncoming, SyncLedger.holds).
-- Versions recorded before this column are compared by content_hash, as before.
ALTER TABLE sync_ledger ADD COLUMN shared_hash VARCHAR(64);
ALTER TABLE sync_ledger ADD COLUMN fetched BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX ix_ledger_permit_shared_hash ON sync_ledger (id_izin, shared_hash);
