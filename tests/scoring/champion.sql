-- champion.sql: Champion Rush worked out from a match JSON v1 file with the
-- sqlite3 CLI, independently of the tracker: each team's running total
-- (FFWS table, 1 point per kill) before every match, and the first match won
-- by a team that already had the file's threshold before it. Run as:
-- sqlite3 -list -separator , :memory: ".read champion.sql" < FILE.json
-- Prints team,decided_in_match,the team's final total.
WITH doc(j) AS (SELECT readfile('/dev/stdin')),
res AS (
	SELECT m.value ->> 'match' AS match, r.value ->> 'team' AS team,
	       r.value ->> 'placement' AS placement,
	       coalesce(json_extract('[12,9,8,7,6,5,4,3,2,1,0,0]',
				     '$[' || ((r.value ->> 'placement') - 1) || ']'), 0)
		   + (r.value ->> 'kills') AS points
	FROM doc, json_each(j, '$.matches') AS m, json_each(m.value, '$.results') AS r
),
running AS (
	SELECT match, team, placement,
	       sum(points) OVER (PARTITION BY team ORDER BY match) - points AS before,
	       sum(points) OVER (PARTITION BY team) AS final
	FROM res
)
SELECT team, match, final FROM running, doc
WHERE placement = 1 AND before >= j ->> '$.ruleset.champion_rush.threshold'
ORDER BY match LIMIT 1;
