/*
 * desk_fix.c: the desk's corrections, /desk/{t}/{s}/fix: void and unvoid
 * any match of the stage (a void with a reason), merge two of the
 * tournament's teams (after a confirmation naming what moves), rename a
 * team, give it another spelling, merge two players, and remove the stage
 * or its tournament (refused while it holds matches unless forced; forced,
 * the backup comes first and the answer names it). Every change goes
 * through the correct_* function the CLI calls (correct.c), with the
 * desk's origin, so the audit log names the token; a refusal answers 400
 * with the page again, the message beside its form. GET changes nothing;
 * every POST passes desk_post_ok (session, CSRF token, same origin).
 */
#include <stdlib.h>
#include <string.h>

#include "correct.h"
#include "db.h"
#include "desk.h"
#include "html.h"
#include "i18n.h"
#include "live.h"
#include "pages.h"
#include "stage.h"
#include "util.h"
#include "write.h"

#define TEXT_MAX 200 /* bytes of a reason, a name or a spelling */

/* The desk's own words here, together (catalog keys, web/i18n/): what a form lacks before
 * correct.c is asked. */
static const char NO_MATCH[] = "fix.no_match";
static const char NO_REASON[] = "fix.no_reason";
static const char BAD_TEXT[] = "fix.bad_text";
static const char NO_TEAMS[] = "fix.no_teams";
static const char NO_TEAM[] = "fix.no_team";
static const char NO_PLAYERS[] = "fix.no_players";

/* ?1: the tournament. Its teams (results or roster places), and its players. */
static const char TEAMS[] =
    "SELECT id, name FROM team WHERE id IN (SELECT r.team_id FROM result r JOIN match m"
    " ON m.id = r.match_id JOIN stage s ON s.id = m.stage_id WHERE s.tournament_id = ?1"
    " UNION SELECT x.team_id FROM stage_team x JOIN stage s ON s.id = x.stage_id"
    " WHERE s.tournament_id = ?1)";
static const char PLAYERS[] =
    "SELECT id, name FROM player WHERE id IN (SELECT p.player_id FROM player_result p"
    " JOIN match m ON m.id = p.match_id JOIN stage s ON s.id = m.stage_id"
    " WHERE s.tournament_id = ?1)";

/* The stage a request names, with its tournament. */
struct fix_stage {
	int64_t id, tournament;
	char *tname, *tslug, *sname, *sslug;
};

/* The stage of req into *f: 1, or 0 with out set (404) or the database's error recorded. */
static int
fix_stage(const struct http_req *req, struct http_out *out, struct fix_stage *f)
{
	memset(f, 0, sizeof *f);
	if (!stage_id(req, out, &f->id))
		return 0;
	sqlite3_stmt *q = db_prepare(req->db, "SELECT t.id, t.name, t.slug, s.name, s.slug"
	                                      " FROM stage s JOIN tournament t"
	                                      " ON t.id = s.tournament_id WHERE s.id = ?1");
	if (q == NULL) /* recorded (db_error_set): http_handle answers */
		return 0;
	sqlite3_bind_int64(q, 1, f->id);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		f->tournament = sqlite3_column_int64(q, 0);
		f->tname = db_text(q, 1);
		f->tslug = db_text(q, 2);
		f->sname = db_text(q, 3);
		f->sslug = db_text(q, 4);
	}
	return db_end(req->db, q, rc == SQLITE_ROW ? SQLITE_DONE : rc) == 0;
}

static void
fix_stage_free(struct fix_stage *f)
{
	free(f->tname);
	free(f->tslug);
	free(f->sname);
	free(f->sslug);
}

/* The message beside form id when it is the one that failed: 1, else 0. */
static int
beside(struct buf *b, const char *id, const char *failed, const char *msg)
{
	if (failed == NULL || strcmp(id, failed) != 0)
		return 0;
	htmlf(b, " <span class=\"err\" role=\"alert\" id=\"%a-e\">%s</span>", id, msg);
	return 1;
}

/* The opening of a correction form: its action, CSRF token and do=what. */
static void
form_open(struct buf *b, const struct fix_stage *f, const struct session *s, const char *id,
          const char *what)
{
	htmlf(b,
	      "<form class=\"fix\" id=\"%a\" method=\"post\" action=\"/desk/%p/%p/fix\">"
	      "<input type=\"hidden\" name=\"csrf\" value=\"%a\"><input type=\"hidden\" "
	      "name=\"do\" value=\"%a\">",
	      id, f->tslug, f->sslug, s->csrf, what);
}

