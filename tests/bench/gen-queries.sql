-- gen-queries.sql: fills an empty tracker database (schema made by the
-- tracker itself) with 100,000 generated matches for bench-queries.sh:
-- 500 tournaments, each a group stage of 160 matches (16 teams, 12 a
-- match, in rotation) and a grand final of 40 (12 teams, Champion Rush),
-- teams drawn from a pool of 2,000 so that they meet across tournaments,
-- placements a random permutation of 1..12 per match, 0..14 kills, maps
-- at random among five.
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
INSERT INTO team(id, name, key, slug) SELECT i, 'Team ' || i, 'team ' || i, 'team-' || i FROM n;
INSERT INTO team_alias(spelling, team_id) SELECT name, id FROM team;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
INSERT INTO tournament(id, name, slug) SELECT i, 'Cup ' || i, 'cup-' || i FROM n;
INSERT INTO stage(id, tournament_id, name, slug, ruleset)
	SELECT id * 2 - 1, id, 'Group Stage', 'group-stage', NULL FROM tournament;
INSERT INTO stage(id, tournament_id, name, slug, ruleset)
	SELECT id * 2, id, 'Grand Final', 'grand-final',
	       '{"name":"ffws","placement_points":[12,9,8,7,6,5,4,3,2,1,0,0],"kill_points":1,'
	       || '"champion_rush":{"threshold":160,"max_matches":40}}'
	FROM tournament;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 160)
INSERT INTO match(stage_id, number, day, map)
	SELECT s.id, n.i, (n.i - 1) / 12 + 1,
	       CASE abs(random()) % 5 WHEN 0 THEN 'Bermuda' WHEN 1 THEN 'Purgatory'
	       WHEN 2 THEN 'Kalahari' WHEN 3 THEN 'Nexterra' ELSE 'Solara' END
	FROM stage s, n WHERE s.id % 2 = 1 ORDER BY s.id, n.i;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
INSERT INTO match(stage_id, number, day, map)
	SELECT s.id, n.i, (n.i - 1) / 8 + 1,
	       CASE abs(random()) % 5 WHEN 0 THEN 'Bermuda' WHEN 1 THEN 'Purgatory'
	       WHEN 2 THEN 'Kalahari' WHEN 3 THEN 'Nexterra' ELSE 'Solara' END
	FROM stage s, n WHERE s.id % 2 = 0 ORDER BY s.id, n.i;
-- slot k of match number n: group stage teams rotate through 16 slots,
-- the final's 12 always play; team of slot s = (tournament * 37 + s * 101) % 2000 + 1
WITH RECURSIVE k(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM k WHERE k < 11)
INSERT INTO result(match_id, team_id, placement, kills)
	SELECT match_id, team_id, row_number() OVER (PARTITION BY match_id ORDER BY random()),
	       abs(random()) % 15
	FROM (SELECT m.id AS match_id,
		     (s.tournament_id * 37 + (CASE WHEN s.id % 2 = 1 THEN (m.number + k.k) % 16
		      ELSE k.k END) * 101) % 2000 + 1 AS team_id
	      FROM match m JOIN stage s ON s.id = m.stage_id, k)
	ORDER BY match_id;
COMMIT;
