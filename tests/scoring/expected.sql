-- expected.sql: the published totals of a stage, computed straight from a
-- match JSON v1 file with the sqlite3 CLI's JSON functions, independently of
-- the tracker. Run as: sqlite3 -list -separator , :memory: ".read expected.sql" < FILE.json
-- Prints team,matches,booyahs,kills,placement_points,points sorted by team,
-- 1 point per kill. By default it scores every match by the FFWS table
-- (12,9,8,7,6,5,4,3,2,1,0,0), the table both FFWS Brazil 2026 Split 1 stages
-- use; a table opt made first (sqlite3 -cmd "CREATE TABLE opt AS SELECT ...")
-- can change that: opt(upto: last match counted, tbl: placement table as a
-- JSON array, cap: most kills counted per team per match).
CREATE TABLE IF NOT EXISTS opt AS
	SELECT 1000000 AS upto, '[12,9,8,7,6,5,4,3,2,1,0,0]' AS tbl, 1000000 AS cap;
WITH doc(j) AS (SELECT readfile('/dev/stdin')),
res AS (
	SELECT r.value ->> 'team' AS team, r.value ->> 'placement' AS placement,
	       r.value ->> 'kills' AS kills
	FROM doc, json_each(j, '$.matches') AS m, json_each(m.value, '$.results') AS r, opt
	WHERE m.value ->> 'match' <= opt.upto
),
pts AS (
	SELECT team, placement, kills, min(kills, opt.cap) AS counted,
	       coalesce(json_extract(opt.tbl, '$[' || (placement - 1) || ']'), 0) AS pp
	FROM res, opt
)
SELECT team, count(*), sum(placement = 1), sum(kills), sum(pp), sum(pp) + sum(counted)
FROM pts GROUP BY team ORDER BY team;
