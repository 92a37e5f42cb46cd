/*
 * page_desk.c: the results desk, /desk. A write token posted once to
 * /desk/login opens a session (session.c); without one every desk page says
 * how to get in and shows nothing else. With one: the stages, and for a
 * stage the entry form of its next match (the roster in the order of the
 * current standings, placement and kills per team, optional kills per
 * player), the preview of the standings after it, the commit, and the last
 * matches stored with an undo (a void with a reason). The form's checks as
 * you type, the paste of a spreadsheet block and the calls to preview and
 * commit are web/assets/desk.js; the server checks everything again through
 * the importer, the same import_json a POST /api/v1/matches goes through.
 * Every POST needs the session's CSRF token and a same-origin request.
 */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "correct.h"
#include "db.h"
#include "desk.h"
#include "html.h"
#include "i18n.h"
#include "json.h"
#include "live.h"
#include "pages.h"
#include "session.h"
#include "stage.h"
#include "util.h"
#include "write.h"

#define TYPE_HTML   "text/html; charset=utf-8"
#define COOKIE_LIFE "43200" /* seconds; the session's own life (session.c) */
#define REASON_MAX  200     /* bytes of a void's reason */
#define LOGIN_MAX   4096    /* bytes of a login form (a token) */
#define LAST_WRITES 6       /* matches the stage page lists under "last stored" */

/* The login page: how to get in, and nothing else. error: beside the field, or NULL. */
static void
login_page(const struct http_req *req, struct buf *b, const char *error)
{
	html_open(b, tr("desk.title"), tr("desk.og"), NULL);
	htmlf(b, "<h1>%s</h1>\n", tr("desk.title"));
	if (req->ntokens == 0) {
		htmlf(b,
		      "<p class=\"error\">%s <code>tracker serve --token-file FILE</code>%s "
		      "<code>NAME TOKEN</code>%s</p>\n",
		      tr("desk.off"), tr("desk.off_file"), tr("desk.off_line"));
		html_close(b);
		return;
	}
	htmlf(b,
	      "<p>%s <code>NAME TOKEN</code> %s <code>tracker serve --token-file</code>. %s</p>\n"
	      "<form class=\"login\" method=\"post\" action=\"/desk/login\"><label "
	      "for=\"token\">%s</label> <input id=\"token\" name=\"token\" "
	      "type=\"password\" autocomplete=\"current-password\" required autofocus> "
	      "<button type=\"submit\">%s</button>",
	      tr("desk.login"), tr("desk.login_file"), tr("desk.login_ask"), tr("desk.token"),
	      tr("desk.open"));
	if (error)
		htmlf(b, " <span class=\"err\" id=\"token-error\">%s</span>", error);
	htmlf(b, "</form>\n");
	html_close(b);
}

/*
 * The session of req into *s: 1, or 0 with the login page in out (status
 * 200 for a page, 401 for a POST, which stays where it is).
 */
int
desk_session(const struct http_req *req, struct http_out *out, struct session *s)
{
	if (session_get(req, s))
		return 1;
	if (strcmp(req->method, "POST") == 0) {
		out->status = 401;
		out->keep_body = 1;
	}
	login_page(req, &out->body, NULL);
	return 0;
}

/*
 * 1 when req comes from this site's own pages, as far as the browser says:
 * Sec-Fetch-Site, when sent, is same-origin; without it, Origin, when sent
 * and not "null" (what a page under Referrer-Policy: no-referrer sends),
 * names the Host it was sent to. A client that sends neither (curl) is let
 * through: the session's CSRF token is the check that always holds.
 */
static int
same_origin(const struct http_req *req)
{
	if (req->fetch_site)
		return strcmp(req->fetch_site, "same-origin") == 0;
	if (req->origin == NULL || strcmp(req->origin, "null") == 0)
		return 1;
	if (req->host == NULL)
		return 0;
	const char *o = req->origin;
	if (strncmp(o, "http://", 7) == 0)
		o += 7;
	else if (strncmp(o, "https://", 8) == 0)
		o += 8;
	else
		return 0;
	return strcmp(o, req->host) == 0;
}

/*
 * The checks before every POST but the login: same origin, an open session
 * (into *s) and its CSRF token in the form. 1, or 0 with out set (403, 401;
 * 100 when only the head has come, and it passes).
 */
