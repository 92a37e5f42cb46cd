-- 005-counts.sql: the counts the listings show (`tracker tournaments`,
-- `tracker teams`, the home page, the API's tournaments), stored and kept
-- exact by triggers on every row they count, so that a listing reads one
-- row per line it prints instead of counting every match and result of the
-- database. Written by nothing but these triggers. A migration that rebuilds
-- match, result, stage_team or headstart (DROP TABLE drops their triggers)
-- must create them again. No writer may use INSERT OR REPLACE (or REPLACE)
-- on these tables: without recursive_triggers, the row it deletes fires no
-- delete trigger, and the count would keep it.
--
-- A result's stage is its match's. When a match is deleted, its results
-- cascade after the match row is gone: match_delete takes them off first,
-- and result_delete skips a result whose match no longer exists.

CREATE TABLE stage_count (
	stage_id INTEGER PRIMARY KEY,          -- the stage (no row: all zero)
	played   INTEGER NOT NULL DEFAULT 0,   -- its matches that count (void IS NULL)
	voided   INTEGER NOT NULL DEFAULT 0,   -- its voided matches
	teams    INTEGER NOT NULL DEFAULT 0,   -- teams with a result in it
	listed   INTEGER NOT NULL DEFAULT 0    -- teams with a result, on its roster or with a head start
) STRICT;

-- A row for each team that has a result in the stage, is on its roster or
-- has a head start in it, and no other.
CREATE TABLE stage_team_count (
	stage_id  INTEGER NOT NULL,            -- the stage
	team_id   INTEGER NOT NULL,            -- the team
	results   INTEGER NOT NULL DEFAULT 0,  -- its results in the stage's matches, voided ones too
	roster    INTEGER NOT NULL DEFAULT 0,  -- 1: a row of stage_team
	headstart INTEGER NOT NULL DEFAULT 0,  -- 1: a row of headstart
	PRIMARY KEY (stage_id, team_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE team_count (
	team_id INTEGER PRIMARY KEY,           -- the team (no row: none)
	matches INTEGER NOT NULL DEFAULT 0     -- its results, in every stage, voided matches too
) STRICT;

-- stage_team_count's rows make stage_count's teams and listed.
CREATE TRIGGER stage_team_count_insert AFTER INSERT ON stage_team_count BEGIN
	INSERT INTO stage_count (stage_id, teams, listed) VALUES (NEW.stage_id, NEW.results > 0, 1)
	ON CONFLICT (stage_id) DO UPDATE SET teams = teams + excluded.teams, listed = listed + 1;
END;
-- An update changes them only when it takes the team's results to or from
-- 0 (else the WHEN stops it before any statement: most imports' updates).
CREATE TRIGGER stage_team_count_update AFTER UPDATE ON stage_team_count
WHEN (NEW.results > 0) <> (OLD.results > 0) OR NEW.results + NEW.roster + NEW.headstart = 0 BEGIN
	UPDATE stage_count SET teams = teams + (NEW.results > 0) - (OLD.results > 0)
	WHERE stage_id = NEW.stage_id AND (NEW.results > 0) <> (OLD.results > 0);
	DELETE FROM stage_team_count WHERE stage_id = NEW.stage_id AND team_id = NEW.team_id
	AND NEW.results + NEW.roster + NEW.headstart = 0;
END;
CREATE TRIGGER stage_team_count_delete AFTER DELETE ON stage_team_count BEGIN
	UPDATE stage_count SET teams = teams - (OLD.results > 0), listed = listed - 1
	WHERE stage_id = OLD.stage_id;
END;

CREATE TRIGGER match_insert AFTER INSERT ON match BEGIN
	INSERT INTO stage_count (stage_id, played, voided)
	VALUES (NEW.stage_id, NEW.void IS NULL, NEW.void IS NOT NULL)
	ON CONFLICT (stage_id) DO UPDATE SET played = played + excluded.played,
	voided = voided + excluded.voided;
END;
-- (an update that also moves the match to another stage is match_stage's alone)
CREATE TRIGGER match_void AFTER UPDATE OF void ON match
WHEN (OLD.void IS NULL) <> (NEW.void IS NULL) AND OLD.stage_id = NEW.stage_id BEGIN
	UPDATE stage_count SET played = played + (NEW.void IS NULL) - (OLD.void IS NULL),
	voided = voided + (NEW.void IS NOT NULL) - (OLD.void IS NOT NULL)
	WHERE stage_id = NEW.stage_id;
END;
CREATE TRIGGER match_stage AFTER UPDATE OF stage_id ON match
WHEN OLD.stage_id <> NEW.stage_id BEGIN
	UPDATE stage_count SET played = played - (OLD.void IS NULL),
	voided = voided - (OLD.void IS NOT NULL) WHERE stage_id = OLD.stage_id;
	INSERT INTO stage_count (stage_id, played, voided)
	VALUES (NEW.stage_id, NEW.void IS NULL, NEW.void IS NOT NULL)
	ON CONFLICT (stage_id) DO UPDATE SET played = played + excluded.played,
	voided = voided + excluded.voided;
	UPDATE stage_team_count SET results = results - 1 WHERE stage_id = OLD.stage_id
	AND team_id IN (SELECT team_id FROM result WHERE match_id = NEW.id);
	INSERT INTO stage_team_count (stage_id, team_id, results)
	SELECT NEW.stage_id, team_id, 1 FROM result WHERE match_id = NEW.id
	ON CONFLICT (stage_id, team_id) DO UPDATE SET results = results + 1;
END;
CREATE TRIGGER match_delete BEFORE DELETE ON match BEGIN
	UPDATE stage_count SET played = played - (OLD.void IS NULL),
	voided = voided - (OLD.void IS NOT NULL) WHERE stage_id = OLD.stage_id;
	UPDATE stage_team_count SET results = results - 1 WHERE stage_id = OLD.stage_id
	AND team_id IN (SELECT team_id FROM result WHERE match_id = OLD.id);
	UPDATE team_count SET matches = matches - 1
	WHERE team_id IN (SELECT team_id FROM result WHERE match_id = OLD.id);
END;

CREATE TRIGGER result_insert AFTER INSERT ON result BEGIN
	INSERT INTO stage_team_count (stage_id, team_id, results)
	SELECT stage_id, NEW.team_id, 1 FROM match WHERE id = NEW.match_id
	ON CONFLICT (stage_id, team_id) DO UPDATE SET results = results + 1;
	INSERT INTO team_count (team_id, matches) VALUES (NEW.team_id, 1)
	ON CONFLICT (team_id) DO UPDATE SET matches = matches + 1;
END;
CREATE TRIGGER result_delete AFTER DELETE ON result
WHEN EXISTS (SELECT 1 FROM match WHERE id = OLD.match_id) BEGIN
	UPDATE stage_team_count SET results = results - 1
	WHERE stage_id = (SELECT stage_id FROM match WHERE id = OLD.match_id)
	AND team_id = OLD.team_id;
	UPDATE team_count SET matches = matches - 1 WHERE team_id = OLD.team_id;
END;
CREATE TRIGGER result_move AFTER UPDATE OF match_id, team_id ON result
WHEN OLD.match_id <> NEW.match_id OR OLD.team_id <> NEW.team_id BEGIN
	UPDATE stage_team_count SET results = results - 1
	WHERE stage_id = (SELECT stage_id FROM match WHERE id = OLD.match_id)
	AND team_id = OLD.team_id;
	UPDATE team_count SET matches = matches - 1 WHERE team_id = OLD.team_id;
	INSERT INTO stage_team_count (stage_id, team_id, results)
	SELECT stage_id, NEW.team_id, 1 FROM match WHERE id = NEW.match_id
	ON CONFLICT (stage_id, team_id) DO UPDATE SET results = results + 1;
	INSERT INTO team_count (team_id, matches) VALUES (NEW.team_id, 1)
	ON CONFLICT (team_id) DO UPDATE SET matches = matches + 1;
END;

CREATE TRIGGER stage_team_insert AFTER INSERT ON stage_team BEGIN
	INSERT INTO stage_team_count (stage_id, team_id, roster) VALUES (NEW.stage_id, NEW.team_id, 1)
	ON CONFLICT (stage_id, team_id) DO UPDATE SET roster = 1;
END;
CREATE TRIGGER stage_team_delete AFTER DELETE ON stage_team BEGIN
	UPDATE stage_team_count SET roster = 0 WHERE stage_id = OLD.stage_id AND team_id = OLD.team_id;
END;
CREATE TRIGGER stage_team_move AFTER UPDATE OF stage_id, team_id ON stage_team
WHEN OLD.stage_id <> NEW.stage_id OR OLD.team_id <> NEW.team_id BEGIN
	UPDATE stage_team_count SET roster = 0 WHERE stage_id = OLD.stage_id AND team_id = OLD.team_id;
	INSERT INTO stage_team_count (stage_id, team_id, roster) VALUES (NEW.stage_id, NEW.team_id, 1)
	ON CONFLICT (stage_id, team_id) DO UPDATE SET roster = 1;
END;

CREATE TRIGGER headstart_insert AFTER INSERT ON headstart BEGIN
	INSERT INTO stage_team_count (stage_id, team_id, headstart)
	VALUES (NEW.stage_id, NEW.team_id, 1)
	ON CONFLICT (stage_id, team_id) DO UPDATE SET headstart = 1;
END;
CREATE TRIGGER headstart_delete AFTER DELETE ON headstart BEGIN
	UPDATE stage_team_count SET headstart = 0
	WHERE stage_id = OLD.stage_id AND team_id = OLD.team_id;
END;
CREATE TRIGGER headstart_move AFTER UPDATE OF stage_id, team_id ON headstart
WHEN OLD.stage_id <> NEW.stage_id OR OLD.team_id <> NEW.team_id BEGIN
	UPDATE stage_team_count SET headstart = 0
	WHERE stage_id = OLD.stage_id AND team_id = OLD.team_id;
	INSERT INTO stage_team_count (stage_id, team_id, headstart)
	VALUES (NEW.stage_id, NEW.team_id, 1)
	ON CONFLICT (stage_id, team_id) DO UPDATE SET headstart = 1;
END;

-- A removed stage or team takes its counts along.
CREATE TRIGGER stage_delete AFTER DELETE ON stage BEGIN
	DELETE FROM stage_team_count WHERE stage_id = OLD.id;
	DELETE FROM stage_count WHERE stage_id = OLD.id;
END;
CREATE TRIGGER team_delete AFTER DELETE ON team BEGIN
	DELETE FROM team_count WHERE team_id = OLD.id;
END;

-- The teams by name (the home page's first ones, a page of GET /teams,
-- `tracker teams`) without sorting them all, nor reading their rows.
CREATE INDEX team_name ON team(name, slug);

-- A tournament's stages in play order (the home page's first ones) without
-- sorting them all.
CREATE INDEX stage_tournament ON stage(tournament_id);

-- Back-fill from the rows already stored.
INSERT INTO stage_team_count (stage_id, team_id, results, roster, headstart)
SELECT stage_id, team_id, sum(results), max(roster), max(headstart) FROM (
	SELECT m.stage_id, r.team_id, count(*) AS results, 0 AS roster, 0 AS headstart
	FROM match m JOIN result r ON r.match_id = m.id GROUP BY m.stage_id, r.team_id
	UNION ALL SELECT stage_id, team_id, 0, 1, 0 FROM stage_team
	UNION ALL SELECT stage_id, team_id, 0, 0, 1 FROM headstart)
GROUP BY stage_id, team_id;
INSERT INTO stage_count (stage_id, played, voided)
SELECT stage_id, count(*) FILTER (WHERE void IS NULL), count(*) FILTER (WHERE void IS NOT NULL)
FROM match WHERE true GROUP BY stage_id
ON CONFLICT (stage_id) DO UPDATE SET played = excluded.played, voided = excluded.voided;
INSERT INTO team_count (team_id, matches)
SELECT team_id, count(*) FROM result GROUP BY team_id;
