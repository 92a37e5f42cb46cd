/*
 * page_home.c: the front page, GET /: every tournament with its stages
 * (match and team counts, links to the leaderboard and the map table), and
 * every team.
 */
#include "db.h"
#include "html.h"
#include "pages.h"

/* GET /: tournaments, their stages, and the teams. */
void
page_home(const struct http_req *req, struct http_out *out)
{
	struct buf *b = &out->body;
	html_open(b, "Tournaments", NULL);
	html_raw(b, "<h1>Tournaments</h1>\n");
	sqlite3_stmt *st =
	    db_prepare(req->db, "SELECT t.id, t.name, t.slug, s.name, s.slug,"
	                        " (SELECT count(*) FROM match m WHERE m.stage_id = s.id),"
	                        " (SELECT count(DISTINCT r.team_id) FROM match m JOIN result r"
	                        "   ON r.match_id = m.id WHERE m.stage_id = s.id)"
	                        " FROM tournament t JOIN stage s ON s.tournament_id = t.id"
	                        " ORDER BY t.name, t.id, s.id");
	int64_t prev = 0;
	int any = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t tid = sqlite3_column_int64(st, 0);
		const char *tname = (const char *)sqlite3_column_text(st, 1);
		const char *tslug = (const char *)sqlite3_column_text(st, 2);
		const char *sname = (const char *)sqlite3_column_text(st, 3);
		const char *sslug = (const char *)sqlite3_column_text(st, 4);
		if (tid != prev) {
			html_raw(b, prev ? "</ul></section>\n" : "");
			html_raw(b, "<section class=\"card\"><h2>");
			html_text(b, tname);
			html_raw(b, "</h2><ul class=\"stages\">");
			prev = tid;
		}
		any = 1;
		html_raw(b, "<li><a href=\"/t/");
		url_arg(b, tslug);
		html_raw(b, "/");
		url_arg(b, sslug);
		html_raw(b, "\">");
		html_text(b, sname);
		buf_printf(
		    b, "</a> <span class=\"muted\">%d matches · %d teams</span> · <a href=\"/t/",
		    sqlite3_column_int(st, 5), sqlite3_column_int(st, 6));
		url_arg(b, tslug);
		html_raw(b, "/");
		url_arg(b, sslug);
		html_raw(b, "/maps\">maps</a></li>");
	}
	sqlite3_finalize(st);
	if (prev)
		html_raw(b, "</ul></section>\n");
	if (!any)
		html_raw(b, "<p class=\"muted\">Nothing imported yet: <code>tracker import "
		            "FILE.json</code> adds a stage.</p>\n");

	st = db_prepare(req->db, "SELECT name, slug FROM team ORDER BY name");
	int nteams = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		html_raw(b, nteams++
		                ? ""
		                : "<section class=\"card\"><h2>Teams</h2><ul class=\"teams\">");
		html_raw(b, "<li><a href=\"/teams/");
		url_arg(b, (const char *)sqlite3_column_text(st, 1));
		html_raw(b, "\">");
		html_text(b, (const char *)sqlite3_column_text(st, 0));
		html_raw(b, "</a></li>");
	}
	sqlite3_finalize(st);
	if (nteams)
		html_raw(b, "</ul></section>\n");
	html_close(b);
}
