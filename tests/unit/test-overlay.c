/*
 * test-overlay.c: the overlays and the social card through http_handle,
 * without a socket: each view's status and type, the options refused with
 * the reason (rows, scale, theme, accent, lang, team), hostile names
 * escaped in the overlay's HTML and the card's SVG, the card's size and
 * self-containment, and the stage page's og:image. Expected values are hand
 * counts of the fixture below.
 */
#include <stdlib.h>
#include <string.h>

#include "card.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "standings.h"
#include "unit.h"

/* Three teams, two matches, Champion Rush at 15 (FFWS table): <b>&"x"</b>
 * 1st 5 kills (17) then 1st 3 kills (15): over 15 before match 2 and wins
 * it, champion in match 2 on 32; Tom & Jerry 2nd 4 kills (13) + 3rd 1 (9) =
 * 22; Plain 3rd 0 (8) + 2nd 2 (11) = 19. Zones: rank 1 "Final", 2-3 "Out". */
static const char fixture[] =
    "{\"tournament\":\"Cup <i>\",\"stage\":\"Final\",\"ruleset\":{\"placement_points\":[12,9,8],"
    "\"kill_points\":1,\"champion_rush\":{\"threshold\":15},\"zones\":[{\"to\":1,\"label\":"
    "\"Final\"},{\"to\":3,\"label\":\"Out\"}]},\"matches\":["
    "{\"match\":1,\"map\":\"Bermuda\",\"results\":["
    "{\"team\":\"<b>&\\\"x\\\"</b>\",\"placement\":1,\"kills\":5,\"players\":[{\"name\":"
    "\"<img src=x>\",\"kills\":5}]},"
    "{\"team\":\"Tom & Jerry\",\"placement\":2,\"kills\":4},"
    "{\"team\":\"Plain\",\"placement\":3,\"kills\":0}]},"
    "{\"match\":2,\"map\":\"Kalahari\",\"results\":["
    "{\"team\":\"<b>&\\\"x\\\"</b>\",\"placement\":1,\"kills\":3},"
    "{\"team\":\"Plain\",\"placement\":2,\"kills\":2},"
    "{\"team\":\"Tom & Jerry\",\"placement\":3,\"kills\":1}]}]}";

static sqlite3 *db;

/* GET path with up to two query arguments (NULL keys: none). */
static struct http_resp *
get(const char *path, const char *k1, const char *v1, const char *k2, const char *v2)
{
	struct http_req req = {.method = "GET", .path = path, .db = db};
	if (k1)
		req.args[req.nargs++] = (struct http_arg){k1, v1};
	if (k2)
		req.args[req.nargs++] = (struct http_arg){k2, v2};
	return http_handle(&req);
}

/* 1 when r's body holds needle. */
static int
has(const struct http_resp *r, const char *needle)
{
	return r->body && strstr(r->body, needle) != NULL;
}

#define OV "/overlay/t/cup-i/final/"

static void
test_views(void)
{
	static const char *const views[] = {"standings", "last", "alert", "fraggers"};
	for (int i = 0; i < 4; i++) {
		char path[64], name[64];
		snprintf(path, sizeof path, OV "%s", views[i]);
		struct http_resp *r = get(path, NULL, NULL, NULL, NULL);
		snprintf(name, sizeof name, "%s: 200 html", views[i]);
		CHECK(name, r->status == 200 && strncmp(r->type, "text/html", 9) == 0);
		snprintf(name, sizeof name, "%s: listens to the stage's events", views[i]);
		CHECK(name,
		      has(r, "data-events=\"/api/v1/tournaments/cup-i/stages/final/events?since="));
		snprintf(name, sizeof name, "%s: hostile names escaped", views[i]);
		CHECK(name, !has(r, "<b>") && !has(r, "<img") && !has(r, "<i>"));
		snprintf(name, sizeof name, "%s: own script and stylesheet only", views[i]);
		CHECK(name, has(r, "src=\"/static/app.js\"") &&
		                has(r, "src=\"/static/overlay.js\"") &&
		                has(r, "href=\"/static/overlay.css\"") && !has(r, "http://") &&
		                !has(r, "https://"));
		http_resp_unref(r);
	}
	struct http_resp *r = get(OV "standings", NULL, NULL, NULL, NULL);
	CHECK("standings: champion row first, escaped",
	      has(r,
	          "<tr class=\"champion\" data-zone=\"0\" title=\"Final\"><td class=\"rank\">1</td>"
	          "<td class=\"team\">&lt;b&gt;&amp;\"x\"&lt;/b&gt; <span class=\"mark "
	          "champion\""));
	CHECK("standings: 32 points (17 + 15)", has(r, "<td class=\"pts\">32</td>"));
	CHECK("standings: zones legend", has(r, "<span data-zone=\"1\">Out</span>"));
	http_resp_unref(r);
	r = get(OV "standings", "rows", "2", NULL, NULL);
	int rows = 0;
	for (const char *p = r->body; (p = strstr(p, "<td class=\"rank\">")) != NULL; p++)
		rows++;
	CHECK("rows=2: two rows", rows == 2);
	http_resp_unref(r);
	r = get(OV "last", NULL, NULL, NULL, NULL);
	CHECK("last: match 2 and its map", has(r, "<p class=\"title\">Match 2 · Kalahari</p>"));
	/* Plain, 2nd with 2 kills: 9 + 2 */
	CHECK("last: Plain 2nd, 11 points",
	      has(r, "<td class=\"rank\">2</td><td class=\"team\">Plain</td><td>2</td>"
	             "<td class=\"pts\">11</td>"));
	http_resp_unref(r);
	r = get(OV "alert", NULL, NULL, NULL, NULL);
	CHECK("alert: the champion, decided in match 2",
	      has(r, "class=\"alert champion\"") && has(r, "decided in match 2"));
	http_resp_unref(r);
	r = get(OV "fraggers", NULL, NULL, NULL, NULL);
	CHECK("fraggers: the one player, 5 kills, escaped",
	      has(r, "<td class=\"team\">&lt;img src=x&gt;</td>") &&
	          has(r, "<td class=\"pts\">5</td>"));
	http_resp_unref(r);
	r = get(OV "team", "team", "tom-jerry", NULL, NULL);
	CHECK("team: Tom & Jerry, rank 2, 22 points",
	      r->status == 200 && has(r, "Tom &amp; Jerry") && has(r, "<dt>Rank</dt><dd>2</dd>") &&
	          has(r, "<dt>Points</dt><dd>22</dd>"));
	http_resp_unref(r);
}

