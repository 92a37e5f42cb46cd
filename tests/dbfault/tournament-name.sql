-- The column tournament.name renamed in the schema text.
-- commands: tournaments; standings --stage grand-final
PRAGMA writable_schema=ON;
UPDATE sqlite_schema SET sql = replace(sql, 'name ', 'name_x ') WHERE name = 'tournament';
