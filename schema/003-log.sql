-- 003-log.sql: who did what. Every write (imports, POSTs, desk entries,
-- corrections, rule changes, backups) adds one row here in the same
-- transaction as the write itself, so the log and the data never disagree.
-- Rows name tournaments and stages by id without a foreign key: the row of
-- a removal outlives what it removed. Also: spellings looked up by key, so
-- that an import finds a renamed or merged team by its old name.

CREATE TABLE log (
	id            INTEGER PRIMARY KEY,                  -- row id: the order of the writes
	time          TEXT NOT NULL,                        -- UTC, ISO 8601 with milliseconds (2026-12-01T21:58:50.123Z)
	origin        TEXT NOT NULL CHECK (origin <> ''),   -- "cli", or "http ADDRESS token NAME"
	action        TEXT NOT NULL CHECK (action <> ''),   -- import, post, desk, void, unvoid, merge, rename, alias, remove, rules, adjust, backup
	tournament_id INTEGER,                              -- the tournament concerned, NULL: none (teams, players, backups)
	stage_id      INTEGER,                              -- the stage concerned, NULL: none or the whole tournament
	ids           TEXT,                                 -- the other row ids concerned, as "match=12 team=3", NULL: none
	what          TEXT NOT NULL CHECK (what <> '')      -- what changed, for a person
) STRICT;
CREATE INDEX log_stage ON log(stage_id);
CREATE INDEX log_tournament ON log(tournament_id);

CREATE INDEX team_alias_key ON team_alias(lower(spelling));
CREATE INDEX player_alias_key ON player_alias(lower(spelling));
