/*
 * page_maps.c: the map table of a stage, GET /t/{tournament}/{stage}/maps:
 * a row per team (in standings order), a column per map, each cell the
 * team's points per match there (shaded by how high they are, as a CSS
 * class), its Booyahs and matches. Numbers from maps_compute; a match on an
 * unknown map is left out, and the page says how many were (maps_unknown).
 */
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "i18n.h"
#include "maps.h"
#include "pages.h"
#include "stage.h"
#include "util.h"

/* The index of map in maps[0..*n), added when new. */
static int
map_index(char ***maps, int *n, const char *map)
{
	for (int i = 0; i < *n; i++)
		if (strcmp((*maps)[i], map) == 0)
			return i;
	*maps = xrealloc(*maps, ((size_t)*n + 1) * sizeof **maps);
	(*maps)[*n] = (char *)map;
	return (*n)++;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* GET /t/{tournament}/{stage}/maps. */
void
page_maps(const struct http_req *req, struct http_out *out)
{
	struct standings s;
	struct map_row *rows;
	int nrows;
	char *err;
	if (!stage_standings(req, out, 0, 0, &s))
		return;
	struct maps_query q = {.stage = s.stage_id};
	if (maps_compute(req->db, &q, &rows, &nrows, &err) != 0) {
		http_fail(out, 500, "%s", err);
		free(err);
		standings_free(&s);
		return;
	}
	char **maps = NULL;
	int nmaps = 0;
	double best = 0;
	for (int i = 0; i < nrows; i++) {
		map_index(&maps, &nmaps, rows[i].map);
		if (rows[i].points_per_match > best)
			best = rows[i].points_per_match;
	}
	if (nmaps)
		qsort(maps, (size_t)nmaps, sizeof *maps, by_name);

	struct buf *b = &out->body;
	html_open_live(b, tr("maps.title", s.stage, s.tournament), stage_lead(&s), req->version);
	stage_head(b, &s, 1);
	htmlf(b, "<section id=\"live\">");
	int unknown = maps_unknown(req->db, &q);
	htmlf(b, "<p class=\"muted\">%s</p>\n", tr("maps.intro"));
	if (unknown)
		htmlf(b, "<p class=\"muted\">%s</p>\n", trn("maps.unknown", unknown, unknown));
	htmlf(b,
	      "<div class=\"scroll\" tabindex=\"0\"><table class=\"heat\"><thead><tr><th "
	      "class=\"team\">%s"
	      "</th>",
	      tr("board.team"));
	for (int m = 0; m < nmaps; m++)
		htmlf(b, "<th>%s</th>", maps[m]);
	htmlf(b, "</tr></thead><tbody>\n");
	for (int t = 0; t < s.nrows; t++) {
		htmlf(b, "<tr><td class=\"team\"><a href=\"/teams/%p%s\">%s</a></td>",
		      s.rows[t].slug, i18n_q(), s.rows[t].team);
		for (int m = 0; m < nmaps; m++) {
			const struct map_row *r = NULL;
			for (int i = 0; i < nrows && r == NULL; i++)
				if (rows[i].team_id == s.rows[t].team_id &&
				    strcmp(rows[i].map, maps[m]) == 0)
					r = &rows[i];
			if (r == NULL) {
				htmlf(b, "<td class=\"none\">–</td>");
				continue;
			}
			int level = best > 0 ? (int)(r->points_per_match / best * 5 + 0.5) : 0;
			htmlf(b,
			      "<td class=\"h%d\" title=\"%a\"><b>%'.1f</b><small>%s</small></td>",
			      level, tr("maps.rank", r->map_rank), r->points_per_match,
			      tr("maps.cell", r->booyahs, r->matches));
		}
		htmlf(b, "</tr>\n");
	}
	htmlf(b, "</tbody></table></div></section>\n");
	html_close(b);
	free(maps);
	maps_free(rows, nrows);
	standings_free(&s);
}
