/*
 * team.c: a team's report, as `tracker team`, the team page and
 * GET /api/v1/teams/{team} show it: its standings row in each stage it
 * played (standings_compute), its numbers per map (maps_compute), its last
 * 10 matches with the points each earned (rules_match_points) and its
 * players (players_compute). Also the JSON the CLI and the API print and
 * the tables the CLI prints.
 */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "match.h"
#include "rules.h"
#include "scope.h"
#include "team.h"
#include "util.h"

/*
 * The row of team q->team in each stage it played in the scope q names
 * (standings_get, with q's days and map) into out->stages. Returns 0, or -1 with *err set (free() it).
 */
static int
load_stages(sqlite3 *db, const struct scope *q, struct team_report *out, char **err)
{
	int rc = 0, cap = 0, step;
	sqlite3_stmt *st = scope_prepare(
	    db,
	    "SELECT DISTINCT s.id, s.tournament_id FROM result r JOIN match m ON m.id = r.match_id"
	    " JOIN stage s ON s.id = m.stage_id WHERE 1",
	    "r.team_id", q, " ORDER BY s.tournament_id, s.id");
	if (st == NULL) {
		*err = xstrdup(db_error());
		return -1;
	}
	struct standings_opts o = {
	    .after = -1, .day_from = q->day_from, .day_to = q->day_to, .map = q->map};
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct standings s;
		if (standings_get(db, sqlite3_column_int64(st, 0), &o, &s, err) != 0) {
			rc = -1;
			break;
		}
		for (int i = 0; i < s.nrows; i++) {
			if (s.rows[i].team_id != q->team)
				continue;
			if (out->nstages == cap) {
				cap = cap ? cap * 2 : 8;
				out->stages =
				    xrealloc(out->stages, (size_t)cap * sizeof *out->stages);
			}
			struct team_stage *ts = &out->stages[out->nstages++];
			ts->tournament = xstrdup(s.tournament);
			ts->tournament_slug = xstrdup(s.tournament_slug);
			ts->stage = xstrdup(s.stage);
			ts->stage_slug = xstrdup(s.stage_slug);
			ts->teams = s.nrows;
			ts->champion = s.champion_id == q->team;
			ts->row = s.rows[i];
			ts->row.team = NULL; /* freed with s */
			ts->row.slug = NULL;
			ts->row.group = NULL;
			ts->row.zone = NULL;
		}
		standings_free(&s);
	}
	if (rc == 0 && step != SQLITE_DONE) {
		db_error_set(db);
		*err = xstrdup(db_error());
		rc = -1;
	}
	sqlite3_finalize(st);
	return rc;
}

/*
 * The last 10 matches of team q->team in the scope q names (voided ones left
 * out), most recent first, into out->matches, points under each stage's own
 * ruleset (none for a dq or forfeit).
 * Returns 0, or -1 with *err set (free() it).
 */
static int
load_matches(sqlite3 *db, const struct scope *q, struct team_report *out, char **err)
{
	sqlite3_stmt *st = scope_prepare(
	    db,
	    "SELECT s.id, s.name, m.number, m.map, r.placement, r.kills, r.status"
	    " FROM result r JOIN match m ON m.id = r.match_id JOIN stage s ON s.id = m.stage_id"
	    " WHERE m.void IS NULL",
	    "r.team_id", q, " ORDER BY s.tournament_id DESC, s.id DESC, m.number DESC LIMIT 10");
	if (st == NULL) {
		*err = xstrdup(db_error());
		return -1;
	}
	struct ruleset r = {0};
	int64_t rstage = 0;
	int rc = 0, step;
	out->matches = xcalloc(10, sizeof *out->matches);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t stage = sqlite3_column_int64(st, 0);
		if (stage != rstage) {
			rules_free(&r);
			if (rules_for_stage(db, stage, &r, err) != 0) {
				rc = -1;
				break;
			}
			rstage = stage;
		}
		struct team_match *m = &out->matches[out->nmatches++];
		m->stage = db_text(st, 1);
		m->match = sqlite3_column_int(st, 2);
		m->map = db_text(st, 3);
		m->placement = sqlite3_column_int(st, 4);
		m->kills = sqlite3_column_int(st, 5);
		m->status = db_text(st, 6);
		m->points = match_points(&r, m->status, m->placement, m->kills);
	}
	if (rc == 0 && step != SQLITE_DONE) {
		db_error_set(db);
		*err = xstrdup(db_error());
		rc = -1;
	}
	rules_free(&r);
	sqlite3_finalize(st);
	return rc;
}

