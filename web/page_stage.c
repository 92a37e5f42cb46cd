/*
 * page_stage.c: the leaderboard page, GET /t/{tournament}/{stage}[?after=N]
 * [&group=G]: the group selector, what the table is after (match number and
 * matches played), the champion and how it was decided, the notes of the
 * scoring function (voided and late matches, adjustments, carried head
 * starts), the standings table (rank and zone band, movement, Booyahs,
 * kills, head start, adjustments with their reasons, points, the Champion
 * Rush mark), the zone legend, the points race chart (chart.c) and the
 * per-match grid of placement and kills (DQ and forfeit marked, a voided
 * match as a column that counts for nothing). Everything that updates live
 * sits in <section id="live">, which the page's script re-fetches when the
 * event stream says the data changed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "html.h"
#include "i18n.h"
#include "pages.h"
#include "scenarios.h"
#include "stage.h"
#include "util.h"

/*
 * The group selector, when the stage has groups: the whole stage, then each
 * group, as links that keep ?after=.
 */
static void
groups(struct buf *b, const struct http_req *req, const struct standings *s)
{
	sqlite3_stmt *st = db_prepare(req->db, "SELECT DISTINCT grp FROM stage_team"
	                                       " WHERE stage_id = ?1 AND grp IS NOT NULL"
	                                       " ORDER BY grp");
	if (st == NULL) /* recorded (db_error_set): http_handle answers */
		return;
	sqlite3_bind_int64(st, 1, s->stage_id);
	const char *after = http_arg(req, "after");
	if (after && *after == '\0')
		after = NULL;
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *g = (const char *)sqlite3_column_text(st, 0);
		if (n++ == 0)
			htmlf(b,
			      "<nav class=\"groups\" aria-label=\"%a\"><a%r "
			      "href=\"/t/%p/%p%r%p%s\">%s</a>",
			      tr("stage.groups"), s->group ? "" : " class=\"on\"",
			      s->tournament_slug, s->stage_slug, after ? "?after=" : "", after,
			      after ? i18n_amp() : i18n_q(), tr("stage.whole"));
		htmlf(b, "<a%r href=\"/t/%p/%p?group=%p%r%p%s\">%s</a>",
		      s->group && strcmp(s->group, g) == 0 ? " class=\"on\"" : "",
		      s->tournament_slug, s->stage_slug, g, after ? "&amp;after=" : "", after,
		      i18n_amp(), tr("stage.group", g));
	}
	sqlite3_finalize(st);
	if (n)
		htmlf(b, "</nav>\n");
}

/*
 * The "after match N" selector, one option per stored match, latest first
 * (a voided one says so), then 0, before the first match: a plain GET form
 * (keeping the group), submitted by the script on change.
 */
static void
selector(struct buf *b, sqlite3 *db, const struct standings *s)
{
	htmlf(b, "<form class=\"after\" method=\"get\" action=\"/t/%p/%p\">%r%a%r",
	      s->tournament_slug, s->stage_slug,
	      s->group ? "<input type=\"hidden\" name=\"group\" value=\"" : "", s->group,
	      s->group ? "\">" : "");
	if (i18n_q()[0])
		htmlf(b, "<input type=\"hidden\" name=\"lang\" value=\"%a\">",
		      i18n_code(i18n_lang()));
	htmlf(b, "<label>%s <select name=\"after\">", tr("stage.after"));
	sqlite3_stmt *st = db_prepare(db, "SELECT number, void IS NOT NULL FROM match"
	                                  " WHERE stage_id = ?1 ORDER BY number DESC");
	if (st == NULL) /* recorded (db_error_set): http_handle answers */
		return;
	sqlite3_bind_int64(st, 1, s->stage_id);
	int first = 1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int n = sqlite3_column_int(st, 0), voided = sqlite3_column_int(st, 1);
		htmlf(b, "<option value=\"%d\"%r>%d%s</option>", n,
		      n == s->after_match ? " selected" : "", n,
		      voided  ? tr("stage.after.voided")
		      : first ? tr("stage.after.latest")
		              : "");
		first = 0;
	}
	sqlite3_finalize(st);
	htmlf(b,
	      "<option value=\"0\"%r>%s</option></select></label> "
	      "<button type=\"submit\">%s</button></form>\n",
	      s->after_match == 0 ? " selected" : "", tr("stage.after.zero"), tr("stage.show"));
}

