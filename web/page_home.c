/*
 * page_home.c: the front page, GET /: every tournament with its stages
 * (matches played, voided ones apart, and teams: those that played, the
 * roster and those with a head start; links to the leaderboard and the map
 * table), and every team. Its share preview names the stage played last.
 */
#include "db.h"
#include "html.h"
#include "i18n.h"
#include "pages.h"

/*
 * The stage with the match stored last and how far it is ("Grand Final ·
 * FFWS Brazil 2026 Split 1: 14 matches played"), for the share preview; it
 * reads no result, so that the page stands where the stage pages cannot
 * (t-web-dbfault). NULL when no match is stored. Lives until i18n_done().
 */
static const char *
latest_stage(sqlite3 *db)
{
	sqlite3_stmt *st =
	    db_prepare(db, "SELECT s.name, t.name, (SELECT count(*) FROM match m"
	                   "  WHERE m.stage_id = s.id AND m.void IS NULL)"
	                   " FROM stage s JOIN tournament t ON t.id = s.tournament_id"
	                   " WHERE s.id = (SELECT stage_id FROM match"
	                   "  ORDER BY id DESC LIMIT 1)");
	if (st == NULL)
		return NULL;
	int rc = sqlite3_step(st);
	const char *desc = NULL;
	if (rc == SQLITE_ROW) {
		int n = sqlite3_column_int(st, 2);
		desc = tr("home.og", (const char *)sqlite3_column_text(st, 0),
		          (const char *)sqlite3_column_text(st, 1), trn("home.played", n, n));
	}
	db_end(db, st, rc == SQLITE_ROW ? SQLITE_DONE : rc);
	return desc;
}

/* GET /: tournaments, their stages, and the teams. A read that fails (db_error_set) stops the
 * page, and http_handle answers. */
void
page_home(const struct http_req *req, struct http_out *out)
{
	struct buf *b = &out->body;
	html_open_live(b, tr("home.title"), latest_stage(req->db), req->version);
	htmlf(b, "<h1>%s</h1>\n<section id=\"live\">", tr("home.title"));
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
		htmlf(b, "<li><a href=\"/t/%p/%p%s\">%s</a> <span class=\"muted\">%s", tslug, sslug,
		      i18n_q(), sname, trn("home.played", played, played));
		if (voided)
			htmlf(b, " %s", tr("home.voided", voided));
		int nt = sqlite3_column_int(st, 7);
		htmlf(b, " · %s</span> · <a href=\"/t/%p/%p/maps%s\">%s</a></li>",
		      trn("home.teams", nt, nt), tslug, sslug, i18n_q(), tr("home.maps"));
	}
	if (db_end(req->db, st, rc) != 0)
		return;
	if (prev)
		htmlf(b, "</ul></section>\n");
	if (!any)
		htmlf(b, "<p class=\"muted\">%s <code>tracker import FILE.json</code></p>\n",
		      tr("home.empty"));

	st = db_prepare(req->db, "SELECT name, slug FROM team ORDER BY name");
	if (st == NULL)
		return;
	int nteams = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (nteams++ == 0)
			htmlf(b, "<section class=\"card\"><h2>%s</h2><ul class=\"teams\">",
			      tr("home.teams_title"));
		htmlf(b, "<li><a href=\"/teams/%p%s\">%s</a></li>",
		      (const char *)sqlite3_column_text(st, 1), i18n_q(),
		      (const char *)sqlite3_column_text(st, 0));
	}
	if (db_end(req->db, st, rc) != 0)
		return;
	if (nteams)
		htmlf(b, "</ul></section>\n");
	htmlf(b, "</section>\n");
	html_close(b);
}
