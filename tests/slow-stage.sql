-- slow-stage.sql: the 100 matches of a stage made by gen-matches.awk
-- (stages=1 per=100) copied 149 times under new ids and numbers: a stage of
-- 15,000 matches whose players page reads 720,000 player rows, the slow
-- page of t-web-render.sh and bench/bench-dbsafe.sh. Run by the sqlite3
-- CLI on the tracker's database.
PRAGMA foreign_keys=OFF;
BEGIN;
CREATE TEMP TABLE k AS WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 149)
	SELECT n FROM k;
INSERT INTO match (id, stage_id, number, day, map)
	SELECT m.id + k.n * 100, m.stage_id, m.number + k.n * 100, m.day, m.map FROM match m, k;
INSERT INTO result (match_id, team_id, placement, kills, status)
	SELECT r.match_id + k.n * 100, r.team_id, r.placement, r.kills, r.status FROM result r, k;
INSERT INTO player_result (match_id, player_id, team_id, kills, damage, assists, mvp)
	SELECT p.match_id + k.n * 100, p.player_id, p.team_id, p.kills, p.damage, p.assists, p.mvp
	FROM player_result p, k;
COMMIT;