/* A <select> named name of the rows (id, name) that sql gives for the tournament. */
static void
choice(struct buf *b, sqlite3 *db, const char *sql, int64_t tournament, const char *name,
       const char *label)
{
	char *ordered = xasprintf("%s ORDER BY name", sql);
	sqlite3_stmt *q = db_prepare(db, ordered);
	free(ordered);
	if (q == NULL) /* recorded (db_error_set): http_handle answers */
		return;
	sqlite3_bind_int64(q, 1, tournament);
	htmlf(b, "<label>%s <select name=\"%a\" required><option value=\"\"></option>", label,
	      name);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		htmlf(b, "<option value=\"%lld\">%s</option>",
		      (long long)sqlite3_column_int64(q, 0),
		      (const char *)sqlite3_column_text(q, 1));
	htmlf(b, "</select></label> ");
	db_end(db, q, rc);
}

/*
 * The stage's matches, each with its void (a reason) or its unvoid; the
 * refusal of a match not listed stands under the list.
 */
static void
match_list(struct buf *b, sqlite3 *db, const struct fix_stage *f, const struct session *s,
           const char *failed, const char *msg)
{
	sqlite3_stmt *q =
	    db_prepare(db, "SELECT m.number, m.void, (SELECT t.name FROM result r JOIN team t"
	                   " ON t.id = r.team_id WHERE r.match_id = m.id AND r.placement = 1)"
	                   " FROM match m WHERE m.stage_id = ?1 ORDER BY m.number");
	if (q == NULL) /* recorded (db_error_set): http_handle answers */
		return;
	sqlite3_bind_int64(q, 1, f->id);
	htmlf(b, "<section class=\"card\" id=\"matches\"><h2>%s</h2><ul class=\"writes\">",
	      tr("fix.matches"));
	int n = 0, shown = 0, rc;
	for (; (rc = sqlite3_step(q)) == SQLITE_ROW; n++) {
		int number = sqlite3_column_int(q, 0);
		const char *why = (const char *)sqlite3_column_text(q, 1);
		const char *booyah = (const char *)sqlite3_column_text(q, 2);
		char *id = xasprintf("match-%d", number);
		htmlf(b, "<li data-match=\"%d\">%s", number,
		      tr("fix.match", number, booyah ? booyah : tr("desk.none")));
		if (why) {
			htmlf(b, " <span class=\"void\">%s</span> ", tr("desk.void", why));
			form_open(b, f, s, id, "unvoid");
			htmlf(b,
			      "<input type=\"hidden\" name=\"match\" value=\"%d\"><button "
			      "type=\"submit\">%s</button></form>",
			      number, tr("fix.unvoid", number));
		} else {
			htmlf(b, " ");
			form_open(b, f, s, id, "void");
			htmlf(
			    b,
			    "<input type=\"hidden\" name=\"match\" value=\"%d\"><label>%s "
			    "<input name=\"reason\" id=\"%a-reason\" required "
			    "maxlength=\"200\"></label> <button type=\"submit\">%s</button></form>",
			    number, tr("desk.reason"), id, tr("fix.void", number));
		}
		shown |= beside(b, id, failed, msg);
		htmlf(b, "</li>");
		free(id);
	}
	db_end(db, q, rc);
	htmlf(b, "</ul>");
	if (n == 0)
		htmlf(b, "<p class=\"muted\">%s</p>", tr("fix.no_match_yet"));
	if (!shown && failed && strncmp(failed, "match-", 6) == 0)
		beside(b, failed, failed, msg);
	htmlf(b, "</section>\n");
}

/*
 * The corrections page of stage f; failed names the form whose refusal msg
 * stands beside it (NULL: none).
 */
