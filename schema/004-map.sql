-- 004-map.sql: matches found by their map, case ignored, without reading
-- every match: a --map is looked up by this index (cli_map), the spellings
-- that differ only in case in binary order after each other.

CREATE INDEX match_map ON match(map COLLATE NOCASE, map);