int
desk_post_ok(const struct http_req *req, struct http_out *out, struct session *s)
{
	if (!same_origin(req)) {
		http_fail_tr(out, 403, "detail.form_origin");
		return 0;
	}
	if (!desk_session(req, out, s))
		return 0;
	if (req->head_only) {
		out->status = 100;
		return 0;
	}
	char *csrf = http_form(req, "csrf");
	int ok = session_csrf_ok(s, csrf);
	free(csrf);
	if (!ok) {
		buf_reset(&out->body);
		out->keep_body = 0;
		http_fail_tr(out, 403, "detail.csrf");
	}
	return ok;
}

/* Answer with a redirect (303) to path. */
void
desk_see_other(struct http_out *out, const char *path)
{
	out->status = 303;
	out->location = xstrdup(path);
	htmlf(&out->body, "<a href=\"%a\">%s</a>\n", path, path);
}

/* POST /desk/login: token=... opens a session (303 to /desk), or the login page with why not. */
void
desk_login(const struct http_req *req, struct http_out *out)
{
	if (!same_origin(req)) {
		http_fail_tr(out, 403, "detail.form_origin");
		return;
	}
	int wait = session_throttled(req->client);
	out->keep_body = 1;
	if (wait > 0) {
		out->status = 429;
		out->retry_after = wait;
		login_page(req, &out->body, tr("desk.throttled", wait));
		return;
	}
	if (req->content_length > LOGIN_MAX || req->content_length < 0) { /* -1: chunked */
		out->keep_body = 0;
		http_fail_tr(out, req->content_length < 0 ? 411 : 413, "detail.login_length",
		             LOGIN_MAX);
		return;
	}
	if (req->head_only) {
		out->keep_body = 0;
		out->status = 100;
		return;
	}
	char *given = http_form(req, "token");
	const struct http_token *t = NULL;
	if (given) {
		char *s = given + strspn(given, " \t\r\n");
		size_t n = strlen(s);
		while (n && strchr(" \t\r\n", s[n - 1]))
			s[--n] = '\0';
		t = http_token_find(req, s);
	}
	free(given);
	struct session s;
	if (t == NULL) {
		session_failed(req->client);
		out->status = req->ntokens ? 401 : 403;
		login_page(req, &out->body, tr("desk.bad_token"));
		return;
	}
	if (session_open(t->name, &s) != 0) {
		http_fail_tr(out, 500, "detail.session_id");
		out->keep_body = 0;
		return;
	}
	out->cookie =
	    xasprintf("desk=%s; Path=/desk; HttpOnly; SameSite=Strict; Max-Age=" COOKIE_LIFE "%s",
	              s.id, req->secure_cookie ? "; Secure" : "");
	out->keep_body = 0;
	desk_see_other(out, "/desk");
}

/* POST /desk/logout: ends the session; 303 to /desk. */
void
desk_logout(const struct http_req *req, struct http_out *out)
{
	struct session s;
	if (!desk_post_ok(req, out, &s))
		return;
	session_close(s.id);
	out->cookie = xasprintf("desk=; Path=/desk; HttpOnly; SameSite=Strict; Max-Age=0%s",
	                        req->secure_cookie ? "; Secure" : "");
	desk_see_other(out, "/desk");
}

/* The line above every desk page: who is signed in, and the way out. */
void
desk_bar(struct buf *b, const struct session *s)
{
	htmlf(b,
	      "<form class=\"deskbar\" method=\"post\" action=\"/desk/logout\"><span "
	      "class=\"muted\">%s <b>%s</b></span> <input type=\"hidden\" name=\"csrf\" "
	      "value=\"%a\"><button type=\"submit\">%s</button></form>\n",
	      tr("desk.desk"), s->name, s->csrf, tr("desk.logout"));
}

