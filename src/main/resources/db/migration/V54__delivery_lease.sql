-- Delivery lease (docs/adr/0005-delivery-isolation.md): before each attempt to a target that knows no
-- idempotency key (the on-premise backoffice looks a permit up, then creates it), the attempt takes the
-- lease of the permit version's row with one conditional UPDATE, so two consumers (in one hub or in
-- several on this store) never look up and create the same version at once. A lease ends when its
-- attempt does; lease_until lets another take it after a holder that died mid-attempt.
-- Portable SQL: PostgreSQL and H2 in PostgreSQL mode.
ALTER TABLE sync_ledger ADD COLUMN lease_holder VARCHAR(40);
ALTER TABLE sync_ledger ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
