/*
 * page_match.c: one match, GET /t/{tournament}/{stage}/m/{n}: the map, the
 * Booyah, and a row per team by placement (dq and forfeit last) with its
 * kills and points under the stage's ruleset and its players' kills,
 * damage and assists (match_lobby: the same numbers as the API's
 * .../matches/{n}); links to the match before and after.
 */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "html.h"
#include "i18n.h"
#include "match.h"
#include "pages.h"
#include "stage.h"
#include "util.h"

/*
 * The lobby of the match req's third parameter numbers in the stage its
 * first two name. Returns 1 with *m and *s set (free them with match_free
 * and standings_free), or 0 with out set to 404 or 500.
 */
int
page_match_lobby(const struct http_req *req, struct http_out *out, struct standings *s,
                 struct match_lobby *m)
{
	const char *arg = req->param[2];
	char *end;
	long n = strtol(arg, &end, 10);
	if (*arg < '1' || *arg > '9' || *end != '\0' || n > 1000000) {
		http_fail_tr(out, 404, "detail.match_number", arg);
		return 0;
	}
	if (!stage_standings(req, out, 0, 0, s))
		return 0;
	char *err;
	int rc = match_lobby(req->db, s->stage_id, (int)n, m, &err);
	if (rc == 1)
		http_fail_tr(out, 404, "detail.no_match", (long long)n, s->stage);
	else if (rc != 0) {
		http_fail(out, 500, "%s", err);
		free(err);
	}
	if (rc != 0)
		standings_free(s);
	return rc == 0;
}

/* A player's figure v, or a dash when it was not given (-1). */
static void
figure(struct buf *b, int v)
{
	if (v < 0)
		htmlf(b, "<td class=\"none\">–</td>");
	else
		htmlf(b, "<td>%d</td>", v);
}

/* The links to the stored matches before and after m's. */
static void
neighbours(struct buf *b, sqlite3 *db, const struct standings *s, int number)
{
	sqlite3_stmt *st =
	    db_prepare(db, "SELECT (SELECT max(number) FROM match WHERE stage_id = ?1"
	                   "  AND number < ?2), (SELECT min(number) FROM match"
	                   "  WHERE stage_id = ?1 AND number > ?2)");
	if (st == NULL) /* recorded (db_error_set): http_handle answers */
		return;
	sqlite3_bind_int64(st, 1, s->stage_id);
	sqlite3_bind_int(st, 2, number);
	htmlf(b, "<nav class=\"tabs\">");
	if (sqlite3_step(st) == SQLITE_ROW) {
		if (sqlite3_column_type(st, 0) != SQLITE_NULL)
			htmlf(b, "<a href=\"/t/%p/%p/m/%d%s\">‹ %s</a>", s->tournament_slug,
			      s->stage_slug, sqlite3_column_int(st, 0), i18n_q(),
			      tr("match.name", sqlite3_column_int(st, 0)));
		if (sqlite3_column_type(st, 1) != SQLITE_NULL)
			htmlf(b, "<a href=\"/t/%p/%p/m/%d%s\">%s ›</a>", s->tournament_slug,
			      s->stage_slug, sqlite3_column_int(st, 1), i18n_q(),
			      tr("match.name", sqlite3_column_int(st, 1)));
	}
	sqlite3_finalize(st);
	htmlf(b, "<a href=\"/api/v1/tournaments/%p/stages/%p/matches/%d\">JSON</a></nav>\n",
	      s->tournament_slug, s->stage_slug, number);
}

/* GET /t/{tournament}/{stage}/m/{n}. */
void
page_match(const struct http_req *req, struct http_out *out)
{
	struct standings s;
	struct match_lobby m;
	if (!page_match_lobby(req, out, &s, &m))
		return;
	struct buf *b = &out->body;
	const char *desc = m.booyah ? tr("match.og_booyah", m.number, s.stage, m.booyah)
	                            : tr("match.og", m.number, s.stage);
	html_open_live(b, tr("match.title", m.number, s.stage, s.tournament), desc, req->version);
	htmlf(b,
	      "<p class=\"crumbs\"><a href=\"/%s\">%s</a> › <a href=\"/t/%p%s\">%s</a> › <a "
	      "href=\"/t/%p/%p%s\">%s</a></p><h1>%s</h1>\n",
	      i18n_q(), tr("home.title"), s.tournament_slug, i18n_q(), s.tournament,
	      s.tournament_slug, s.stage_slug, i18n_q(), s.stage, tr("match.name", m.number));
	neighbours(b, req->db, &s, m.number);
	htmlf(b, "<section id=\"live\"><p class=\"status\">%s",
	      m.map ? m.map : tr("match.map_unknown"));
	if (m.day)
		htmlf(b, " · %s", tr("match.day", m.day));
	if (m.booyah)
		htmlf(b, " · %s <strong>%s</strong>", tr("day.booyah"), m.booyah);
	htmlf(b, "</p>\n");
	if (m.void_reason)
		htmlf(b, "<p class=\"champion-banner\">%s</p>\n",
		      tr("match.voided", m.void_reason));
	htmlf(b,
	      "<div class=\"scroll\" tabindex=\"0\"><table class=\"lobby\"><thead><tr><th>#</th>"
	      "<th class=\"team\">%s</th><th>%s</th><th>%s</th></tr></thead><tbody>\n",
	      tr("board.team"), tr("board.kills"), tr("team.points"));
	for (int i = 0; i < m.nteams; i++) {
		const struct match_team *t = &m.teams[i];
		int played = strcmp(t->status, "played") == 0;
		htmlf(b, "<tr%r><td>", t->placement == 1 ? " class=\"booyah\"" : "");
		if (played)
			htmlf(b, "%d", t->placement);
		else
			htmlf(b, "%s", t->status[0] == 'd' ? tr("grid.dq") : tr("grid.ff"));
		htmlf(b,
		      "</td><td class=\"team\"><a class=\"name\" href=\"/teams/%p%s\">%s</a></td>"
		      "<td>%d</td><td class=\"total\">%d</td></tr>\n",
		      t->slug, i18n_q(), t->team, t->kills, t->points);
		if (t->nplayers == 0)
			continue;
		htmlf(b,
		      "<tr class=\"roster\"><td></td><td colspan=\"3\"><table class=\"players\">"
		      "<thead><tr><th class=\"team\">%s</th><th>%s</th><th title=\"%a\">%s</th>"
		      "<th title=\"%a\">%s</th></tr></thead><tbody>",
		      tr("team.player"), tr("board.kills"), tr("team.damage"), tr("match.dmg"),
		      tr("team.assists"), tr("match.ast"));
		for (int k = 0; k < t->nplayers; k++) {
			const struct match_player *p = &t->players[k];
			htmlf(b, "<tr><td class=\"team\">%s</td><td>%d</td>", p->name, p->kills);
			figure(b, p->damage);
			figure(b, p->assists);
			htmlf(b, "</tr>");
		}
		htmlf(b, "</tbody></table></td></tr>\n");
	}
	htmlf(b, "</tbody></table></div></section>\n");
	html_close(b);
	match_free(&m);
	standings_free(&s);
}
