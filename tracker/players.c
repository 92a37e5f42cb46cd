/*
 * players.c: player aggregates over a scope (a tournament, a stage, a team,
 * a map): matches, kills, damage, assists and MVPs, with per-match rates,
 * sorted by kills; a player who changed teams has one row with every team
 * (or one per team when asked). Used by `tracker players`, `tracker team` and the web.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "players.h"
#include "scope.h"
#include "util.h"

/* Most kills first, then most damage, then name. */
static int
by_kills(const void *x, const void *y)
{
	const struct player_row *a = x, *b = y;
	if (a->kills != b->kills)
		return a->kills > b->kills ? -1 : 1;
	if (a->damage != b->damage)
		return a->damage > b->damage ? -1 : 1;
	return strcmp(a->player, b->player);
}

/* Add the numbers of o (the same player, another team) to r; o's team, the
 * latest of the two, becomes r's team. Frees what o holds. */
static void
merge(struct player_row *r, struct player_row *o, int *with_damage, int o_damage)
{
	char *teams = xasprintf("%s / %s", r->teams, o->team);
	free(r->teams);
	r->teams = teams;
	r->matches += o->matches;
	r->kills += o->kills;
	r->damage += o->damage;
	*with_damage += o_damage;
	r->assists += o->assists;
	r->mvps += o->mvps;
	if (o->last > r->last) {
		free(r->team);
		free(r->team_slug);
		r->team_id = o->team_id;
		r->team = o->team;
		r->team_slug = o->team_slug;
		r->last = o->last;
	} else {
		free(o->team);
		free(o->team_slug);
	}
	free(o->player);
	free(o->teams);
}

/*
 * Every player in the scope q names, most kills first (then most damage,
 * then name): one row per player, its team the one of its latest match and
 * teams every team it played for in the scope (in the order it first played
 * for them), or with q->by_team one row per player and team. Voided matches
 * and the matches of a team's dq or forfeit count in no player's numbers.
 * Returns the number of rows, stored in *rows (free with players_free())
 * and *nrows; or -1 after db_error_set(), with *rows NULL and *nrows 0.
 */
int
players_compute(sqlite3 *db, const struct players_query *q, struct player_row **rows, int *nrows)
{
	struct scope sc = {.tournament = q->tournament,
	                   .stage = q->stage,
	                   .team = q->team,
	                   .map = q->map,
	                   .day_from = q->day_from,
	                   .day_to = q->day_to};
	sqlite3_stmt *st = scope_prepare(
	    db,
	    "SELECT pr.player_id, p.name, pr.team_id, t.name, t.slug, count(*), sum(pr.kills),"
	    " sum(pr.damage), count(pr.damage), sum(pr.assists), sum(pr.mvp),"
	    " min(m.stage_id * 100000 + m.number), max(m.stage_id * 100000 + m.number)"
	    " FROM player_result pr JOIN match m ON m.id = pr.match_id"
	    " JOIN result r ON r.match_id = pr.match_id AND r.team_id = pr.team_id"
	    " JOIN stage s ON s.id = m.stage_id JOIN player p ON p.id = pr.player_id"
	    " JOIN team t ON t.id = pr.team_id WHERE m.void IS NULL AND r.status = 'played'",
	    "pr.team_id", &sc, " GROUP BY pr.player_id, pr.team_id ORDER BY pr.player_id, 12");
	*rows = NULL;
	*nrows = 0;
	if (st == NULL)
		return -1;
	int n = 0, cap = 0, *with_damage = NULL, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			*rows = xrealloc(*rows, (size_t)cap * sizeof **rows);
			with_damage = xrealloc(with_damage, (size_t)cap * sizeof *with_damage);
		}
		struct player_row *r = &(*rows)[n];
		r->player_id = sqlite3_column_int64(st, 0);
		r->player = db_text(st, 1);
		r->team_id = sqlite3_column_int64(st, 2);
		r->team = db_text(st, 3);
		r->teams = xstrdup(r->team);
		r->team_slug = db_text(st, 4);
		r->matches = sqlite3_column_int(st, 5);
		r->kills = sqlite3_column_int(st, 6);
		r->damage = sqlite3_column_int64(st, 7);
		with_damage[n] = sqlite3_column_int(st, 8);
		r->assists = sqlite3_column_int(st, 9);
		r->mvps = sqlite3_column_int(st, 10);
		r->last = sqlite3_column_int64(st, 12);
		if (!q->by_team && n > 0 && (*rows)[n - 1].player_id == r->player_id)
			merge(&(*rows)[n - 1], r, &with_damage[n - 1], with_damage[n]);
		else
			n++;
	}
	if (db_end(db, st, rc) != 0) {
		free(with_damage);
		players_free(*rows, n);
		*rows = NULL;
		return -1;
	}
	for (int i = 0; i < n; i++) {
		struct player_row *r = &(*rows)[i];
		r->kills_per_match = (double)r->kills / r->matches;
		r->damage_per_match = with_damage[i] ? (double)r->damage / with_damage[i] : NAN;
	}
	free(with_damage);
	if (n > 1)
		qsort(*rows, (size_t)n, sizeof **rows, by_kills);
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
		buf_puts(out, ",\"teams\":");
		buf_json_str(out, r->teams);
		buf_printf(out, ",\"matches\":%d,\"kills\":%d,\"damage\":", r->matches, r->kills);
		if (isnan(r->damage_per_match)) /* no match gives it: unknown, not 0 */
			buf_puts(out, "null");
		else
			buf_printf(out, "%lld", (long long)r->damage);
		buf_printf(
		    out,
		    ",\"assists\":%d,\"mvps\":%d,\"kills_per_match\":%.2f,\"damage_per_match\":",
		    r->assists, r->mvps, r->kills_per_match);
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
	    {"Team", "team", 1},
	    {"M", "matches"},
	    {"Kills", "kills"},
	    {"Damage", "damage", 2, 0, 1},
	    {"Assists", "assists", 3, 0, 1},
	    {"MVPs", "mvps", 4, 0, 1},
	    {"Kills/match", "kills_per_match", 5},
	    {"Damage/match", "damage_per_match", 6},
	};
	struct report *t = report_new(cols, (int)(sizeof cols / sizeof cols[0]));
	for (int i = 0; i < nrows; i++) {
		const struct player_row *r = &rows[i];
		report_str(t, r->player);
		report_str(t, r->teams);
		report_int(t, r->matches);
		report_int(t, r->kills);
		if (isnan(r->damage_per_match)) /* no match gives it: unknown, not 0 */
			report_null(t);
		else
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
		free(rows[i].teams);
	}
	free(rows);
}