static void
fix_page(const struct http_req *req, struct http_out *out, const struct session *s,
         const struct fix_stage *f, const char *failed, const char *msg)
{
	struct buf *b = &out->body;
	sqlite3 *db = req->db;
	html_open(b, tr("desk.title"), tr("desk.og"), NULL);
	desk_bar(b, s);
	htmlf(b,
	      "<p class=\"crumbs\"><a href=\"/desk\">%s</a> › %s · <a href=\"/desk/%p/%p\">"
	      "%s</a></p><h1>%s</h1>\n",
	      tr("desk.desk"), f->tname, f->tslug, f->sslug, tr("fix.entry"),
	      tr("fix.title", f->sname));
	match_list(b, db, f, s, failed, msg);

	htmlf(b, "<section class=\"card\" id=\"teams\"><h2>%s</h2>", tr("fix.teams"));
	form_open(b, f, s, "merge", "merge");
	choice(b, db, TEAMS, f->tournament, "from", tr("fix.merge_from"));
	choice(b, db, TEAMS, f->tournament, "into", tr("fix.merge_into"));
	htmlf(b, "<button type=\"submit\">%s</button></form>", tr("fix.merge_ask"));
	beside(b, "merge", failed, msg);
	form_open(b, f, s, "rename", "rename");
	choice(b, db, TEAMS, f->tournament, "team", tr("fix.rename"));
	htmlf(b,
	      "<label>%s <input name=\"name\" required maxlength=\"200\"></label> "
	      "<button type=\"submit\">%s</button></form>",
	      tr("fix.rename_to"), tr("fix.rename"));
	beside(b, "rename", failed, msg);
	form_open(b, f, s, "alias", "alias");
	choice(b, db, TEAMS, f->tournament, "team", tr("fix.alias_of"));
	htmlf(b,
	      "<label>%s <input name=\"spelling\" required maxlength=\"200\"></label>"
	      " <button type=\"submit\">%s</button></form>",
	      tr("fix.alias_as"), tr("fix.alias"));
	beside(b, "alias", failed, msg);
	htmlf(b, "</section>\n<section class=\"card\" id=\"players\"><h2>%s</h2>",
	      tr("fix.players"));
	form_open(b, f, s, "pmerge", "pmerge");
	choice(b, db, PLAYERS, f->tournament, "from", tr("fix.merge_from"));
	choice(b, db, PLAYERS, f->tournament, "into", tr("fix.merge_into"));
	htmlf(b, "<button type=\"submit\">%s</button></form>", tr("fix.merge_ask"));
	beside(b, "pmerge", failed, msg);

	htmlf(b,
	      "</section>\n<section class=\"card\" id=\"remove\"><h2>%s</h2><p "
	      "class=\"muted\">%s</p>",
	      tr("fix.remove"), tr("fix.remove_help"));
	static const char *const removes[][2] = {{"remove-stage", "fix.remove_stage"},
	                                         {"remove-tournament", "fix.remove_tournament"}};
	for (int i = 0; i < 2; i++) {
		form_open(b, f, s, removes[i][0], removes[i][0]);
		htmlf(b,
		      "<label><input type=\"checkbox\" name=\"force\" value=\"1\"> %s</label> "
		      "<button type=\"submit\">%s</button></form>",
		      tr("fix.force"), tr(removes[i][1], i ? f->tname : f->sname));
		beside(b, removes[i][0], failed, msg);
	}
	htmlf(b, "</section>\n");
	desk_log(b, db, f->id);
	html_close(b);
}

/* GET /desk/{t}/{s}/fix: the corrections of the stage, or the login page. */
void
page_desk_fix(const struct http_req *req, struct http_out *out)
{
	struct session s;
	struct fix_stage f;
	if (!desk_session(req, out, &s) || !fix_stage(req, out, &f))
		return;
	fix_page(req, out, &s, &f, NULL, NULL);
	fix_stage_free(&f);
}

/* The positive integer of form field key, or 0. */
static int64_t
form_id(const struct http_req *req, const char *key)
{
	char *v = http_form(req, key), *end = NULL;
	long long n = v && *v ? strtoll(v, &end, 10) : 0;
	int ok = v && *v && *end == '\0' && n > 0;
	free(v);
	return ok ? n : 0;
}

/* 1 when id is one of the rows sql gives for the tournament. */
static int
listed(sqlite3 *db, const char *sql, int64_t tournament, int64_t id)
{
	char *q = xasprintf("SELECT count(*) FROM (%s) WHERE id = ?2", sql);
	sqlite3_stmt *st = db_prepare(db, q);
	free(q);
	if (st == NULL) /* recorded (db_error_set): http_handle answers */
		return 0;
	sqlite3_bind_int64(st, 1, tournament);
	sqlite3_bind_int64(st, 2, id);
	int rc = sqlite3_step(st), n = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	db_end(db, st, rc == SQLITE_ROW ? SQLITE_DONE : rc);
	return id > 0 && n > 0;
}

/*
 * The confirmation of a merge: what moves from from into into, and the form
 * that merges (confirm=1). Changes nothing.
 */
