/*
 * page_team.c: a team's page, GET /teams/{team}: its standings row in each
 * stage it played, its numbers per map, its last 10 matches with the points
 * each earned and its players, all from team_report (team.c), as `tracker
 * team` and the API have them. Also the team slug check and report the API
 * shares.
 */
#include <stdlib.h>

#include "db.h"
#include "html.h"
#include "pages.h"
#include "team.h"

/*
 * The report (team_report, every tournament) of the team whose slug is
 * req's first parameter. Returns 1 with *r set (free it with team_free()),
 * or 0 with out set to 404 or 500.
 */
int
page_team_report(const struct http_req *req, struct http_out *out, struct team_report *r)
{
	sqlite3_stmt *st = db_prepare(req->db, "SELECT id FROM team WHERE slug = ?1");
	sqlite3_bind_text(st, 1, req->param[0], -1, SQLITE_STATIC);
	int64_t team = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
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

/* The team's row in every stage it played. */
static void
stages(struct buf *b, const struct team_report *r)
{
	htmlf(b, "<h2>Standings</h2><div class=\"scroll\"><table class=\"board\"><thead><tr>"
	         "<th class=\"team\">Stage</th><th>#</th><th title=\"matches\">M</th>"
	         "<th>Booyah</th><th>Kills</th><th>Place</th><th>Total</th></tr></thead><tbody>");
	for (int i = 0; i < r->nstages; i++) {
		const struct team_stage *ts = &r->stages[i];
		htmlf(b, "<tr%r><td class=\"team\"><a href=\"/t/%p/%p\">%s · %s</a>%r",
		      ts->champion ? " class=\"champion\"" : "", ts->tournament_slug,
		      ts->stage_slug, ts->tournament, ts->stage,
		      ts->champion ? " <span class=\"champ-mark\">♛</span>" : "");
		htmlf(b,
		      "</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td>"
		      "<td class=\"total\">%d</td></tr>",
		      ts->row.rank, ts->row.matches, ts->row.booyahs, ts->row.kills,
		      ts->row.placement_points, ts->row.points);
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
}

/* The team's last 10 matches, with the points each earned under its stage's ruleset. */
static void
history(struct buf *b, const struct team_report *r)
{
	htmlf(b, "<h2>Last 10 matches</h2><div class=\"scroll\"><table class=\"board\"><thead>"
	         "<tr><th class=\"team\">Stage</th><th>Match</th><th class=\"team\">Map</th>"
	         "<th>#</th><th>Kills</th><th>Points</th></tr></thead><tbody>");
	for (int i = 0; i < r->nmatches; i++) {
		const struct team_match *m = &r->matches[i];
		htmlf(b,
		      "<tr%r><td class=\"team\">%s</td><td>%d</td><td class=\"team\">%s</td>"
		      "<td>%d</td><td>%d</td><td class=\"total\">%d</td></tr>",
		      m->placement == 1 ? " class=\"booyah\"" : "", m->stage, m->match, m->map,
		      m->placement, m->kills, m->points);
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
	stages(b, &r);
	maps(b, &r);
	history(b, &r);
	players(b, &r);
	html_close(b);
	team_free(&r);
}
