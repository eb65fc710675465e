-- Which algorithm chained each audit row, and the chain's head: rows written before this version were
-- chained with plain SHA-256 (the default); newer rows with HMAC-SHA256 under the audit key
-- (SIMPUL_AUDIT_KEY or data/keys/audit.key), which the database does not hold (docs/adr/0008).
ALTER TABLE audit_log ADD COLUMN hash_alg VARCHAR(16) DEFAULT 'SHA-256' NOT NULL;
ALTER TABLE audit_chain_head ADD COLUMN hash_alg VARCHAR(16) DEFAULT 'SHA-256' NOT NULL;
