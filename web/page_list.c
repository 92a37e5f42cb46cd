/*
 * page_list.c: the whole lists the home page shows the start of, LIST_PAGE
 * rows a page: GET /tournaments, newest first, each with its number of
 * stages, and GET /teams, by name, each with its matches (schema/005's
 * team_count). ?page=N counts from 1; one that is not a page number, or past
 * the end, is a 404. Each page reads its own rows and the ones it skips
 * over in an index, never a match or a result.
 */
#include <stdlib.h>

#include "db.h"
#include "html.h"
#include "i18n.h"
#include "pages.h"

enum { LIST_PAGE = 100 };

/* A list: its own path, where a row links (link/slug), its title, its rows (?1: how many, ?2:
 * how many to skip; name, slug, a count) and the plural key its count is shown in. */
struct list {
	const char *path, *link, *title, *sql, *count;
};

/* The ?page=N of req, from 1 (1 when not given); 0 when it is not a page number. */
static int64_t
page_arg(const struct http_req *req)
{
	const char *arg = http_arg(req, "page");
	if (arg == NULL || *arg == '\0')
		return 1;
	char *end;
	long long v = strtoll(arg, &end, 10);
	if (*arg < '1' || *arg > '9' || *end != '\0' || v > 1000000000)
		return 0;
	return v;
}

/* Answer page ?page= of l. A read that fails (db_error_set) stops the page, and http_handle
 * answers. */
static void
list_page(const struct http_req *req, struct http_out *out, const struct list *l)
{
	int64_t page = page_arg(req);
	if (page == 0) {
		http_fail_tr(out, 404, "detail.no_page");
		return;
	}
	sqlite3_stmt *st = db_prepare(req->db, l->sql);
	if (st == NULL)
		return;
	sqlite3_bind_int(st, 1, LIST_PAGE + 1);
	sqlite3_bind_int64(st, 2, (page - 1) * LIST_PAGE);
	struct buf *b = &out->body;
	const char *self = l->path;
	html_open_live(b, tr(l->title), tr("list.page", (int)page), req->version);
	htmlf(b, "<p class=\"crumbs\"><a href=\"/%s\">%s</a></p><h1>%s</h1>\n<section id=\"live\">",
	      i18n_q(), tr("home.title"), tr(l->title));
	int n = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && ++n <= LIST_PAGE) {
		int c = sqlite3_column_int(st, 2);
		htmlf(b, "%r<li><a href=\"%a/%p%s\">%s</a> <span class=\"muted\">%s</span></li>",
		      n == 1 ? "<ul class=\"stages\">" : "", l->link,
		      (const char *)sqlite3_column_text(st, 1), i18n_q(),
		      (const char *)sqlite3_column_text(st, 0), trn(l->count, c, c));
	}
	if (db_end(req->db, st, rc == SQLITE_ROW ? SQLITE_DONE : rc) != 0)
		return;
	if (n == 0 && page > 1) { /* the page written so far is replaced */
		http_fail_tr(out, 404, "detail.no_page");
		return;
	}
	if (n)
		htmlf(b, "</ul>\n");
	else
		htmlf(b, "<p class=\"muted\">%s <code>tracker import FILE.json</code></p>\n",
		      tr("home.empty"));
	if (page > 1 || n > LIST_PAGE) {
		htmlf(b, "<nav class=\"pages\">");
		if (page == 2)
			htmlf(b, "<a rel=\"prev\" href=\"%a%s\">%s</a> ", self, i18n_q(),
			      tr("list.prev"));
		else if (page > 2)
			htmlf(b, "<a rel=\"prev\" href=\"%a?page=%lld%s\">%s</a> ", self,
			      (long long)(page - 1), i18n_amp(), tr("list.prev"));
		htmlf(b, "<span class=\"muted\">%s</span>", tr("list.page", (int)page));
		if (n > LIST_PAGE)
			htmlf(b, " <a rel=\"next\" href=\"%a?page=%lld%s\">%s</a>", self,
			      (long long)(page + 1), i18n_amp(), tr("list.next"));
		htmlf(b, "</nav>\n");
	}
	htmlf(b, "</section>\n");
	html_close(b);
}

/* GET /tournaments[?page=N]: every tournament, newest first. */
void
page_tournaments(const struct http_req *req, struct http_out *out)
{
	static const struct list l = {
	    "/tournaments", "/t", "list.tournaments",
	    "SELECT t.name, t.slug, (SELECT count(*) FROM stage s WHERE s.tournament_id = t.id)"
	    " FROM tournament t ORDER BY t.id DESC LIMIT ?1 OFFSET ?2",
	    "list.stages"};
	list_page(req, out, &l);
}

/* GET /teams[?page=N]: every team, by name. */
void
page_teams(const struct http_req *req, struct http_out *out)
{
	static const struct list l = {
	    "/teams", "/teams", "list.teams",
	    "SELECT t.name, t.slug, coalesce(c.matches, 0) FROM team t"
	    " LEFT JOIN team_count c ON c.team_id = t.id ORDER BY t.name LIMIT ?1 OFFSET ?2",
	    "list.matches"};
	list_page(req, out, &l);
}