/* GET /desk: the stages to enter results for, or the login page. */
void
page_desk(const struct http_req *req, struct http_out *out)
{
	struct session s;
	if (!desk_session(req, out, &s))
		return;
	struct buf *b = &out->body;
	html_open(b, tr("desk.title"), tr("desk.og"), NULL);
	desk_bar(b, &s);
	htmlf(b, "<h1>%s</h1>\n<p>%s</p><ul class=\"stages\">", tr("desk.title"), tr("desk.pick"));
	sqlite3_stmt *st = db_prepare(
	    req->db, "SELECT t.name, t.slug, s.name, s.slug,"
	             " coalesce(c.played + c.voided, 0) FROM tournament t"
	             " JOIN stage s ON s.tournament_id = t.id"
	             " LEFT JOIN stage_count c ON c.stage_id = s.id ORDER BY t.name, s.id");
	if (st == NULL) /* recorded (db_error_set): http_handle answers */
		return;
	int any = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		any = 1;
		int n = sqlite3_column_int(st, 4);
		htmlf(b,
		      "<li><a href=\"/desk/%p/%p%s\">%s / %s</a> <span "
		      "class=\"muted\">%s</span></li>",
		      (const char *)sqlite3_column_text(st, 1),
		      (const char *)sqlite3_column_text(st, 3), i18n_q(),
		      (const char *)sqlite3_column_text(st, 0),
		      (const char *)sqlite3_column_text(st, 2), trn("desk.matches", n, n));
	}
	sqlite3_finalize(st);
	htmlf(b, "</ul>\n");
	if (!any)
		htmlf(b, "<p class=\"muted\">%s <code>tracker import FILE.json</code> %s</p>\n",
		      tr("desk.no_stage"), tr("desk.no_stage_how"));
	html_close(b);
}

/* The players of team seen in stage, as inputs for their kills (optional). */
static void
player_inputs(struct buf *b, sqlite3 *db, int64_t stage, int64_t team, int row)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT p.name FROM player p WHERE p.id IN"
	                                  " (SELECT pr.player_id FROM player_result pr"
	                                  "  JOIN match m ON m.id = pr.match_id"
	                                  "  WHERE m.stage_id = ?1 AND pr.team_id = ?2)"
	                                  " ORDER BY p.name");
	if (st == NULL) /* recorded (db_error_set): http_handle answers */
		return;
	sqlite3_bind_int64(st, 1, stage);
	sqlite3_bind_int64(st, 2, team);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		htmlf(b,
		      "%r<label>%s <input class=\"pk\" data-player=\"%a\" id=\"r%d-p%d\" "
		      "inputmode=\"numeric\" pattern=\"[0-9]*\" autocomplete=\"off\" "
		      "size=\"2\"></label>",
		      n ? "" : "<details><summary tabindex=\"-1\">players' kills</summary>", name,
		      name, row, n);
		n++;
	}
	sqlite3_finalize(st);
	if (n)
		htmlf(b, "</details>");
}

/*
 * The words of desk.js in the page's language, as data-t-NAME attributes of
 * the entry form (the CSP allows no inline script): each the catalog's text
 * of deskjs.NAME, whose %d or %s the script fills in order.
 */
static void
script_words(struct buf *b)
{
	static const char *const names[] = {
	    "match",  "day", "place", "range",   "also",  "kills",  "more",   "players", "lobby",
	    "booyah", "fix", "fill",  "refused", "error", "roster", "stored", "retry",   "gaveup"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char key[32];
		snprintf(key, sizeof key, "deskjs.%s", names[i]);
		htmlf(b, " data-t-%a=\"%a\"", names[i], i18n_text(i18n_lang(), key));
	}
}

/* One row of the entry form: team, placement, kills, its players. */
static void
entry_row(struct buf *b, sqlite3 *db, int64_t stage, int row, int64_t team, const char *name,
          int rank)
{
	htmlf(b,
	      "<tr class=\"entry\" data-team=\"%a\" data-row=\"%d\"><td class=\"rank\">%d</td>"
	      "<td class=\"team\"><label for=\"r%d-p\">%s</label>",
	      name, row, rank, row, name);
	player_inputs(b, db, stage, team, row);
	htmlf(b,
	      "</td><td><input class=\"place\" id=\"r%d-p\" inputmode=\"numeric\" "
	      "pattern=\"[0-9]*\" autocomplete=\"off\" size=\"2\" aria-describedby=\"r%d-pe\">"
	      "<span class=\"err\" id=\"r%d-pe\"></span></td>"
	      "<td><input class=\"kills\" id=\"r%d-k\" inputmode=\"numeric\" pattern=\"[0-9]*\" "
	      "autocomplete=\"off\" size=\"2\" aria-label=\"%a kills\" aria-describedby=\"r%d-ke\">"
	      "<span class=\"err\" id=\"r%d-ke\"></span></td></tr>\n",
	      row, row, row, row, name, row, row);
}

/*
 * The map choice: every map the tournament has been played on, the last one
 * chosen, and "unknown" (sent as "", which the importer stores as unknown).
 */
