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
#include "pages.h"
#include "standings.h"
#include "team.h"

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
	char *err;
	if (team == 0)
		http_fail(out, 404, "no team '%s'", req->param[0]);
	else if (team_report(req->db, team, 0, r, &err) != 0) {
		http_fail(out, 500, "%s", err);
		free(err);
		team = 0;
	}
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
			htmlf(
			    b,
			    " <span class=\"muted\">(from the standings after match %d on)</span>",
			    x->after_match);
		else
			htmlf(b, " <span class=\"muted\">(from the start)</span>");
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
	      "<h2>Standings</h2><div class=\"scroll\"><table class=\"board\"><thead><tr>"
	      "<th class=\"team\">Stage</th><th>#</th><th title=\"matches played (a dq or "
	      "forfeit is one played)\">M</th>%r<th>Booyah</th><th>Kills</th><th>Place</th>%r%r"
	      "<th>Total</th></tr></thead><tbody>",
	      dq ? "<th title=\"matches disqualified from or forfeited\">DQ/FF</th>" : "",
	      hs ? "<th title=\"head start\">Start</th>" : "",
	      adj ? "<th title=\"adjustments: penalties and bonuses\">Adj</th>" : "");
	for (int i = 0; i < r->nstages; i++) {
		const struct team_stage *ts = &r->stages[i];
		struct standings s;
		int more = stage_of(db, ts, &s);
		htmlf(b, "<tr%r><td class=\"team\"><a href=\"/t/%p/%p\">%s · %s</a>%r",
		      ts->champion ? " class=\"champion\"" : "", ts->tournament_slug,
		      ts->stage_slug, ts->tournament, ts->stage,
		      ts->champion ? " <span class=\"champ-mark\">♛</span>" : "");
		htmlf(b, "</td><td>%d</td><td>%d</td>", ts->row.rank, ts->row.matches);
		if (dq)
			htmlf(b, "<td%r>%d</td>", ts->row.dq ? " class=\"dq\"" : "", ts->row.dq);
		htmlf(b, "<td>%d</td><td>%d</td><td>%d</td>", ts->row.booyahs, ts->row.kills,
		      ts->row.placement_points);
		if (hs && more && s.headstart_from && ts->row.headstart_carried)
			htmlf(b, "<td class=\"start\">%d<small>%d carried from %s</small></td>",
			      ts->row.headstart, ts->row.headstart_carried, s.headstart_from);
		else if (hs)
			htmlf(b, "<td class=\"start\">%d</td>", ts->row.headstart);
		if (adj && ts->row.adjustment)
			htmlf(b, "<td class=\"adj\">%r%d</td>", ts->row.adjustment > 0 ? "+" : "",
			      ts->row.adjustment);
		else if (adj)
			htmlf(b, "<td class=\"adj\"></td>");
		htmlf(b, "<td class=\"total\">%d</td></tr>", ts->row.points);
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
	htmlf(b, "<h2>Maps</h2><div class=\"scroll\"><table class=\"board\"><thead><tr>"
	         "<th class=\"team\">Map</th><th title=\"matches\">M</th><th>Booyah</th>"
	         "<th title=\"average placement\">Avg #</th><th title=\"kills per match\">K/M</th>"
	         "<th title=\"points per match\">Pts/M</th><th title=\"points per match against "
	         "the team's own average\">vs avg</th><th title=\"rank among all teams on the "
	         "map\">Rank</th></tr></thead><tbody>");
	for (int i = 0; i < r->nmaps; i++) {
		const struct map_row *m = &r->maps[i];
		htmlf(
		    b,
		    "<tr><td class=\"team\">%s</td><td>%d</td><td>%d</td><td>%.1f</td><td>%.1f</td>"
		    "<td class=\"total\">%.1f</td><td class=\"%r\">%+.1f</td><td>%d</td></tr>",
		    m->map, m->matches, m->booyahs, m->avg_placement, m->avg_kills,
		    m->points_per_match, m->delta_ppm >= 0 ? "up" : "down", m->delta_ppm,
		    m->map_rank);
	}
	htmlf(b, "</tbody></table></div>\n");
	if (r->maps_unknown)
		htmlf(b, "<p class=\"muted\">Left out: %d match%r with an unknown map.</p>\n",
		      r->maps_unknown, r->maps_unknown > 1 ? "es" : "");
}

/*
 * The team's last 10 matches, with the points each earned under its stage's
 * ruleset: a dq or forfeit marked (DQ, FF: no points), an unknown map so
 * named.
 */
static void
history(struct buf *b, const struct team_report *r)
{
	htmlf(b, "<h2>Last 10 matches</h2><div class=\"scroll\"><table class=\"board\"><thead>"
	         "<tr><th class=\"team\">Stage</th><th>Match</th><th class=\"team\">Map</th>"
	         "<th>#</th><th>Kills</th><th>Points</th></tr></thead><tbody>");
	for (int i = 0; i < r->nmatches; i++) {
		const struct team_match *m = &r->matches[i];
		int dq = strcmp(m->status, "dq") == 0, ff = strcmp(m->status, "forfeit") == 0;
		htmlf(b, "<tr%r><td class=\"team\">%s</td><td>%d</td><td class=\"team%r\">%s</td>",
		      m->placement == 1 && !dq && !ff ? " class=\"booyah\"" : "", m->stage,
		      m->match, m->map ? "" : " unknown", m->map ? m->map : "unknown");
		if (dq || ff)
			htmlf(b,
			      "<td class=\"dq\" title=\"%r %d: no points\">%r</td>"
			      "<td class=\"muted\">%d</td>",
			      dq ? "disqualified from match" : "forfeited match", m->match,
			      dq ? "DQ" : "FF", m->kills);
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
	htmlf(b, "<h2>Players</h2><div class=\"scroll\"><table class=\"board\"><thead><tr>"
	         "<th class=\"team\">Player</th><th title=\"matches\">M</th><th>Kills</th>"
	         "<th title=\"kills per match\">K/M</th><th>Damage</th><th>Assists</th>"
	         "<th>MVP</th></tr></thead><tbody>");
	for (int i = 0; i < r->nplayers; i++) {
		const struct player_row *p = &r->players[i];
		htmlf(
		    b,
		    "<tr><td class=\"team\">%s</td><td>%d</td><td>%d</td><td>%.2f</td><td>%lld</td>"
		    "<td>%d</td><td>%d</td></tr>",
		    p->player, p->matches, p->kills, p->kills_per_match, (long long)p->damage,
		    p->assists, p->mvps);
	}
	htmlf(b, "</tbody></table></div>\n");
}

/* GET /teams/{team}. */
void
page_team(const struct http_req *req, struct http_out *out)
{
	struct team_report r;
	if (!page_team_report(req, out, &r))
		return;
	struct buf *b = &out->body;
	html_open(b, r.name, NULL);
	htmlf(b,
	      "<p class=\"crumbs\"><a href=\"/\">Tournaments</a> › Teams</p><h1>%s</h1>"
	      "<nav class=\"tabs\"><a class=\"on\" href=\"/teams/%p\">Team</a>"
	      "<a href=\"/api/v1/teams/%p\">JSON</a></nav>\n",
	      r.name, req->param[0], req->param[0]);
	stages(b, req->db, &r);
	maps(b, &r);
	history(b, &r);
	players(b, &r);
	html_close(b);
	team_free(&r);
}
