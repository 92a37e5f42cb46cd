-- 002-rules.sql: what real tournaments need beyond placements and kills:
-- unknown maps, voided matches, a team's status in a match (dq, forfeit),
-- stage rosters and groups in shared lobbies, head starts keyed by team,
-- and point adjustments. db_migrate runs this with foreign keys off, so
-- match and result are rebuilt in place (map, placement and kills become
-- nullable) and checked with PRAGMA foreign_key_check before the commit.

CREATE TABLE match_v2 (
	id        INTEGER PRIMARY KEY,                      -- row id
	stage_id  INTEGER NOT NULL REFERENCES stage(id),    -- the stage it was played in
	number    INTEGER NOT NULL CHECK (number > 0),      -- 1..N in play order within the stage
	day       INTEGER,                                  -- day of the stage, NULL when not given
	map       TEXT CHECK (map <> ''),                   -- map name as given (Bermuda, Purgatory, ...); NULL: unknown
	played_at TEXT,                                     -- ISO 8601 start time as given, NULL when not given
	void      TEXT CHECK (void <> ''),                  -- why the organizer annulled it; NULL: it counts
	UNIQUE (stage_id, number)
) STRICT;
INSERT INTO match_v2 (id, stage_id, number, day, map, played_at)
	SELECT id, stage_id, number, day, NULLIF(map, ''), played_at FROM match;

CREATE TABLE result_v2 (
	match_id  INTEGER NOT NULL REFERENCES match(id) ON DELETE CASCADE, -- the match
	team_id   INTEGER NOT NULL REFERENCES team(id),                    -- the team
	placement INTEGER CHECK (placement > 0),                           -- 1 = Booyah; NULL only for dq or forfeit
	kills     INTEGER CHECK (kills >= 0),                              -- the team's kills; NULL only for dq or forfeit
	status    TEXT NOT NULL DEFAULT 'played'
	          CHECK (status IN ('played', 'dq', 'forfeit')),           -- dq, forfeit: no points, no statistics
	CHECK (status <> 'played' OR (placement IS NOT NULL AND kills IS NOT NULL)),
	PRIMARY KEY (match_id, team_id)
) STRICT, WITHOUT ROWID;
INSERT INTO result_v2 (match_id, team_id, placement, kills)
	SELECT match_id, team_id, placement, kills FROM result;

DROP TABLE result;
DROP TABLE match;
ALTER TABLE match_v2 RENAME TO match;
ALTER TABLE result_v2 RENAME TO result;
CREATE INDEX result_team ON result(team_id, match_id);

CREATE TABLE stage_team (
	stage_id INTEGER NOT NULL REFERENCES stage(id) ON DELETE CASCADE, -- the stage
	team_id  INTEGER NOT NULL REFERENCES team(id),                    -- a team of its declared roster
	grp      TEXT CHECK (grp <> ''),                                  -- its group ("A") where groups share lobbies; NULL: none
	PRIMARY KEY (stage_id, team_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX stage_team_team ON stage_team(team_id);

CREATE TABLE headstart (
	stage_id INTEGER NOT NULL REFERENCES stage(id) ON DELETE CASCADE, -- the stage
	team_id  INTEGER NOT NULL REFERENCES team(id),                    -- the team (by id, so renames and merges keep it)
	points   INTEGER NOT NULL,                                        -- points it starts the stage with, as the ruleset names them
	PRIMARY KEY (stage_id, team_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX headstart_team ON headstart(team_id);

CREATE TABLE adjustment (
	id          INTEGER PRIMARY KEY,                                      -- row id; also the order they were given in
	stage_id    INTEGER NOT NULL REFERENCES stage(id) ON DELETE CASCADE,  -- the stage
	team_id     INTEGER NOT NULL REFERENCES team(id),                     -- the team
	points      INTEGER NOT NULL CHECK (points <> 0),                     -- added to its total; negative: a penalty
	after_match INTEGER NOT NULL CHECK (after_match >= 0),                -- part of the total from the standings after this match number on (0: from the start)
	reason      TEXT NOT NULL CHECK (reason <> '')                        -- shown wherever the adjusted total is
) STRICT;
CREATE INDEX adjustment_stage ON adjustment(stage_id, team_id);
CREATE INDEX adjustment_team ON adjustment(team_id);

-- The head starts a stored ruleset gives by team name move into headstart,
-- by team id, and leave the ruleset's text: db.c does that right after this
-- file (headstarts_by_team), in C, because it names teams as the importers
-- do (name_key(), and a new team's slug).