static void
map_select(struct buf *b, sqlite3 *db, int64_t stage, const char *last)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT DISTINCT m.map FROM match m JOIN stage s"
	                                  " ON s.id = m.stage_id WHERE m.map IS NOT NULL AND"
	                                  " s.tournament_id = (SELECT tournament_id FROM stage"
	                                  " WHERE id = ?1) ORDER BY m.map");
	if (st == NULL) /* recorded (db_error_set): http_handle answers */
		return;
	sqlite3_bind_int64(st, 1, stage);
	htmlf(b, "<label>%s <select id=\"map\" aria-describedby=\"map-e\">", tr("team.map"));
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *map = (const char *)sqlite3_column_text(st, 0);
		htmlf(b, "<option%r>%s</option>", last && strcmp(map, last) == 0 ? " selected" : "",
		      map);
	}
	sqlite3_finalize(st);
	htmlf(b,
	      "<option value=\"\"%r>%s</option></select></label><span class=\"err\" "
	      "id=\"map-e\"></span>",
	      last ? "" : " selected", tr("map.unknown"));
}

/*
 * The last writes of the audit log that concern stage: its own, its
 * tournament's, and those of no stage (a merge, a rename), newest first,
 * with who made them.
 */
void
desk_log(struct buf *b, sqlite3 *db, int64_t stage)
{
	sqlite3_stmt *q = db_prepare(
	    db,
	    "SELECT time, origin, action, what FROM log WHERE stage_id = ?1 OR (stage_id IS NULL"
	    " AND (tournament_id IS NULL OR tournament_id = (SELECT tournament_id FROM stage"
	    " WHERE id = ?1))) ORDER BY id DESC LIMIT ?2");
	if (q == NULL) /* recorded (db_error_set): http_handle answers */
		return;
	sqlite3_bind_int64(q, 1, stage);
	sqlite3_bind_int(q, 2, LAST_WRITES);
	int n;
	for (n = 0; sqlite3_step(q) == SQLITE_ROW; n++) {
		if (n == 0)
			htmlf(b,
			      "<section class=\"card\" id=\"log\"><h2>%s</h2><ul class=\"writes\">",
			      tr("desk.writes"));
		htmlf(b, "<li><span class=\"muted\">%s · %s</span> %s: %s</li>",
		      (const char *)sqlite3_column_text(q, 0),
		      (const char *)sqlite3_column_text(q, 1),
		      (const char *)sqlite3_column_text(q, 2),
		      (const char *)sqlite3_column_text(q, 3));
	}
	sqlite3_finalize(q);
	if (n)
		htmlf(b, "</ul></section>\n");
}

/*
 * The last matches stored in stage, newest first, the newest counted one with
 * its undo; then the stage's last writes from the audit log (who, what).
 */
static void
last_writes(struct buf *b, sqlite3 *db, int64_t stage, const struct session *s,
            const struct standings *st)
{
	sqlite3_stmt *q = db_prepare(
	    db, "SELECT m.number, m.map, m.void, (SELECT t.name FROM result r JOIN team t"
	        " ON t.id = r.team_id WHERE r.match_id = m.id AND r.placement = 1),"
	        " (SELECT sum(r.kills) FROM result r WHERE r.match_id = m.id)"
	        " FROM match m WHERE m.stage_id = ?1 ORDER BY m.id DESC LIMIT ?2");
	if (q == NULL) /* recorded (db_error_set): http_handle answers */
		return;
	sqlite3_bind_int64(q, 1, stage);
	sqlite3_bind_int(q, 2, LAST_WRITES);
	int n = 0, undo = 0;
	while (sqlite3_step(q) == SQLITE_ROW) {
		int number = sqlite3_column_int(q, 0);
		const char *map = (const char *)sqlite3_column_text(q, 1);
		const char *why = (const char *)sqlite3_column_text(q, 2);
		const char *booyah = (const char *)sqlite3_column_text(q, 3);
		if (n == 0)
			htmlf(
			    b,
			    "<section class=\"card\" id=\"last\"><h2>%s</h2><ul class=\"writes\">",
			    tr("desk.last"));
		htmlf(b, "<li data-match=\"%d\">%s", number,
		      tr("desk.stored", number, map ? map : tr("desk.map_unknown"),
		         booyah ? booyah : tr("desk.none"), sqlite3_column_int(q, 4)));
		n++;
		if (why)
			htmlf(b, " <span class=\"void\">%s</span>", tr("desk.void", why));
		else if (!undo) {
			undo = 1;
			htmlf(b,
			      "<form class=\"undo\" method=\"post\" action=\"/desk/%p/%p/void\">"
			      "<input type=\"hidden\" name=\"csrf\" value=\"%a\"><input "
			      "type=\"hidden\" "
			      "name=\"match\" value=\"%d\"><label>%s <input name=\"reason\" "
			      "id=\"undo-reason\" required maxlength=\"200\"></label> <button "
			      "type=\"submit\">%s</button></form>",
			      st->tournament_slug, st->stage_slug, s->csrf, number,
			      tr("desk.reason"), tr("desk.undo", number));
		}
		htmlf(b, "</li>");
	}
	sqlite3_finalize(q);
	if (n)
		htmlf(b, "</ul></section>\n");
	desk_log(b, db, stage);
}

