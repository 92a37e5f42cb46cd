/*
 * page_team.c: a team's page, GET /teams/{team}: its standings row in each
 * stage it played (standings_compute), its numbers per map (maps_compute),
 * its last 10 matches with the points each earned (rules_match_points) and
 * its players (players_compute). Also the team slug check the API shares.
 */
#include <stdlib.h>

#include "db.h"
#include "html.h"
#include "maps.h"
#include "pages.h"
#include "players.h"
#include "rules.h"
#include "util.h"

/*
 * The team whose slug is req's first parameter. Returns 1 with *team set,
 * or 0 with out set to 404.
 */
int
page_team_id(const struct http_req *req, struct http_out *out, int64_t *team)
{
	sqlite3_stmt *st = db_prepare(req->db, "SELECT id FROM team WHERE slug = ?1");
	sqlite3_bind_text(st, 1, req->param[0], -1, SQLITE_STATIC);
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		*team = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (!found)
		http_fail(out, 404, "no team '%s'", req->param[0]);
	return found;
}

/* The team's row in every stage it played. */
static void
stages(struct buf *b, sqlite3 *db, int64_t team)
{
	html_raw(b,
	         "<h2>Standings</h2><div class=\"scroll\"><table class=\"board\"><thead><tr>"
	         "<th class=\"team\">Stage</th><th>#</th><th title=\"matches\">M</th>"
	         "<th>Booyah</th><th>Kills</th><th>Place</th><th>Total</th></tr></thead><tbody>");
	sqlite3_stmt *st = db_prepare(db, "SELECT DISTINCT m.stage_id FROM match m JOIN result r"
	                                  " ON r.match_id = m.id WHERE r.team_id = ?1"
	                                  " ORDER BY m.stage_id");
	sqlite3_bind_int64(st, 1, team);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct standings s;
		char *err;
		if (standings_compute(db, sqlite3_column_int64(st, 0), NULL, 0, &s, &err) != 0) {
			free(err);
			continue;
		}
		for (int i = 0; i < s.nrows; i++) {
			const struct standing *r = &s.rows[i];
			if (r->team_id != team)
				continue;
			html_raw(b, s.champion_id == team ? "<tr class=\"champion\">" : "<tr>");
			html_raw(b, "<td class=\"team\"><a href=\"/t/");
			url_arg(b, s.tournament_slug);
			html_raw(b, "/");
			url_arg(b, s.stage_slug);
			html_raw(b, "\">");
			html_text(b, s.tournament);
			html_raw(b, " · ");
			html_text(b, s.stage);
			html_raw(b, "</a>");
			if (s.champion_id == team)
				html_raw(b, " <span class=\"champ-mark\">♛</span>");
			buf_printf(b,
			           "</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td>"
			           "<td class=\"total\">%d</td></tr>",
			           r->rank, r->matches, r->booyahs, r->kills, r->placement_points,
			           r->points);
		}
		standings_free(&s);
	}
	sqlite3_finalize(st);
	html_raw(b, "</tbody></table></div>\n");
}

/* The team's numbers per map, every stage together. */
static void
maps(struct buf *b, sqlite3 *db, int64_t team)
{
	struct maps_query q = {.team = team};
	struct map_row *rows;
	int nrows;
	char *err;
	if (maps_compute(db, &q, &rows, &nrows, &err) != 0) {
		free(err);
		return;
	}
	html_raw(b,
	         "<h2>Maps</h2><div class=\"scroll\"><table class=\"board\"><thead><tr>"
	         "<th class=\"team\">Map</th><th title=\"matches\">M</th><th>Booyah</th>"
	         "<th title=\"average placement\">Avg #</th><th title=\"kills per match\">K/M</th>"
	         "<th title=\"points per match\">Pts/M</th><th title=\"points per match against "
	         "the team's own average\">vs avg</th><th title=\"rank among all teams on the "
	         "map\">Rank</th></tr></thead><tbody>");
	for (int i = 0; i < nrows; i++) {
		const struct map_row *r = &rows[i];
		html_raw(b, "<tr><td class=\"team\">");
		html_text(b, r->map);
		buf_printf(
		    b,
		    "</td><td>%d</td><td>%d</td><td>%.1f</td><td>%.1f</td>"
		    "<td class=\"total\">%.1f</td><td class=\"%s\">%+.1f</td><td>%d</td></tr>",
		    r->matches, r->booyahs, r->avg_placement, r->avg_kills, r->points_per_match,
		    r->delta_ppm >= 0 ? "up" : "down", r->delta_ppm, r->map_rank);
	}
	html_raw(b, "</tbody></table></div>\n");
	maps_free(rows, nrows);
}

