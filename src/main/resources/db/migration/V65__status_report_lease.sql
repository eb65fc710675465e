-- Status report lease (docs/delivery.md, "Back-sync to OSS"): several hub instances on one store each have a
-- report consumer, so two copies of one report (a deferred one and the one the stale sweep queued again) can be
-- consumed at once. A consumer sends a report to OSS only while it holds the report's lease, taken with one
-- conditional UPDATE and timed on the database's clock (instances' clocks may drift); lease_until lets another
-- consumer take it after a holder that died mid-call.
-- Portable SQL: PostgreSQL and H2 in PostgreSQL mode.
ALTER TABLE status_report ADD COLUMN lease_holder VARCHAR(40);
ALTER TABLE status_report ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