/* GET /desk/{t}/{s}: the entry form of the stage's next match, and its last writes. */
void
page_desk_stage(const struct http_req *req, struct http_out *out)
{
	struct session s;
	struct standings st;
	if (!desk_session(req, out, &s) || !stage_standings(req, out, 0, 0, &st))
		return;
	struct buf *b = &out->body;
	sqlite3 *db = req->db;
	int64_t last = 0;
	char *last_map = NULL;
	int last_day = 0;
	sqlite3_stmt *q = NULL;
	if (db_int(db, &last, "SELECT max(number) FROM match WHERE stage_id = ?1", st.stage_id) !=
	        0 ||
	    (q = db_prepare(db, "SELECT map, day FROM match WHERE stage_id = ?1"
	                        " ORDER BY number DESC LIMIT 1")) == NULL)
		goto out; /* recorded (db_error_set): http_handle answers */
	int next = (int)last + 1;
	sqlite3_bind_int64(q, 1, st.stage_id);
	if (sqlite3_step(q) == SQLITE_ROW) {
		last_map = db_text(q, 0);
		last_day = sqlite3_column_int(q, 1);
	}
	sqlite3_finalize(q);

	html_open(b, tr("desk.title"), tr("desk.og"), NULL);
	desk_bar(b, &s);
	htmlf(b,
	      "<p class=\"crumbs\"><a href=\"/desk%s\">%s</a> › %s · <a href=\"/t/%p/%p%s\">"
	      "%s</a></p><h1>%s</h1>\n"
	      "<form id=\"entry\" class=\"entry\" method=\"post\" action=\"/desk/%p/%p/commit\" "
	      "data-preview=\"/desk/%p/%p/preview\" novalidate",
	      i18n_q(), tr("desk.desk"), st.tournament, st.tournament_slug, st.stage_slug, i18n_q(),
	      tr("desk.leaderboard"), st.stage, st.tournament_slug, st.stage_slug,
	      st.tournament_slug, st.stage_slug);
	script_words(b);
	htmlf(b,
	      "><input type=\"hidden\" name=\"csrf\" value=\"%a\">"
	      "<div class=\"meta\"><label>%s <input id=\"match\" inputmode=\"numeric\" "
	      "pattern=\"[0-9]*\" size=\"3\" value=\"%d\" aria-describedby=\"match-e\"></label>"
	      "<span class=\"err\" id=\"match-e\"></span> ",
	      s.csrf, tr("team.match"), next);
	map_select(b, db, st.stage_id, last_map);
	htmlf(b, " <label>%s <input id=\"day\" inputmode=\"numeric\" pattern=\"[0-9]*\" size=\"2\"",
	      tr("desk.day"));
	if (last_day > 0)
		htmlf(b, " value=\"%d\"", last_day);
	htmlf(b,
	      " aria-describedby=\"day-e\"></label><span class=\"err\" id=\"day-e\"></span></div>\n"
	      "<p class=\"muted\">%s</p>\n"
	      "<div class=\"scroll\"><table class=\"entry\"><thead><tr><th>#</th>"
	      "<th class=\"team\">%s</th><th>%s</th><th>%s</th></tr></thead><tbody>\n",
	      tr("desk.help"), tr("board.team"), tr("board.place"), tr("board.kills"));
	int row = 0;
	for (int i = 0; i < st.nrows; i++, row++)
		entry_row(b, db, st.stage_id, row, st.rows[i].team_id, st.rows[i].team,
		          st.rows[i].rank);
	q = db_prepare(db, "SELECT t.id, t.name FROM stage_team x JOIN team t ON t.id = x.team_id"
	                   " WHERE x.stage_id = ?1 AND t.id NOT IN (SELECT r.team_id FROM result r"
	                   " JOIN match m ON m.id = r.match_id WHERE m.stage_id = ?1)"
	                   " ORDER BY t.name");
	if (q == NULL)
		goto out;
	sqlite3_bind_int64(q, 1, st.stage_id);
	while (sqlite3_step(q) == SQLITE_ROW) {
		entry_row(b, db, st.stage_id, row, sqlite3_column_int64(q, 0),
		          (const char *)sqlite3_column_text(q, 1), row + 1);
		row++;
	}
	sqlite3_finalize(q);
	htmlf(b,
	      "</tbody></table></div>\n"
	      "<p class=\"checks\"><span id=\"lobby\">Lobby kills: 0</span> "
	      "<span id=\"check\" class=\"err\"></span></p>\n"
	      "<ul id=\"messages\" class=\"messages\"></ul>\n"
	      "<p class=\"actions\"><button type=\"button\" id=\"preview-button\">%s"
	      "</button> <button type=\"submit\" id=\"commit\">%s</button></p>\n"
	      "</form>\n<section id=\"preview\" aria-live=\"polite\"></section>\n",
	      tr("desk.preview"), tr("desk.commit"));
	if (row == 0)
		htmlf(b, "<p class=\"muted\">%s <code>tracker import</code>.</p>\n",
		      tr("desk.no_team"));
	last_writes(b, db, st.stage_id, &s, &st);
	htmlf(b,
	      "<p><a id=\"fix\" href=\"/desk/%p/%p/fix\">Corrections</a>: void a match, "
	      "merge, rename or remove</p>\n",
	      st.tournament_slug, st.stage_slug);
	htmlf(b, "<script src=\"/static/desk.js\" defer></script>\n");
	html_close(b);
out:
	free(last_map);
	standings_free(&st);
}