/* Whether a row of s has a head start, a dq or forfeit, a zone. */
static int
any_row(const struct standings *s, int what)
{
	for (int i = 0; i < s->nrows; i++)
		if ((what == 'h' && s->rows[i].headstart) || (what == 'd' && s->rows[i].dq) ||
		    (what == 'z' && s->rows[i].zone) || (what == 'g' && s->rows[i].group))
			return 1;
	return 0;
}

/* The index of r's zone in s's ruleset, or -1 without one. */
static int
zone_of(const struct standings *s, const struct standing *r)
{
	for (int z = 0; r->zone && z < s->rules.nzones; z++)
		if (s->rules.zones[z].label == r->zone)
			return z;
	return -1;
}

/* The zone legend under the table: each zone's band, ranks and label. */
static void
zone_legend(struct buf *b, const struct standings *s)
{
	htmlf(b, "<ul class=\"zones\">");
	for (int z = 0, from = 1; z < s->rules.nzones; z++) {
		const struct zone *zn = &s->rules.zones[z];
		if (zn->to == from)
			htmlf(b, "<li><span class=\"band z%d\"></span>%d: %s</li>", z % 6, from,
			      zn->label);
		else
			htmlf(b, "<li><span class=\"band z%d\"></span>%d–%d: %s</li>", z % 6, from,
			      zn->to, zn->label);
		from = zn->to + 1;
	}
	htmlf(b, "</ul>\n");
}

/* The columns the standings table has beyond the fixed ones. */
struct board {
	int grp;  /* a group column: the whole stage of a stage with groups */
	int dq;   /* a DQ/FF column: a team was disqualified from a match or forfeited one */
	int hs;   /* a head-start column: a team has one */
	int adj;  /* an Adj column: the totals hold adjustments */
	int cols; /* columns in all */
};

/* The reason rows of row r's adjustments, under it, as wide as the table. */
static void
adjustment_rows(struct buf *b, const struct standings *s, const struct standing *r, int cols)
{
	for (int a = 0; a < s->nadj; a++) {
		const struct standings_adjustment *x = &s->adj[a];
		if (x->team_id != r->team_id)
			continue;
		htmlf(b, "<tr class=\"adj-note\"><td colspan=\"%d\">%s %r%d: %s", cols, r->team,
		      x->points > 0 ? "+" : "", x->points, x->reason);
		if (x->after_match)
			htmlf(b, " <span class=\"muted\">%s</span></td></tr>\n",
			      tr("adj.from_match", x->after_match));
		else
			htmlf(b, " <span class=\"muted\">%s</span></td></tr>\n",
			      tr("adj.from_start"));
	}
}

/*
 * The opening of row i of the standings table, its rank cell: the
 * champion's row marked, the zone's band (z0..z5) and a line where a zone
 * starts, the zone's label as the rank's title.
 */
static void
rank_cell(struct buf *b, const struct standings *s, int i)
{
	const struct standing *r = &s->rows[i];
	int champ = s->champion_id && r->team_id == s->champion_id;
	int z = zone_of(s, r), zprev = i ? zone_of(s, &s->rows[i - 1]) : z;
	char cls[48] = "";
	size_t len = 0;
	if (champ)
		len += (size_t)snprintf(cls + len, sizeof cls - len, "champion ");
	if (z >= 0)
		len += (size_t)snprintf(cls + len, sizeof cls - len, "z%d ", z % 6);
	if (z != zprev)
		len += (size_t)snprintf(cls + len, sizeof cls - len, "zstart ");
	if (len)
		cls[len - 1] = '\0';
	htmlf(b, "<tr%r%a%r data-team=\"%a\"><td class=\"rank\"%r%a%r>%d</td>",
	      cls[0] ? " class=\"" : "", cls, cls[0] ? "\"" : "", r->team,
	      r->zone ? " title=\"" : "", r->zone, r->zone ? "\"" : "", r->rank);
}