/* One refused option: status and the reason in the body. */
static void
refused(const char *name, const char *view, const char *k, const char *v, int status,
        const char *why)
{
	char path[64];
	snprintf(path, sizeof path, OV "%s", view);
	struct http_resp *r = get(path, k, v, NULL, NULL);
	CHECK(name, r->status == status && has(r, why));
	http_resp_unref(r);
}

static void
test_options(void)
{
	refused("rows=0", "standings", "rows", "0", 400, "rows=0: expected a number of rows");
	refused("rows=65", "standings", "rows", "65", 400, "rows=65: expected");
	refused("rows=03", "standings", "rows", "03", 400, "rows=03: expected");
	refused("scale=5", "standings", "scale", "5", 400, "scale=5: expected a factor");
	refused("scale=1e0", "standings", "scale", "1e0", 400, "scale=1e0: expected");
	refused("theme=blue", "standings", "theme", "blue", 400,
	        "theme=blue: expected dark or light");
	refused("accent=red", "standings", "accent", "red", 400,
	        "accent=red: expected a hex colour");
	refused("accent with a quote", "standings", "accent", "f00\"", 400,
	        "expected a hex colour");
	refused("lang=pt", "standings", "lang", "pt", 400, "English only");
	refused("team view without team", "team", NULL, NULL, 400, "needs ?team=SLUG");
	refused("team not in the stage", "team", "team", "nobody", 404, "no team 'nobody'");
	refused("unknown view", "bracket", NULL, NULL, 404, "no overlay 'bracket'");
	struct http_resp *r = get(OV "standings", "accent", "#FF8800", "scale", "0.5");
	CHECK("accent #FF8800 and scale 0.5 reach the page",
	      r->status == 200 && has(r, "data-accent=\"#FF8800\"") &&
	          has(r, "data-scale=\"0.5\""));
	http_resp_unref(r);
	r = get(OV "standings", "theme", "light", "lang", "en");
	CHECK("theme=light, lang=en", r->status == 200 && has(r, "class=\"overlay theme-light"));
	http_resp_unref(r);
	r = get("/overlay/t/cup-i/nope/standings", NULL, NULL, NULL, NULL);
	CHECK("unknown stage: 404", r->status == 404);
	http_resp_unref(r);
}

static void
test_card(void)
{
	struct http_resp *r = get("/t/cup-i/final/card.svg", NULL, NULL, NULL, NULL);
	CHECK("card: 200 image/svg+xml", r->status == 200 && strcmp(r->type, "image/svg+xml") == 0);
	static const char head[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1080\" "
	                           "height=\"1350\" viewBox=\"0 0 1080 1350\"";
	CHECK("card: 1080x1350", strncmp(r->body, head, strlen(head)) == 0);
	CHECK("card: no reference outside it", !has(r, "href") && !has(r, "url(") &&
	                                           !has(r, "<image") && !has(r, "@import") &&
	                                           strstr(r->body + 40, "http") == NULL);
	CHECK("card: names escaped",
	      has(r, "&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;") && !has(r, "<b>"));
	CHECK("card: champion and after match 2",
	      has(r, "Champion: &lt;b&gt;") && has(r, "After match 2 · 2 of 2 matches played"));
	http_resp_unref(r);
	r = get("/t/cup-i/final/card.svg", "after", "1", NULL, NULL);
	/* after match 1 the leader has 17 >= 15: on match point, no champion yet */
	CHECK("card after 1: match point, no champion",
	      has(r, "On match point: &lt;b&gt;") && !has(r, "Champion:"));
	http_resp_unref(r);
	r = get("/t/cup-i/final", NULL, NULL, NULL, NULL);
	CHECK("stage page: og:image is the card",
	      has(r, "<meta property=\"og:image\" content=\"/t/cup-i/final/card.svg\">"));
	http_resp_unref(r);
}

int
main(void)
{
	char *err = NULL;
	struct import_stats st = {0};
	struct buf msgs = {0};
	if (db_open(":memory:", 0, &db, &err) != 0 ||
	    import_json(db, "fixture", fixture, strlen(fixture), 0, &st, &msgs) != 0) {
		printf("not ok setup: %s %s\n", err ? err : "", msgs.data ? msgs.data : "");
		return 1;
	}
	buf_free(&msgs);
	test_views();
	test_options();
	test_card();
	sqlite3_close(db);
	return unit_failed;
}
