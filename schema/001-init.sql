-- 001-init.sql: tournaments, their stages and matches, teams and players
-- with the spellings they were imported under, and the per-match results.
-- Every standing is computed on read from `result`: nothing here caches a
-- score.

CREATE TABLE tournament (
	id   INTEGER PRIMARY KEY, -- row id
	name TEXT NOT NULL,       -- display name, as first imported (white space folded)
	slug TEXT NOT NULL UNIQUE -- slugify(name): the tournament's identity and URL name
) STRICT;

CREATE TABLE stage (
	id            INTEGER PRIMARY KEY,                      -- row id
	tournament_id INTEGER NOT NULL REFERENCES tournament(id), -- the tournament it belongs to
	name          TEXT NOT NULL,                            -- display name, as first imported
	slug          TEXT NOT NULL,                            -- slugify(name): identity within the tournament
	ruleset       TEXT,                                     -- the ruleset object as JSON text (match JSON v1); NULL: the FFWS defaults
	source        TEXT,                                     -- the free-text source line of the file it came from
	UNIQUE (tournament_id, slug)
) STRICT;

CREATE TABLE team (
	id   INTEGER PRIMARY KEY, -- row id
	name TEXT NOT NULL,       -- display name: the first spelling imported, white space folded
	key  TEXT NOT NULL UNIQUE, -- name_key(): lowercase, white space folded; equal keys are one team
	slug TEXT NOT NULL UNIQUE  -- URL name: slugify(name), with -2, -3 ... where two teams share one
) STRICT;

CREATE TABLE team_alias (
	spelling TEXT PRIMARY KEY,                          -- a spelling an import used, white space folded
	team_id  INTEGER NOT NULL REFERENCES team(id)        -- the team it names
) STRICT, WITHOUT ROWID;
CREATE INDEX team_alias_team ON team_alias(team_id);

CREATE TABLE player (
	id   INTEGER PRIMARY KEY, -- row id
	name TEXT NOT NULL,       -- display name: the first spelling imported, white space folded
	key  TEXT NOT NULL UNIQUE  -- name_key(): equal keys are one player
) STRICT;

CREATE TABLE player_alias (
	spelling  TEXT PRIMARY KEY,                       -- a spelling an import used, white space folded
	player_id INTEGER NOT NULL REFERENCES player(id)   -- the player it names
) STRICT, WITHOUT ROWID;
CREATE INDEX player_alias_player ON player_alias(player_id);

CREATE TABLE match (
	id        INTEGER PRIMARY KEY,                      -- row id
	stage_id  INTEGER NOT NULL REFERENCES stage(id),    -- the stage it was played in
	number    INTEGER NOT NULL CHECK (number > 0),      -- 1..N in play order within the stage
	day       INTEGER,                                  -- day of the stage, NULL when not given
	map       TEXT NOT NULL,                            -- map name as given (Bermuda, Purgatory, ...)
	played_at TEXT,                                     -- ISO 8601 start time as given, NULL when not given
	UNIQUE (stage_id, number)
) STRICT;

CREATE TABLE result (
	match_id  INTEGER NOT NULL REFERENCES match(id) ON DELETE CASCADE, -- the match
	team_id   INTEGER NOT NULL REFERENCES team(id),                    -- the team
	placement INTEGER NOT NULL CHECK (placement > 0),                  -- 1 = Booyah
	kills     INTEGER NOT NULL CHECK (kills >= 0),                     -- the team's kills in the match
	PRIMARY KEY (match_id, team_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX result_team ON result(team_id, match_id);

CREATE TABLE player_result (
	match_id  INTEGER NOT NULL,                          -- the match
	player_id INTEGER NOT NULL REFERENCES player(id),    -- the player
	team_id   INTEGER NOT NULL,                          -- the team the player played for in this match
	kills     INTEGER NOT NULL CHECK (kills >= 0),       -- kills
	damage    INTEGER CHECK (damage >= 0),               -- damage dealt, NULL when not given
	assists   INTEGER CHECK (assists >= 0),              -- assists, NULL when not given
	mvp       INTEGER CHECK (mvp >= 0),                  -- MVP awards in the match (0 or 1), NULL when not given
	PRIMARY KEY (match_id, player_id),
	FOREIGN KEY (match_id, team_id) REFERENCES result(match_id, team_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX player_result_player ON player_result(player_id);
CREATE INDEX player_result_team ON player_result(team_id);
