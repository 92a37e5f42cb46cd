-- maps.sql: per-team, per-map numbers computed straight from match JSON v1
-- files with the sqlite3 CLI, independently of the tracker. Standard input
-- is a JSON array of whole files (one tournament). Every stage is scored by
-- the FFWS table (12,9,8,7,6,5,4,3,2,1,0,0) and 1 point per kill, as both
-- FFWS Brazil 2026 Split 1 stages are. Run as:
-- sqlite3 -list -separator , :memory: ".read maps.sql" < FILES.json
-- Prints team,map,matches,booyahs,kills,points,avg_placement,avg_kills,
-- points_per_match,top3_rate,delta_points_per_match,map_rank unrounded.
WITH docs AS (SELECT f.value AS j FROM json_each(readfile('/dev/stdin')) AS f),
res AS (
	SELECT r.value ->> 'team' AS team, m.value ->> 'map' AS map,
	       r.value ->> 'placement' AS placement, r.value ->> 'kills' AS kills,
	       coalesce(json_extract('[12,9,8,7,6,5,4,3,2,1,0,0]',
				     '$[' || ((r.value ->> 'placement') - 1) || ']'), 0)
		   + (r.value ->> 'kills') AS points
	FROM docs, json_each(j, '$.matches') AS m, json_each(m.value, '$.results') AS r
),
per AS (
	SELECT team, map, count(*) AS matches, sum(placement = 1) AS booyahs,
	       sum(kills) AS kills, sum(points) AS points,
	       avg(placement) AS avg_placement, avg(kills) AS avg_kills,
	       avg(points) AS ppm, avg(placement <= 3) AS top3
	FROM res GROUP BY team, map
),
team AS (SELECT team, avg(points) AS ppm FROM res GROUP BY team)
SELECT per.team, map, matches, booyahs, kills, points, avg_placement, avg_kills,
       per.ppm, top3, per.ppm - team.ppm,
       rank() OVER (PARTITION BY map ORDER BY per.ppm DESC)
FROM per JOIN team ON team.team = per.team
ORDER BY per.team, map;
