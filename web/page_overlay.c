/*
 * page_overlay.c: GET /overlay/t/{tournament}/{stage}/{view}: browser
 * sources for OBS, vMix and Streamlabs. Each view is a 1920x1080 page on a
 * transparent background (overlay.css), live through the same event stream
 * and script as the stage page (app.js re-fetches the page on each update
 * and swaps its <section id="live">; overlay.js applies the options and
 * marks a changed alert). Views: standings (Champion Rush marks and
 * zones), last (the latest match's result), alert (the champion, or the
 * teams on match point; it animates when that changes), fraggers (top
 * players by kills) and team (?team=SLUG: one team's card). Options by
 * query, each checked (400 with the reason otherwise): rows=1..64,
 * scale=0.25..4, theme=dark|light, accent=RRGGBB or RGB hex (a leading #
 * allowed), lang=en (the only language there is). docs/broadcast.md tells
 * how to set them up. Not cached: the options make each URL its own page.
 */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "html.h"
#include "pages.h"
#include "players.h"
#include "stage.h"
#include "util.h"

struct overlay_opts {
	int rows;          /* rows shown; 0: the view's default */
	char scale[8];     /* CSS scale factor as given ("1", "0.5") */
	const char *theme; /* "dark" or "light" */
	char accent[8];    /* "#RRGGBB" or "#RGB", "" for the theme's own */
	const char *team;  /* team view: the team's slug */
};

/* 1 when s is digits, optionally with one '.' and digits after it. */
static int
decimal(const char *s)
{
	int dot = 0, digits = 0;
	for (; *s; s++) {
		if (*s == '.' && !dot && digits)
			dot = 1;
		else if (*s >= '0' && *s <= '9')
			digits++;
		else
			return 0;
	}
	return digits > 0 && s[-1] != '.';
}

/* Read and check the query options into o. Returns 1, or 0 with out set to 400. */
static int
options(const struct http_req *req, struct http_out *out, struct overlay_opts *o)
{
	const char *v;
	*o = (struct overlay_opts){.theme = "dark", .scale = "1"};
	if ((v = http_arg(req, "rows")) != NULL) {
		char *end;
		long n = strtol(v, &end, 10);
		if (*v < '1' || *v > '9' || *end != '\0' || n < 1 || n > 64) {
			http_fail(out, 400, "rows=%s: expected a number of rows from 1 to 64", v);
			return 0;
		}
		o->rows = (int)n;
	}
	if ((v = http_arg(req, "scale")) != NULL) {
		double f = decimal(v) && strlen(v) < sizeof o->scale ? strtod(v, NULL) : 0;
		if (f < 0.25 || f > 4) {
			http_fail(out, 400,
			          "scale=%s: expected a factor from 0.25 to 4 (1: 1920x1080)", v);
			return 0;
		}
		strcpy(o->scale, v);
	}
	if ((v = http_arg(req, "theme")) != NULL) {
		if (strcmp(v, "dark") != 0 && strcmp(v, "light") != 0) {
			http_fail(out, 400, "theme=%s: expected dark or light", v);
			return 0;
		}
		o->theme = strcmp(v, "dark") == 0 ? "dark" : "light";
	}
	if ((v = http_arg(req, "accent")) != NULL) {
		const char *hex = *v == '#' ? v + 1 : v;
		size_t n = strspn(hex, "0123456789abcdefABCDEF");
		if (hex[n] != '\0' || (n != 3 && n != 6)) {
			http_fail(out, 400, "accent=%s: expected a hex colour, RRGGBB or RGB", v);
			return 0;
		}
		o->accent[0] = '#';
		memcpy(o->accent + 1, hex, n + 1);
	}
	if ((v = http_arg(req, "lang")) != NULL && strcmp(v, "en") != 0) {
		http_fail(out, 400, "lang=%s: the overlays exist in English only (lang=en)", v);
		return 0;
	}
	o->team = http_arg(req, "team");
	return 1;
}

/* The Champion Rush mark of row r: the crown, "MP" on match point, or nothing. */
static void
mark(struct buf *b, const struct standings *s, const struct standing *r)
{
	if (r->team_id == s->champion_id)
		htmlf(b, " <span class=\"mark champion\" title=\"champion\">♛</span>");
	else if (r->rush_since > 0)
		htmlf(b,
		      " <span class=\"mark mp\" title=\"on match point since match %d\">MP</span>",
		      r->rush_since);
}

/* The index of the zone r's rank falls in, or -1. */
static int
zone_index(const struct standings *s, const struct standing *r)
{
	for (int z = 0; r->zone && z < s->rules.nzones; z++)
		if (strcmp(s->rules.zones[z].label, r->zone) == 0)
			return z;
	return -1;
}