/*
 * Why tiebreaker t (rules_tiebreak_name) put a team below the one level
 * with it above, in words.
 */
static const char *
tiebreak_words(const char *t)
{
	static const char *const names[] = {"booyahs",          "kills",          "counted_kills",
	                                    "placement_points", "last_placement", "avg_placement",
	                                    "best_match",       "countback"};
	char key[64];
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(t, names[i]) == 0) {
			snprintf(key, sizeof key, "tiebreak.%s", names[i]);
			return tr(key);
		}
	return t;
}

/*
 * Row i of the standings table. The name is never cut; under it, on a
 * line of their own, the Champion Rush mark (the champion's crown with the
 * deciding match, or a star with the match after which the team reached
 * the threshold) and, for a team level on points with the one above, the
 * tiebreaker that split them. A carried head start names its stage.
 */
static void
board_row(struct buf *b, const struct standings *s, const struct board *k, int i)
{
	const struct standing *r = &s->rows[i];
	rank_cell(b, s, i);
	int d = r->prev_rank ? r->prev_rank - r->rank : 0;
	if (r->prev_rank == 0)
		htmlf(b, "<td class=\"move\"></td>");
	else if (d > 0)
		htmlf(b, "<td class=\"move up\" title=\"%a\">▲%d</td>", tr("board.up", d), d);
	else if (d < 0)
		htmlf(b, "<td class=\"move down\" title=\"%a\">▼%d</td>", tr("board.down", -d), -d);
	else
		htmlf(b, "<td class=\"move\" title=\"%a\">=</td>", tr("board.same"));
	htmlf(b, "<td class=\"team\"><a class=\"name\" href=\"/teams/%p%s\">%s</a>", r->slug,
	      i18n_q(), r->team);
	if (s->champion_id && r->team_id == s->champion_id)
		htmlf(b, "<small class=\"mark champ-mark\" title=\"%a\">♛ %s</small>",
		      tr("board.champ_mark", s->decided_in_match),
		      tr("board.champ_small", s->decided_in_match));
	else if (r->rush_since)
		htmlf(b, "<small class=\"mark rush-mark\" title=\"%a\">★ %s</small>",
		      tr("board.rush_mark", s->rules.rush_threshold, r->rush_since),
		      tr("board.rush_small", s->rules.rush_threshold, r->rush_since));
	if (r->tiebreak && i > 0)
		htmlf(b, "<small class=\"mark tie\">%s</small>",
		      tr("board.tie", s->rows[i - 1].team, r->points, tiebreak_words(r->tiebreak)));
	htmlf(b, "</td>");
	if (k->grp)
		htmlf(b, "<td class=\"opt\">%s</td>", r->group);
	htmlf(b, "<td class=\"opt\">%d</td>", r->matches);
	if (k->dq)
		htmlf(b, "<td class=\"opt%r\">%d</td>", r->dq ? " dq" : "", r->dq);
	htmlf(b, "<td>%'d</td><td>%'d</td><td class=\"opt\">%'d</td>", r->booyahs, r->kills,
	      r->placement_points);
	if (k->hs && r->headstart_carried && r->headstart_carried == r->headstart)
		htmlf(b, "<td class=\"start\">%'d<small>%s</small></td>", r->headstart,
		      tr("board.carried", s->headstart_from));
	else if (k->hs && r->headstart_carried)
		htmlf(b, "<td class=\"start\">%'d<small>%s</small></td>", r->headstart,
		      tr("board.carried_part", r->headstart_carried, s->headstart_from));
	else if (k->hs)
		htmlf(b, "<td class=\"start\">%'d</td>", r->headstart);
	if (k->adj && r->adjustment)
		htmlf(b, "<td class=\"adj\">%r%d</td>", r->adjustment > 0 ? "+" : "",
		      r->adjustment);
	else if (k->adj)
		htmlf(b, "<td class=\"adj\"></td>");
	htmlf(b, "<td class=\"total\">%'d</td></tr>\n", r->points);
	adjustment_rows(b, s, r, k->cols);
}

