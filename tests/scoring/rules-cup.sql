-- rules-cup.sql: what rules-cup.json cannot say in match JSON v1 yet, put
-- into the database it was imported into (sqlite3 DB < rules-cup.sql):
-- match 3 voided, Mako disqualified from match 4 (its stored 1st place and
-- 5 kills count nowhere), match 5's map unknown, a -5 penalty for Nova from
-- the standings after match 2 on, and groups A (Lynx, Mako) and B (Nova,
-- Orca) sharing the lobbies.
UPDATE match SET void = 'server crash'
	WHERE number = 3 AND stage_id = (SELECT id FROM stage WHERE slug = 'final');
UPDATE result SET status = 'dq'
	WHERE team_id = (SELECT id FROM team WHERE name = 'Mako')
	AND match_id = (SELECT id FROM match WHERE number = 4
	                AND stage_id = (SELECT id FROM stage WHERE slug = 'final'));
UPDATE match SET map = NULL
	WHERE number = 5 AND stage_id = (SELECT id FROM stage WHERE slug = 'final');
INSERT INTO adjustment (stage_id, team_id, points, after_match, reason)
	SELECT s.id, t.id, -5, 2, 'late to lobby, match 2' FROM stage s, team t
	WHERE s.slug = 'final' AND t.name = 'Nova';
INSERT INTO stage_team (stage_id, team_id, grp)
	SELECT s.id, t.id, CASE WHEN t.name IN ('Lynx', 'Mako') THEN 'A' ELSE 'B' END
	FROM stage s, team t WHERE s.slug = 'final' AND t.name IN ('Lynx', 'Mako', 'Nova', 'Orca');
