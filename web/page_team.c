/*
 * page_team.c: a team's page, GET /teams/{team}: its standings row in each
 * stage it played (head starts, dq and forfeit counts, adjustments with
 * their reasons), its numbers per map (and the matches an unknown map left
 * out), its last 10 matches with the points each earned (DQ and FF marked)
 * and its players, all from team_report (team.c), as `tracker team` and the
 * API have them; the reasons of its adjustments and the stage a carried head
 * start came from, from that stage's standings_get. Also the team slug check
 * and report the API shares.
 */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "html.h"
#include "i18n.h"
#include "pages.h"
#include "stage.h"
#include "standings.h"
#include "team.h"
#include "util.h"

/*
 * The report (team_report, every tournament) of the team whose slug is
 * req's first parameter. Returns 1 with *r set (free it with team_free()),
 * or 0 with out set to 404 or 500 (or after db_error_set(), which http_handle
 * answers).
 */
int
page_team_report(const struct http_req *req, struct http_out *out, struct team_report *r)
{
	sqlite3_stmt *st = db_prepare(req->db, "SELECT id FROM team WHERE slug = ?1");
	if (st == NULL)
		return 0;
	sqlite3_bind_text(st, 1, req->param[0], -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	int64_t team = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	if (db_end(req->db, st, rc == SQLITE_ROW ? SQLITE_DONE : rc) != 0)
		return 0;
	char *err, *near = team ? NULL
	                        : stage_nearest(req->db, "SELECT slug FROM team ORDER BY slug", 0,
	                                        req->param[0]);
	if (team == 0 && near) {
		char *path = xasprintf(
		    "%s/%s", strncmp(req->path, "/api/", 5) == 0 ? "/api/v1/teams" : "/teams",
		    near);
		http_fail_near(out, 404, path, "detail.no_team", req->param[0]);
		free(path);
	} else if (team == 0)
		http_fail_tr(out, 404, "detail.no_team", req->param[0]);
	else if (team_report(req->db, team, 0, r, &err) != 0) {
		http_fail(out, 500, "%s", err);
		free(err);
		team = 0;
	}
	free(near);
	return team != 0;
}

/*
 * The standings of ts's stage (standings_get: the one scoring function),
 * for what the team's row does not hold: the stage a carried head start
 * came from, the reasons of the adjustments in its total. Returns 1 with *s
 * set (free it with standings_free()), or 0 when the row needs neither or
 * they cannot be had.
 */
static int
stage_of(sqlite3 *db, const struct team_stage *ts, struct standings *s)
{
	if (ts->row.headstart_carried == 0 && ts->row.adjustment == 0)
		return 0;
	sqlite3_stmt *st = db_prepare(db, "SELECT s.id FROM stage s JOIN tournament t ON"
	                                  " t.id = s.tournament_id"
	                                  " WHERE t.slug = ?1 AND s.slug = ?2");
	if (st == NULL) /* recorded (db_error_set): http_handle answers */
		return 0;
	sqlite3_bind_text(st, 1, ts->tournament_slug, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, ts->stage_slug, -1, SQLITE_STATIC);
	int64_t stage = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	struct standings_opts o = {.after = -1};
	char *err = NULL;
	int ok = stage && standings_get(db, stage, &o, s, &err) == 0;
	free(err);
	return ok;
}

/* The reasons of the team's adjustments in s (of ts's stage), each a row under the stage's. */
static void
adjustments(struct buf *b, const struct standings *s, const struct team_stage *ts, int cols)
{
	for (int a = 0; a < s->nadj; a++) {
		const struct standings_adjustment *x = &s->adj[a];
		if (x->team_id != ts->row.team_id)
			continue;
		htmlf(b, "<tr class=\"adj-note\"><td colspan=\"%d\">%r%d: %s", cols,
		      x->points > 0 ? "+" : "", x->points, x->reason);
		if (x->after_match)
			htmlf(b, " <span class=\"muted\">%s</span>",
			      tr("adj.from_match", x->after_match));
		else
			htmlf(b, " <span class=\"muted\">%s</span>", tr("adj.from_start"));
		htmlf(b, "</td></tr>");
	}
}

/*
 * The team's row in every stage it played: its head start (and the stage a
 * carried one came from), the matches it was disqualified from or
 * forfeited, and each adjustment with its reason beside the total it
 * changes, where it has any.
 */
static void
stages(struct buf *b, sqlite3 *db, const struct team_report *r)
{
	int dq = 0, adj = 0, hs = 0;
	for (int i = 0; i < r->nstages; i++) {
		hs |= r->stages[i].row.headstart != 0;
		dq |= r->stages[i].row.dq != 0;
		adj |= r->stages[i].row.adjustment != 0;
	}
	htmlf(b,
	      "<h2>%s</h2><div class=\"scroll\" tabindex=\"0\"><table class=\"board\"><thead><tr>"
	      "<th class=\"team\">%s</th><th>#</th><th title=\"%a\">%s</th>",
	      tr("team.standings"), tr("team.stage"), tr("board.m.title"), tr("board.m"));
	if (dq)
		htmlf(b, "<th title=\"%a\">%s</th>", tr("board.dq.title"), tr("board.dq"));
	htmlf(b, "<th>%s</th><th>%s</th><th class=\"opt\">%s</th>", tr("board.booyah"),
	      tr("board.kills"), tr("board.place"));
	if (hs)
		htmlf(b, "<th title=\"%a\">%s</th>", tr("board.start.title"), tr("board.start"));
	if (adj)
		htmlf(b, "<th title=\"%a\">%s</th>", tr("board.adj.title"), tr("board.adj"));
	htmlf(b, "<th>%s</th></tr></thead><tbody>", tr("board.total"));
	for (int i = 0; i < r->nstages; i++) {
		const struct team_stage *ts = &r->stages[i];
		struct standings s;
		int more = stage_of(db, ts, &s);
		htmlf(b, "<tr%r><td class=\"team\"><a href=\"/t/%p/%p%s\">%s · %s</a>%r",
		      ts->champion ? " class=\"champion\"" : "", ts->tournament_slug,
		      ts->stage_slug, i18n_q(), ts->tournament, ts->stage,
		      ts->champion ? " <span class=\"champ-mark\">♛</span>" : "");
		htmlf(b, "</td><td>%d</td><td>%d</td>", ts->row.rank, ts->row.matches);
		if (dq)
			htmlf(b, "<td%r>%d</td>", ts->row.dq ? " class=\"dq\"" : "", ts->row.dq);
		htmlf(b, "<td>%'d</td><td>%'d</td><td class=\"opt\">%'d</td>", ts->row.booyahs,
		      ts->row.kills, ts->row.placement_points);
		if (hs && more && s.headstart_from && ts->row.headstart_carried)
			htmlf(
			    b, "<td class=\"start\">%'d<small>%s</small></td>", ts->row.headstart,
			    tr("board.carried_part", ts->row.headstart_carried, s.headstart_from));
		else if (hs)
			htmlf(b, "<td class=\"start\">%'d</td>", ts->row.headstart);
		if (adj && ts->row.adjustment)
			htmlf(b, "<td class=\"adj\">%r%d</td>", ts->row.adjustment > 0 ? "+" : "",
			      ts->row.adjustment);
		else if (adj)
			htmlf(b, "<td class=\"adj\"></td>");
		htmlf(b, "<td class=\"total\">%'d</td></tr>", ts->row.points);
		if (more) {
			adjustments(b, &s, ts, 7 + dq + hs + adj);
			standings_free(&s);
		}
	}
	htmlf(b, "</tbody></table></div>\n");
}

/* The team's numbers per map, every stage together. */
static void
maps(struct buf *b, const struct team_report *r)
{
	htmlf(b,
	      "<h2>%s</h2><div class=\"scroll\" tabindex=\"0\"><table class=\"board\"><thead><tr>"
	      "<th class=\"team\">%s</th><th title=\"%a\">%s</th><th>%s</th>"
	      "<th class=\"opt\" title=\"%a\">%s</th><th class=\"opt\" title=\"%a\">%s</th><th "
	      "title=\"%a\">%s</th>"
	      "<th title=\"%a\">%s</th><th title=\"%a\">%s</th></tr></thead><tbody>",
	      tr("team.maps"), tr("team.map"), tr("team.matches"), tr("board.m"),
	      tr("board.booyah"), tr("team.avg.title"), tr("team.avg"), tr("team.km.title"),
	      tr("team.km"), tr("team.ppm.title"), tr("team.ppm"), tr("team.vs.title"),
	      tr("team.vs"), tr("team.rank.title"), tr("team.rank"));
	for (int i = 0; i < r->nmaps; i++) {
		const struct map_row *m = &r->maps[i];
		htmlf(b,
		      "<tr><td class=\"team\">%s</td><td>%d</td><td>%d</td><td "
		      "class=\"opt\">%'.1f</td>"
		      "<td class=\"opt\">%'.1f</td><td class=\"total\">%'.1f</td><td "
		      "class=\"%r\">%+'.1f</td>"
		      "<td>%d</td></tr>",
		      m->map, m->matches, m->booyahs, m->avg_placement, m->avg_kills,
		      m->points_per_match, m->delta_ppm >= 0 ? "up" : "down", m->delta_ppm,
		      m->map_rank);
	}
	htmlf(b, "</tbody></table></div>\n");
	if (r->maps_unknown)
		htmlf(b, "<p class=\"muted\">%s</p>\n",
		      trn("maps.unknown", r->maps_unknown, r->maps_unknown));
}

/*
 * The team's last 10 matches, with the points each earned under its stage's
 * ruleset: a dq or forfeit marked (DQ, FF: no points), an unknown map so
 * named.
 */
static void
history(struct buf *b, const struct team_report *r)
{
	htmlf(b,
	      "<h2>%s</h2><div class=\"scroll\" tabindex=\"0\"><table class=\"board\"><thead>"
	      "<tr><th class=\"team opt\">%s</th><th>%s</th><th class=\"team\">%s</th>"
	      "<th>#</th><th>%s</th><th>%s</th></tr></thead><tbody>",
	      tr("team.last"), tr("team.stage"), tr("team.match"), tr("team.map"),
	      tr("board.kills"), tr("team.points"));
	for (int i = 0; i < r->nmatches; i++) {
		const struct team_match *m = &r->matches[i];
		int dq = strcmp(m->status, "dq") == 0, ff = strcmp(m->status, "forfeit") == 0;
		htmlf(b,
		      "<tr%r><td class=\"team opt\">%s</td><td>%d</td><td class=\"team%r\">%s</td>",
		      m->placement == 1 && !dq && !ff ? " class=\"booyah\"" : "", m->stage,
		      m->match, m->map ? "" : " unknown", m->map ? m->map : tr("map.unknown"));
		if (dq || ff)
			htmlf(b, "<td class=\"dq\" title=\"%a\">%s</td><td class=\"muted\">%d</td>",
			      dq ? tr("grid.dq.title", m->match) : tr("grid.ff.title", m->match),
			      dq ? tr("grid.dq") : tr("grid.ff"), m->kills);
		else
			htmlf(b, "<td>%d</td><td>%d</td>", m->placement, m->kills);
		htmlf(b, "<td class=\"total\">%d</td></tr>", m->points);
	}
	htmlf(b, "</tbody></table></div>\n");
}

/* The players who played for the team, by kills; nothing when there are none. */
static void
players(struct buf *b, const struct team_report *r)
{
	if (r->nplayers == 0)
		return;
	htmlf(b,
	      "<h2>%s</h2><div class=\"scroll\" tabindex=\"0\"><table class=\"board\"><thead><tr>"
	      "<th class=\"team\">%s</th><th title=\"%a\">%s</th><th>%s</th>"
	      "<th class=\"opt\" title=\"%a\">%s</th><th>%s</th><th "
	      "class=\"opt\">%s</th><th>%s</th></tr></thead><tbody>",
	      tr("team.players"), tr("team.player"), tr("team.matches"), tr("board.m"),
	      tr("board.kills"), tr("team.km.title"), tr("team.km"), tr("team.damage"),
	      tr("team.assists"), tr("team.mvp"));
	for (int i = 0; i < r->nplayers; i++) {
		const struct player_row *p = &r->players[i];
		htmlf(b,
		      "<tr><td "
		      "class=\"team\">%s</td><td>%d</td><td>%'d</td><td "
		      "class=\"opt\">%'.2f</td><td>%'lld</td>"
		      "<td class=\"opt\">%d</td><td>%d</td></tr>",
		      p->player, p->matches, p->kills, p->kills_per_match, (long long)p->damage,
		      p->assists, p->mvps);
	}
	htmlf(b, "</tbody></table></div>\n");
}

/*
 * Where the team stands, for the share preview: its rank and points in the
 * stage it played last ("LOS: #2 in Grand Final · FFWS ..., 190 points"), or
 * that it has played no stage. Lives until i18n_done().
 */
static const char *
team_lead(const struct team_report *r)
{
	if (r->nstages == 0)
		return tr("team.og_none", r->name);
	const struct team_stage *ts = &r->stages[r->nstages - 1];
	if (ts->champion)
		return tr("team.og_champion", r->name, ts->stage, ts->tournament);
	return tr("team.og", r->name, ts->row.rank, ts->stage, ts->tournament, ts->row.points);
}

/* GET /teams/{team}. */
void
page_team(const struct http_req *req, struct http_out *out)
{
	struct team_report r;
	if (!page_team_report(req, out, &r))
		return;
	struct buf *b = &out->body;
	html_open_live(b, r.name, team_lead(&r), req->version);
	htmlf(b,
	      "<p class=\"crumbs\"><a href=\"/%s\">%s</a> › %s</p><h1>%s</h1>"
	      "<nav class=\"tabs\"><a class=\"on\" href=\"/teams/%p%s\">%s</a>"
	      "<a href=\"/api/v1/teams/%p\">JSON</a></nav>\n",
	      i18n_q(), tr("home.title"), tr("home.teams_title"), r.name, req->param[0], i18n_q(),
	      tr("team.tab"), req->param[0]);
	htmlf(b, "<section id=\"live\">");
	stages(b, req->db, &r);
	maps(b, &r);
	history(b, &r);
	players(b, &r);
	htmlf(b, "</section>\n");
	html_close(b);
	team_free(&r);
}