/*
 * The standings table: group, DQ/FF, head start and Adj columns only where
 * the stage has them; each adjustment a row under its team's, with its
 * reason, beside the Adj and Total cells it changes; then the zone legend
 * (the marks say what they mean where they are).
 */
static void
leaderboard(struct buf *b, const struct standings *s)
{
	struct board k = {s->group == NULL && any_row(s, 'g'), any_row(s, 'd'), any_row(s, 'h'),
	                  s->nadj > 0, 0};
	k.cols = 7 + k.grp + k.dq + k.hs + k.adj;
	htmlf(b,
	      "<div class=\"scroll\" tabindex=\"0\"><table class=\"board\"><thead><tr>"
	      "<th>#</th><th title=\"%a\">±</th><th class=\"team\">%s</th>",
	      tr("board.move.title"), tr("board.team"));
	if (k.grp)
		htmlf(b, "<th class=\"opt\" title=\"%a\">%s</th>", tr("board.grp.title"),
		      tr("board.grp"));
	htmlf(b, "<th class=\"opt\" title=\"%a\">%s</th>", tr("board.m.title"), tr("board.m"));
	if (k.dq)
		htmlf(b, "<th class=\"opt\" title=\"%a\">%s</th>", tr("board.dq.title"),
		      tr("board.dq"));
	htmlf(b,
	      "<th title=\"%a\">%s</th><th title=\"%a\">%s</th>"
	      "<th class=\"opt\" title=\"%a\">%s</th>",
	      tr("board.booyah.title"), tr("board.booyah"), tr("board.kills.title"),
	      tr("board.kills"), tr("board.place.title"), tr("board.place"));
	if (k.hs)
		htmlf(b, "<th title=\"%a\">%s</th>", tr("board.start.title"), tr("board.start"));
	if (k.adj)
		htmlf(b, "<th title=\"%a\">%s</th>", tr("board.adj.title"), tr("board.adj"));
	htmlf(b, "<th>%s</th></tr></thead><tbody>\n", tr("board.total"));
	for (int i = 0; i < s->nrows; i++)
		board_row(b, s, &k, i);
	htmlf(b, "</tbody></table></div>\n");
	if (any_row(s, 'z'))
		zone_legend(b, s);
}

/* One cell of the grid. */
struct cell {
	int placement; /* 0: did not play (or no placement given: dq, forfeit) */
	int kills;     /* kills */
	char status;   /* 0: no result, 'p' played, 'd' dq, 'f' forfeit */
};

/* A column of the grid: a counted match or a voided one. */
struct column {
	int number;   /* match number */
	char *map;    /* its map, NULL: unknown */
	char *at;     /* when it was played (played_at as given), NULL: not given */
	char *reason; /* why it was voided; NULL: it counts */
	int late;     /* 1: played after the champion was decided or beyond max_matches */
};

static int
cmp_column(const void *a, const void *b)
{
	int x = ((const struct column *)a)->number, y = ((const struct column *)b)->number;
	return x < y ? -1 : x > y;
}

/* The grid's columns: s's counted matches up to its after_match and its voided ones. */
static struct column *
columns(const struct standings *s, int *n)
{
	struct column *c = xcalloc((size_t)(s->nnumbers + s->nvoids + 1), sizeof *c);
	int k = 0;
	for (int i = 0; i < s->nnumbers && s->numbers[i] <= s->after_match; i++) {
		c[k].number = s->numbers[i];
		for (int l = 0; l < s->nlate; l++)
			c[k].late |= s->late[l] == s->numbers[i];
		k++;
	}
	for (int i = 0; i < s->nvoids; i++) {
		c[k].number = s->voids[i].number;
		c[k++].reason = s->voids[i].reason;
	}
	qsort(c, (size_t)k, sizeof *c, cmp_column);
	*n = k;
	return c;
}

/*
 * The grid's header: a column per match (data-match its number, for the
 * script that opens the grid at the newest), its number a link to the
 * match's page, with its map; a voided one marked.
 */
