/*
 * stage.c: what the stage pages (page_stage.c, page_maps.c) and the API
 * (api.c) share, like cgit's ui-shared.c: the stage a request's slugs
 * name, the ?after= and ?group= checks, the standings, the crumbs, heading and tabs
 * above a stage page, who leads, for the share preview, and the delta a live
 * event carries to the open leaderboards (live.c).
 */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "find.h"
#include "html.h"
#include "i18n.h"
#include "stage.h"
#include "util.h"

/*
 * The slug nearest to arg among those sql lists (sql binds ?1 to bind when
 * bind is not 0), by find_nearest, or NULL; free() it.
 */
char *
stage_nearest(sqlite3 *db, const char *sql, int64_t bind, const char *arg)
{
	char **names = NULL, *best = NULL;
	int n = 0, i, rc;
	sqlite3_stmt *st = db_prepare(db, sql);
	if (st == NULL) /* recorded (db_error_set): http_handle answers */
		return NULL;
	if (bind)
		sqlite3_bind_int64(st, 1, bind);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		names = xrealloc(names, (size_t)(n + 1) * sizeof *names);
		names[n++] = db_text(st, 0);
	}
	if (db_end(db, st, rc) == 0 && find_nearest(arg, (const char *const *)names, n, &i, 1) == 1)
		best = xstrdup(names[i]);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return best;
}

/*
 * req's path with its segment from replaced by to (the first such segment
 * after the one at skip), for a "did you mean"; free() it.
 */
static char *
path_with(const char *path, const char *from, const char *to, size_t *skip)
{
	size_t lf = strlen(from);
	for (const char *p = path + *skip; (p = strchr(p, '/')) != NULL;) {
		p++;
		if (strncmp(p, from, lf) == 0 && (p[lf] == '/' || p[lf] == '\0')) {
			*skip = (size_t)(p - path) + strlen(to);
			return xasprintf("%.*s%s%s", (int)(p - path), path, to, p + lf);
		}
	}
	return xstrdup(path);
}

/* The id of the tournament whose slug is slug, or 0 (none, or after db_error_set()). */
int64_t
stage_tournament(sqlite3 *db, const char *slug)
{
	int64_t t = 0;
	sqlite3_stmt *st = db_prepare(db, "SELECT id FROM tournament WHERE slug = ?1");
	if (st == NULL)
		return 0;
	sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		t = sqlite3_column_int64(st, 0);
	return db_end(db, st, rc == SQLITE_ROW ? SQLITE_DONE : rc) == 0 ? t : 0;
}

/*
 * A 404 for the stage req's slugs name but no stage has: "did you mean"
 * the path with the nearest tournament and stage slugs, when there are.
 */
static void
stage_missing(const struct http_req *req, struct http_out *out)
{
	int64_t t = stage_tournament(req->db, req->param[0]);
	char *ts = t ? xstrdup(req->param[0])
	             : stage_nearest(req->db, "SELECT slug FROM tournament ORDER BY slug", 0,
	                             req->param[0]);
	if (ts && !t)
		t = stage_tournament(req->db, ts);
	char *ss = t ? stage_nearest(req->db,
	                             "SELECT slug FROM stage WHERE tournament_id = ?1 ORDER BY id",
	                             t, req->param[1])
	             : NULL;
	if (ts && ss) {
		size_t skip = 0;
		char *p1 = path_with(req->path, req->param[0], ts, &skip);
		char *p2 = path_with(p1, req->param[1], ss, &skip);
		http_fail_near(out, 404, p2, "detail.no_stage", req->param[1], req->param[0]);
		free(p1);
		free(p2);
	} else
		http_fail_tr(out, 404, "detail.no_stage", req->param[1], req->param[0]);
	free(ts);
	free(ss);
}

/*
 * The stage that req's first two parameters (tournament and stage slugs)
 * name. Returns 1 with *stage set, or 0 with out set to 404 (with a "did
 * you mean" when a stage's slugs are near) or after db_error_set(), which
 * http_handle answers.
 */
