/*
 * match.c: one match's whole lobby, as `tracker match` and the match page's
 * API show it: every team's placement, kills, points (rules_match_points,
 * under the stage's ruleset), status and players, the map and the Booyah;
 * and a team's own matches (of a stage, map or days), each with its
 * placement, kills, points and its total and rank in the stage after it
 * (standings_compute as of that match: the one scoring function).
 */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "match.h"
#include "rules.h"
#include "scope.h"
#include "standings.h"
#include "util.h"

/*
 * A team's points in a match: under r for a team that played it, 0 for a dq
 * or forfeit, whose placement and kills (stored, and shown in the match's
 * own view) count nowhere else.
 */
int
match_points(const struct ruleset *r, const char *status, int placement, int kills)
{
	if (strcmp(status, "played") != 0)
		return 0;
	return rules_match_points(r, placement, kills, NULL, NULL);
}

/*
 * The Place, Kills and Points cells of a row of a team's own matches (team's
 * last matches, matches --team): a dq or forfeit has them blank and 0 points,
 * its Status saying why; its stored placement and kills are the match's own
 * view's (match_table).
 */
void
match_result_cells(struct report *t, const char *status, int placement, int kills, int points)
{
	int played = strcmp(status, "played") == 0;
	if (played && placement)
		report_int(t, placement);
	else
		report_null(t);
	if (played && placement == 1)
		report_paint(t, PAINT_CHAMPION);
	if (played)
		report_int(t, kills);
	else
		report_null(t);
	report_int(t, points);
}

/* The same row's ,"placement":...,"kills":...,"points":... in JSON: null
 * placement and kills for a dq or forfeit. */
void
match_result_json(struct buf *out, const char *status, int placement, int kills, int points)
{
	if (strcmp(status, "played") != 0)
		buf_printf(out, ",\"placement\":null,\"kills\":null,\"points\":%d", points);
	else if (placement == 0)
		buf_printf(out, ",\"placement\":null,\"kills\":%d,\"points\":%d", kills, points);
	else
		buf_printf(out, ",\"placement\":%d,\"kills\":%d,\"points\":%d", placement, kills,
		           points);
}

/* The players of team in match id into t, most kills first. 0, or -1 after db_error_set(). */
static int
load_players(sqlite3 *db, int64_t match, struct match_team *t)
{
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT p.name, pr.kills, coalesce(pr.damage, -1), coalesce(pr.assists, -1)"
	        " FROM player_result pr JOIN player p ON p.id = pr.player_id"
	        " WHERE pr.match_id = ?1 AND pr.team_id = ?2 ORDER BY pr.kills DESC, p.name");
	if (st == NULL)
		return -1;
	int rc;
	sqlite3_bind_int64(st, 1, match);
	sqlite3_bind_int64(st, 2, t->team_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		t->players = xrealloc(t->players, (size_t)(t->nplayers + 1) * sizeof *t->players);
		struct match_player *p = &t->players[t->nplayers++];
		p->name = db_text(st, 0);
		p->kills = sqlite3_column_int(st, 1);
		p->damage = sqlite3_column_int(st, 2);
		p->assists = sqlite3_column_int(st, 3);
	}
	return db_end(db, st, rc);
}

/*
 * Match number of stage into *out. Returns 0 (free it with match_free()),
 * 1 when the stage has no match with that number, or -1 with *err set
 * (free() it): the stage's ruleset does not parse, or the database cannot
 * be read.
 */
int
match_lobby(sqlite3 *db, int64_t stage, int number, struct match_lobby *out, char **err)
{
	memset(out, 0, sizeof *out);
	*err = NULL;
	sqlite3_stmt *st = db_prepare(
	    db,
	    "SELECT m.id, t.name, s.name, s.slug, coalesce(m.day, 0), m.map, m.played_at, m.void"
	    " FROM match m JOIN stage s ON s.id = m.stage_id"
	    " JOIN tournament t ON t.id = s.tournament_id WHERE m.stage_id = ?1 AND m.number = ?2");
	if (st == NULL) {
		*err = xstrdup(db_error());
		return -1;
	}
	sqlite3_bind_int64(st, 1, stage);
	sqlite3_bind_int(st, 2, number);
	int step = sqlite3_step(st);
	if (step != SQLITE_ROW) {
		if (db_end(db, st, step) == 0)
			return 1;
		*err = xstrdup(db_error());
		return -1;
	}
	int64_t id = sqlite3_column_int64(st, 0);
	out->tournament = db_text(st, 1);
	out->stage = db_text(st, 2);
	out->stage_slug = db_text(st, 3);
	out->number = number;
	out->day = sqlite3_column_int(st, 4);
	out->map = db_text(st, 5);
	out->played_at = db_text(st, 6);
	out->void_reason = db_text(st, 7);
	sqlite3_finalize(st);
	struct ruleset r;
	if (rules_for_stage(db, stage, &r, err) != 0) {
		match_free(out);
		return -1;
	}
	st = db_prepare(db, "SELECT r.team_id, t.name, t.slug, r.status, coalesce(r.placement, 0),"
	                    " coalesce(r.kills, -1) FROM result r JOIN team t ON t.id = r.team_id"
	                    " WHERE r.match_id = ?1"
	                    " ORDER BY r.status <> 'played', r.placement, t.name");
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		out->teams = xrealloc(out->teams, (size_t)(out->nteams + 1) * sizeof *out->teams);
		struct match_team *t = &out->teams[out->nteams++];
		memset(t, 0, sizeof *t);
		t->team_id = sqlite3_column_int64(st, 0);
		t->team = db_text(st, 1);
		t->slug = db_text(st, 2);
		t->status = db_text(st, 3);
		t->placement = sqlite3_column_int(st, 4);
		t->kills = sqlite3_column_int(st, 5);
		t->points = match_points(&r, t->status, t->placement, t->kills);
		if (t->placement == 1 && strcmp(t->status, "played") == 0 && out->booyah == NULL)
			out->booyah = xstrdup(t->team);
		if (load_players(db, id, t) != 0) {
			sqlite3_finalize(st);
			goto fail;
		}
	}
	if (db_end(db, st, step) != 0)
		goto fail;
	rules_free(&r);
	return 0;
