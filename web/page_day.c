/*
 * page_day.c: one day of a stage, GET /t/{tournament}/{stage}/day/{d}: the
 * day's matches (each a link to its page, with its map and Booyah), the
 * standings of the day alone (standings_get with the day filter: what those
 * matches made, as `tracker standings --day D` has them; the API's twin,
 * .../days/{d}, gives those bytes), and the standings after the day's last
 * match (head starts, adjustments and Champion Rush in), each team's places
 * gained or lost over the day beside it.
 */
#include <stdlib.h>

#include "db.h"
#include "html.h"
#include "i18n.h"
#include "pages.h"
#include "stage.h"
#include "util.h"

/*
 * The day req's third parameter names in the stage its first two name:
 * *first and *last its first and last match numbers. Returns 1, or 0 with
 * out set to 404.
 */
static int
day_of(const struct http_req *req, struct http_out *out, int64_t stage, int *day, int *first,
       int *last)
{
	const char *arg = req->param[2];
	char *end;
	long d = strtol(arg, &end, 10);
	*day = 0;
	if (*arg >= '1' && *arg <= '9' && *end == '\0' && d < 1000) {
		sqlite3_stmt *st = db_prepare(req->db, "SELECT min(number), max(number) FROM match"
		                                       " WHERE stage_id = ?1 AND day = ?2");
		if (st == NULL) /* recorded (db_error_set): http_handle answers */
			return 0;
		sqlite3_bind_int64(st, 1, stage);
		sqlite3_bind_int(st, 2, (int)d);
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
			*day = (int)d;
			*first = sqlite3_column_int(st, 0);
			*last = sqlite3_column_int(st, 1);
		}
		sqlite3_finalize(st);
	}
	if (*day == 0)
		http_fail_tr(out, 404, "detail.no_day", arg);
	return *day != 0;
}

/*
 * The standings of the day req names alone into *of (as `tracker standings
 * --day D`), and, when after is not NULL, the stage's standings after the
 * day into *after and before it into *before; *day the day. Returns 1 (free
 * them with standings_free()), or 0 with out set.
 */
int
page_day_standings(const struct http_req *req, struct http_out *out, struct standings *of,
                   struct standings *after, struct standings *before, int *day)
{
	int64_t stage;
	int first = 0, last = 0;
	char *err = NULL;
	if (!stage_id(req, out, &stage) || !day_of(req, out, stage, day, &first, &last))
		return 0;
	struct standings_opts o = {.after = -1, .day_from = *day, .day_to = *day};
	struct standings_opts oa = {.after = last}, ob = {.after = first - 1};
	if (standings_get(req->db, stage, &o, of, &err) != 0)
		goto fail;
	if (after == NULL)
		return 1;
	if (standings_get(req->db, stage, &oa, after, &err) != 0) {
		standings_free(of);
		goto fail;
	}
	if (standings_get(req->db, stage, &ob, before, &err) != 0) {
		standings_free(of);
		standings_free(after);
		goto fail;
	}
	return 1;
fail:
	http_fail(out, 500, "%s", err);
	free(err);
	return 0;
}

/* The day links of the stage s (none when its matches give no day); on: the day shown, or 0. */
void
page_day_links(struct buf *b, sqlite3 *db, const struct standings *s, int on)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT DISTINCT day FROM match WHERE stage_id = ?1"
	                                  " AND day IS NOT NULL ORDER BY day");
	if (st == NULL) /* recorded (db_error_set): http_handle answers */
		return;
	sqlite3_bind_int64(st, 1, s->stage_id);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int d = sqlite3_column_int(st, 0);
		if (n++ == 0)
			htmlf(b, "<nav class=\"groups\" aria-label=\"%a\">", tr("day.days"));
		htmlf(b, "<a%r href=\"/t/%p/%p/day/%d%s\">%s</a>", d == on ? " class=\"on\"" : "",
		      s->tournament_slug, s->stage_slug, d, i18n_q(), tr("day.day", d));
	}
	sqlite3_finalize(st);
	if (n)
		htmlf(b, "</nav>\n");
}

