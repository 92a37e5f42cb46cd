/*
 * page_home.c: the front page, GET /: every tournament with its stages
 * (matches played, voided ones apart, and teams: those that played, the
 * roster and those with a head start; links to the leaderboard and the map
 * table), and every team.
 */
#include "db.h"
#include "html.h"
#include "pages.h"

/* GET /: tournaments, their stages, and the teams. A read that fails (db_error_set) stops the
 * page, and http_handle answers. */
void
page_home(const struct http_req *req, struct http_out *out)
{
	struct buf *b = &out->body;
	html_open(b, "Tournaments", NULL);
	htmlf(b, "<h1>Tournaments</h1>\n");
	sqlite3_stmt *st =
	    db_prepare(req->db, "SELECT t.id, t.name, t.slug, s.name, s.slug,"
	                        " (SELECT count(*) FROM match m WHERE m.stage_id = s.id"
	                        "   AND m.void IS NULL),"
	                        " (SELECT count(*) FROM match m WHERE m.stage_id = s.id"
	                        "   AND m.void IS NOT NULL),"
	                        " (SELECT count(*) FROM (SELECT r.team_id FROM match m"
	                        "   JOIN result r ON r.match_id = m.id WHERE m.stage_id = s.id"
	                        "   UNION SELECT team_id FROM stage_team WHERE stage_id = s.id"
	                        "   UNION SELECT team_id FROM headstart WHERE stage_id = s.id))"
	                        " FROM tournament t JOIN stage s ON s.tournament_id = t.id"
	                        " ORDER BY t.name, t.id, s.id");
	if (st == NULL)
		return;
	int64_t prev = 0;
	int any = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t tid = sqlite3_column_int64(st, 0);
		const char *tname = (const char *)sqlite3_column_text(st, 1);
		const char *tslug = (const char *)sqlite3_column_text(st, 2);
		const char *sname = (const char *)sqlite3_column_text(st, 3);
		const char *sslug = (const char *)sqlite3_column_text(st, 4);
		if (tid != prev) {
			htmlf(b, "%r<section class=\"card\"><h2>%s</h2><ul class=\"stages\">",
			      prev ? "</ul></section>\n" : "", tname);
			prev = tid;
		}
		any = 1;
		int played = sqlite3_column_int(st, 5), voided = sqlite3_column_int(st, 6);
		htmlf(b, "<li><a href=\"/t/%p/%p\">%s</a> <span class=\"muted\">%d match%r played",
		      tslug, sslug, sname, played, played == 1 ? "" : "es");
		if (voided)
			htmlf(b, " (%d voided)", voided);
		htmlf(b, " · %d teams</span> · <a href=\"/t/%p/%p/maps\">maps</a></li>",
		      sqlite3_column_int(st, 7), tslug, sslug);
	}
	if (db_end(req->db, st, rc) != 0)
		return;
	if (prev)
		htmlf(b, "</ul></section>\n");
	if (!any)
		htmlf(b, "<p class=\"muted\">Nothing imported yet: <code>tracker import "
		         "FILE.json</code> adds a stage.</p>\n");

	st = db_prepare(req->db, "SELECT name, slug FROM team ORDER BY name");
	if (st == NULL)
		return;
	int nteams = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		htmlf(b, "%r<li><a href=\"/teams/%p\">%s</a></li>",
		      nteams++ ? "" : "<section class=\"card\"><h2>Teams</h2><ul class=\"teams\">",
		      (const char *)sqlite3_column_text(st, 1),
		      (const char *)sqlite3_column_text(st, 0));
	if (db_end(req->db, st, rc) != 0)
		return;
	if (nteams)
		htmlf(b, "</ul></section>\n");
	html_close(b);
}
