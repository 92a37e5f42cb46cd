/*
 * page_tournament.c: one tournament, GET /t/{tournament}: each stage with
 * what its table is after and its leader (or champion), as standings_get
 * has them, and links to its leaderboard, players and maps. Live like
 * every page: the event stream is the whole database's.
 */
#include <stdlib.h>

#include "db.h"
#include "html.h"
#include "i18n.h"
#include "pages.h"
#include "stage.h"
#include "util.h"

/* The card of stage id (slugs t and s): its table's label and leader. */
static void
stage_card(struct buf *b, sqlite3 *db, int64_t id, const char *t, const char *s)
{
	struct standings st;
	struct standings_opts o = {.after = -1};
	char *err;
	if (standings_get(db, id, &o, &st, &err) != 0) {
		htmlf(b, "<p class=\"error\">%s</p>", err);
		free(err);
		return;
	}
	htmlf(b,
	      "<section class=\"card\"><h2><a href=\"/t/%p/%p%s\">%s</a></h2><p class=\"muted\">%s",
	      t, s, i18n_q(), st.stage,
	      st.after_match
	          ? tr("status.after", st.after_match, st.matches_played, st.total_matches, "")
	          : tr("status.before", st.total_matches));
	if (st.champion)
		htmlf(b, " · ♛ %s <strong>%s</strong>", tr("tournament.champion"), st.champion);
	else if (st.nrows && st.matches_played)
		htmlf(b, " · %s <strong>%s</strong>, %s", tr("tournament.leader"), st.rows[0].team,
		      trn("tournament.points", st.rows[0].points, st.rows[0].points));
	htmlf(b,
	      "</p><nav class=\"tabs\"><a href=\"/t/%p/%p%s\">%s</a><a "
	      "href=\"/t/%p/%p/players%s\">%s</a><a href=\"/t/%p/%p/maps%s\">%s</a></nav>"
	      "</section>\n",
	      t, s, i18n_q(), tr("stage.tab.board"), t, s, i18n_q(), tr("stage.tab.players"), t, s,
	      i18n_q(), tr("stage.tab.maps"));
	standings_free(&st);
}

/* GET /t/{tournament}: its stages. */
void
page_tournament(const struct http_req *req, struct http_out *out)
{
	int64_t id = stage_tournament(req->db, req->param[0]);
	if (id == 0) {
		char *near = stage_nearest(req->db, "SELECT slug FROM tournament ORDER BY slug", 0,
		                           req->param[0]);
		char *path = near ? xasprintf("/t/%s", near) : NULL;
		if (near)
			http_fail_near(out, 404, path, "detail.no_tournament", req->param[0]);
		else
			http_fail_tr(out, 404, "detail.no_tournament", req->param[0]);
		free(path);
		free(near);
		return;
	}
	char *name = NULL;
	sqlite3_stmt *st = db_prepare(req->db, "SELECT name FROM tournament WHERE id = ?1");
	if (st == NULL) /* recorded (db_error_set): http_handle answers */
		return;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		name = db_text(st, 0);
	sqlite3_finalize(st);
	if (name == NULL)
		return;
	struct buf *b = &out->body;
	html_open_live(b, name, tr("tournament.og", name), req->version);
	htmlf(b,
	      "<p class=\"crumbs\"><a href=\"/%s\">%s</a></p><h1>%s</h1>\n<section "
	      "id=\"live\">",
	      i18n_q(), tr("home.title"), name);
	st = db_prepare(req->db, "SELECT id, slug FROM stage WHERE tournament_id = ?1 ORDER BY id");
	if (st)
		sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW)
		stage_card(b, req->db, sqlite3_column_int64(st, 0), req->param[0],
		           (const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	htmlf(b, "</section>\n");
	html_close(b);
	free(name);
}