/*
 * Everything about team, over tournament (0: every tournament), into *out.
 * Returns 0 (free *out with team_free()), or -1 with *err set (free() it)
 * and *out empty: no team with that id, a stage's stored ruleset does not
 * parse, or the database cannot be read.
 */
int
team_report(sqlite3 *db, int64_t team, int64_t tournament, struct team_report *out, char **err)
{
	struct team_scope sc = {.tournament = tournament};
	return team_report_in(db, team, &sc, out, err);
}

/*
 * team_report over the scope sc names: a stage, days of a stage, a map (the
 * standings rows then count only those matches: standings_get's filter).
 */
int
team_report_in(sqlite3 *db, int64_t team, const struct team_scope *sc, struct team_report *out,
               char **err)
{
	memset(out, 0, sizeof *out);
	*err = NULL;
	sqlite3_stmt *st = db_prepare(db, "SELECT name, slug FROM team WHERE id = ?1");
	if (st == NULL) {
		*err = xstrdup(db_error());
		return -1;
	}
	sqlite3_bind_int64(st, 1, team);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->name = db_text(st, 0);
		out->slug = db_text(st, 1);
	} else
		*err = rc == SQLITE_DONE ? xasprintf("no team with id %lld", (long long)team)
		                         : (db_error_set(db), xstrdup(db_error()));
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return -1;
	struct maps_query mq = {.tournament = sc->tournament,
	                        .stage = sc->stage,
	                        .team = team,
	                        .played = 1,
	                        .map = sc->map,
	                        .day_from = sc->day_from,
	                        .day_to = sc->day_to};
	struct players_query pq = {.tournament = sc->tournament,
	                           .stage = sc->stage,
	                           .team = team,
	                           .map = sc->map,
	                           .day_from = sc->day_from,
	                           .day_to = sc->day_to};
	struct scope q = {.tournament = sc->tournament,
	                  .stage = sc->stage,
	                  .team = team,
	                  .map = sc->map,
	                  .day_from = sc->day_from,
	                  .day_to = sc->day_to};
	if (load_stages(db, &q, out, err) != 0 ||
	    maps_compute(db, &mq, &out->maps, &out->nmaps, err) != 0 ||
	    load_matches(db, &q, out, err) != 0)
		goto fail;
	if ((out->maps_unknown = maps_unknown(db, &mq)) < 0 ||
	    players_compute(db, &pq, &out->players, &out->nplayers) < 0) {
		*err = xstrdup(db_error());
		goto fail;
	}
	return 0;
fail:
	team_free(out);
	return -1;
}

/* Append r->stages as a JSON array. */
static void
stages_json(const struct team_report *r, struct buf *out)
{
	buf_putc(out, '[');
	for (int i = 0; i < r->nstages; i++) {
		const struct team_stage *ts = &r->stages[i];
		const struct standing *s = &ts->row;
		buf_puts(out, i ? ",\n{\"tournament\":" : "\n{\"tournament\":");
		buf_json_str(out, ts->tournament);
		buf_puts(out, ",\"stage\":");
		buf_json_str(out, ts->stage);
		buf_printf(out,
		           ",\"rank\":%d,\"teams\":%d,\"matches\":%d,\"booyahs\":%d,"
		           "\"kills\":%d,\"placement_points\":%d,\"kill_points\":%d,"
		           "\"headstart\":%d,\"points\":%d,\"champion\":%s,\"dq\":%d,"
		           "\"adjustment\":%d}",
		           s->rank, ts->teams, s->matches, s->booyahs, s->kills,
		           s->placement_points, s->kill_points, s->headstart, s->points,
		           ts->champion ? "true" : "false", s->dq, s->adjustment);
	}
	buf_puts(out, r->nstages ? "\n]" : "]");
}

