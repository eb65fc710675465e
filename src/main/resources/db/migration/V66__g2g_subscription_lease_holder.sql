-- Webhook subscription lease on the database's clock (docs/g2g.md, "Webhooks"): a delivery run holds its
-- subscription under a lease so that two hub instances never deliver one subscription's events at once. The
-- lease was timed on each hub's own clock and known by its end (lease_until), which only the hub that wrote it
-- could name; it is now taken as CURRENT_TIMESTAMP plus its length, and known by a random holder id.
-- Portable SQL: PostgreSQL and H2 in PostgreSQL mode.
ALTER TABLE g2g_subscription ADD COLUMN lease_holder VARCHAR(40);