static void
grid_head(struct buf *b, const struct standings *s, const struct column *c, int n)
{
	htmlf(b,
	      "<div class=\"scroll\" tabindex=\"0\" data-grid><table class=\"grid\"><thead><tr>"
	      "<th class=\"team\">%s</th>",
	      tr("board.team"));
	for (int m = 0; m < n; m++) {
		const char *map = c[m].map ? c[m].map : tr("map.unknown");
		const char *title;
		struct buf at = {0};
		if (c[m].reason)
			title = tr("grid.void.title", c[m].number, c[m].reason);
		else if (c[m].late)
			title = tr("grid.late.title", c[m].number, map);
		else if (c[m].at) {
			i18n_date(&at, i18n_lang(), c[m].at);
			title = tr("grid.match_at.title", c[m].number, map, at.data);
		} else
			title = tr("grid.match.title", c[m].number, map);
		htmlf(b,
		      "<th class=\"match%r%r\" data-match=\"%d\" title=\"%a\"><a "
		      "href=\"/t/%p/%p/m/%d%s\">%s</a><small>%s</small></th>",
		      c[m].reason ? " void"
		      : c[m].late ? " late"
		                  : "",
		      c[m].map || c[m].reason ? "" : " unknown", c[m].number, title,
		      s->tournament_slug, s->stage_slug, c[m].number, i18n_q(),
		      tr("grid.m", c[m].number), c[m].reason ? tr("grid.void") : map);
		buf_free(&at);
	}
	htmlf(b, "</tr></thead><tbody>\n");
}

/*
 * The per-match grid: a column per match up to s's after_match (with its
 * map, "unknown" when none was given), a row per team; a dq or forfeit is
 * marked DQ or FF, and a voided match is one cell down the whole column
 * with its reason. 0, or -1 after db_error_set() with nothing written.
 */
static int
grid(struct buf *b, sqlite3 *db, const struct standings *s)
{
	int n, rc = 0;
	struct column *c = columns(s, &n);
	struct cell *cells = NULL;
	if (n < 1)
		goto out;
	cells = xcalloc((size_t)s->nrows * (size_t)n, sizeof *cells);
	int marks = 0;
	sqlite3_stmt *st = db_prepare(db, "SELECT m.number, m.map, r.team_id, r.placement,"
	                                  " r.kills, r.status, m.played_at"
	                                  " FROM match m LEFT JOIN result r ON r.match_id = m.id"
	                                  " WHERE m.stage_id = ?1 AND m.number <= ?2");
	if (st == NULL) {
		rc = -1;
		goto out;
	}
	sqlite3_bind_int64(st, 1, s->stage_id);
	sqlite3_bind_int(st, 2, s->after_match);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct column key = {.number = sqlite3_column_int(st, 0)};
		struct column *at = bsearch(&key, c, (size_t)n, sizeof *c, cmp_column);
		if (at == NULL)
			continue;
		size_t m = (size_t)(at - c);
		if (at->map == NULL)
			at->map = db_text(st, 1);
		if (at->at == NULL)
			at->at = db_text(st, 6);
		const char *status = (const char *)sqlite3_column_text(st, 5);
		if (at->reason || status == NULL)
			continue;
		int64_t team = sqlite3_column_int64(st, 2);
		for (int i = 0; i < s->nrows; i++)
			if (s->rows[i].team_id == team) {
				cells[(size_t)i * (size_t)n + m] = (struct cell){
				    sqlite3_column_int(st, 3), sqlite3_column_int(st, 4),
				    status[0] == 'd'   ? 'd'
				    : status[0] == 'f' ? 'f'
				                       : 'p'};
				marks |= status[0] != 'p';
				break;
			}
	}
	if ((rc = db_end(db, st, rc)) != 0)
		goto out;

	htmlf(b, "<h2>%s</h2><p class=\"muted\">%s</p>", tr("grid.title"),
	      marks ? tr("grid.legend_dq") : tr("grid.legend"));
	grid_head(b, s, c, n);
	for (int i = 0; i < s->nrows; i++) {
		htmlf(b, "<tr data-team=\"%a\"><td class=\"team\">%s</td>", s->rows[i].team,
		      s->rows[i].team);
		for (int m = 0; m < n; m++) {
			const struct cell *x = &cells[(size_t)i * (size_t)n + (size_t)m];
			if (c[m].reason && i == 0)
				htmlf(b, "<td class=\"void\" rowspan=\"%d\">%s</td>", s->nrows,
				      tr("grid.voided", c[m].reason));
			else if (c[m].reason)
				continue;
			else if (x->status == 'd')
				htmlf(b, "<td class=\"dq\" title=\"%a\">%s</td>",
				      tr("grid.dq.title", c[m].number), tr("grid.dq"));
			else if (x->status == 'f')
				htmlf(b, "<td class=\"dq\" title=\"%a\">%s</td>",
				      tr("grid.ff.title", c[m].number), tr("grid.ff"));
			else if (x->status == 0)
				htmlf(b, "<td class=\"none\">–</td>");
			else
				htmlf(b, "<td%r>#%d<small>%s</small></td>",
				      x->placement == 1 ? " class=\"booyah\"" : "", x->placement,
				      trn("grid.kills_words", x->kills, x->kills));
		}
		htmlf(b, "</tr>\n");
	}
	htmlf(b, "</tbody></table></div>\n");
