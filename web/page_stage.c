/*
 * page_stage.c: the leaderboard page, GET /t/{tournament}/{stage}[?after=N]:
 * the champion, the standings table (rank, movement, Booyahs, kills, points,
 * the Champion Rush mark), the per-match grid of placement and kills, the
 * "after match N" selector and the points race chart (chart.c). Everything
 * that updates live sits in <section id="live">, which the page's script
 * re-fetches when the event stream says the data changed. Also the slug and
 * ?after= checks, the standings and the heading the other stage pages and
 * the API share.
 */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "html.h"
#include "pages.h"
#include "util.h"

/*
 * The stage that req's first two parameters (tournament and stage slugs)
 * name. Returns 1 with *stage set, or 0 with out set to 404.
 */
int
page_stage_id(const struct http_req *req, struct http_out *out, int64_t *stage)
{
	sqlite3_stmt *st = db_prepare(req->db, "SELECT s.id FROM stage s JOIN tournament t"
	                                       " ON t.id = s.tournament_id"
	                                       " WHERE t.slug = ?1 AND s.slug = ?2");
	sqlite3_bind_text(st, 1, req->param[0], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, req->param[1], -1, SQLITE_STATIC);
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		*stage = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (!found)
		http_fail(out, 404, "no stage '%s' in a tournament '%s'", req->param[1],
		          req->param[0]);
	return found;
}

/*
 * The ?after=N of req for stage: *after = N, or 0 (every match) when it is
 * absent or empty. Returns 1, or 0 with out set to 400 when N is not the
 * number of a stored match of the stage written plainly: a leading zero is
 * refused, and so is a number between two stored ones, so that "01",
 * "001", ... or the numbers in a gap cannot each fill a cache entry with
 * the same page.
 */
static int
after_arg(const struct http_req *req, struct http_out *out, int64_t stage, int *after)
{
	const char *arg = http_arg(req, "after");
	*after = 0;
	if (arg == NULL || *arg == '\0')
		return 1;
	char *end;
	long v = strtol(arg, &end, 10);
	int64_t last =
	    db_int(req->db, 0, "SELECT max(number) FROM match WHERE stage_id = ?1", stage);
	int stored = 0;
	if (*arg >= '1' && *arg <= '9' && *end == '\0' && v >= 1 && v <= last) {
		sqlite3_stmt *st =
		    db_prepare(req->db, "SELECT 1 FROM match WHERE stage_id = ?1 AND number = ?2");
		sqlite3_bind_int64(st, 1, stage);
		sqlite3_bind_int64(st, 2, v);
		stored = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
	}
	if (!stored) {
		http_fail(out, 400, "after=%s: expected a match number from 1 to %lld", arg,
		          (long long)last);
		return 0;
	}
	*after = (int)v;
	return 1;
}

/* The link to the stage page of s, as an attribute-safe path. */
static void
stage_href(struct buf *b, const struct standings *s)
{
	html_raw(b, "/t/");
	url_arg(b, s->tournament_slug);
	html_raw(b, "/");
	url_arg(b, s->stage_slug);
}

/* page_standings, with the points race as well when race is 1 (standings_race). */
static int
standings_for(const struct http_req *req, struct http_out *out, int with_after, int race,
              struct standings *s)
{
	int64_t stage;
	int after = 0;
	char *err;
	if (!page_stage_id(req, out, &stage) || (with_after && !after_arg(req, out, stage, &after)))
		return 0;
	if ((race ? standings_race(req->db, stage, after, s, &err)
	          : standings_compute(req->db, stage, NULL, after, s, &err)) != 0) {
		http_fail(out, 500, "%s", err);
		free(err);
		return 0;
	}
	return 1;
}

/*
 * The standings of the stage req's first two parameters name, as of its
 * ?after=N when with_after (else after every match). Returns 1 with *s set
 * (free it with standings_free()), or 0 with out set to 404, 400 or 500.
 */
int
page_standings(const struct http_req *req, struct http_out *out, int with_after,
               struct standings *s)
{
	return standings_for(req, out, with_after, 0, s);
}

/*
 * The crumbs, heading and tabs (leaderboard, maps, JSON) of s's stage
 * pages; maps: 1 on the map table, 0 on the leaderboard.
 */
void
page_stage_head(struct buf *b, const struct standings *s, int maps)
{
	html_raw(b, "<p class=\"crumbs\"><a href=\"/\">Tournaments</a> › ");
	html_text(b, s->tournament);
	html_raw(b, "</p><h1>");
	html_text(b, s->stage);
	html_raw(b, maps ? "</h1><nav class=\"tabs\"><a href=\""
	                 : "</h1><nav class=\"tabs\"><a class=\"on\" href=\"");
	stage_href(b, s);
	html_raw(b, maps ? "\">Leaderboard</a><a class=\"on\" href=\""
	                 : "\">Leaderboard</a><a href=\"");
	stage_href(b, s);
	html_raw(b, "/maps\">Maps</a><a href=\"/api/v1/tournaments/");
	url_arg(b, s->tournament_slug);
	html_raw(b, "/stages/");
	url_arg(b, s->stage_slug);
	html_raw(b, maps ? "/maps\">JSON</a></nav>\n" : "/standings\">JSON</a></nav>\n");
}

