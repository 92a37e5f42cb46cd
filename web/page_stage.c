/*
 * page_stage.c: the leaderboard page, GET /t/{tournament}/{stage}[?after=N]:
 * the champion, the standings table (rank, movement, Booyahs, kills, points,
 * the Champion Rush mark), the per-match grid of placement and kills, the
 * "after match N" selector and the points race chart (chart.c). Everything
 * that updates live sits in <section id="live">, which the page's script
 * re-fetches when the event stream says the data changed.
 */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "html.h"
#include "pages.h"
#include "stage.h"
#include "util.h"

/*
 * The "after match N" selector, one option per stored match, latest first: a
 * plain GET form, submitted by the script on change.
 */
static void
selector(struct buf *b, const struct standings *s)
{
	htmlf(b,
	      "<form class=\"after\" method=\"get\" action=\"/t/%p/%p\"><label>After match "
	      "<select name=\"after\">",
	      s->tournament_slug, s->stage_slug);
	for (int i = s->nnumbers - 1; i >= 0; i--) {
		int n = s->numbers[i];
		htmlf(b, "<option value=\"%d\"%r>%d%r</option>", n,
		      n == s->after_match ? " selected" : "", n,
		      i == s->nnumbers - 1 ? " (latest)" : "");
	}
	htmlf(b, "</select></label> <button type=\"submit\">Show</button></form>\n");
}

/*
 * The standings table. The Champion Rush mark sits in the team cell, so it
 * stays in sight on a phone: the champion's crown with the deciding match,
 * or a star with the match after which the team reached the threshold.
 */
static void
leaderboard(struct buf *b, const struct standings *s)
{
	htmlf(b, "<div class=\"scroll\"><table class=\"board\"><thead><tr>"
	         "<th>#</th><th title=\"rank movement since the previous match\">±</th>"
	         "<th class=\"team\">Team</th><th class=\"opt\" title=\"matches\">M</th>"
	         "<th title=\"Booyahs\">Booyah</th><th title=\"kills\">Kills</th>"
	         "<th class=\"opt\" title=\"placement points\">Place</th><th>Total</th>"
	         "</tr></thead><tbody>\n");
	for (int i = 0; i < s->nrows; i++) {
		const struct standing *r = &s->rows[i];
		int champ = s->champion_id && r->team_id == s->champion_id;
		htmlf(b, "<tr%r data-team=\"%a\"><td class=\"rank\">%d</td>",
		      champ ? " class=\"champion\"" : "", r->team, r->rank);
		int d = r->prev_rank ? r->prev_rank - r->rank : 0;
		if (r->prev_rank == 0)
			htmlf(b, "<td class=\"move\"></td>");
		else if (d > 0)
			htmlf(b, "<td class=\"move up\" title=\"up %d\">▲%d</td>", d, d);
		else if (d < 0)
			htmlf(b, "<td class=\"move down\" title=\"down %d\">▼%d</td>", -d, -d);
		else
			htmlf(b, "<td class=\"move\" title=\"no change\">=</td>");
		htmlf(b,
		      "<td class=\"team\"><a class=\"name\" href=\"/teams/%p\" title=\"%a\">%s</a>",
		      r->slug, r->team, r->team);
		if (champ)
			htmlf(b,
			      " <span class=\"champ-mark\" title=\"Champion Rush champion, decided "
			      "in match %d\">♛%d</span>",
			      s->decided_in_match, s->decided_in_match);
		else if (r->rush_since)
			htmlf(b,
			      " <span class=\"rush-mark\" title=\"reached %d points after match "
			      "%d\">★%d</span>",
			      s->rules.rush_threshold, r->rush_since, r->rush_since);
		htmlf(b,
		      "</td><td class=\"opt\">%d</td><td>%d</td><td>%d</td><td class=\"opt\">%d"
		      "</td><td class=\"total\">%d</td></tr>\n",
		      r->matches, r->booyahs, r->kills, r->placement_points, r->points);
	}
	htmlf(b, "</tbody></table></div>\n");
	if (s->rules.rush_threshold)
		htmlf(b,
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

	htmlf(b, "<h2>Match by match</h2><p class=\"muted\">Placement and kills; Booyahs "
	         "highlighted.</p><div class=\"scroll\"><table class=\"grid\"><thead><tr>"
	         "<th class=\"team\">Team</th>");
	for (int m = 0; m < n; m++)
		if (maps[m])
			htmlf(
			    b,
			    "<th class=\"match\" title=\"match %d: %a\">M%d<small>%s</small></th>",
			    s->numbers[m], maps[m], s->numbers[m], maps[m]);
	htmlf(b, "</tr></thead><tbody>\n");
	for (int i = 0; i < s->nrows; i++) {
		htmlf(b, "<tr><td class=\"team\">%s</td>", s->rows[i].team);
		for (int m = 0; m < n; m++) {
			if (maps[m] == NULL)
				continue;
			const struct cell *c = &cells[(size_t)i * (size_t)n + (size_t)m];
			if (c->placement == 0)
				htmlf(b, "<td class=\"none\">–</td>");
			else
				htmlf(b, "<td%r>%d<small>%dk</small></td>",
				      c->placement == 1 ? " class=\"booyah\"" : "", c->placement,
				      c->kills);
		}
		htmlf(b, "</tr>\n");
	}
	htmlf(b, "</tbody></table></div>\n");
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
	if (!stage_standings(req, out, 1, 1, &s))
		return;
	int last = s.nnumbers ? s.numbers[s.nnumbers - 1] : 0;
	struct buf *b = &out->body, events = {0};
	htmlf(&events, "/api/v1/tournaments/%p/stages/%p/events?since=%llu", s.tournament_slug,
	      s.stage_slug, (unsigned long long)req->version);
	char *title = xasprintf("%s · %s", s.stage, s.tournament);
	html_open(b, title, events.data);

	stage_head(b, &s, 0);
	if (last > 0)
		selector(b, &s);

	htmlf(b, "<section id=\"live\"><p class=\"status\">After match %d of %d", s.after_match,
	      last);
	if (s.rules.rush_threshold)
		htmlf(b, " · Champion Rush: %d points, then a Booyah", s.rules.rush_threshold);
	htmlf(b, "</p>\n");
	if (s.champion)
		htmlf(b,
		      "<p class=\"champion-banner\">♛ Champion: <strong>%s</strong>, decided in "
		      "match %d</p>\n",
		      s.champion, s.decided_in_match);
	if (s.nrows == 0)
		htmlf(b, "<p class=\"muted\">No match stored yet.</p>");
	else {
		leaderboard(b, &s);
		htmlf(b, "<h2>Points race</h2>");
		page_chart(b, &s);
		grid(b, req->db, &s);
	}
	htmlf(b, "</section>\n");
	html_close(b);
	buf_free(&events);
	free(title);
	standings_free(&s);
}