fail:
	*err = xstrdup(db_error());
	rules_free(&r);
	match_free(out);
	return -1;
}

static void
json_str_or_null(struct buf *out, const char *s)
{
	if (s)
		buf_json_str(out, s);
	else
		buf_puts(out, "null");
}

static void
json_int_or_null(struct buf *out, int v, int null)
{
	if (v == null)
		buf_puts(out, "null");
	else
		buf_printf(out, "%d", v);
}

/*
 * Append m as the JSON object `tracker match --format json` prints and the
 * match page's API serves: the match, then "teams", each with its players.
 */
void
match_json(const struct match_lobby *m, struct buf *out)
{
	buf_puts(out, "{\"tournament\":");
	buf_json_str(out, m->tournament);
	buf_puts(out, ",\"stage\":");
	buf_json_str(out, m->stage);
	buf_puts(out, ",\"stage_slug\":");
	buf_json_str(out, m->stage_slug);
	buf_printf(out, ",\"match\":%d,\"day\":", m->number);
	json_int_or_null(out, m->day, 0);
	buf_puts(out, ",\"map\":");
	json_str_or_null(out, m->map);
	buf_puts(out, ",\"played_at\":");
	json_str_or_null(out, m->played_at);
	buf_puts(out, ",\"void\":");
	json_str_or_null(out, m->void_reason);
	buf_puts(out, ",\"booyah\":");
	json_str_or_null(out, m->booyah);
	buf_puts(out, ",\"teams\":[");
	for (int i = 0; i < m->nteams; i++) {
		const struct match_team *t = &m->teams[i];
		buf_puts(out, i ? ",\n{\"team\":" : "\n{\"team\":");
		buf_json_str(out, t->team);
		buf_puts(out, ",\"slug\":");
		buf_json_str(out, t->slug);
		buf_puts(out, ",\"placement\":");
		json_int_or_null(out, t->placement, 0);
		buf_puts(out, ",\"kills\":");
		json_int_or_null(out, t->kills, -1);
		buf_printf(out, ",\"points\":%d,\"status\":", t->points);
		buf_json_str(out, t->status);
		buf_puts(out, ",\"players\":[");
		for (int k = 0; k < t->nplayers; k++) {
			const struct match_player *p = &t->players[k];
			buf_puts(out, k ? ",{\"player\":" : "{\"player\":");
			buf_json_str(out, p->name);
			buf_printf(out, ",\"kills\":%d,\"damage\":", p->kills);
			json_int_or_null(out, p->damage, -1);
			buf_puts(out, ",\"assists\":");
			json_int_or_null(out, p->assists, -1);
			buf_putc(out, '}');
		}
		buf_puts(out, "]}");
	}
	buf_puts(out, m->nteams ? "\n]}\n" : "]}\n");
}

/* The lobby as a table, a row per team, its players "name kills" by kills;
 * free it with report_free(). */
struct report *
match_table(const struct match_lobby *m)
{
	static const struct report_column cols[] = {
	    {"Place", "placement", 0, 1},
	    {"Team", "team"},
	    {"Kills", "kills"},
	    {"Points", "points"},
	    {"Status", "status", 3, 0, 0, NULL, "played"},
	    {"Players", "players", 2},
	};
	struct report *t = report_new(cols, 6);
	for (int i = 0; i < m->nteams; i++) {
		const struct match_team *mt = &m->teams[i];
		struct buf b = {0};
		if (mt->placement)
			report_int(t, mt->placement);
		else
			report_null(t);
		report_str(t, mt->team);
		if (mt->placement == 1 && strcmp(mt->status, "played") == 0)
			report_paint(t, PAINT_CHAMPION);
		if (mt->kills >= 0)
			report_int(t, mt->kills);
		else
			report_null(t);
		report_int(t, mt->points);
		report_str(t, mt->status);
		for (int k = 0; k < mt->nplayers; k++)
			buf_printf(&b, "%s%s %d", k ? ", " : "", mt->players[k].name,
			           mt->players[k].kills);
		buf_putc(&b, '\0');
		report_str(t, b.data);
		buf_free(&b);
	}
	return t;
}