static void
view_standings(struct buf *b, const struct standings *s, const struct overlay_opts *o)
{
	int n = o->rows && o->rows < s->nrows ? o->rows : s->nrows;
	htmlf(b,
	      "<table class=\"board\"><thead><tr><th class=\"rank\">#</th><th class=\"team\">Team"
	      "</th><th>M</th><th>Booyahs</th><th>Kills</th><th class=\"pts\">Pts</th></tr></thead>"
	      "<tbody>\n");
	for (int i = 0; i < n; i++) {
		const struct standing *r = &s->rows[i];
		int z = zone_index(s, r);
		htmlf(b, "<tr class=\"%r%s\"", r->team_id == s->champion_id ? "champion" : "",
		      r->rush_since > 0 && r->team_id != s->champion_id ? "mp" : "");
		if (z >= 0)
			htmlf(b, " data-zone=\"%d\" title=\"%a\"", z % 4, r->zone);
		htmlf(b, "><td class=\"rank\">%d</td><td class=\"team\">%s", r->rank, r->team);
		mark(b, s, r);
		htmlf(b, "</td><td>%d</td><td>%d</td><td>%d</td><td class=\"pts\">%d</td></tr>\n",
		      r->matches, r->booyahs, r->kills, r->points);
	}
	htmlf(b, "</tbody></table>\n");
	for (int z = 0; z < s->rules.nzones && z < 4; z++)
		htmlf(b, "%r<span data-zone=\"%d\">%s</span>%r", z ? "" : "<p class=\"zones\">", z,
		      s->rules.zones[z].label, z == s->rules.nzones - 1 || z == 3 ? "</p>\n" : "");
}

/* The latest counted match up to s's after_match: each team's place, kills and points. */
static void
view_last(struct buf *b, sqlite3 *db, const struct standings *s, const struct overlay_opts *o)
{
	int number = 0;
	for (int i = 0; i < s->nnumbers && s->numbers[i] <= s->after_match; i++)
		number = s->numbers[i];
	if (number == 0) {
		htmlf(b, "<p class=\"title\">No match played yet</p>\n");
		return;
	}
	sqlite3_stmt *st = db_prepare(
	    db,
	    "SELECT m.map, t.name, r.placement, r.kills, r.status FROM match m JOIN result r ON "
	    "r.match_id = m.id JOIN team t ON t.id = r.team_id WHERE m.stage_id = ?1 AND "
	    "m.number = ?2 ORDER BY r.status <> 'played', r.placement, t.name");
	if (st == NULL)
		return;
	sqlite3_bind_int64(st, 1, s->stage_id);
	sqlite3_bind_int(st, 2, number);
	int n = 0, max = o->rows ? o->rows : 12, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == 0) {
			htmlf(b, "<p class=\"title\">Match %d", number);
			if (sqlite3_column_type(st, 0) != SQLITE_NULL)
				htmlf(b, " · %s", (const char *)sqlite3_column_text(st, 0));
			htmlf(b,
			      "</p><table class=\"board last\"><thead><tr><th "
			      "class=\"rank\">Place</th>"
			      "<th class=\"team\">Team</th><th>Kills</th><th class=\"pts\">Pts</th>"
			      "</tr></thead><tbody>\n");
		}
		if (n++ >= max)
			continue;
		const char *status = (const char *)sqlite3_column_text(st, 4);
		int played = strcmp(status, "played") == 0, place = sqlite3_column_int(st, 2),
		    kills = sqlite3_column_int(st, 3);
		if (played)
			htmlf(
			    b,
			    "<tr%r><td class=\"rank\">%d</td><td class=\"team\">%s</td><td>%d</td>"
			    "<td class=\"pts\">%d</td></tr>\n",
			    place == 1 ? " class=\"booyah\"" : "", place,
			    (const char *)sqlite3_column_text(st, 1), kills,
			    rules_match_points(&s->rules, place, kills, NULL, NULL));
		else
			htmlf(
			    b,
			    "<tr class=\"out\"><td class=\"rank\">%s</td><td class=\"team\">%s</td>"
			    "<td></td><td class=\"pts\">0</td></tr>\n",
			    strcmp(status, "dq") == 0 ? "DQ" : "FF",
			    (const char *)sqlite3_column_text(st, 1));
	}
	if (db_end(db, st, rc) == 0 && n) /* else http_handle answers 500 or 503 */
		htmlf(b, "</tbody></table>\n");
}

/*
 * The alert: the champion, or the teams on match point, with a data-key
 * that changes when either does (overlay.js animates the change); empty
 * when there is nothing to announce.
 */
static void
view_alert(struct buf *b, const struct standings *s)
{
	if (s->champion) {
		htmlf(b,
		      "<div class=\"alert champion\" data-key=\"champion %lld\"><span "
		      "class=\"big\">♛ "
		      "%s</span><span>is champion, decided in match %d</span></div>\n",
		      (long long)s->champion_id, s->champion, s->decided_in_match);
		return;
	}
	int n = 0;
	for (int i = 0; i < s->nrows; i++)
		n += s->rows[i].rush_since > 0;
	if (n == 0)
		return;
	htmlf(b, "<div class=\"alert mp\" data-key=\"mp");
	for (int i = 0; i < s->nrows; i++)
		if (s->rows[i].rush_since > 0)
			htmlf(b, " %lld", (long long)s->rows[i].team_id);
	htmlf(b, "\"><span class=\"big\">Match point</span><span>");
	for (int i = 0, k = 0; i < s->nrows; i++)
		if (s->rows[i].rush_since > 0)
			htmlf(b, "%r%s", k++ ? ", " : "", s->rows[i].team);
	htmlf(b, "</span><span>%d points: a Booyah wins the title</span></div>\n",
	      s->rules.rush_threshold);
}

