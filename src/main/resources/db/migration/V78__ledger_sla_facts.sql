-- What the service-standard clock needs of a version's canonical form, kept beside it in clear: the permit type
-- (kd_izin, for its standard in working days) and whether the version withdraws the permit (OSS revoked or
-- cancelled it). Neither is personal data. SlaTracker used to open (decrypt and parse) the form of every open permit
-- at each evaluation: every 30 s for the simpul_sla_overdue gauge while Prometheus scrapes, and in every reconciliation
-- run. A region whose statuses do not come back keeps every permit open, so that grew with the ledger
-- (docs/performance.md, "Twenty-ninth pass").
-- withdraws NULL means "not known from these columns": a version converted before V78 or not converted yet, or a
-- kd_izin longer than the column. SlaTracker opens such a form and, for the first two, fills the columns once.
ALTER TABLE sync_ledger ADD COLUMN kd_izin VARCHAR(255);
ALTER TABLE sync_ledger ADD COLUMN withdraws BOOLEAN;