static void
confirm_merge(const struct http_req *req, struct http_out *out, const struct session *s,
              const struct fix_stage *f, int player, int64_t from, int64_t into)
{
	static const char *const moved[] = {"fix.results",     "fix.player_results",
	                                    "fix.spellings",   "fix.headstarts",
	                                    "fix.adjustments", "fix.roster_places"};
	sqlite3_stmt *q = db_prepare(
	    req->db,
	    player
	        ? "SELECT 0, (SELECT count(*) FROM player_result WHERE player_id = ?1),"
	          " (SELECT count(*) FROM player_alias WHERE player_id = ?1), 0, 0, 0,"
	          " (SELECT name FROM player WHERE id = ?1), (SELECT name FROM player WHERE id = "
	          "?2)"
	        : "SELECT (SELECT count(*) FROM result WHERE team_id = ?1),"
	          " (SELECT count(*) FROM player_result WHERE team_id = ?1),"
	          " (SELECT count(*) FROM team_alias WHERE team_id = ?1),"
	          " (SELECT count(*) FROM headstart WHERE team_id = ?1),"
	          " (SELECT count(*) FROM adjustment WHERE team_id = ?1),"
	          " (SELECT count(*) FROM stage_team WHERE team_id = ?1),"
	          " (SELECT name FROM team WHERE id = ?1), (SELECT name FROM team WHERE id = ?2)");
	if (q == NULL) /* recorded (db_error_set): http_handle answers */
		return;
	sqlite3_bind_int64(q, 1, from);
	sqlite3_bind_int64(q, 2, into);
	int rc = sqlite3_step(q);
	if (rc != SQLITE_ROW) {
		db_end(req->db, q, rc);
		return;
	}
	const char *fname = (const char *)sqlite3_column_text(q, 6);
	const char *iname = (const char *)sqlite3_column_text(q, 7);
	struct buf *b = &out->body;
	html_open(b, tr("desk.title"), tr("desk.og"), NULL);
	desk_bar(b, s);
	htmlf(b, "<h1>%s</h1>\n<p id=\"moves\">%s",
	      tr(player ? "fix.confirm_player" : "fix.confirm_team", fname, iname),
	      tr("fix.moves", iname));
	for (int i = player, sep = 0; i < (player ? 3 : 6); i++, sep = 1) {
		int n = sqlite3_column_int(q, i);
		htmlf(b, "%r %s", sep ? "," : "", trn(moved[i], n, n));
	}
	htmlf(b, "%s</p>\n", tr("fix.stays", fname, iname));
	form_open(b, f, s, "confirm", player ? "pmerge" : "merge");
	htmlf(b,
	      "<input type=\"hidden\" name=\"from\" value=\"%lld\"><input type=\"hidden\" "
	      "name=\"into\" value=\"%lld\"><input type=\"hidden\" name=\"confirm\" value=\"1\">"
	      "<button type=\"submit\" autofocus>%s</button> <a href=\"/desk/%p/%p/fix\">"
	      "%s</a></form>\n",
	      (long long)from, (long long)into, tr("fix.merge"), f->tslug, f->sslug,
	      tr("fix.cancel"));
	html_close(b);
	sqlite3_finalize(q);
}

/*
 * The correction the form names (do=...), through correct.c with the
 * desk's origin. 0 done (*msg what was done), 1 answered already (a
 * confirmation), -1 refused (*msg why, *form the form it stands beside:
 * what, or id, 32 bytes, written for a match's form).
 */