int
stage_id(const struct http_req *req, struct http_out *out, int64_t *stage)
{
	sqlite3_stmt *st = db_prepare(req->db, "SELECT s.id FROM stage s JOIN tournament t"
	                                       " ON t.id = s.tournament_id"
	                                       " WHERE t.slug = ?1 AND s.slug = ?2");
	if (st == NULL)
		return 0;
	sqlite3_bind_text(st, 1, req->param[0], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, req->param[1], -1, SQLITE_STATIC);
	int rc = sqlite3_step(st), found = rc == SQLITE_ROW;
	if (found)
		*stage = sqlite3_column_int64(st, 0);
	if (db_end(req->db, st, found ? SQLITE_DONE : rc) != 0)
		return 0;
	if (!found)
		stage_missing(req, out);
	return found;
}

/*
 * The ?after=N of req for stage: *after = N (0: before the first match), or
 * -1 (every match) when it is absent or empty. Returns 1, or 0 with out set
 * to 400 when N is neither 0 nor the number of a stored match of the stage
 * (voided ones included) written plainly: a leading zero is refused, and so
 * is a number between two stored ones, so that "01", "001", ... or the
 * numbers in a gap cannot each fill a cache entry with the same page. 0
 * also after db_error_set(), which http_handle answers.
 */
static int
after_arg(const struct http_req *req, struct http_out *out, int64_t stage, int *after)
{
	const char *arg = http_arg(req, "after");
	*after = -1;
	if (arg == NULL || *arg == '\0')
		return 1;
	if (strcmp(arg, "0") == 0) {
		*after = 0;
		return 1;
	}
	char *end;
	long v = strtol(arg, &end, 10);
	int64_t last = 0;
	if (db_int(req->db, &last, "SELECT max(number) FROM match WHERE stage_id = ?1", stage) != 0)
		return 0;
	int stored = 0;
	if (*arg >= '1' && *arg <= '9' && *end == '\0' && v >= 1 && v <= last) {
		sqlite3_stmt *st =
		    db_prepare(req->db, "SELECT 1 FROM match WHERE stage_id = ?1 AND number = ?2");
		if (st == NULL)
			return 0;
		sqlite3_bind_int64(st, 1, stage);
		sqlite3_bind_int64(st, 2, v);
		int rc = sqlite3_step(st);
		stored = rc == SQLITE_ROW;
		if (db_end(req->db, st, stored ? SQLITE_DONE : rc) != 0)
			return 0;
	}
	if (!stored) {
		http_fail_tr(out, 400, "detail.after", arg, (long long)last);
		return 0;
	}
	*after = (int)v;
	return 1;
}

/*
 * The ?group=G of req for stage: *group = G, or NULL (the whole stage) when
 * it is absent or empty. Returns 1, or 0 with out set to 400 naming the
 * stage's groups when G is not one of them as stored (written otherwise,
 * "a" for "A", it is refused too, so that one group fills one cache entry).
 */
static int
group_arg(const struct http_req *req, struct http_out *out, int64_t stage, const char **group)
{
	const char *arg = http_arg(req, "group");
	*group = NULL;
	if (arg == NULL || *arg == '\0')
		return 1;
	sqlite3_stmt *st =
	    db_prepare(req->db, "SELECT (SELECT 1 FROM stage_team WHERE stage_id = ?1"
	                        "  AND grp = ?2 LIMIT 1), group_concat(grp, ', ')"
	                        " FROM (SELECT DISTINCT grp FROM stage_team"
	                        "  WHERE stage_id = ?1 AND grp IS NOT NULL"
	                        "  ORDER BY grp)");
	sqlite3_bind_int64(st, 1, stage);
	sqlite3_bind_text(st, 2, arg, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1)
		*group = arg;
	else if (sqlite3_column_type(st, 1) == SQLITE_TEXT)
		http_fail_tr(out, 400, "detail.groups", arg,
		             (const char *)sqlite3_column_text(st, 1));
	else
		http_fail_tr(out, 400, "detail.no_groups", arg);
	sqlite3_finalize(st);
	return *group != NULL;
}

