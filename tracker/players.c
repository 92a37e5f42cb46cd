/*
 * players.c: player aggregates over a scope (a tournament, a stage, a team,
 * a map): matches, kills, damage, assists and MVPs, with per-match rates,
 * sorted by kills. Used by `tracker players`, `tracker team` and the web.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "players.h"
#include "util.h"

/*
 * Every player in the scope q names, one row per player and team, most
 * kills first (then most damage, then name). Returns the number of rows,
 * stored in *rows (free with players_free()) and *nrows.
 */
int
players_compute(sqlite3 *db, const struct players_query *q, struct player_row **rows, int *nrows)
{
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT pr.player_id, p.name, pr.team_id, t.name, t.slug, count(*), sum(pr.kills),"
	        " sum(pr.damage), count(pr.damage), sum(pr.assists), sum(pr.mvp)"
	        " FROM player_result pr JOIN match m ON m.id = pr.match_id"
	        " JOIN stage s ON s.id = m.stage_id JOIN player p ON p.id = pr.player_id"
	        " JOIN team t ON t.id = pr.team_id"
	        " WHERE (?1 = 0 OR s.tournament_id = ?1) AND (?2 = 0 OR m.stage_id = ?2)"
	        " AND (?3 = 0 OR pr.team_id = ?3) AND (?4 IS NULL OR m.map = ?4 COLLATE NOCASE)"
	        " GROUP BY pr.player_id, pr.team_id"
	        " ORDER BY sum(pr.kills) DESC, sum(pr.damage) DESC, p.name");
	sqlite3_bind_int64(st, 1, q->tournament);
	sqlite3_bind_int64(st, 2, q->stage);
	sqlite3_bind_int64(st, 3, q->team);
	if (q->map)
		sqlite3_bind_text(st, 4, q->map, -1, SQLITE_TRANSIENT);
	int n = 0, cap = 0;
	*rows = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			*rows = xrealloc(*rows, (size_t)cap * sizeof **rows);
		}
		struct player_row *r = &(*rows)[n++];
		r->player_id = sqlite3_column_int64(st, 0);
		r->player = db_text(st, 1);
		r->team_id = sqlite3_column_int64(st, 2);
		r->team = db_text(st, 3);
		r->team_slug = db_text(st, 4);
		r->matches = sqlite3_column_int(st, 5);
		r->kills = sqlite3_column_int(st, 6);
		r->damage = sqlite3_column_int64(st, 7);
		int with_damage = sqlite3_column_int(st, 8);
		r->assists = sqlite3_column_int(st, 9);
		r->mvps = sqlite3_column_int(st, 10);
		r->kills_per_match = (double)r->kills / r->matches;
		r->damage_per_match = with_damage ? (double)r->damage / with_damage : NAN;
	}
	sqlite3_finalize(st);
	*nrows = n;
	return n;
}

/* Append rows as a JSON array of objects (the CLI's --format json, the API). */
void
players_json(const struct player_row *rows, int nrows, struct buf *out)
{
	buf_putc(out, '[');
	for (int i = 0; i < nrows; i++) {
		const struct player_row *r = &rows[i];
		buf_puts(out, i ? ",\n{\"player\":" : "\n{\"player\":");
		buf_json_str(out, r->player);
		buf_puts(out, ",\"team\":");
		buf_json_str(out, r->team);
		buf_puts(out, ",\"team_slug\":");
		buf_json_str(out, r->team_slug);
		buf_printf(
		    out,
		    ",\"matches\":%d,\"kills\":%d,\"damage\":%lld,\"assists\":%d,\"mvps\":%d,"
		    "\"kills_per_match\":%.2f,\"damage_per_match\":",
		    r->matches, r->kills, (long long)r->damage, r->assists, r->mvps,
		    r->kills_per_match);
		if (isnan(r->damage_per_match))
			buf_puts(out, "null}");
		else
			buf_printf(out, "%.1f}", r->damage_per_match);
	}
	buf_puts(out, nrows ? "\n]\n" : "]\n");
}

/* rows as a table (aligned or CSV); free it with report_free(). */
struct report *
players_table(const struct player_row *rows, int nrows)
{
	static const struct report_column cols[] = {
	    {"Player", "player"},
	    {"Team", "team"},
	    {"M", "matches"},
	    {"Kills", "kills"},
	    {"Damage", "damage"},
	    {"Assists", "assists"},
	    {"MVPs", "mvps"},
	    {"Kills/match", "kills_per_match"},
	    {"Damage/match", "damage_per_match"},
	};
	struct report *t = report_new(cols, (int)(sizeof cols / sizeof cols[0]));
	for (int i = 0; i < nrows; i++) {
		const struct player_row *r = &rows[i];
		report_str(t, r->player);
		report_str(t, r->team);
		report_int(t, r->matches);
		report_int(t, r->kills);
		report_int(t, r->damage);
		report_int(t, r->assists);
		report_int(t, r->mvps);
		report_real(t, r->kills_per_match, 2);
		report_real(t, r->damage_per_match, 1);
	}
	return t;
}

/* Free rows and what they hold. */
void
players_free(struct player_row *rows, int nrows)
{
	for (int i = 0; i < nrows; i++) {
		free(rows[i].player);
		free(rows[i].team);
		free(rows[i].team_slug);
	}
	free(rows);
}
