/*
 * chart.c: the points race on the stage page, drawn by the server as
 * inline SVG: every team's total after each counted match (voided ones
 * left out), as the one scoring function records it in its pass
 * (standings_get with race), and the
 * Champion Rush threshold line where the stage has one; the axis goes
 * below 0 when a penalty takes a total there. Colours come from CSS
 * classes (c0..c15), so the page needs no inline style; a team keeps its
 * colour in every view of the stage and after every update (its place
 * among the stage's teams by id, not its rank). The legend's entries are
 * buttons the script uses to pick out one team's line.
 */
#include <stdlib.h>

#include "db.h"
#include "html.h"
#include "i18n.h"
#include "pages.h"
#include "util.h"

#define W     640 /* viewBox width */
#define H     320 /* viewBox height */
#define LEFT  40  /* room for the y labels */
#define RIGHT 10  /* margin on the right */
#define TOP   12  /* margin on top */
#define BOT   26  /* room for the x labels */

/*
 * x of the m-th match (0..n; 0: the start) and y of points p (low..top) in
 * the viewBox, in tenths, rounded half up in integers: the page's script
 * redraws the chart after a live update with the same arithmetic, to the
 * same digits.
 */
static int
half_up(long a, long b)
{
	return (int)((2 * a + b) / (2 * b));
}

static int
xat(int m, int n)
{
	return LEFT * 10 + half_up(10L * (W - LEFT - RIGHT) * m, n > 0 ? n : 1);
}

static int
yat(int p, int low, int top)
{
	return (H - BOT) * 10 -
	       half_up(10L * (H - TOP - BOT) * (p - low), top > low ? top - low : 1);
}

/* Append tenths t (>= 0) as "12.3". */
static void
tenths(struct buf *b, int t)
{
	htmlf(b, "%d.%d", t / 10, t % 10);
}

/*
 * The colour (0..15) of each row of st: the team's place among every team
 * of the stage (on its roster or in a result), by id. The caller frees it.
 */
static int *
colours(sqlite3 *db, const struct standings *st)
{
	int *c = xcalloc((size_t)st->nrows + 1, sizeof *c), k = 0;
	sqlite3_stmt *q = db_prepare(db, "SELECT team_id FROM stage_team WHERE stage_id = ?1"
	                                 " UNION SELECT r.team_id FROM result r JOIN match m"
	                                 " ON m.id = r.match_id WHERE m.stage_id = ?1"
	                                 " ORDER BY 1");
	if (q == NULL) /* recorded (db_error_set): http_handle answers */
		return c;
	sqlite3_bind_int64(q, 1, st->stage_id);
	while (sqlite3_step(q) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(q, 0);
		for (int t = 0; t < st->nrows; t++)
			if (st->rows[t].team_id == id)
				c[t] = k % 16;
		k++;
	}
	sqlite3_finalize(q);
	return c;
}

/*
 * Append the race chart of st (from standings_get() with race: its teams,
 * the counted matches up to its after_match) to b, with a legend.
 */
void
page_chart(struct buf *b, sqlite3 *db, const struct standings *st)
{
	int n = st->nrace, nt = st->nrows;
	const int *pts = st->race;
	if (n < 1 || nt < 1 || pts == NULL)
		return;
	int top = st->rules.rush_threshold, low = 0;
	for (size_t i = 0; i < (size_t)nt * ((size_t)n + 1); i++) {
		if (pts[i] > top)
			top = pts[i];
		if (pts[i] < low)
			low = pts[i];
	}
	int span = top - low;
	int step = span <= 50 ? 10 : span <= 125 ? 25 : span <= 250 ? 50 : span <= 500 ? 100 : 250;
	top = (top / step + 1) * step;
	low = low < 0 ? -((-low + step - 1) / step) * step : 0;

	htmlf(b,
	      "<figure class=\"chart\"><svg class=\"race\" viewBox=\"0 0 %d %d\" role=\"img\" "
	      "aria-label=\"%a\" xmlns=\"http://www.w3.org/2000/svg\" data-rush=\"%d\" "
	      "data-numbers=\"",
	      W, H, tr("chart.label"), st->rules.rush_threshold);
	for (int m = 0; m < n; m++)
		htmlf(b, "%r%d", m ? " " : "", st->numbers[m]);
	htmlf(b, "\">");
	for (int p = low; p <= top; p += step) {
		int y = yat(p, low, top);
		htmlf(b, "<line class=\"gridline\" x1=\"%d\" y1=\"", LEFT);
		tenths(b, y);
		htmlf(b, "\" x2=\"%d\" y2=\"", W - RIGHT);
		tenths(b, y);
		htmlf(b, "\"/><text class=\"ylabel\" x=\"%d\" y=\"", LEFT - 4);
		tenths(b, y + 40);
		htmlf(b, "\">%d</text>", p);
	}
	int every = n <= 16 ? 1 : n <= 40 ? 5 : 10;
	for (int m = 1; m <= n; m++)
		if (m % every == 0 || m == 1) {
			htmlf(b, "<text class=\"xlabel\" x=\"");
			tenths(b, xat(m, n));
			htmlf(b, "\" y=\"%d\">%d</text>", H - 8, st->numbers[m - 1]);
		}
	if (st->rules.rush_threshold) {
		int y = yat(st->rules.rush_threshold, low, top);
		htmlf(b, "<line class=\"rush-line\" x1=\"%d\" y1=\"", LEFT);
		tenths(b, y);
		htmlf(b, "\" x2=\"%d\" y2=\"", W - RIGHT);
		tenths(b, y);
		htmlf(b, "\"/><text class=\"rush-label\" x=\"%d\" y=\"", LEFT + 4);
		tenths(b, y - 40);
		htmlf(b, "\">%s</text>", tr("chart.rush", st->rules.rush_threshold));
	}
	int *c = colours(db, st);
	/* Draw the leaders last, so they sit on top; data-pts: the totals, for the script. */
	for (int t = nt - 1; t >= 0; t--) {
		const struct standing *r = &st->rows[t];
		const int *row = pts + (size_t)t * ((size_t)n + 1);
		htmlf(b, "<polyline class=\"line c%d%r\" data-team=\"%a\" points=\"", c[t],
		      st->champion_id && r->team_id == st->champion_id ? " champ" : "", r->team);
		for (int m = 0; m <= n; m++) {
			htmlf(b, "%r", m ? " " : "");
			tenths(b, xat(m, n));
			htmlf(b, ",");
			tenths(b, yat(row[m], low, top));
		}
		htmlf(b, "\" data-pts=\"");
		for (int m = 0; m <= n; m++)
			htmlf(b, "%r%d", m ? " " : "", row[m]);
		htmlf(b, "\"><title>%s</title></polyline>", tr("chart.points", r->team, r->points));
	}
	htmlf(b, "</svg><figcaption><ol class=\"legend\">");
	for (int t = 0; t < nt; t++)
		htmlf(b,
		      "<li><button type=\"button\" data-team=\"%a\" aria-pressed=\"false\"><span "
		      "class=\"sw c%d\"></span>%s <span class=\"muted\">%'d</span></button></li>",
		      st->rows[t].team, c[t], st->rows[t].team, st->rows[t].points);
	htmlf(b, "</ol></figcaption></figure>\n");
	free(c);
}