/* The team's last 10 matches, with the points each earned under its stage's ruleset. */
static void
history(struct buf *b, sqlite3 *db, int64_t team)
{
	html_raw(b, "<h2>Last 10 matches</h2><div class=\"scroll\"><table class=\"board\"><thead>"
	            "<tr><th class=\"team\">Stage</th><th>Match</th><th class=\"team\">Map</th>"
	            "<th>#</th><th>Kills</th><th>Points</th></tr></thead><tbody>");
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT m.stage_id, s.name, m.number, m.map, r.placement, r.kills"
	        " FROM result r JOIN match m ON m.id = r.match_id JOIN stage s ON s.id = m.stage_id"
	        " WHERE r.team_id = ?1 ORDER BY s.tournament_id DESC, s.id DESC, m.number DESC"
	        " LIMIT 10");
	sqlite3_bind_int64(st, 1, team);
	struct ruleset rules;
	int64_t rules_stage = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t stage = sqlite3_column_int64(st, 0);
		char *err;
		if (stage != rules_stage) {
			if (rules_stage)
				rules_free(&rules);
			rules_stage = 0;
			if (rules_for_stage(db, stage, &rules, &err) != 0) {
				free(err);
				continue;
			}
			rules_stage = stage;
		}
		int placement = sqlite3_column_int(st, 4), kills = sqlite3_column_int(st, 5);
		html_raw(b, placement == 1 ? "<tr class=\"booyah\">" : "<tr>");
		html_raw(b, "<td class=\"team\">");
		html_text(b, (const char *)sqlite3_column_text(st, 1));
		buf_printf(b, "</td><td>%d</td><td class=\"team\">", sqlite3_column_int(st, 2));
		html_text(b, (const char *)sqlite3_column_text(st, 3));
		buf_printf(b, "</td><td>%d</td><td>%d</td><td class=\"total\">%d</td></tr>",
		           placement, kills,
		           rules_match_points(&rules, placement, kills, NULL, NULL));
	}
	if (rules_stage)
		rules_free(&rules);
	sqlite3_finalize(st);
	html_raw(b, "</tbody></table></div>\n");
}

/* The players who played for the team (players_compute), by kills. */
static void
players(struct buf *b, sqlite3 *db, int64_t team)
{
	struct players_query q = {.team = team};
	struct player_row *rows;
	int n;
	players_compute(db, &q, &rows, &n);
	if (n)
		html_raw(b,
		         "<h2>Players</h2><div class=\"scroll\"><table class=\"board\"><thead><tr>"
		         "<th class=\"team\">Player</th><th title=\"matches\">M</th><th>Kills</th>"
		         "<th title=\"kills per match\">K/M</th><th>Damage</th><th>Assists</th>"
		         "<th>MVP</th></tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		const struct player_row *r = &rows[i];
		html_raw(b, "<tr><td class=\"team\">");
		html_text(b, r->player);
		buf_printf(b,
		           "</td><td>%d</td><td>%d</td><td>%.2f</td><td>%lld</td><td>%d</td><td>%d"
		           "</td></tr>",
		           r->matches, r->kills, r->kills_per_match, (long long)r->damage,
		           r->assists, r->mvps);
	}
	if (n)
		html_raw(b, "</tbody></table></div>\n");
	players_free(rows, n);
}

/* GET /teams/{team}. */
void
page_team(const struct http_req *req, struct http_out *out)
{
	int64_t team;
	if (!page_team_id(req, out, &team))
		return;
	sqlite3_stmt *st = db_prepare(req->db, "SELECT name FROM team WHERE id = ?1");
	sqlite3_bind_int64(st, 1, team);
	sqlite3_step(st);
	char *name = db_text(st, 0);
	sqlite3_finalize(st);
	struct buf *b = &out->body;
	html_open(b, name, NULL);
	html_raw(b, "<p class=\"crumbs\"><a href=\"/\">Tournaments</a> › Teams</p><h1>");
	html_text(b, name);
	html_raw(b, "</h1><nav class=\"tabs\"><a class=\"on\" href=\"/teams/");
	url_arg(b, req->param[0]);
	html_raw(b, "\">Team</a><a href=\"/api/v1/teams/");
	url_arg(b, req->param[0]);
	html_raw(b, "\">JSON</a></nav>\n");
	stages(b, req->db, team);
	maps(b, req->db, team);
	history(b, req->db, team);
	players(b, req->db, team);
	html_close(b);
	free(name);
}
