-- G2G visibility delay on the database's clock (docs/g2g.md, "Visibility delay"): the cursors over the trail and
-- the outbox read a row only once it is simpul.g2g.events.settle old. Its age was measured from at / created_at,
-- stamped on the clock of the hub instance that wrote it, against the clock of the one reading: a hub whose clock
-- ran an hour ahead stalled every feed, webhook and the topic for an hour. stored_at is stamped by the database
-- (the column default, so that no writer can miss it) and compared with the database's time in the reading query.
-- at / created_at keep the writing hub's time: they are shown to people and put in the events' bodies.
-- Rows already written count as stored now: they settle once, right after the upgrade.
-- Portable SQL: PostgreSQL and H2 in PostgreSQL mode.
ALTER TABLE trail_event ADD COLUMN stored_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL;
ALTER TABLE g2g_event ADD COLUMN stored_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL;