/*
 * The importer's messages (lines "desk: PATH: text" or "desk: text") as a
 * list whose items name their JSON path, for the page to put beside the
 * field.
 */
static void
messages(struct buf *b, const char *msgs)
{
	htmlf(b, "<ul class=\"messages\">");
	for (const char *p = msgs; p && *p;) {
		size_t n = strcspn(p, "\n");
		char *line = xstrndup(p, n);
		p += n + (p[n] == '\n');
		char *text = strncmp(line, "desk: ", 6) == 0 ? line + 6 : line;
		char *colon = strstr(text, ": ");
		const char *path = "";
		if (colon && !memchr(text, ' ', (size_t)(colon - text)) &&
		    strncmp(text, "warning", 7) != 0) {
			*colon = '\0';
			path = text;
			text = colon + 2;
		}
		int warn = strncmp(text, "warning: ", 9) == 0;
		htmlf(b, "<li class=\"%r\" data-path=\"%a\">%s</li>", warn ? "warning" : "error",
		      path, warn ? text + 9 : text);
		free(line);
	}
	htmlf(b, "</ul>\n");
}

/*
 * The match document of req's form field doc (a match object of match JSON
 * v1 without tournament and stage), given the names of s's stage, as JSON
 * text; the caller frees it. NULL with out set to 400 when doc is missing
 * or not a JSON object.
 */
static char *
stage_doc(const struct http_req *req, struct http_out *out, const struct standings *s)
{
	char *text = http_form(req, "doc");
	cJSON *doc = text ? cJSON_Parse(text) : NULL;
	free(text);
	if (!cJSON_IsObject(doc)) {
		cJSON_Delete(doc);
		http_fail_tr(out, 400, "detail.doc_field");
		return NULL;
	}
	cJSON_DeleteItemFromObjectCaseSensitive(doc, "tournament");
	cJSON_DeleteItemFromObjectCaseSensitive(doc, "stage");
	cJSON_AddStringToObject(doc, "tournament", s->tournament);
	cJSON_AddStringToObject(doc, "stage", s->stage);
	char *json = cJSON_PrintUnformatted(doc);
	cJSON_Delete(doc);
	char *copy = xstrdup(json);
	cJSON_free(json);
	return copy;
}