void
match_free(struct match_lobby *m)
{
	free(m->tournament);
	free(m->stage);
	free(m->stage_slug);
	free(m->map);
	free(m->played_at);
	free(m->void_reason);
	free(m->booyah);
	for (int i = 0; i < m->nteams; i++) {
		struct match_team *t = &m->teams[i];
		for (int k = 0; k < t->nplayers; k++)
			free(t->players[k].name);
		free(t->players);
		free(t->team);
		free(t->slug);
		free(t->status);
	}
	free(m->teams);
	memset(m, 0, sizeof *m);
}

/*
 * Team's counted matches (voided ones left out) that f keeps, in stage and
 * match order, into *out (n of them; free with match_games_free()), each
 * with its points under the stage's ruleset and the team's total and rank
 * in the stage's standings after it. Returns 0, or -1 with *err set (free()
 * it) and nothing in *out.
 */
int
match_team_games(sqlite3 *db, int64_t team, const struct match_filter *f, struct team_game **out,
                 int *n, char **err)
{
	struct scope sc = {.tournament = f->tournament,
	                   .stage = f->stage,
	                   .team = team,
	                   .map = f->map,
	                   .day_from = f->day_from,
	                   .day_to = f->day_to};
	sqlite3_stmt *st = scope_prepare(
	    db,
	    "SELECT m.stage_id, s.name, m.number, coalesce(m.day, 0), m.map, r.status,"
	    " coalesce(r.placement, 0), coalesce(r.kills, 0)"
	    " FROM result r JOIN match m ON m.id = r.match_id JOIN stage s ON s.id = m.stage_id"
	    " WHERE m.void IS NULL",
	    "r.team_id", &sc, " ORDER BY s.tournament_id, s.id, m.number");
	*out = NULL;
	*n = 0;
	if (st == NULL) {
		*err = xstrdup(db_error());
		return -1;
	}
	struct ruleset r = {0};
	int64_t rstage = 0;
	int rc = 0;
	*out = NULL;
	*n = 0;
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		int64_t stage = sqlite3_column_int64(st, 0);
		if (stage != rstage) {
			rules_free(&r);
			if (rules_for_stage(db, stage, &r, err) != 0) {
				rc = -1;
				break;
			}
			rstage = stage;
		}
		*out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
		struct team_game *g = &(*out)[(*n)++];
		memset(g, 0, sizeof *g);
		g->stage = db_text(st, 1);
		g->match = sqlite3_column_int(st, 2);
		g->day = sqlite3_column_int(st, 3);
		g->map = db_text(st, 4);
		g->status = db_text(st, 5);
		g->placement = sqlite3_column_int(st, 6);
		g->kills = sqlite3_column_int(st, 7);
		g->points = match_points(&r, g->status, g->placement, g->kills);
		struct standings s;
		if (standings_compute(db, stage, NULL, g->match, &s, err) != 0) {
			rc = -1;
			break;
		}
		for (int i = 0; i < s.nrows; i++)
			if (s.rows[i].team_id == team) {
				g->rank = s.rows[i].rank;
				g->total = s.rows[i].points;
			}
		g->teams = s.nrows;
		standings_free(&s);
	}
	rules_free(&r);
	sqlite3_finalize(st);
	if (rc != 0) {
		match_games_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* The games as a table; free it with report_free(). */
struct report *
match_games_table(const struct team_game *g, int n)
{
	static const struct report_column cols[] = {
	    {"Stage", "stage", 3},        {"Match", "match"},
	    {"Day", "day", 2, 0, 1},      {"Map", "map"},
	    {"Place", "placement", 0, 1}, {"Kills", "kills"},
	    {"Points", "points"},         {"Status", "status", 5, 0, 0, NULL, "played"},
	    {"Total", "total", 4},        {"Rank after", "rank", 0, 1},
	};
	struct report *t = report_new(cols, 10);
	for (int i = 0; i < n; i++) {
		report_str(t, g[i].stage);
		report_int(t, g[i].match);
		if (g[i].day)
			report_int(t, g[i].day);
		else
			report_null(t);
		report_str(t, g[i].map ? g[i].map : "unknown");
		match_result_cells(t, g[i].status, g[i].placement, g[i].kills, g[i].points);
		report_str(t, g[i].status);
		report_int(t, g[i].total);
		report_int(t, g[i].rank);
	}
	return t;
}

void
match_games_free(struct team_game *g, int n)
{
	for (int i = 0; i < n; i++) {
		free(g[i].stage);
		free(g[i].map);
		free(g[i].status);
	}
	free(g);
}