static void
view_fraggers(struct buf *b, sqlite3 *db, const struct standings *s, const struct overlay_opts *o)
{
	struct players_query q = {.stage = s->stage_id};
	struct player_row *rows = NULL;
	int n = 0;
	if (players_compute(db, &q, &rows, &n) < 0)
		return;
	int max = o->rows ? o->rows : 10;
	htmlf(b, "<p class=\"title\">Top fraggers</p><table class=\"board\"><thead><tr><th "
	         "class=\"rank\">#</th><th class=\"team\">Player</th><th class=\"team\">Team</th>"
	         "<th>M</th><th class=\"pts\">Kills</th></tr></thead><tbody>\n");
	for (int i = 0; i < n && i < max; i++)
		htmlf(
		    b,
		    "<tr><td class=\"rank\">%d</td><td class=\"team\">%s</td><td class=\"team\">%s"
		    "</td><td>%d</td><td class=\"pts\">%d</td></tr>\n",
		    i + 1, rows[i].player, rows[i].teams, rows[i].matches, rows[i].kills);
	htmlf(b, "</tbody></table>\n");
	players_free(rows, n);
}

/* The team card. Returns 0 with out set to 400 or 404 when ?team= names none of the stage's. */
static int
view_team(struct buf *b, const struct standings *s, const struct overlay_opts *o,
          struct http_out *out)
{
	if (o->team == NULL || *o->team == '\0') {
		http_fail(out, 400, "the team view needs ?team=SLUG (a team of the stage)");
		return 0;
	}
	for (int i = 0; i < s->nrows; i++) {
		const struct standing *r = &s->rows[i];
		if (strcmp(r->slug, o->team) != 0)
			continue;
		htmlf(b, "<div class=\"card%r\"><p class=\"big\">%s",
		      r->team_id == s->champion_id ? " champion" : "", r->team);
		mark(b, s, r);
		htmlf(b,
		      "</p><dl><div><dt>Rank</dt><dd>%d</dd></div><div><dt>Points</dt><dd>%d</dd></"
		      "div>"
		      "<div><dt>Booyahs</dt><dd>%d</dd></div><div><dt>Kills</dt><dd>%d</dd></div>"
		      "<div><dt>Matches</dt><dd>%d</dd></div>",
		      r->rank, r->points, r->booyahs, r->kills, r->matches);
		if (r->zone)
			htmlf(b, "<div><dt>Zone</dt><dd>%s</dd></div>", r->zone);
		htmlf(b, "</dl></div>\n");
		return 1;
	}
	http_fail(out, 404, "no team '%s' in this stage", o->team);
	return 0;
}

static const char *const views[] = {"standings", "last", "alert", "fraggers", "team"};

void
page_overlay(const struct http_req *req, struct http_out *out)
{
	const char *view = req->param[2];
	int v = -1;
	for (int i = 0; i < 5; i++)
		if (strcmp(view, views[i]) == 0)
			v = i;
	if (v < 0) {
		http_fail(out, 404, "no overlay '%s' (standings, last, alert, fraggers, team)",
		          view);
		return;
	}
	struct overlay_opts o;
	struct standings s;
	if (!options(req, out, &o) || !stage_standings(req, out, 0, 0, &s))
		return;
	struct buf *b = &out->body;
	htmlf(b,
	      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
	      "<title>%s · %s · overlay</title><link rel=\"icon\" href=\"data:,\">"
	      "<link rel=\"stylesheet\" href=\"/static/overlay.css\">"
	      "<script src=\"/static/app.js\" defer></script>"
	      "<script src=\"/static/overlay.js\" defer></script></head>\n"
	      "<body class=\"overlay theme-%r view-%s\" data-scale=\"%a\" data-accent=\"%a\" "
	      "data-events=\"/api/v1/tournaments/%p/stages/%p/events?since=%llu\">"
	      "<div class=\"frame\"><section id=\"live\"><p class=\"head\">%s · after match %d"
	      "</p>\n",
	      s.stage, views[v], strcmp(o.theme, "light") == 0 ? "light" : "dark", views[v],
	      o.scale, o.accent, s.tournament_slug, s.stage_slug, (unsigned long long)req->version,
	      s.stage, s.after_match);
	int ok = 1;
	if (v == 0)
		view_standings(b, &s, &o);
	else if (v == 1)
		view_last(b, req->db, &s, &o);
	else if (v == 2)
		view_alert(b, &s);
	else if (v == 3)
		view_fraggers(b, req->db, &s, &o);
	else
		ok = view_team(b, &s, &o, out);
	if (ok)
		htmlf(b, "</section></div></body></html>\n");
	standings_free(&s);
}
