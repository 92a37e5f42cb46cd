/*
 * page_home.c: the front page, GET /: what a fan on a phone looks for
 * first, the newest tournaments (HOME_TOURNAMENTS) with their stages (the
 * first HOME_STAGES; matches played, voided ones apart, and teams: those
 * that played, the roster and those with a head start, schema/005's
 * stored counts; links to the leaderboard and the map table), and the
 * first HOME_TEAMS teams by name, each list with a link to the whole of it
 * (page_list.c, the tournament's page) when there is more. Its share
 * preview names the stage played last. What it reads is bound by what it
 * shows, however large the database.
 */
#include "db.h"
#include "html.h"
#include "i18n.h"
#include "pages.h"

enum {
	HOME_TOURNAMENTS = 10, /* the newest, by id */
	HOME_STAGES = 12,      /* of each, in play order */
	HOME_TEAMS = 48,       /* by name */
};

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
	    db_prepare(db, "SELECT s.name, t.name, coalesce(c.played, 0)"
	                   " FROM stage s JOIN tournament t ON t.id = s.tournament_id"
	                   " LEFT JOIN stage_count c ON c.stage_id = s.id"
	                   " WHERE s.id = (SELECT stage_id FROM match"
	                   "  WHERE id = (SELECT max(id) FROM match))");
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

/*
 * The card of tournament id (name, slug): its first HOME_STAGES stages,
 * then a link to its page when it has more. 0, or -1 after db_error_set().
 */
static int
tournament_card(struct buf *b, sqlite3 *db, int64_t id, const char *name, const char *slug)
{
	sqlite3_stmt *st =
	    db_prepare(db, "SELECT s.name, s.slug, coalesce(c.played, 0), coalesce(c.voided, 0),"
	                   " coalesce(c.listed, 0) FROM stage s"
	                   " LEFT JOIN stage_count c ON c.stage_id = s.id"
	                   " WHERE s.tournament_id = ?1 ORDER BY s.id LIMIT ?2");
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, HOME_STAGES + 1);
	htmlf(b, "<section class=\"card\"><h2>%s</h2><ul class=\"stages\">", name);
	int n = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (++n > HOME_STAGES) {
			htmlf(b, "<li><a href=\"/t/%p%s\">%s</a></li>", slug, i18n_q(),
			      tr("home.all_stages"));
			break;
		}
		const char *sslug = (const char *)sqlite3_column_text(st, 1);
		int played = sqlite3_column_int(st, 2), voided = sqlite3_column_int(st, 3);
		htmlf(b, "<li><a href=\"/t/%p/%p%s\">%s</a> <span class=\"muted\">%s", slug, sslug,
		      i18n_q(), (const char *)sqlite3_column_text(st, 0),
		      trn("home.played", played, played));
		if (voided)
			htmlf(b, " %s", tr("home.voided", voided));
		int nt = sqlite3_column_int(st, 4);
		htmlf(b, " · %s</span> · <a href=\"/t/%p/%p/maps%s\">%s</a></li>",
		      trn("home.teams", nt, nt), slug, sslug, i18n_q(), tr("home.maps"));
	}
	htmlf(b, "</ul></section>\n");
	return db_end(db, st, rc == SQLITE_ROW ? SQLITE_DONE : rc);
}

/* A link to the whole list at path, titled key. */
static void
more(struct buf *b, const char *path, const char *key)
{
	htmlf(b, "<p class=\"more\"><a href=\"%a%s\">%s</a></p>", path, i18n_q(), tr(key));
}

/* GET /: the newest tournaments with their stages, and the first teams. A read that fails
 * (db_error_set) stops the page, and http_handle answers. */
void
page_home(const struct http_req *req, struct http_out *out)
{
	struct buf *b = &out->body;
	html_open_live(b, tr("home.title"), latest_stage(req->db), req->version);
	htmlf(b, "<h1>%s</h1>\n<section id=\"live\">", tr("home.title"));
	sqlite3_stmt *st = db_prepare(req->db, "SELECT t.id, t.name, t.slug FROM tournament t"
	                                       " WHERE EXISTS (SELECT 1 FROM stage s"
	                                       "  WHERE s.tournament_id = t.id)"
	                                       " ORDER BY t.id DESC LIMIT ?1");
	if (st == NULL)
		return;
	sqlite3_bind_int(st, 1, HOME_TOURNAMENTS + 1);
	int n = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (++n > HOME_TOURNAMENTS) {
			more(b, "/tournaments", "list.tournaments");
			htmlf(b, "\n");
			break;
		}
		if (tournament_card(b, req->db, sqlite3_column_int64(st, 0),
		                    (const char *)sqlite3_column_text(st, 1),
		                    (const char *)sqlite3_column_text(st, 2)) != 0) {
			sqlite3_finalize(st);
			return;
		}
	}
	if (db_end(req->db, st, rc == SQLITE_ROW ? SQLITE_DONE : rc) != 0)
		return;
	if (n == 0)
		htmlf(b, "<p class=\"muted\">%s <code>tracker import FILE.json</code></p>\n",
		      tr("home.empty"));

	st = db_prepare(req->db, "SELECT name, slug FROM team ORDER BY name LIMIT ?1");
	if (st == NULL)
		return;
	sqlite3_bind_int(st, 1, HOME_TEAMS + 1);
	n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n++ == 0)
			htmlf(b, "<section class=\"card\"><h2>%s</h2><ul class=\"teams\">",
			      tr("home.teams_title"));
		if (n > HOME_TEAMS)
			break;
		htmlf(b, "<li><a href=\"/teams/%p%s\">%s</a></li>",
		      (const char *)sqlite3_column_text(st, 1), i18n_q(),
		      (const char *)sqlite3_column_text(st, 0));
	}
	if (db_end(req->db, st, rc == SQLITE_ROW ? SQLITE_DONE : rc) != 0)
		return;
	if (n)
		htmlf(b, "</ul>");
	if (n > HOME_TEAMS)
		more(b, "/teams", "list.teams");
	if (n)
		htmlf(b, "</section>\n");
	htmlf(b, "</section>\n");
	html_close(b);
}