/*
 * The "after match N" selector, one option per stored match, latest first: a
 * plain GET form, submitted by the script on change.
 */
static void
selector(struct buf *b, const struct standings *s)
{
	html_raw(b, "<form class=\"after\" method=\"get\" action=\"");
	stage_href(b, s);
	html_raw(b, "\"><label>After match <select name=\"after\">");
	for (int i = s->nnumbers - 1; i >= 0; i--) {
		int n = s->numbers[i];
		buf_printf(b, "<option value=\"%d\"%s>%d%s</option>", n,
		           n == s->after_match ? " selected" : "", n,
		           i == s->nnumbers - 1 ? " (latest)" : "");
	}
	html_raw(b, "</select></label> <button type=\"submit\">Show</button></form>\n");
}

/*
 * The standings table. The Champion Rush mark sits in the team cell, so it
 * stays in sight on a phone: the champion's crown with the deciding match,
 * or a star with the match after which the team reached the threshold.
 */
static void
leaderboard(struct buf *b, const struct standings *s)
{
	html_raw(b, "<div class=\"scroll\"><table class=\"board\"><thead><tr>"
	            "<th>#</th><th title=\"rank movement since the previous match\">±</th>"
	            "<th class=\"team\">Team</th><th class=\"opt\" title=\"matches\">M</th>"
	            "<th title=\"Booyahs\">Booyah</th><th title=\"kills\">Kills</th>"
	            "<th class=\"opt\" title=\"placement points\">Place</th><th>Total</th>"
	            "</tr></thead><tbody>\n");
	for (int i = 0; i < s->nrows; i++) {
		const struct standing *r = &s->rows[i];
		int champ = s->champion_id && r->team_id == s->champion_id;
		html_raw(b, champ ? "<tr class=\"champion\" data-team=\"" : "<tr data-team=\"");
		html_attr(b, r->team);
		buf_printf(b, "\"><td class=\"rank\">%d</td>", r->rank);
		int d = r->prev_rank ? r->prev_rank - r->rank : 0;
		if (r->prev_rank == 0)
			html_raw(b, "<td class=\"move\"></td>");
		else if (d > 0)
			buf_printf(b, "<td class=\"move up\" title=\"up %d\">▲%d</td>", d, d);
		else if (d < 0)
			buf_printf(b, "<td class=\"move down\" title=\"down %d\">▼%d</td>", -d, -d);
		else
			html_raw(b, "<td class=\"move\" title=\"no change\">=</td>");
		html_raw(b, "<td class=\"team\"><a class=\"name\" href=\"/teams/");
		url_arg(b, r->slug);
		html_raw(b, "\" title=\"");
		html_attr(b, r->team);
		html_raw(b, "\">");
		html_text(b, r->team);
		html_raw(b, "</a>");
		if (champ)
			buf_printf(
			    b,
			    " <span class=\"champ-mark\" title=\"Champion Rush champion, decided "
			    "in match %d\">♛%d</span>",
			    s->decided_in_match, s->decided_in_match);
		else if (r->rush_since)
			buf_printf(
			    b,
			    " <span class=\"rush-mark\" title=\"reached %d points after match "
			    "%d\">★%d</span>",
			    s->rules.rush_threshold, r->rush_since, r->rush_since);
		buf_printf(
		    b,
		    "</td><td class=\"opt\">%d</td><td>%d</td><td>%d</td><td class=\"opt\">%d"
		    "</td><td class=\"total\">%d</td></tr>\n",
		    r->matches, r->booyahs, r->kills, r->placement_points, r->points);
	}
	html_raw(b, "</tbody></table></div>\n");
	if (s->rules.rush_threshold)
		buf_printf(b,
		           "<p class=\"muted\">♛ champion (deciding match) · ★ reached %d points "
		           "(after match)</p>\n",
		           s->rules.rush_threshold);
}

/* One cell of the grid. */
struct cell {
	int placement; /* 0: did not play */
	int kills;     /* kills */
};

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return x < y ? -1 : x > y;
}

/*
 * The per-match grid: a column per stored match up to s's after_match
 * (with its map), a row per team.
 */
