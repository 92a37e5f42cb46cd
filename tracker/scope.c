/*
 * scope.c: the filters a listing takes (a tournament, a stage, a team, a
 * map, days) as the WHERE of its query: one condition for each filter given
 * and none for the others, so that SQLite can take the index of the
 * narrowest (a `(?1 = 0 OR col = ?1)` keeps it from any, and every listing
 * then read the whole database). The map is compared as +m.map, so that
 * no query starts from every match of a map (the index match_map, there to
 * find a --map's spelling) when it has a team, stage or tournament to start
 * from. The text is made of the fixed fragments below; every value is bound.
 */
#include "scope.h"
#include "buf.h"
#include "db.h"

/*
 * The statement head (a SELECT whose WHERE is already open, over match m
 * and, when sc names a tournament, stage s) AND each condition of sc, then
 * tail (GROUP BY, ORDER BY...), with sc's values bound; team_col is the
 * column compared with sc->team. NULL after db_error_set().
 */
sqlite3_stmt *
scope_prepare(sqlite3 *db, const char *head, const char *team_col, const struct scope *sc,
              const char *tail)
{
	struct buf sql = {0};
	buf_puts(&sql, head);
	if (sc->tournament)
		buf_puts(&sql, " AND s.tournament_id = :tournament");
	if (sc->stage)
		buf_puts(&sql, " AND m.stage_id = :stage");
	if (sc->team)
		buf_printf(&sql, " AND %s = :team", team_col);
	if (sc->map)
		buf_puts(&sql, " AND +m.map = :map COLLATE NOCASE");
	if (sc->day_from)
		buf_puts(&sql, " AND m.day BETWEEN :day_from AND :day_to");
	buf_puts(&sql, tail);
	sqlite3_stmt *st = db_prepare(db, sql.data);
	buf_free(&sql);
	if (st == NULL)
		return NULL;
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":tournament"), sc->tournament);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":stage"), sc->stage);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":team"), sc->team);
	sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":map"), sc->map, -1,
	                  SQLITE_TRANSIENT);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":day_from"), sc->day_from);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":day_to"), sc->day_to);
	return st;
}