/*
 * The standings of the stage req's first two parameters name, as
 * standings_get has them: as of its ?after=N and of its ?group=G when args
 * is 1 (else after every match, the whole stage), with the points race as
 * well when race is 1. Returns 1 with *s set (free it with
 * standings_free()), or 0 with out set to 404, 400 or 500.
 */
int
stage_standings(const struct http_req *req, struct http_out *out, int args, int race,
                struct standings *s)
{
	int64_t stage;
	struct standings_opts o = {.after = -1, .race = race};
	char *err;
	if (!stage_id(req, out, &stage) || (args && (!after_arg(req, out, stage, &o.after) ||
	                                             !group_arg(req, out, stage, &o.group))))
		return 0;
	if (standings_get(req->db, stage, &o, s, &err) != 0) {
		http_fail(out, 500, "%s", err);
		free(err);
		return 0;
	}
	return 1;
}

/*
 * The crumbs, heading and tabs (leaderboard, players, maps, JSON) of s's
 * stage pages; tab: 0 the leaderboard, 1 the map table, 2 the players, 3
 * a day (no tab on), 4 who can still win.
 */
void
stage_head(struct buf *b, const struct standings *s, int tab)
{
	const char *t = s->tournament_slug, *st = s->stage_slug;
	htmlf(b,
	      "<p class=\"crumbs\"><a href=\"/%s\">%s</a> › <a href=\"/t/%p%s\">%s</a></p>"
	      "<h1>%s</h1><nav class=\"tabs\"><a%r href=\"/t/%p/%p%s\">%s</a>"
	      "<a%r href=\"/t/%p/%p/scenarios%s\">%s</a><a%r href=\"/t/%p/%p/players%s\">%s</a>"
	      "<a%r href=\"/t/%p/%p/maps%s\">%s</a>"
	      "<a href=\"/api/v1/tournaments/%p/stages/%p/%r\">JSON</a></nav>\n",
	      i18n_q(), tr("home.title"), t, i18n_q(), s->tournament, s->stage,
	      tab == 0 ? " class=\"on\"" : "", t, st, i18n_q(), tr("stage.tab.board"),
	      tab == 4 ? " class=\"on\"" : "", t, st, i18n_q(), tr("stage.tab.scenarios"),
	      tab == 2 ? " class=\"on\"" : "", t, st, i18n_q(), tr("stage.tab.players"),
	      tab == 1 ? " class=\"on\"" : "", t, st, i18n_q(), tr("stage.tab.maps"), t, st,
	      tab == 1   ? "maps"
	      : tab == 2 ? "players"
	                 : "standings");
}

/*
 * Who leads s, in the page's language, for a share preview: "LOUD SNICKERS
 * champion, LOS 2nd, after match 14", "LOS leads with 208 points after
 * match 13", or that no match is played yet. Lives until i18n_done().
 */
const char *
stage_lead(const struct standings *s)
{
	if (s->nrows == 0 || s->matches_played == 0)
		return tr("lead.none");
	const char *second = NULL;
	for (int i = 0; i < s->nrows && second == NULL; i++)
		if (s->rows[i].team_id != s->champion_id)
			second = s->rows[i].team;
	if (s->champion && second)
		return tr("lead.champion", s->champion, second, s->after_match);
	if (s->champion)
		return tr("lead.champion_alone", s->champion, s->after_match);
	return tr("lead.leads", s->rows[0].team, s->rows[0].points, s->after_match);
}

/*
 * Whether the whole-stage leaderboard of s (the latest, every match) is one
 * the page's script can bring up to date from a delta: no Champion Rush,
 * zones, head starts, adjustments, groups, voided or late matches, notes,
 * DQ or forfeits, no day or map filter. Other stages' pages re-fetch.
 */