out:
	for (int m = 0; m < n; m++) {
		free(c[m].map);
		free(c[m].at);
	}
	free(c);
	free(cells);
	return rc;
}

/*
 * What the table is after, as standings_label says it but in the page's
 * language ("After match 6 (5 of 5 matches played)"), the group, the
 * Champion Rush rule, and how the champion was decided (standings_decided's
 * words).
 */
static void
status(struct buf *b, const struct standings *s)
{
	int voided = 0;
	for (int i = 0; i < s->nvoids; i++)
		voided |= s->voids[i].number == s->after_match;
	const char *why = voided             ? tr("status.voided", s->after_match)
	                  : !s->after_exists ? tr("status.missing", s->after_match)
	                                     : "";
	if (s->after_match == 0)
		htmlf(b, "<p class=\"status\">%s", tr("status.before", s->total_matches));
	else
		htmlf(b, "<p class=\"status\">%s",
		      tr("status.after", s->after_match, s->matches_played, s->total_matches, why));
	if (s->group)
		htmlf(b, " · %s", tr("status.group", s->group));
	if (s->rules.rush_threshold && s->rules.rush_max_matches)
		htmlf(b, " · %s",
		      trn("status.rush_max", s->rules.rush_max_matches, s->rules.rush_threshold,
		          s->rules.rush_max_matches));
	else if (s->rules.rush_threshold)
		htmlf(b, " · %s", tr("status.rush", s->rules.rush_threshold));
	htmlf(b, "</p>\n");
	page_story(b, s, 1);
	if (s->champion && s->decided_by == RUSH_BOOYAH)
		htmlf(b, "<p class=\"champion-banner\">♛ %s <strong>%s</strong>, %s</p>\n",
		      tr("status.champion"), s->champion,
		      tr("decided.booyah", s->decided_in_match));
	else if (s->champion)
		htmlf(b, "<p class=\"champion-banner\">♛ %s <strong>%s</strong>, %s</p>\n",
		      tr("status.champion"), s->champion,
		      tr("decided.points", s->decided_in_match, s->decided_played,
		         s->rules.rush_max_matches));
	if (s->nnotes == 0)
		return;
	htmlf(b, "<ul class=\"notes\">");
	for (int i = 0; i < s->nnotes; i++)
		htmlf(b, "<li>%s</li>", trm(&s->notes[i]));
	htmlf(b, "</ul>\n");
}

/*
 * The match-point story (scenarios_story: the teams on match point, the
 * matches left, the points each other team needs), a line an item, with a
 * link to who can still win when link is 1; nothing without Champion Rush
 * or once decided.
 */
void
page_story(struct buf *b, const struct standings *s, int link)
{
	struct msg lines[3];
	int n = scenarios_story(s, lines);
	if (n == 0)
		return;
	htmlf(b, "<div class=\"story\"><ul>");
	for (int i = 0; i < n; i++) {
		htmlf(b, "<li>%s</li>", trm(&lines[i]));
		msg_free(&lines[i]);
	}
	htmlf(b, "</ul>");
	if (link)
		htmlf(b, "<p><a href=\"/t/%p/%p/scenarios?after=%d%s\">%s</a></p>",
		      s->tournament_slug, s->stage_slug, s->after_match, i18n_amp(),
		      tr("story.who_can_win"));
	htmlf(b, "</div>\n");
}

