/*
 * page_players.c: the players of a stage, GET /t/{tournament}/{stage}/
 * players[?sort=K]: a row per player (players_compute, the same rows as
 * `tracker players --stage S`): matches, kills, damage, assists, MVPs and
 * the per-match figures, sorted by the column K names (kills unless told),
 * each column's heading a link that sorts by it. The API's twin
 * (api_players) takes the same ?sort=.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "i18n.h"
#include "pages.h"
#include "players.h"
#include "stage.h"
#include "util.h"

/* The sortable columns: ?sort= key, heading, its title. */
static const struct {
	const char *key, *head, *title; /* the heading and its title: catalog keys */
} sorts[] = {
    {"kills", "board.kills", "board.kills.title"},
    {"damage", "match.dmg", "team.damage"},
    {"assists", "match.ast", "team.assists"},
    {"mvps", "team.mvp", "players.mvps.title"},
    {"kpm", "team.km", "team.km.title"},
    {"dpm", "players.dpm", "players.dpm.title"},
    {"matches", "board.m", "players.matches.title"},
};
enum { NSORTS = sizeof sorts / sizeof sorts[0] };

/* A row's sort key (value(), then kills, then name) and where the row was. */
struct key {
	double v;
	const struct player_row *r;
};

/* row's value of sorts[k]; NaN (no damage given) sorts below every number. */
static double
value(const struct player_row *r, int k)
{
	switch (k) {
	case 1:
		return (double)r->damage;
	case 2:
		return r->assists;
	case 3:
		return r->mvps;
	case 4:
		return r->kills_per_match;
	case 5:
		return isnan(r->damage_per_match) ? -1 : r->damage_per_match;
	case 6:
		return r->matches;
	default:
		return r->kills;
	}
}

/* Most first; ties by kills, then by name, so the order is one. */
static int
cmp_key(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	if (x->v != y->v)
		return x->v < y->v ? 1 : -1;
	if (x->r->kills != y->r->kills)
		return x->r->kills < y->r->kills ? 1 : -1;
	return strcmp(x->r->player, y->r->player);
}

/* Sort rows[0..n) by sorts[k]. */
static void
sort_rows(struct player_row *rows, int n, int k)
{
	struct key *keys = xcalloc((size_t)(n ? n : 1), sizeof *keys);
	struct player_row *copy = xcalloc((size_t)(n ? n : 1), sizeof *copy);
	for (int i = 0; i < n; i++)
		keys[i] = (struct key){value(&rows[i], k), &rows[i]};
	qsort(keys, (size_t)n, sizeof *keys, cmp_key);
	for (int i = 0; i < n; i++)
		copy[i] = *keys[i].r;
	memcpy(rows, copy, (size_t)n * sizeof *rows);
	free(copy);
	free(keys);
}

/*
 * The players of the stage req names, sorted by its ?sort= (*sort its index
 * in sorts). Returns 1 with *rows, *n and *s set (free them with
 * players_free and standings_free), or 0 with out set to 404 or 400.
 */
int
page_players_rows(const struct http_req *req, struct http_out *out, struct standings *s,
                  struct player_row **rows, int *n, int *sort)
{
	const char *arg = http_arg(req, "sort");
	*sort = 0;
	if (arg && *arg) {
		*sort = -1;
		for (int k = 0; k < NSORTS; k++)
			if (strcmp(arg, sorts[k].key) == 0)
				*sort = k;
		if (*sort < 0) {
			http_fail_tr(out, 400, "detail.sort", arg);
			return 0;
		}
	}
	if (!stage_standings(req, out, 0, 0, s))
		return 0;
	struct players_query q = {.stage = s->stage_id};
	if (players_compute(req->db, &q, rows, n) < 0) {
		standings_free(s);
		return 0; /* recorded (db_error_set): http_handle answers */
	}
	if (*sort)
		sort_rows(*rows, *n, *sort);
	return 1;
}

/* GET /t/{tournament}/{stage}/players[?sort=K]. */
void
page_players(const struct http_req *req, struct http_out *out)
{
	struct standings s;
	struct player_row *rows;
	int n, sort;
	if (!page_players_rows(req, out, &s, &rows, &n, &sort))
		return;
	struct buf *b = &out->body;
	html_open_live(b, tr("players.title", s.stage, s.tournament),
	               tr("players.og", s.stage, s.tournament), req->version);
	stage_head(b, &s, 2);
	htmlf(b, "<section id=\"live\">");
	if (n == 0)
		htmlf(b, "<p class=\"muted\">%s</p>", tr("players.none"));
	else {
		htmlf(b,
		      "<div class=\"scroll\" tabindex=\"0\"><table class=\"players\"><thead><tr>"
		      "<th>#</th><th class=\"team\">%s</th>",
		      tr("team.player"));
		for (int k = 0; k < NSORTS; k++)
			htmlf(b,
			      "<th%r title=\"%a\"><a class=\"sort\" "
			      "href=\"/t/%p/%p/players%r%p%s\"%r>"
			      "%s</a></th>",
			      k == sort ? " class=\"on\" aria-sort=\"descending\"" : "",
			      tr(sorts[k].title), s.tournament_slug, s.stage_slug,
			      k ? "?sort=" : "", k ? sorts[k].key : "", k ? i18n_amp() : i18n_q(),
			      k == sort ? " aria-current=\"true\"" : "", tr(sorts[k].head));
		htmlf(b, "</tr></thead><tbody>\n");
		for (int i = 0; i < n; i++) {
			const struct player_row *r = &rows[i];
			htmlf(b,
			      "<tr><td>%d</td><td class=\"team\"><span class=\"name\">%s</span>"
			      "<small><a href=\"/teams/%p%s\">%s</a></small></td><td>%d</td>"
			      "<td>%'lld</td><td>%d</td><td>%d</td><td>%'.2f</td>",
			      i + 1, r->player, r->team_slug, i18n_q(), r->teams, r->kills,
			      (long long)r->damage, r->assists, r->mvps, r->kills_per_match);
			if (isnan(r->damage_per_match))
				htmlf(b, "<td class=\"none\">–</td>");
			else
				htmlf(b, "<td>%'.1f</td>", r->damage_per_match);
			htmlf(b, "<td>%d</td></tr>\n", r->matches);
		}
		htmlf(b, "</tbody></table></div>\n");
	}
	htmlf(b, "</section>\n");
	html_close(b);
	players_free(rows, n);
	standings_free(&s);
}
