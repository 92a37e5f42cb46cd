-- players.sql: per-player numbers computed straight from match JSON v1 files
-- with the sqlite3 CLI, independently of the tracker. Standard input is a
-- JSON array of whole files. Players are told apart by their name in lower
-- case, as the tracker's name keys do. Run as:
-- sqlite3 -list -separator , :memory: ".read players.sql" < FILES.json
-- Prints player,team,matches,kills,damage,assists,mvps by team, then player.
WITH docs AS (SELECT f.value AS j FROM json_each(readfile('/dev/stdin')) AS f)
SELECT min(p.value ->> 'name'), r.value ->> 'team', count(*), sum(p.value ->> 'kills'),
       sum(p.value ->> 'damage'), sum(p.value ->> 'assists'), sum(p.value ->> 'mvp')
FROM docs, json_each(j, '$.matches') AS m, json_each(m.value, '$.results') AS r,
     json_each(r.value, '$.players') AS p
GROUP BY lower(p.value ->> 'name'), r.value ->> 'team'
ORDER BY 2, lower(p.value ->> 'name');