/*
 * The attributes of <section id="live"> that the script reads on a live
 * event: data-stage (the stage's id: an event for another stage changes
 * nothing here, unless data-carried says this stage's head starts come
 * from another one), and on the latest leaderboard of the whole stage of a
 * plain stage (stage_plain) data-words, the catalog texts it needs to
 * place an event's delta, as JSON ({"sep": the thousands separator, KEY:
 * the text with its conversions as written}).
 */
static void
live_attrs(struct buf *b, const struct http_req *req, const struct standings *s)
{
	static const char *const keys[] = {"board.up",
	                                   "board.down",
	                                   "board.same",
	                                   "board.tie",
	                                   "tiebreak.booyahs",
	                                   "tiebreak.kills",
	                                   "tiebreak.counted_kills",
	                                   "tiebreak.placement_points",
	                                   "tiebreak.last_placement",
	                                   "tiebreak.avg_placement",
	                                   "tiebreak.best_match",
	                                   "tiebreak.countback",
	                                   "grid.m",
	                                   "grid.match.title",
	                                   "map.unknown",
	                                   "grid.kills_words.one",
	                                   "grid.kills_words.other",
	                                   "chart.points",
	                                   "status.after",
	                                   "stage.after.latest"};
	const char *after = http_arg(req, "after");
	htmlf(b, " data-stage=\"%lld\"%r", (long long)s->stage_id,
	      s->headstart_from ? " data-carried" : "");
	if ((after && *after) || s->group || !stage_plain(s))
		return;
	struct buf j = {0}, n = {0};
	i18n_number(&n, i18n_lang(), 1000, 0);
	htmlf(&j, "{\"sep\":%j", n.len == 5 ? (char[]){n.data[1], '\0'} : "");
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		htmlf(&j, ",%j:%j", keys[i], i18n_text(i18n_lang(), keys[i]));
	htmlf(&j, "}");
	htmlf(b, " data-words=\"%a\"", j.data);
	buf_free(&j);
	buf_free(&n);
}

/* GET /t/{tournament}/{stage}[?after=N][&group=G]: the leaderboard page. */
void
page_stage(const struct http_req *req, struct http_out *out)
{
	struct standings s;
	if (!stage_standings(req, out, 1, 1, &s))
		return;
	struct buf *b = &out->body, events = {0};
	htmlf(&events, "/api/v1/tournaments/%p/stages/%p/events?since=%llu", s.tournament_slug,
	      s.stage_slug, (unsigned long long)req->version);
	const char *title = s.group ? tr("stage.title_group", s.stage, s.group, s.tournament)
	                            : tr("stage.title", s.stage, s.tournament);
	html_open(b, title, stage_lead(&s), events.data);

	stage_head(b, &s, 0);
	groups(b, req, &s);
	page_day_links(b, req->db, &s, 0);
	int64_t stored = 0;
	if (db_int(req->db, &stored, "SELECT count(*) FROM match WHERE stage_id = ?1",
	           s.stage_id) != 0)
		goto out; /* recorded (db_error_set): http_handle answers */
	if (stored > 0)
		selector(b, req->db, &s);

	htmlf(b, "<section id=\"live\"");
	live_attrs(b, req, &s);
	htmlf(b, ">");
	status(b, &s);
	if (s.nrows == 0)
		htmlf(b, "<p class=\"muted\">%s</p>", tr("stage.empty"));
	else {
		leaderboard(b, &s);
		if (s.nrace > 0) {
			htmlf(b, "<h2>%s</h2>", tr("chart.title"));
			page_chart(b, req->db, &s);
		}
		if (grid(b, req->db, &s) != 0) /* the database failed: http_handle answers */
			goto out;
	}
	htmlf(b, "</section>\n");
	html_close(b);
out:
	buf_free(&events);
	standings_free(&s);
}