static int
apply(const struct http_req *req, struct http_out *out, const struct session *s,
      const struct fix_stage *f, const char *what, const char **form, char *id, char **msg)
{
	sqlite3 *db = req->db;
	char *origin = write_origin(req->client, s->name);
	int rc = -1, player = strcmp(what, "pmerge") == 0;
	*form = what;
	if (strcmp(what, "void") == 0 || strcmp(what, "unvoid") == 0) {
		int64_t n = form_id(req, "match");
		char *why = strcmp(what, "void") == 0 ? desk_text(req, "reason", TEXT_MAX) : NULL;
		snprintf(id, 32, "match-%lld", (long long)n);
		*form = id;
		if (n == 0 || n > 1000000)
			*msg = xstrdup(tr(NO_MATCH));
		else if (strcmp(what, "void") == 0 && why == NULL)
			*msg = xstrdup(tr(BAD_TEXT));
		else if (why && *why == '\0')
			*msg = xstrdup(tr(NO_REASON));
		else
			rc = correct_void(db, origin, f->id, n, why, msg);
		free(why);
	} else if (player || strcmp(what, "merge") == 0) {
		const char *list = player ? PLAYERS : TEAMS;
		int64_t from = form_id(req, "from"), into = form_id(req, "into");
		char *confirm = http_form(req, "confirm");
		int yes = confirm && strcmp(confirm, "1") == 0;
		free(confirm);
		if (!listed(db, list, f->tournament, from) ||
		    !listed(db, list, f->tournament, into))
			*msg = xstrdup(tr(player ? NO_PLAYERS : NO_TEAMS));
		else if (!yes && from != into) {
			confirm_merge(req, out, s, f, player, from, into);
			rc = 1;
		} else
			rc = correct_merge(db, origin, player, from, into, msg);
	} else if (strcmp(what, "rename") == 0 || strcmp(what, "alias") == 0) {
		int64_t team = form_id(req, "team");
		int rename = strcmp(what, "rename") == 0;
		char *text = desk_text(req, rename ? "name" : "spelling", TEXT_MAX);
		if (!listed(db, TEAMS, f->tournament, team))
			*msg = xstrdup(tr(NO_TEAM));
		else if (text == NULL)
			*msg = xstrdup(tr(BAD_TEXT));
		else
			rc = rename ? correct_rename(db, origin, team, text, msg)
			            : correct_alias(db, origin, team, text, msg);
		free(text);
	} else if (strcmp(what, "remove-stage") == 0 || strcmp(what, "remove-tournament") == 0) {
		char *force = http_form(req, "force");
		rc = correct_remove(db, origin, f->tournament,
		                    strcmp(what, "remove-stage") == 0 ? f->id : 0,
		                    force && strcmp(force, "1") == 0, msg);
		free(force);
	} else {
		*form = NULL;
		*msg = xstrdup(tr("fix.bad_do"));
	}
	free(origin);
	return rc;
}

/*
 * POST /desk/{t}/{s}/fix: do=void|unvoid|merge|pmerge|rename|alias|
 * remove-stage|remove-tournament with that form's fields. Done: 303 back
 * to the page, or, after a removal, 200 with what was removed (and the
 * backup's path). A merge without confirm=1: 200, the confirmation.
 * Refused: 400, the page with the message beside its form; the database
 * unable to take it for now (busy, full, read-only, an I/O error: correct.c
 * records it, http_handle answers): 503 with Retry-After; the database
 * otherwise failing, or the backup: 500.
 */
void
desk_fix(const struct http_req *req, struct http_out *out)
{
	struct session s;
	struct fix_stage f;
	if (!desk_post_ok(req, out, &s) || !fix_stage(req, out, &f))
		return;
	char *what = http_form(req, "do"), *msg = NULL, id[32];
	const char *form = NULL;
	db_exec(req->db, "SELECT 1"); /* clears the connection's last error code */
	int rc = apply(req, out, &s, &f, what ? what : "", &form, id, &msg);
	if (rc < 0 && write_busy(req->db)) {
		http_fail_tr(out, 503, "detail.busy_write");
		out->retry_after = 1;
	} else if (rc < 0 && (strncmp(msg, "database: ", 10) == 0 ||
	                      strncmp(msg, "nothing removed: the backup failed", 34) == 0))
		http_fail(out, 500, "%s", msg);
	else if (rc < 0 && form == NULL)
		http_fail(out, 400, "%s", msg);
	else if (rc < 0) {
		out->status = 400;
		out->keep_body = 1;
		fix_page(req, out, &s, &f, form, msg);
	} else if (rc == 0 && strncmp(what, "remove", 6) == 0) {
		live_bump();
		struct buf *b = &out->body;
		html_open(b, tr("desk.title"), tr("desk.og"), NULL);
		desk_bar(b, &s);
		htmlf(b,
		      "<h1>%s</h1>\n<p class=\"done\" id=\"done\">%s</p>\n<p><a "
		      "href=\"/desk\">%s</a></p>\n",
		      tr("fix.removed"), msg, tr("fix.back"));
		html_close(b);
	} else if (rc == 0) {
		live_bump();
		char *path = xasprintf("/desk/%s/%s/fix", req->param[0], req->param[1]);
		desk_see_other(out, path);
		free(path);
	}
	free(msg);
	free(what);
	fix_stage_free(&f);
}
