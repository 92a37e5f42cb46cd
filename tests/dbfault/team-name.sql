-- The column team.name renamed in the schema text, the table's and its
-- index team_name's: every read of a team's name fails to prepare.
-- commands: teams; players; rules show; standings --stage group-stage; team LOS
PRAGMA writable_schema=ON;
UPDATE sqlite_schema SET sql = replace(sql, 'name ', 'name_x ') WHERE name = 'team';
UPDATE sqlite_schema SET sql = replace(sql, '(name,', '(name_x,') WHERE name = 'team_name';