/* Append r->matches as a JSON array. */
static void
matches_json(const struct team_report *r, struct buf *out)
{
	buf_putc(out, '[');
	for (int i = 0; i < r->nmatches; i++) {
		const struct team_match *m = &r->matches[i];
		buf_puts(out, i ? ",\n{\"stage\":" : "\n{\"stage\":");
		buf_json_str(out, m->stage);
		buf_printf(out, ",\"match\":%d,\"map\":", m->match);
		if (m->map)
			buf_json_str(out, m->map);
		else
			buf_puts(out, "null");
		match_result_json(out, m->status, m->placement, m->kills, m->points);
		buf_printf(out, ",\"status\":\"%s\"}", m->status);
	}
	buf_puts(out, r->nmatches ? "\n]" : "]");
}

/*
 * Append r as the JSON object `tracker team --format json` and
 * GET /api/v1/teams/{team} print.
 */
void
team_json(const struct team_report *r, struct buf *out)
{
	buf_puts(out, "{\"team\":");
	buf_json_str(out, r->name);
	buf_puts(out, ",\"slug\":");
	buf_json_str(out, r->slug);
	buf_puts(out, ",\"standings\":");
	stages_json(r, out);
	buf_printf(out, ",\"maps_unknown\":%d,\"maps\":", r->maps_unknown);
	maps_json(r->maps, r->nmaps, out);
	buf_puts(out, ",\"last_matches\":");
	matches_json(r, out);
	buf_puts(out, ",\"players\":");
	players_json(r->players, r->nplayers, out);
	buf_puts(out, "}\n");
}

/* r->stages as a table (aligned or CSV); free it with report_free(). */
struct report *
team_stages_table(const struct team_report *r)
{
	static const struct report_column cols[] = {
	    {"Tournament", "tournament", 5},
	    {"Stage", "stage"},
	    {"Rank", "rank", 0, 1},
	    {"Of", "teams", 2},
	    {"M", "matches"},
	    {"Booyahs", "booyahs", 3},
	    {"Kills", "kills", 4},
	    {"Total", "points"},
	    {"Avg place", "avg_placement", 6, 1},
	    {"Tiebreak", "tiebreak", 7, 0, 1},
	    {"Champion", "champion", 1, 0, 1},
	};
	struct report *t = report_new(cols, (int)(sizeof cols / sizeof cols[0]));
	for (int i = 0; i < r->nstages; i++) {
		const struct team_stage *ts = &r->stages[i];
		report_str(t, ts->tournament);
		report_str(t, ts->stage);
		report_int(t, ts->row.rank);
		report_int(t, ts->teams);
		report_int(t, ts->row.matches);
		report_int(t, ts->row.booyahs);
		report_int(t, ts->row.kills);
		report_int(t, ts->row.points);
		report_real(t, ts->row.avg_placement, 2);
		report_str(t, ts->row.tiebreak);
		report_str(t, ts->champion ? "yes" : "");
	}
	return t;
}

/* r->matches as a table (aligned or CSV), with a Status column when one of
 * them is a dq or forfeit; free it with report_free(). */
struct report *
team_matches_table(const struct team_report *r)
{
	static const struct report_column cols[] = {
	    {"Stage", "stage"},   {"Match", "match"},
	    {"Map", "map"},       {"Placement", "placement", 0, 1},
	    {"Kills", "kills"},   {"Points", "points"},
	    {"Status", "status"},
	};
	int status = 0;
	for (int i = 0; i < r->nmatches; i++)
		status |= strcmp(r->matches[i].status, "played") != 0;
	struct report *t = report_new(cols, status ? 7 : 6);
	for (int i = 0; i < r->nmatches; i++) {
		const struct team_match *m = &r->matches[i];
		report_str(t, m->stage);
		report_int(t, m->match);
		report_str(t, m->map ? m->map : "unknown");
		match_result_cells(t, m->status, m->placement, m->kills, m->points);
		if (status)
			report_str(t, m->status);
	}
	return t;
}

/* Free what r holds (not r itself) and leave it empty. */
void
team_free(struct team_report *r)
{
	free(r->name);
	free(r->slug);
	for (int i = 0; i < r->nstages; i++) {
		free(r->stages[i].tournament);
		free(r->stages[i].tournament_slug);
		free(r->stages[i].stage);
		free(r->stages[i].stage_slug);
	}
	free(r->stages);
	maps_free(r->maps, r->nmaps);
	for (int i = 0; i < r->nmatches; i++) {
		free(r->matches[i].stage);
		free(r->matches[i].map);
		free(r->matches[i].status);
	}
	free(r->matches);
	players_free(r->players, r->nplayers);
	memset(r, 0, sizeof *r);
}
