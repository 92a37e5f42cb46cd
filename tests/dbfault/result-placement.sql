-- The column result.placement renamed in the schema text, the rows left as
-- they are: every read of a placement fails to prepare.
-- commands: matches --stage grand-final; standings --stage grand-final; maps; team LOS
-- commands: match --stage grand-final 3; matches --team LOS; compare LOS loud-snickers
-- commands: export --stage grand-final --format json; export --stage grand-final --format csv; export --stage grand-final --format wikitext; card --stage grand-final
PRAGMA writable_schema=ON;
UPDATE sqlite_schema SET sql = replace(sql, 'placement', 'placement_x') WHERE name = 'result';