/* The match number doc (JSON text) gives, or 0. */
static int
doc_number(const char *doc)
{
	cJSON *d = cJSON_Parse(doc);
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(d, "match");
	int n = cJSON_IsNumber(m) && m->valuedouble >= 1 && m->valuedouble <= 1e6 ? m->valueint : 0;
	cJSON_Delete(d);
	return n;
}

/* The standings after match number as a table: rank and movement, points, Champion Rush. */
static void
preview_table(struct buf *b, const struct standings *s, int number)
{
	if (s->champion && s->decided_in_match == number)
		htmlf(b,
		      "<p class=\"champion-banner\" id=\"would-be-champion\">♛ <b>%s</b> would be "
		      "champion, decided in match %d.</p>",
		      s->champion, number);
	else if (s->champion)
		htmlf(b, "<p class=\"champion-banner\">♛ %s is champion since match %d.</p>",
		      s->champion, s->decided_in_match);
	htmlf(b, "<div class=\"scroll\"><table class=\"board preview\"><thead><tr><th>#</th>"
	         "<th>±</th><th class=\"team\">Team</th><th>Pts</th><th>Rush</th></tr></thead>"
	         "<tbody>\n");
	for (int i = 0; i < s->nrows; i++) {
		const struct standing *r = &s->rows[i];
		int d = r->prev_rank ? r->prev_rank - r->rank : 0;
		htmlf(b, "<tr data-team=\"%a\"%r><td class=\"rank\">%d</td>", r->team,
		      s->champion_id == r->team_id ? " class=\"champion\"" : "", r->rank);
		if (r->prev_rank == 0)
			htmlf(b, "<td class=\"move\">new</td>");
		else if (d > 0)
			htmlf(b, "<td class=\"move up\">▲%d</td>", d);
		else if (d < 0)
			htmlf(b, "<td class=\"move down\">▼%d</td>", -d);
		else
			htmlf(b, "<td class=\"move\">=</td>");
		htmlf(b, "<td class=\"team\">%s</td><td class=\"total\">%d</td>", r->team,
		      r->points);
		if (s->champion_id == r->team_id)
			htmlf(b, "<td class=\"rush\">champion</td>");
		else if (r->rush_since == number)
			htmlf(b, "<td class=\"rush reaches\">reaches %d</td>",
			      s->rules.rush_threshold);
		else if (r->rush_since)
			htmlf(b, "<td class=\"rush\">since m%d</td>", r->rush_since);
		else
			htmlf(b, "<td class=\"rush\"></td>");
		htmlf(b, "</tr>\n");
	}
	htmlf(b, "</tbody></table></div>\n");
}

/*
 * The work of preview and commit: the checks, the document, then the import
 * (kept when commit, rolled back after the standings are rendered when not).
 */
static void
enter(const struct http_req *req, struct http_out *out, int commit)
{
	struct session s;
	struct standings st, after;
	if (!desk_post_ok(req, out, &s) || !stage_standings(req, out, 0, 0, &st))
		return;
	char *doc = stage_doc(req, out, &st);
	if (doc == NULL) {
		standings_free(&st);
		return;
	}
	struct import_stats n = {0};
	struct buf msgs = {0};
	char *err = NULL;
	int rc, began = 0;
	if (commit) {
		char *origin = write_origin(req->client, s.name);
		rc = write_import(req->db, origin, "desk", "desk", doc, strlen(doc), 0, &n, &msgs);
		free(origin);
	} else if ((began = db_begin(req->db) == 0))
		rc = import_json(req->db, "desk", doc, strlen(doc), 0, &n, &msgs) == 0
		         ? WRITE_STORED
		         : WRITE_REFUSED;
	else
		rc = write_busy(req->db) ? WRITE_BUSY : WRITE_FAILED;
	int number = doc_number(doc);
	struct buf *b = &out->body;
	if (rc == WRITE_BUSY) {
		http_fail_tr(out, 503, "detail.busy_write");
		out->retry_after = 1;
	} else if (rc == WRITE_FAILED) {
		http_fail_tr(out, 500, "detail.not_stored", sqlite3_errmsg(req->db));
	} else if (rc == WRITE_REFUSED) {
		out->status = 400;
		out->keep_body = 1;
		htmlf(b, "<div class=\"refused\"><p class=\"error\">%s</p>", tr("desk.refused"));
		messages(b, msgs.data);
		htmlf(b, "</div>\n");
	} else if (!commit) {
		if (standings_compute(req->db, st.stage_id, NULL, 0, &after, &err) != 0) {
			http_fail(out, 500, "%s", err);
			free(err);
		} else {
			htmlf(b,
			      "<div class=\"previewed\" data-match=\"%d\"><h2>After match %d "
			      "(preview, not stored)</h2>",
			      number, number);
			if (msgs.len)
				messages(b, msgs.data);
			preview_table(b, &after, number);
			htmlf(b, "</div>\n");
			standings_free(&after);
		}
	} else {
		if (n.matches_added || n.matches_replaced) {
			out->status = 201;
			live_bump();
		}
		htmlf(b, "<div class=\"stored\" data-match=\"%d\"><p>Match %d %r.</p>", number,
		      number, n.matches_added ? "stored" : "was already stored, unchanged");
		if (msgs.len)
			messages(b, msgs.data);
		htmlf(b, "</div>\n");
	}
	if (began)
		db_rollback(req->db);
	buf_free(&msgs);
	free(doc);
	standings_free(&st);
}

