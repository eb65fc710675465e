-- The hash over what an OSS push and an inqueryNIB answer both carry with the same meaning
-- (NibContent.hashes): the sweep and the backfill ask "does the ledger hold this content?" by it.
-- Versions recorded before this column are compared by content_hash, as before.
ALTER TABLE sync_ledger ADD COLUMN shared_hash VARCHAR(64);
CREATE INDEX ix_ledger_permit_shared_hash ON sync_ledger (id_izin, shared_hash);