static void
grid(struct buf *b, sqlite3 *db, const struct standings *s)
{
	int n = 0;
	while (n < s->nnumbers && s->numbers[n] <= s->after_match)
		n++;
	if (n < 1)
		return;
	char **maps = xcalloc((size_t)n, sizeof *maps);
	struct cell *cells = xcalloc((size_t)s->nrows * (size_t)n, sizeof *cells);
	sqlite3_stmt *st = db_prepare(db, "SELECT m.number, m.map, r.team_id, r.placement, r.kills"
	                                  " FROM match m JOIN result r ON r.match_id = m.id"
	                                  " WHERE m.stage_id = ?1 AND m.number <= ?2");
	sqlite3_bind_int64(st, 1, s->stage_id);
	sqlite3_bind_int(st, 2, s->after_match);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int number = sqlite3_column_int(st, 0);
		const int *at = bsearch(&number, s->numbers, (size_t)n, sizeof number, cmp_int);
		int64_t team = sqlite3_column_int64(st, 2);
		if (at == NULL)
			continue;
		size_t m = (size_t)(at - s->numbers);
		if (maps[m] == NULL)
			maps[m] = db_text(st, 1);
		for (int i = 0; i < s->nrows; i++)
			if (s->rows[i].team_id == team) {
				cells[(size_t)i * (size_t)n + m] = (struct cell){
				    sqlite3_column_int(st, 3), sqlite3_column_int(st, 4)};
				break;
			}
	}
	sqlite3_finalize(st);

	html_raw(b, "<h2>Match by match</h2><p class=\"muted\">Placement and kills; Booyahs "
	            "highlighted.</p><div class=\"scroll\"><table class=\"grid\"><thead><tr>"
	            "<th class=\"team\">Team</th>");
	for (int m = 0; m < n; m++) {
		if (maps[m] == NULL)
			continue;
		buf_printf(b, "<th class=\"match\" title=\"match %d: ", s->numbers[m]);
		html_attr(b, maps[m]);
		buf_printf(b, "\">M%d<small>", s->numbers[m]);
		html_text(b, maps[m]);
		html_raw(b, "</small></th>");
	}
	html_raw(b, "</tr></thead><tbody>\n");
	for (int i = 0; i < s->nrows; i++) {
		html_raw(b, "<tr><td class=\"team\">");
		html_text(b, s->rows[i].team);
		html_raw(b, "</td>");
		for (int m = 0; m < n; m++) {
			if (maps[m] == NULL)
				continue;
			const struct cell *c = &cells[(size_t)i * (size_t)n + (size_t)m];
			if (c->placement == 0)
				html_raw(b, "<td class=\"none\">–</td>");
			else
				buf_printf(b, "<td%s>%d<small>%dk</small></td>",
				           c->placement == 1 ? " class=\"booyah\"" : "",
				           c->placement, c->kills);
		}
		html_raw(b, "</tr>\n");
	}
	html_raw(b, "</tbody></table></div>\n");
	for (int m = 0; m < n; m++)
		free(maps[m]);
	free(maps);
	free(cells);
}

/* GET /t/{tournament}/{stage}[?after=N]: the leaderboard page. */
void
page_stage(const struct http_req *req, struct http_out *out)
{
	struct standings s;
	if (!standings_for(req, out, 1, 1, &s))
		return;
	int last = s.nnumbers ? s.numbers[s.nnumbers - 1] : 0;
	struct buf *b = &out->body, events = {0}, title = {0};
	buf_puts(&events, "/api/v1/tournaments/");
	url_arg(&events, s.tournament_slug);
	buf_puts(&events, "/stages/");
	url_arg(&events, s.stage_slug);
	buf_printf(&events, "/events?since=%llu", (unsigned long long)req->version);
	buf_printf(&title, "%s · %s", s.stage, s.tournament);
	html_open(b, title.data, events.data);

	page_stage_head(b, &s, 0);
	if (last > 0)
		selector(b, &s);

	html_raw(b, "<section id=\"live\">");
	buf_printf(b, "<p class=\"status\">After match %d of %d", s.after_match, last);
	if (s.rules.rush_threshold)
		buf_printf(b, " · Champion Rush: %d points, then a Booyah", s.rules.rush_threshold);
	html_raw(b, "</p>\n");
	if (s.champion) {
		html_raw(b, "<p class=\"champion-banner\">♛ Champion: <strong>");
		html_text(b, s.champion);
		buf_printf(b, "</strong>, decided in match %d</p>\n", s.decided_in_match);
	}
	if (s.nrows == 0)
		html_raw(b, "<p class=\"muted\">No match stored yet.</p>");
	else {
		leaderboard(b, &s);
		html_raw(b, "<h2>Points race</h2>");
		page_chart(b, &s);
		grid(b, req->db, &s);
	}
	html_raw(b, "</section>\n");
	html_close(b);
	buf_free(&events);
	buf_free(&title);
	standings_free(&s);
}