/*
 * POST /desk/{t}/{s}/preview: the standings after the form's match, through
 * the same import as the commit inside a transaction that is rolled back.
 * 200 with the table, 400 with the importer's messages.
 */
void
desk_preview(const struct http_req *req, struct http_out *out)
{
	enter(req, out, 0);
}

/*
 * POST /desk/{t}/{s}/commit: store the form's match through import_json, as
 * POST /api/v1/matches does: 201 stored, 200 unchanged, 400 refused (the
 * importer's messages), 503 with Retry-After when the database cannot take
 * it for now (busy, full, read-only, an I/O error).
 */
void
desk_commit(const struct http_req *req, struct http_out *out)
{
	enter(req, out, 1);
}

/*
 * Form field key without its surrounding blanks: "" when missing or blank,
 * NULL when over max bytes, not UTF-8 or not one line of text. The caller
 * frees it.
 */
char *
desk_text(const struct http_req *req, const char *key, size_t max)
{
	char *v = http_form(req, key);
	if (v == NULL)
		return xstrdup("");
	size_t skip = strspn(v, " \t\r\n"), len = strlen(v + skip);
	memmove(v, v + skip, len + 1);
	while (len && strchr(" \t\r\n", v[len - 1]))
		v[--len] = '\0';
	int ctl = 0;
	for (size_t i = 0; i < len; i++)
		ctl |= (unsigned char)v[i] < 0x20 || v[i] == 0x7f;
	if (len > max || ctl || !utf8_valid(v, len)) {
		free(v);
		return NULL;
	}
	return v;
}

/*
 * POST /desk/{t}/{s}/void: match=N, reason=...: the match no longer counts
 * (correct_void, the log naming the desk); 303 back to the stage's desk
 * page. 400 without a reason, or with correct_void's refusal (no such
 * match, or void already); 503 with Retry-After when the database cannot
 * take it for now (busy, full, read-only, an I/O error).
 */
void
desk_void(const struct http_req *req, struct http_out *out)
{
	struct session s;
	int64_t stage;
	if (!desk_post_ok(req, out, &s) || !stage_id(req, out, &stage))
		return;
	char *number = http_form(req, "match"), *why = desk_text(req, "reason", REASON_MAX);
	char *end = NULL;
	long n = number ? strtol(number, &end, 10) : 0;
	if (number == NULL || *number == '\0' || *end || n < 1 || n > 1000000)
		http_fail_tr(out, 400, "detail.undo_match");
	else if (why && *why == '\0')
		http_fail_tr(out, 400, "detail.undo_reason");
	else if (why == NULL)
		http_fail_tr(out, 400, "detail.undo_long", REASON_MAX);
	else {
		char *origin = write_origin(req->client, s.name), *msg = NULL;
		db_exec(req->db, "SELECT 1"); /* clears the connection's last error code */
		int rc = correct_void(req->db, origin, stage, n, why, &msg);
		free(origin);
		if (rc != 0 && write_busy(req->db)) {
			http_fail_tr(out, 503, "detail.busy_write");
			out->retry_after = 1;
		} else if (rc != 0)
			http_fail(out, 400, "%s", msg);
		else {
			live_bump();
			char *path = xasprintf("/desk/%s/%s", req->param[0], req->param[1]);
			desk_see_other(out, path);
			free(path);
		}
		free(msg);
	}
	free(number);
	free(why);
}