int
stage_plain(const struct standings *s)
{
	if (s->rules.rush_threshold || s->rules.nzones || s->nadj || s->nvoids || s->nlate ||
	    s->nnotes || s->filtered || s->champion_id || s->group || s->headstart_from)
		return 0;
	for (int i = 0; i < s->nrows; i++)
		if (s->rows[i].headstart || s->rows[i].dq || s->rows[i].group)
			return 0;
	return 1;
}

/*
 * The delta of a live event for the stage whose match number was just
 * stored, appended to out as members of the event's JSON object, for open
 * leaderboards of the whole stage: ,"match":N,"prev":P,"played":M,
 * "of":T,"map":"..." and "rows", one per team in rank order, each
 * [team id, name, rank, rank before, matches, Booyahs, kills, placement
 * points, total, race total before the match, race total after it,
 * tiebreaker or null, placement in the match (0: not in it), kills in it].
 * All of it is the scoring function's (standings_get with race): the page
 * only places it. Returns 1 when written; 0 (nothing written) when the
 * stage is not stage_plain(), the match is not its latest counted one or has a
 * start time (its column's title is a date in the page's language), or
 * the database fails; the pages then re-fetch.
 */
int
stage_delta(sqlite3 *db, int64_t stage, int match, struct buf *out)
{
	struct standings s;
	struct standings_opts o = {.after = -1, .race = 1};
	char *err;
	if (standings_get(db, stage, &o, &s, &err) != 0) {
		free(err);
		return 0;
	}
	int n = s.nrace, ok = 0;
	int *place = xcalloc((size_t)s.nrows + 1, sizeof *place);
	int *kills = xcalloc((size_t)s.nrows + 1, sizeof *kills);
	char *map = NULL;
	if (!stage_plain(&s) || n < 1 || s.after_match != match || s.numbers[n - 1] != match)
		goto out;
	sqlite3_stmt *st = db_prepare(db, "SELECT m.map, m.played_at IS NOT NULL, r.team_id,"
	                                  " r.placement, r.kills, r.status"
	                                  " FROM match m LEFT JOIN result r ON r.match_id = m.id"
	                                  " WHERE m.stage_id = ?1 AND m.number = ?2");
	if (st == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, stage);
	sqlite3_bind_int(st, 2, match);
	int rc, timed = 0, odd = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (map == NULL)
			map = db_text(st, 0);
		timed |= sqlite3_column_int(st, 1);
		const char *status = (const char *)sqlite3_column_text(st, 5);
		if (status == NULL)
			continue;
		odd |= status[0] != 'p';
		for (int i = 0; i < s.nrows; i++)
			if (s.rows[i].team_id == sqlite3_column_int64(st, 2)) {
				place[i] = sqlite3_column_int(st, 3);
				kills[i] = sqlite3_column_int(st, 4);
			}
	}
	if (db_end(db, st, rc) != 0 || timed || odd)
		goto out;
	htmlf(out, ",\"match\":%d,\"prev\":%d,\"played\":%d,\"of\":%d,\"map\":", match,
	      n > 1 ? s.numbers[n - 2] : 0, s.matches_played, s.total_matches);
	if (map)
		htmlf(out, "%j", map);
	else
		htmlf(out, "null");
	htmlf(out, ",\"rows\":[");
	for (int i = 0; i < s.nrows; i++) {
		const struct standing *r = &s.rows[i];
		const int *race = s.race + (size_t)i * ((size_t)n + 1);
		htmlf(out, "%r[%lld,%j,%d,%d,%d,%d,%d,%d,%d,%d,%d,", i ? "," : "",
		      (long long)r->team_id, r->team, r->rank, r->prev_rank, r->matches, r->booyahs,
		      r->kills, r->placement_points, r->points, race[n - 1], race[n]);
		if (r->tiebreak)
			htmlf(out, "%j", r->tiebreak);
		else
			htmlf(out, "null");
		htmlf(out, ",%d,%d]", place[i], kills[i]);
	}
	htmlf(out, "]");
	ok = 1;
out:
	free(map);
	free(place);
	free(kills);
	standings_free(&s);
	return ok;
}