/* The day's matches: number (a link), map, Booyah; a voided one says so. */
static void
day_matches(struct buf *b, sqlite3 *db, const struct standings *s, int day)
{
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT m.number, m.map, m.void, (SELECT t.name FROM result r JOIN team t"
	        " ON t.id = r.team_id WHERE r.match_id = m.id AND r.placement = 1"
	        " AND r.status = 'played' ORDER BY t.name LIMIT 1)"
	        " FROM match m WHERE m.stage_id = ?1 AND m.day = ?2 ORDER BY m.number");
	if (st == NULL) /* recorded (db_error_set): http_handle answers */
		return;
	sqlite3_bind_int64(st, 1, s->stage_id);
	sqlite3_bind_int(st, 2, day);
	htmlf(b, "<ul class=\"day-matches\">");
	while (sqlite3_step(st) == SQLITE_ROW) {
		int n = sqlite3_column_int(st, 0);
		const char *map = (const char *)sqlite3_column_text(st, 1);
		const char *voided = (const char *)sqlite3_column_text(st, 2);
		const char *booyah = (const char *)sqlite3_column_text(st, 3);
		htmlf(b, "<li><a href=\"/t/%p/%p/m/%d%s\">%s</a> · %s", s->tournament_slug,
		      s->stage_slug, n, i18n_q(), tr("match.name", n),
		      map ? map : tr("map.unknown"));
		if (voided)
			htmlf(b, " · %s", tr("grid.voided", voided));
		else if (booyah)
			htmlf(b, " · %s <strong>%s</strong>", tr("day.booyah"), booyah);
		htmlf(b, "</li>");
	}
	sqlite3_finalize(st);
	htmlf(b, "</ul>\n");
}

/* The row of team in s, or NULL. */
static const struct standing *
row_of(const struct standings *s, int64_t team)
{
	for (int i = 0; i < s->nrows; i++)
		if (s->rows[i].team_id == team)
			return &s->rows[i];
	return NULL;
}

/* GET /t/{tournament}/{stage}/day/{d}. */
void
page_day(const struct http_req *req, struct http_out *out)
{
	struct standings of, s, prev;
	int day;
	if (!page_day_standings(req, out, &of, &s, &prev, &day))
		return;
	struct buf *b = &out->body;
	html_open_live(b, tr("day.title", day, s.stage, s.tournament), stage_lead(&s),
	               req->version);
	stage_head(b, &s, 3);
	page_day_links(b, req->db, &s, day);
	htmlf(b, "<section id=\"live\"><h2>%s</h2>", tr("day.day", day));
	day_matches(b, req->db, &s, day);
	htmlf(b,
	      "<h2>%s</h2><div class=\"scroll\" tabindex=\"0\"><table class=\"board\"><thead><tr>"
	      "<th>#</th><th class=\"team\">%s</th><th title=\"%a\">%s</th><th>%s</th><th>%s</th>"
	      "<th>%s</th></tr></thead><tbody>\n",
	      tr("day.alone"), tr("board.team"), tr("board.m.title"), tr("board.m"),
	      tr("board.booyah"), tr("board.kills"), tr("team.points"));
	for (int i = 0; i < of.nrows; i++) {
		const struct standing *r = &of.rows[i];
		htmlf(b,
		      "<tr data-team=\"%a\"><td class=\"rank\">%d</td><td class=\"team\"><a "
		      "class=\"name\" "
		      "href=\"/teams/%p%s\">%s</a></td><td>%d</td><td>%d</td><td>%d</td>"
		      "<td class=\"total\">%d</td></tr>\n",
		      r->team, r->rank, r->slug, i18n_q(), r->team, r->matches, r->booyahs,
		      r->kills, r->points);
	}
	htmlf(b,
	      "</tbody></table></div>\n<h2>%s</h2><div class=\"scroll\" tabindex=\"0\"><table "
	      "class=\"board\"><thead><tr><th>#</th><th title=\"%a\">±</th><th "
	      "class=\"team\">%s</th><th>%s</th></tr></thead><tbody>\n",
	      tr("day.after", day), tr("day.move.title"), tr("board.team"), tr("board.total"));
	for (int i = 0; i < s.nrows; i++) {
		const struct standing *r = &s.rows[i], *p = row_of(&prev, r->team_id);
		int d = p && p->matches ? p->rank - r->rank : 0;
		htmlf(b, "<tr data-team=\"%a\"><td class=\"rank\">%d</td><td class=\"move%r\">",
		      r->team, r->rank,
		      d > 0   ? " up"
		      : d < 0 ? " down"
		              : "");
		if (d > 0)
			htmlf(b, "▲%d", d);
		else if (d < 0)
			htmlf(b, "▼%d", -d);
		htmlf(b,
		      "</td><td class=\"team\"><a class=\"name\" href=\"/teams/%p%s\">%s</a></td>"
		      "<td class=\"total\">%d</td></tr>\n",
		      r->slug, i18n_q(), r->team, r->points);
	}
	htmlf(b, "</tbody></table></div></section>\n");
	html_close(b);
	standings_free(&prev);
	standings_free(&s);
	standings_free(&of);
}
