/*
 * test-web.c: the web layer without a socket. Requests go through
 * http_handle against a database this test fills with import_json; the
 * checks are on status codes, headers, escaping of hostile names in text,
 * attributes and the SVG chart, slug checks, the cache and the write path,
 * a stage whose match numbers have a gap, the data version a page embeds
 * when a write lands while it renders, a database locked by another
 * process before a connection has read its schema, and the languages
 * (?lang=, Accept-Language, the cache per language, numbers in the locale,
 * the share preview on every page), the delta a live event carries, the
 * home page's limits and the whole lists a page at a time.
 * Expected numbers are hand counts of the fixture below.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"
#include "db.h"
#include "html.h"
#include "http.h"
#include "json.h"
#include "live.h"
#include "stage.h"
#include "standings.h"
#include "unit.h"
#include "util.h"

/*
 * Three teams, two matches, Champion Rush at 15 points (the first team has 17
 * after match 1 and wins match 2). Hand counts (FFWS table, 1 point a kill):
 *   <script>alert(1)</script>  1st, 5 kills (12+5)   1st, 3 kills (12+3)   = 32, 2 Booyahs
 *   Tom & "Jerry"              2nd, 4 kills (9+4)    3rd, 1 kill  (8+1)    = 22
 *   Plain Team                 3rd, 0 kills (8)      2nd, 2 kills (9+2)    = 19
 */
static const char fixture[] =
    "{\"tournament\":\"Cup <b>\",\"stage\":\"Final\",\"ruleset\":{\"placement_points\":[12,9,8],"
    "\"kill_points\":1,\"champion_rush\":{\"threshold\":15}},\"matches\":["
    "{\"match\":1,\"map\":\"Bermuda\",\"results\":["
    "{\"team\":\"<script>alert(1)</script>\",\"placement\":1,\"kills\":5},"
    "{\"team\":\"Tom & \\\"Jerry\\\"\",\"placement\":2,\"kills\":4,\"players\":["
    "{\"name\":\"<img src=x onerror=alert(2)>\",\"kills\":4}]},"
    "{\"team\":\"Plain Team\",\"placement\":3,\"kills\":0}]},"
    "{\"match\":2,\"map\":\"Pur'gatory\",\"results\":["
    "{\"team\":\"<script>alert(1)</script>\",\"placement\":1,\"kills\":3},"
    "{\"team\":\"Plain Team\",\"placement\":2,\"kills\":2},"
    "{\"team\":\"Tom & \\\"Jerry\\\"\",\"placement\":3,\"kills\":1}]}]}";

static const char match3[] =
    "{\"tournament\":\"Cup <b>\",\"stage\":\"Final\",\"match\":3,\"map\":\"Kalahari\","
    "\"results\":[{\"team\":\"Plain Team\",\"placement\":1,\"kills\":7},"
    "{\"team\":\"Tom & \\\"Jerry\\\"\",\"placement\":2,\"kills\":0},"
    "{\"team\":\"<script>alert(1)</script>\",\"placement\":3,\"kills\":0}]}";

/* Two teams, matches numbered 1, 2 and 5000 (hand counts, FFWS table):
 * Alpha: 1st 1 kill (13), 2nd 0 (9), 2nd 0 (9) = 31; Beta: 2nd 0 (9),
 * 1st 2 kills (14), 1st 0 (12) = 35. */
static const char gaps[] =
    "{\"tournament\":\"Gap Cup\",\"stage\":\"Gaps\",\"matches\":["
    "{\"match\":1,\"map\":\"Bermuda\",\"results\":[{\"team\":\"Alpha\",\"placement\":1,"
    "\"kills\":1},{\"team\":\"Beta\",\"placement\":2,\"kills\":0}]},"
    "{\"match\":2,\"map\":\"Kalahari\",\"results\":[{\"team\":\"Beta\",\"placement\":1,"
    "\"kills\":2},{\"team\":\"Alpha\",\"placement\":2,\"kills\":0}]},"
    "{\"match\":5000,\"map\":\"Purgatory\",\"results\":[{\"team\":\"Beta\",\"placement\":1,"
    "\"kills\":0},{\"team\":\"Alpha\",\"placement\":2,\"kills\":0}]}]}";

static sqlite3 *db;

/* The integer sql yields (db_int), or -1 when the query fails. */
static int64_t
one_int(const char *sql)
{
	int64_t v = 0;
	return db_int(db, &v, sql, 0) == 0 ? v : -1;
}

/* Answer method path[?query] (query: one key=value) with an optional body and Authorization. */
static struct http_resp *
ask(const char *method, const char *path, const char *key, const char *value, const char *auth,
    const char *body, const char *token)
{
	struct http_token tok = {"test", token};
	struct http_req req = {.method = method,
	                       .path = path,
	                       .db = db,
	                       .tokens = token ? &tok : NULL,
	                       .ntokens = token != NULL,
	                       .authorization = auth,
	                       .body = body,
	                       .body_len = body ? strlen(body) : 0};
	if (key) {
		req.args[0].key = key;
		req.args[0].value = value;
		req.nargs = 1;
	}
	return http_handle(&req);
}

/* GET path?k1=v1[&k2=v2] (k2 NULL: one argument). */
static struct http_resp *
getq(const char *path, const char *k1, const char *v1, const char *k2, const char *v2)
{
	struct http_req req = {.method = "GET", .path = path, .db = db, .nargs = k2 ? 2 : 1};
	req.args[0] = (struct http_arg){k1, v1};
	req.args[1] = (struct http_arg){k2, v2};
	return http_handle(&req);
}

/* Check that hay holds needle, saying which when it does not. */
static void
holds(const char *name, const char *hay, const char *needle)
{
	if (hay && strstr(hay, needle))
		printf("ok %s\n", name);
	else {
		printf("not ok %s: no \"%s\" in the answer\n", name, needle);
		unit_failed = 1;
	}
}

/* Check that hay does not hold needle. */
static void
lacks(const char *name, const char *hay, const char *needle)
{
	if (hay && strstr(hay, needle) == NULL)
		printf("ok %s\n", name);
	else {
		printf("not ok %s: \"%s\" in the answer\n", name, needle);
		unit_failed = 1;
	}
}

/* Import the file path (relative to tests/); 0 on success. */
static int
import_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return -1;
	static char data[1 << 16];
	size_t n = fread(data, 1, sizeof data, f);
	fclose(f);
	struct import_stats st = {0};
	struct buf msgs = {0};
	int rc = import_json(db, path, data, n, 0, &st, &msgs);
	if (rc != 0)
		printf("# %s: %s\n", path, msgs.data ? msgs.data : "refused");
	buf_free(&msgs);
	return rc;
}

/* The status of GET path, the response dropped. */
static int
get_status(const char *path)
{
	struct http_resp *r = ask("GET", path, NULL, NULL, NULL, NULL, NULL);
	int s = r->status;
	http_resp_unref(r);
	return s;
}

static void
collect(void *ctx, const char *k, const char *v)
{
	struct buf *b = ctx;
	buf_printf(b, "%s: %s\n", k, v);
}

static void
test_escaping(void)
{
	struct buf b = {0};
	htmlf(&b, "%s", "<script>alert(1)</script> & \"q\" 'a'");
	CHECK_STR("htmlf %s: text", "&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"q\" 'a'",
	          b.data);
	buf_reset(&b);
	htmlf(&b, "%a", "Tom & \"Jerry\" <'x'>");
	CHECK_STR("htmlf %a: attribute", "Tom &amp; &quot;Jerry&quot; &lt;&#39;x&#39;&gt;", b.data);
	buf_reset(&b);
	htmlf(&b, "%p", "a b/c?d=\"e\"&<f>~_.-");
	CHECK_STR("htmlf %p: URL part", "a%20b%2Fc%3Fd%3D%22e%22%26%3Cf%3E~_.-", b.data);
	buf_reset(&b);
	htmlf(&b, "<script type=\"application/json\">%j</script>", "</script><b>\"&\\\n");
	CHECK_STR("htmlf %j: JSON that cannot close the script",
	          "<script type=\"application/json\">"
	          "\"\\u003c/script\\u003e\\u003cb\\u003e\\\"\\u0026\\\\\\n\"</script>",
	          b.data);
	buf_reset(&b);
	htmlf(&b, "<b>%r</b>", "<i>&amp;</i>");
	CHECK_STR("htmlf %r: raw", "<b><i>&amp;</i></b>", b.data);
	buf_reset(&b);
	/* the number conversions, and %% */
	htmlf(&b, "%d|%lld|%llu|%f|%.1f|%+.1f|%+.2f|100%%", -7, -9000000000LL,
	      18446744073709551615ULL, 0.5, 2.25, 0.04, -1.005);
	CHECK_STR("htmlf numbers",
	          "-7|-9000000000|18446744073709551615|0.500000|2.2|+0.0|-1.00|100%", b.data);
	buf_reset(&b);
	htmlf(&b, "a%sb%ac%pd", NULL, NULL, NULL);
	CHECK_STR("htmlf NULL is empty", "abcd", b.data);
	buf_reset(&b);
	htmlf(&b, "ok %d then %x %s", 1, 2, "never");
	CHECK_STR("htmlf stops at an unknown conversion", "ok 1 then ", b.data);
	buf_free(&b);
	CHECK("slug ok", http_slug_ok("loud-snickers"));
	CHECK("slug upper", !http_slug_ok("Loud-Snickers"));
	CHECK("slug dots", !http_slug_ok(".."));
	CHECK("slug space", !http_slug_ok("a b"));
	CHECK("slug empty", !http_slug_ok(""));
	CHECK("slug markup", !http_slug_ok("<script>"));
}

static void
test_pages(void)
{
	struct http_resp *r = ask("GET", "/t/cup-b/final", NULL, NULL, NULL, NULL, NULL);
	CHECK("stage page 200", r->status == 200);
	CHECK("stage page html", strncmp(r->type, "text/html", 9) == 0);
	const char *p = r->body;
	CHECK("no raw script from data", strstr(p, "<script>alert") == NULL);
	CHECK("no raw quote name", strstr(p, "Tom & \"Jerry\"") == NULL);
	CHECK("no raw stage title", strstr(p, "Cup <b>") == NULL);
	CHECK("name as text", strstr(p, ">&lt;script&gt;alert(1)&lt;/script&gt;</a>") != NULL);
	CHECK("name in attribute", strstr(p, "data-team=\"Tom &amp; &quot;Jerry&quot;\"") != NULL);
	CHECK("name in svg title",
	      strstr(p, "<title>&lt;script&gt;alert(1)&lt;/script&gt;: 32 points</title>") != NULL);
	CHECK("name in svg attribute",
	      strstr(p, "<polyline class=\"line c1\" data-team=\"Tom &amp; &quot;Jerry&quot;\"") !=
	          NULL);
	CHECK("map in attribute", strstr(p, "title=\"match 2: Pur&#39;gatory\"") != NULL);
	CHECK("champion row",
	      strstr(p, "<tr class=\"champion\" data-team=\"&lt;script&gt;") != NULL);
	CHECK("champion decided in match 2", strstr(p, "decided in match 2") != NULL);
	CHECK("rush line", strstr(p, "class=\"rush-line\"") != NULL);
	CHECK("champion mark under the name",
	      strstr(p, "</a><small class=\"mark champ-mark\" title=\"Champion Rush "
	                "champion, decided in match 2\">♛ champion, match 2</small>") != NULL);
	CHECK("rush mark: Tom reached 15 after match 2 (13, then 22)",
	      strstr(p, ">Tom &amp; \"Jerry\"</a><small class=\"mark rush-mark\" title=\"reached "
	                "15 points after match 2\">★ "
	                "15+ after match 2</small>") != NULL);
	CHECK("two match columns", strstr(p, ">M2</a><small>") && !strstr(p, ">M3</a><small>"));
	CHECK("hand-counted total 22", strstr(p, "<td class=\"total\">22</td>") != NULL);
	CHECK("stage page etag", r->etag[0] == '"');
	http_resp_unref(r);

	r = ask("GET", "/t/cup-b/final", "after", "1", NULL, NULL, NULL);
	CHECK("after=1 200", r->status == 200);
	CHECK("after=1 one column",
	      strstr(r->body, ">M1</a><small>") && !strstr(r->body, ">M2</a><small>"));
	CHECK("after=1 selected", strstr(r->body, "<option value=\"1\" selected>") != NULL);
	http_resp_unref(r);
	r = ask("GET", "/t/cup-b/final", "after", "abc", NULL, NULL, NULL);
	CHECK("after=abc 400", r->status == 400);
	CHECK("after=abc escaped",
	      strstr(
	          r->body,
	          "after=abc: expected 0 (before the first match) or a match number from 1 to 2") !=
	          NULL);
	http_resp_unref(r);
	r = ask("GET", "/t/cup-b/final", "after", "<9>", NULL, NULL, NULL);
	CHECK("after=<9> escaped", r->status == 400 && strstr(r->body, "after=&lt;9&gt;") != NULL);
	http_resp_unref(r);
	r = ask("GET", "/t/cup-b/final", "after", "3", NULL, NULL, NULL);
	CHECK("after past the last match 400", r->status == 400);
	http_resp_unref(r);

	r = ask("GET", "/", NULL, NULL, NULL, NULL, NULL);
	CHECK("home 200", r->status == 200);
	CHECK("home escapes tournament", strstr(r->body, "<h2>Cup &lt;b&gt;</h2>") != NULL);
	CHECK("home links team by slug", strstr(r->body, "href=\"/teams/tom-jerry\"") != NULL);
	http_resp_unref(r);

	r = ask("GET", "/teams/script-alert-1-script", NULL, NULL, NULL, NULL, NULL);
	CHECK("team page 200", r->status == 200);
	CHECK("team page title escaped",
	      strstr(r->body, "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>") != NULL);
	CHECK("team page no raw script", strstr(r->body, "<script>alert") == NULL);
	http_resp_unref(r);
	r = ask("GET", "/teams/tom-jerry", NULL, NULL, NULL, NULL, NULL);
	CHECK("team player escaped", strstr(r->body, "&lt;img src=x onerror=alert(2)&gt;") != NULL);
	CHECK("team player not raw", strstr(r->body, "<img src=x") == NULL);
	http_resp_unref(r);
	CHECK("maps page 200", get_status("/t/cup-b/final/maps") == 200);
	CHECK("style.css 200", get_status("/static/style.css") == 200);
	CHECK("app.js 200", get_status("/static/app.js") == 200);
}

static void
test_routing(void)
{
	CHECK("unknown path 404", get_status("/nope") == 404);
	CHECK("unknown tournament 404", get_status("/t/nope/final") == 404);
	CHECK("unknown stage 404", get_status("/t/cup-b/nope") == 404);
	CHECK("unknown team 404", get_status("/teams/nope") == 404);
	CHECK("upper-case slug 404", get_status("/t/Cup-B/final") == 404);
	CHECK("dot-dot slug 404", get_status("/t/cup-b/..") == 404);
	CHECK("markup slug 404", get_status("/t/<script>/final") == 404);
	struct http_resp *r = ask("GET", "/t/cup-b/final/", "after", "1", NULL, NULL, NULL);
	CHECK("trailing slash: 308 to the path without it, the query kept",
	      r->status == 308 && r->location &&
	          strcmp(r->location, "/t/cup-b/final?after=1") == 0);
	http_resp_unref(r);
	CHECK("trailing slashes of an API path: 308", get_status("/api/v1/teams/nope//") == 308);
	CHECK("trailing slash of no page: 404", get_status("/t/cup-b/final/x/") == 404);
	CHECK("a slash path that would leave the host: 404", get_status("//example.com/") == 404);
	CHECK("the tournament page 200", get_status("/t/cup-b") == 200);
	CHECK("empty segment 404", get_status("/t//final") == 404);
	CHECK("missing segment 404", get_status("/t") == 404);
	CHECK("unknown asset 404", get_status("/static/nope.js") == 404);
	char longpath[700] = "/teams/";
	memset(longpath + 7, 'a', 600);
	longpath[607] = '\0';
	CHECK("over-long slug 404", get_status(longpath) == 404);

	r = ask("POST", "/t/cup-b/final", NULL, NULL, NULL, NULL, NULL);
	CHECK("POST page 405", r->status == 405);
	CHECK("405 Allow GET", r->allow && strcmp(r->allow, "GET, HEAD") == 0);
	http_resp_unref(r);
	r = ask("GET", "/api/v1/matches", NULL, NULL, NULL, NULL, NULL);
	CHECK("GET write path 405", r->status == 405);
	CHECK("405 Allow POST", r->allow && strcmp(r->allow, "POST") == 0);
	CHECK("API error is JSON", strcmp(r->type, "application/json") == 0);
	http_resp_unref(r);
	r = ask("DELETE", "/", NULL, NULL, NULL, NULL, NULL);
	CHECK("DELETE 405", r->status == 405);
	http_resp_unref(r);
	r = ask("HEAD", "/t/cup-b/final", NULL, NULL, NULL, NULL, NULL);
	CHECK("HEAD 200", r->status == 200);
	http_resp_unref(r);
	r = ask("GET", "/api/v1/teams/nope", NULL, NULL, NULL, NULL, NULL);
	CHECK("API 404 JSON", r->status == 404 && strstr(r->body, "{\"error\":") == r->body);
	http_resp_unref(r);
}

/*
 * The match, players and tournament pages and their APIs on the fixture
 * (hand counts above), and the 404s' "did you mean".
 */
static void
test_fan_pages(void)
{
	struct http_resp *r = ask("GET", "/api/v1/tournaments/cup-b/stages/final/matches/1", NULL,
	                          NULL, NULL, NULL, NULL);
	CHECK("match API 200", r->status == 200);
	/* match 1: <script> 1st 5 kills = 12+5 = 17; Tom 2nd 4 kills = 9+4 = 13, its one player
	 * 4 kills, no damage or assists given; Plain Team 3rd 0 kills = 8 */
	holds("match API: the map and the Booyah", r->body,
	      "\"match\":1,\"day\":null,\"map\":\"Bermuda\",\"played_at\":null,\"void\":null,"
	      "\"booyah\":\"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\"");
	holds("match API: the Booyah team's 17", r->body,
	      "\"placement\":1,\"kills\":5,\"points\":17,\"status\":\"played\",\"players\":[]");
	holds("match API: Tom's 13 and its player", r->body,
	      "\"placement\":2,\"kills\":4,\"points\":13,\"status\":\"played\",\"players\":[{"
	      "\"player\":\"\\u003cimg src=x onerror=alert(2)\\u003e\",\"kills\":4,\"damage\":null,"
	      "\"assists\":null}]");
	holds("match API: Plain Team's 8", r->body, "\"placement\":3,\"kills\":0,\"points\":8");
	http_resp_unref(r);
	r = ask("GET", "/t/cup-b/final/m/1", NULL, NULL, NULL, NULL, NULL);
	CHECK("match page 200", r->status == 200);
	holds("match page: the Booyah, escaped", r->body,
	      "Bermuda · Booyah: <strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong>");
	holds("match page: the player, escaped", r->body, "&lt;img src=x onerror=alert(2)&gt;");
	lacks("match page: no live markup from a name", r->body, "<img src");
	holds("match page: a link to match 2", r->body, "href=\"/t/cup-b/final/m/2\">Match 2 ›");
	http_resp_unref(r);
	CHECK("no match 9: 404", get_status("/t/cup-b/final/m/9") == 404);
	CHECK("match 01: 404", get_status("/t/cup-b/final/m/01") == 404);
	CHECK("match API of no match: 404",
	      get_status("/api/v1/tournaments/cup-b/stages/final/matches/0") == 404);

	r = ask("GET", "/api/v1/tournaments/cup-b/stages/final/players", NULL, NULL, NULL, NULL,
	        NULL);
	CHECK("players API 200", r->status == 200);
	holds("players API: the one player with figures", r->body,
	      "{\"player\":\"\\u003cimg src=x onerror=alert(2)\\u003e\"");
	http_resp_unref(r);
	r = ask("GET", "/api/v1/tournaments/cup-b/stages/final/players", "sort", "nope", NULL, NULL,
	        NULL);
	CHECK("players API ?sort=nope: 400", r->status == 400);
	holds("players API ?sort=nope: the keys", r->body, "sort=nope: expected kills, damage");
	http_resp_unref(r);
	r = ask("GET", "/t/cup-b/final/players", "sort", "damage", NULL, NULL, NULL);
	CHECK("players page by damage 200", r->status == 200);
	holds("players page: the damage heading on", r->body,
	      "<th class=\"on\" aria-sort=\"descending\" title=\"Damage\">");
	http_resp_unref(r);

	r = ask("GET", "/t/cup-b", NULL, NULL, NULL, NULL, NULL);
	CHECK("tournament page 200", r->status == 200);
	holds("tournament page: the final's champion", r->body,
	      "♛ champion <strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong>");
	holds("tournament page: live", r->body, "data-events=\"/api/v1/events?since=");
	http_resp_unref(r);
	r = ask("GET", "/api/v1/events", NULL, NULL, NULL, NULL, NULL);
	CHECK("the whole database's event stream", r->status == 200 && r->stream == 1);
	http_resp_unref(r);

	r = ask("GET", "/t/cup-b/finale", NULL, NULL, NULL, NULL, NULL);
	CHECK("near stage: 404", r->status == 404);
	holds("near stage: did you mean", r->body,
	      "Did you mean <a href=\"/t/cup-b/final\">/t/cup-b/final</a>?");
	http_resp_unref(r);
	r = ask("GET", "/api/v1/tournaments/cup-c/stages/finals/standings", NULL, NULL, NULL, NULL,
	        NULL);
	holds("near tournament and stage in the API: did you mean", r->body,
	      "did you mean /api/v1/tournaments/cup-b/stages/final/standings ?");
	http_resp_unref(r);
	r = ask("GET", "/teams/plain-tem", NULL, NULL, NULL, NULL, NULL);
	holds("near team: did you mean", r->body, "<a href=\"/teams/plain-team\">");
	http_resp_unref(r);
	r = ask("GET", "/t/cup-c", NULL, NULL, NULL, NULL, NULL);
	holds("near tournament: did you mean", r->body, "<a href=\"/t/cup-b\">");
	http_resp_unref(r);
	r = ask("GET", "/t/cup-b/zzzzzzzzzzzz", NULL, NULL, NULL, NULL, NULL);
	lacks("nothing near: no did you mean", r->body, "Did you mean");
	http_resp_unref(r);
}

static void
test_api_and_headers(void)
{
	struct http_resp *r = ask("GET", "/api/v1/tournaments/cup-b/stages/final/standings", NULL,
	                          NULL, NULL, NULL, NULL);
	struct standings s;
	char *err;
	struct buf want = {0}, h = {0};
	standings_compute(db, one_int("SELECT id FROM stage"), NULL, 0, &s, &err);
	standings_json(&s, &want);
	standings_free(&s);
	CHECK("standings API 200", r->status == 200);
	CHECK("standings API = standings_json",
	      r->len == want.len && memcmp(r->body, want.data, want.len) == 0);
	CHECK("standings API hand-counted 32",
	      strstr(r->body, "\"team\":\"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\"") &&
	          strstr(r->body, "\"points\":32"));
	http_variant_headers(r, 0, collect, &h);
	CHECK("header content type", strstr(h.data, "Content-Type: application/json\n") != NULL);
	CHECK("header CSP", strstr(h.data, "Content-Security-Policy: default-src 'none'") != NULL);
	CHECK("header nosniff", strstr(h.data, "X-Content-Type-Options: nosniff\n") != NULL);
	CHECK("header referrer", strstr(h.data, "Referrer-Policy: no-referrer\n") != NULL);
	CHECK("header CORS", strstr(h.data, "Access-Control-Allow-Origin: *\n") != NULL);
	CHECK("header cache", strstr(h.data, "Cache-Control: public, max-age=1\n") != NULL);
	CHECK("header etag", strstr(h.data, "ETag: \"") != NULL);
	CHECK("etag matches", http_variant_match(r, 0, r->etag));
	CHECK("etag in list matches",
	      http_variant_match(r, 0, strcat(strcpy((char[64]){0}, "\"x\", "), r->etag)));
	CHECK("other etag does not", !http_variant_match(r, 0, "\"0000000000000000\""));
	CHECK("the standings have a gzip twin",
	      r->gz != NULL && r->gz_len > 0 && r->gz_len < r->len);
	CHECK("the twin's etag matches the twin only", http_variant_match(r, 1, r->gz_etag) &&
	                                                   !http_variant_match(r, 0, r->gz_etag) &&
	                                                   !http_variant_match(r, 1, r->etag));
	struct buf gh = {0};
	http_variant_headers(r, 1, collect, &gh);
	CHECK("the twin's headers: gzip, its etag, Vary",
	      strstr(gh.data, "Content-Encoding: gzip\n") && strstr(gh.data, r->gz_etag) &&
	          strstr(gh.data, "Vary: Accept-Encoding"));
	buf_free(&gh);
	struct http_resp *again = ask("GET", "/api/v1/tournaments/cup-b/stages/final/standings",
	                              NULL, NULL, NULL, NULL, NULL);
	CHECK("second GET from the cache", again == r);
	http_resp_unref(again);
	http_resp_unref(r);
	buf_free(&want);
	buf_free(&h);
	r = ask("GET", "/api/v1/tournaments/cup-b/stages/final/matches", NULL, NULL, NULL, NULL,
	        NULL);
	CHECK("matches API", r->status == 200 && strstr(r->body, "\"map\":\"Pur'gatory\""));
	http_resp_unref(r);
	r = ask("GET", "/api/v1/tournaments", NULL, NULL, NULL, NULL, NULL);
	CHECK("tournaments API",
	      r->status == 200 && strstr(r->body, "\"tournament_slug\":\"cup-b\""));
	http_resp_unref(r);
}

/* Forms, tokens and the desk's pages without a session (session.c, page_desk.c). */
static void
test_desk(void)
{
	struct http_req form = {.body = "a=1&token=correct+horse%20battery%2Bstaple&b=%zz",
	                        .body_len =
	                            strlen("a=1&token=correct+horse%20battery%2Bstaple&b=%zz")};
	char *v = http_form(&form, "token");
	CHECK_STR("http_form: + is a space, %XX a byte", "correct horse battery+staple", v);
	free(v);
	v = http_form(&form, "b");
	CHECK_STR("http_form: a bad escape stays as it is", "%zz", v);
	free(v);
	CHECK("http_form: no such field", http_form(&form, "tok") == NULL);
	form.body = "x=a%00b";
	form.body_len = 7;
	CHECK("http_form: a NUL refuses the field", http_form(&form, "x") == NULL);

	static const struct http_token two[] = {{"desk-1", "0123456789abcdef"},
	                                        {"desk-2", "correct horse battery staple"}};
	struct http_req req = {.tokens = two, .ntokens = 2};
	const struct http_token *t = http_token_find(&req, "correct horse battery staple");
	CHECK("token: the second desk's token names desk-2", t && strcmp(t->name, "desk-2") == 0);
	CHECK("token: its first word is no token", http_token_find(&req, "correct") == NULL);
	CHECK("token: a prefix is no token", http_token_find(&req, "0123456789abcde") == NULL);
	CHECK("token: longer is no token", http_token_find(&req, "0123456789abcdef0") == NULL);
	CHECK("token: empty is no token", http_token_find(&req, "") == NULL);

	struct http_resp *r =
	    ask("GET", "/desk/cup-b/final", NULL, NULL, NULL, NULL, "0123456789abcdef");
	CHECK("desk without a session 200", r->status == 200);
	CHECK("desk without a session: the login form", strstr(r->body, "action=\"/desk/login\""));
	CHECK("desk without a session: no team", strstr(r->body, "Plain Team") == NULL);
	CHECK("desk pages: no CORS, no ETag", r->cors == 0 && r->etag[0] == '\0');
	CHECK_STR("desk pages: no-store", "no-store", r->cache_control);
	http_resp_unref(r);
	r = ask("POST", "/desk/login", NULL, NULL, NULL, "token=0123456789abcdef",
	        "0123456789abcdef");
	CHECK("desk login 303 with a cookie", r->status == 303 && r->cookie &&
	                                          strncmp(r->cookie, "desk=", 5) == 0 &&
	                                          strstr(r->cookie, "; HttpOnly; SameSite=Strict"));
	CHECK_STR("desk login goes to /desk", "/desk", r->location);
	char *cookie = xasprintf("other=1; %.37s", r->cookie);
	http_resp_unref(r);
	struct http_token tok = {"desk-1", "0123456789abcdef"};
	struct http_req in = {.method = "GET",
	                      .path = "/desk/cup-b/final",
	                      .db = db,
	                      .tokens = &tok,
	                      .ntokens = 1,
	                      .cookie = cookie};
	r = http_handle(&in);
	CHECK("desk with the session: the form",
	      r->status == 200 && strstr(r->body, "id=\"entry\""));
	CHECK("desk: a team's name is text in the form",
	      strstr(r->body, "<label for=\"r0-p\">&lt;script&gt;alert(1)&lt;/script&gt;</label>"));
	CHECK("desk: and escaped in its attribute",
	      strstr(r->body, "data-team=\"Tom &amp; &quot;Jerry&quot;\""));
	CHECK("desk: no markup from the data",
	      strstr(r->body, "<script>alert") == NULL && strstr(r->body, "<img src=x") == NULL);
	CHECK("desk: the map of the last match chosen",
	      strstr(r->body, "<option selected>Pur'gatory</option>"));
	http_resp_unref(r);
	/* the entry form in Portuguese: desk.js's words on the form, from pt-BR.txt */
	in.args[0] = (struct http_arg){"lang", "pt-BR"};
	in.nargs = 1;
	r = http_handle(&in);
	holds("desk in pt-BR: the script's lobby kills", r->body,
	      " data-t-lobby=\"Abates do lobby: %d\"");
	holds("desk in pt-BR: the script's duplicate placement", r->body,
	      " data-t-also=\"também %s\"");
	http_resp_unref(r);
	/* the corrections page in Portuguese: its catalog's words (web/i18n/pt-BR.txt) */
	in.path = "/desk/cup-b/final/fix";
	r = http_handle(&in);
	CHECK("desk fix in pt-BR 200", r->status == 200);
	holds("desk fix in pt-BR: its title", r->body, "<h1>Correções: Final</h1>");
	holds("desk fix in pt-BR: a match's void", r->body, ">Anular partida 1</button>");
	holds("desk fix in pt-BR: the teams", r->body, "<h2>Equipes</h2>");
	holds("desk fix in pt-BR: the removal", r->body, ">Remover a fase Final</button>");
	lacks("desk fix in pt-BR: no English left", r->body, "Void match");
	http_resp_unref(r);
	/* a refusal on a desk page in its language (pt-BR.txt's detail.csrf) */
	in.method = "POST";
	in.path = "/desk/cup-b/final/commit";
	in.body = "csrf=stale&doc=%7B%7D";
	in.body_len = strlen(in.body);
	r = http_handle(&in);
	CHECK("desk commit with a stale CSRF token in pt-BR: 403", r->status == 403);
	holds("desk commit with a stale CSRF token in pt-BR: why, in Portuguese", r->body,
	      "o token CSRF do formulário está ausente ou vencido: recarregue a página");
	http_resp_unref(r);
	free(cookie);
	r = ask("POST", "/desk/login", "lang", "pt-BR", NULL, "token=not-the-token-at-all",
	        "0123456789abcdef");
	CHECK("desk login with a wrong token in pt-BR: 401", r->status == 401);
	holds("desk login with a wrong token in pt-BR: why, in Portuguese (desk.bad_token)",
	      r->body, "esse não é um dos tokens do servidor");
	http_resp_unref(r);
	/* a chunked login form: 411, its heading and its detail in the page's language */
	struct http_req chunked = {.method = "POST",
	                           .path = "/desk/login",
	                           .db = db,
	                           .tokens = &tok,
	                           .ntokens = 1,
	                           .content_length = -1,
	                           .args = {{"lang", "pt-BR"}},
	                           .nargs = 1};
	r = http_handle(&chunked);
	CHECK("chunked desk login: 411", r->status == 411);
	holds("chunked desk login in pt-BR: the heading (error.411)", r->body,
	      "<h1>411 Tamanho obrigatório</h1>");
	holds("chunked desk login in pt-BR: the detail (detail.login_length)", r->body,
	      "um formulário de login tem um Content-Length, de no máximo 4096 bytes");
	http_resp_unref(r);
	r = ask("POST", "/desk/cup-b/final/commit", NULL, NULL, NULL, "csrf=x&doc=%7B%7D",
	        "0123456789abcdef");
	CHECK("desk commit without a session 401", r->status == 401);
	http_resp_unref(r);
	CHECK("refused desk POSTs stored nothing", one_int("SELECT count(*) FROM match") == 2);
}

static void
test_post(void)
{
	struct http_resp *r =
	    ask("POST", "/api/v1/matches", NULL, NULL, "Bearer s3cret", match3, NULL);
	CHECK("POST without a token configured 403", r->status == 403);
	CHECK("POST errors not cached or CORS", r->cors == 0);
	http_resp_unref(r);
	r = ask("POST", "/api/v1/matches", NULL, NULL, "Bearer wrong", match3, "s3cret");
	CHECK("POST wrong token 401", r->status == 401);
	http_resp_unref(r);
	r = ask("POST", "/api/v1/matches", NULL, NULL, NULL, match3, "s3cret");
	CHECK("POST no Authorization 401", r->status == 401);
	http_resp_unref(r);
	r = ask("POST", "/api/v1/matches", NULL, NULL, "Bearer s3cre", match3, "s3cret");
	CHECK("POST token prefix 401", r->status == 401);
	http_resp_unref(r);
	r = ask("POST", "/api/v1/matches", NULL, NULL, "Bearer s3cret", "{\"match\": 3,", "s3cret");
	CHECK("POST bad JSON 400", r->status == 400);
	CHECK("POST bad JSON names the body", strstr(r->body, "POST body") != NULL);
	http_resp_unref(r);
	CHECK("refused POST stored nothing", one_int("SELECT count(*) FROM match") == 2);
	r = ask("POST", "/api/v1/matches", NULL, NULL, "Bearer s3cret", match3, "s3cret");
	CHECK("POST stored 201", r->status == 201);
	CHECK("POST reports one added", strstr(r->body, "\"matches_added\":1") != NULL);
	http_resp_unref(r);
	r = ask("POST", "/api/v1/matches", NULL, NULL, "bearer s3cret", match3, "s3cret");
	CHECK("POST same again 200", r->status == 200);
	http_resp_unref(r);
	r = ask("GET", "/t/cup-b/final", NULL, NULL, NULL, NULL, NULL);
	CHECK("page shows match 3 after the POST",
	      strstr(r->body, ">M3</a><small>Kalahari") != NULL);
	/* Plain Team: 19 + 12 + 7 */
	CHECK("page shows the new total 38",
	      strstr(r->body, "<td class=\"total\">38</td>") != NULL);
	http_resp_unref(r);
}

/* Odd requests: every one answered with a status this server uses, none crashes. */
static void
test_odd_requests(void)
{
	static const char *paths[] = {"",
	                              "/",
	                              "//",
	                              "/t",
	                              "/t/",
	                              "/t/cup-b",
	                              "/t/cup-b/final/x/y",
	                              "/static/",
	                              "/static/../http.c",
	                              "/api",
	                              "/api/v1",
	                              "/api/v1/teams/",
	                              "/api/v1/tournaments/cup-b/stages/final/x",
	                              "%",
	                              "/\xff\xfe",
	                              "/t/cup-b/final\n",
	                              "/teams/tom-jerry?x=1"};
	static const char *methods[] = {"GET", "HEAD", "POST", "PUT", "OPTIONS", ""};
	static const char *afters[] = {"-1", "00", "99999999999999999999", "1e3", "", " 1", "1 ",
	                               "+1", "0x1"};
	char longpath[5000];
	memset(longpath, 'a', sizeof longpath - 1);
	longpath[0] = '/';
	longpath[sizeof longpath - 1] = '\0';
	int bad = 0, n = 0;
	for (size_t m = 0; m < sizeof methods / sizeof methods[0]; m++)
		for (size_t i = 0; i <= sizeof paths / sizeof paths[0]; i++) {
			const char *path = i < sizeof paths / sizeof paths[0] ? paths[i] : longpath;
			struct http_resp *r = ask(methods[m], path, NULL, NULL, NULL, "x", NULL);
			if (r->status != 404 && r->status != 405 && r->status != 403 &&
			    r->status != 200)
				bad++;
			if (r->type == NULL || r->body == NULL)
				bad++;
			n++;
			http_resp_unref(r);
		}
	CHECK("odd paths and methods: 200, 403, 404 or 405", bad == 0 && n > 100);
	bad = 0;
	for (size_t i = 0; i < sizeof afters / sizeof afters[0]; i++) {
		struct http_resp *r = ask("GET", "/api/v1/tournaments/cup-b/stages/final/standings",
		                          "after", afters[i], NULL, NULL, NULL);
		if (r->status != (*afters[i] ? 400 : 200))
			bad++;
		http_resp_unref(r);
	}
	CHECK("odd after= values: 400 (empty: all matches)", bad == 0);
	struct http_resp *r = ask("GET", "/api/v1/tournaments/cup-b/stages/final/standings",
	                          "after", "0", NULL, NULL, NULL);
	CHECK("after=0: 200, before the first match",
	      r->status == 200 && strstr(r->body, "\"after_match\":0,") != NULL);
	http_resp_unref(r);
}

/* How many times needle occurs in hay. */
static int
count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

/* Matches 1, 2 and 5000: the selector, the grid and the race have three, not 5000. */
static void
test_gaps(void)
{
	struct import_stats st = {0};
	struct buf msgs = {0};
	CHECK("gaps imported", import_json(db, "gaps", gaps, strlen(gaps), 0, &st, &msgs) == 0);
	buf_free(&msgs);
	struct http_resp *r = ask("GET", "/t/gap-cup/gaps", NULL, NULL, NULL, NULL, NULL);
	CHECK("gaps page 200", r->status == 200);
	CHECK("gaps: three options and 0", count(r->body, "<option ") == 4);
	CHECK("gaps: options latest first",
	      strstr(r->body,
	             "<option value=\"5000\" selected>5000 (latest)</option>"
	             "<option value=\"2\">2</option><option value=\"1\">1</option>"
	             "<option value=\"0\">0: before the first match</option></select>") != NULL);
	CHECK("gaps: three grid columns", count(r->body, "<th class=\"match\"") == 3);
	CHECK("gaps: column M5000", strstr(r->body, ">M5000</a><small>Purgatory</small>") != NULL);
	CHECK("gaps: status names the last number and the matches played",
	      strstr(r->body, "After match 5000 (3 of 3 matches played)") != NULL);
	CHECK("gaps: totals 35 and 31", strstr(r->body, "<td class=\"total\">35</td>") &&
	                                    strstr(r->body, "<td class=\"total\">31</td>"));
	/* the race: the start and three matches, so four points per line, and
	 * the last x label is the match number */
	const char *line = strstr(r->body, "<polyline");
	const char *pts = line ? strstr(line, "points=\"") : NULL;
	const char *end = pts ? strchr(pts + 8, '"') : NULL;
	int commas = 0;
	for (const char *p = pts; p && p < end; p++)
		commas += *p == ',';
	CHECK("gaps: four race points per team", commas == 4);
	CHECK("gaps: two race lines", count(r->body, "<polyline") == 2);
	CHECK("gaps: x label 5000",
	      strstr(r->body, "class=\"xlabel\"") && strstr(r->body, ">5000</text>"));
	http_resp_unref(r);
	r = ask("GET", "/t/gap-cup/gaps", "after", "3", NULL, NULL, NULL);
	CHECK("gaps: after=3 (no such match) 400", r->status == 400);
	http_resp_unref(r);
	r = ask("GET", "/t/gap-cup/gaps", "after", "2", NULL, NULL, NULL);
	CHECK("gaps: after=2 200", r->status == 200);
	CHECK("gaps: after=2 selected", strstr(r->body, "<option value=\"2\" selected>") != NULL);
	/* after match 2: Alpha 13 + 9 = 22, Beta 9 + 14 = 23 */
	CHECK("gaps: after=2 totals", strstr(r->body, "<td class=\"total\">23</td>") &&
	                                  strstr(r->body, "<td class=\"total\">22</td>"));
	CHECK("gaps: after=2 two columns", count(r->body, "<th class=\"match\"") == 2);
	http_resp_unref(r);
}

/* 1 when the board (the first table) of page names the teams in the order given (NULL-ended). */
static int
board_order(const char *page, const char *const *teams)
{
	const char *board = page ? strstr(page, "<table class=\"board\">") : NULL;
	const char *end = board ? strstr(board, "</table>") : NULL, *at = board;
	char want[128];
	for (int i = 0; at && teams[i]; i++) {
		snprintf(want, sizeof want, "data-team=\"%s\"", teams[i]);
		at = strstr(at, want);
		if (at == NULL || at > end)
			return 0;
	}
	int rows = 0;
	for (const char *p = board; p && (p = strstr(p, "data-team=")) && p < end; p++)
		rows++;
	int n = 0;
	while (teams[n])
		n++;
	return at != NULL && rows == n;
}

/* The standings_get JSON of stage slug (of tournament tslug) as o asks, into want. */
static void
want_json(const char *tslug, const char *slug, const struct standings_opts *o, struct buf *want)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT s.id FROM stage s JOIN tournament t ON t.id ="
	                                  " s.tournament_id WHERE t.slug = ?1 AND s.slug = ?2");
	sqlite3_bind_text(st, 1, tslug, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, slug, -1, SQLITE_STATIC);
	int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	struct standings s;
	char *err = NULL;
	if (standings_get(db, id, o, &s, &err) == 0) {
		standings_json(&s, want);
		standings_free(&s);
	}
	free(err);
}

/*
 * The Rules Cup (tests/scoring/rules-cup-v2.json): match 3 voided (server
 * crash), Mako disqualified from match 4, match 5 on an unknown map, Nova
 * -5 from the standings after match 2 on (late to lobby, match 2), groups A
 * (Lynx, Mako) and B (Nova, Orca), Champion Rush 30 within 4 matches. Hand
 * counts (tests/t-standings.sh has the arithmetic), FFWS table, 1 point a
 * kill, matches 1, 2, 4, 5, 6: Lynx 53, Orca 46, Nova 50 - 5 = 45, Mako 37
 * (its 1st place in match 4 a dq: 0). Nobody converts within the 4 matches
 * played (1, 2, 4, 5): Lynx, first after match 5, is champion on points,
 * and match 6 is beyond max_matches. After match 3 (the voided one): Lynx
 * 25, Nova 25 - 5 = 20, Mako 18, Orca 17.
 */
static void
test_rules_cup(void)
{
	CHECK("rules cup imported", import_file("scoring/rules-cup-v2.json") == 0);
	struct http_resp *r = ask("GET", "/t/rules-cup/final", NULL, NULL, NULL, NULL, NULL);
	const char *p = r->body;
	CHECK("rules cup page 200", r->status == 200);
	holds("label: the match number and the matches played", p,
	      "<p class=\"status\">After match 6 (5 of 5 matches played)");
	holds("champion decided on points after max_matches", p,
	      "Champion: <strong>Lynx</strong>, decided on points after match 5, match 4 of 4 "
	      "played (max_matches)");
	holds("voided match listed with its reason", p,
	      "<li>Match 3 voided (server crash): it counts for nothing</li>");
	holds("late match said", p,
	      "<li>Match 6 was played beyond max_matches (4): it counts in the totals, not for "
	      "the title</li>");
	static const char *const all[] = {"Lynx", "Orca", "Nova", "Mako", NULL};
	CHECK("rules cup order: Lynx, Orca, Nova, Mako", board_order(p, all));
	holds("Nova's -5 beside its total 45, its reason under it", p,
	      "<td class=\"adj\">-5</td><td class=\"total\">45</td></tr>\n<tr class=\"adj-note\">"
	      "<td colspan=\"10\">Nova -5: late to lobby, match 2");
	holds("Lynx's total 53", p, "<td class=\"adj\"></td><td class=\"total\">53</td>");
	holds("Mako's total 37 with its one dq", p,
	      "<td class=\"opt dq\">1</td><td>1</td><td>2</td><td class=\"opt\">35</td>"
	      "<td class=\"adj\"></td><td class=\"total\">37</td>");
	/* Mako's grid row: 2nd 2 kills, 4th 0, (match 3 voided: one cell down the
	 * column, in Lynx's row), DQ in match 4, 4th 0, 1st 0 */
	holds("grid: Mako's DQ in match 4", p,
	      "<tr data-team=\"Mako\"><td class=\"team\">Mako</td><td>#2<small>2 kills</small>"
	      "</td><td>#4<small>0 kills</small></td><td class=\"dq\" title=\"disqualified from "
	      "match 4: no points\">DQ</td><td>#4<small>0 kills</small></td><td class=\"booyah\">"
	      "#1<small>0 kills</small></td></tr>");
	holds("grid: match 3 marked void", p,
	      "<th class=\"match void\" data-match=\"3\" title=\"match 3 voided: server "
	      "crash\"><a href=\"/t/rules-cup/final/m/3\">M3</a><small>void");
	CHECK("grid: the void reason once, down the column",
	      count(p, "<td class=\"void\" rowspan=\"4\">voided: server crash</td>") == 1);
	CHECK("grid: five counted columns and the voided one",
	      count(p, "<th class=\"match") == 6 && count(p, "<th class=\"match void") == 1);
	holds("grid: match 5's map unknown", p, "M5</a><small>unknown</small>");
	holds("group selector", p,
	      "<a class=\"on\" href=\"/t/rules-cup/final\">Whole stage</a><a "
	      "href=\"/t/rules-cup/final?group=A\">Group A</a>");
	holds("selector: before the first match", p,
	      "<option value=\"0\">0: before the first match</option>");
	holds("selector: the voided match says so", p, "<option value=\"3\">3 (voided)</option>");
	http_resp_unref(r);

	/* group A: Lynx 53 and Mako 37 alone, on all their matches */
	r = getq("/t/rules-cup/final", "group", "A", NULL, NULL);
	static const char *const a[] = {"Lynx", "Mako", NULL};
	CHECK("group A: 200", r->status == 200);
	CHECK("group A: Lynx, Mako only", board_order(r->body, a));
	holds("group A: says so", r->body, "(5 of 5 matches played) · group A");
	holds("group A: selected", r->body, "<a class=\"on\" href=\"/t/rules-cup/final?group=A\">");
	holds("group A: the after form keeps the group", r->body,
	      "<input type=\"hidden\" name=\"group\" value=\"A\">");
	lacks("group A: no adjustment of Nova's", r->body, "late to lobby");
	http_resp_unref(r);
	r = getq("/t/rules-cup/final", "group", "B", NULL, NULL);
	static const char *const b[] = {"Orca", "Nova", NULL};
	CHECK("group B: not group A's cached page, Orca then Nova", board_order(r->body, b));
	http_resp_unref(r);
	r = getq("/t/rules-cup/final", "group", "a", NULL, NULL);
	CHECK("group=a (not as stored): 400", r->status == 400);
	http_resp_unref(r);
	r = getq("/t/rules-cup/final", "group", "C", NULL, NULL);
	CHECK("group=C: 400", r->status == 400);
	holds("group=C: names the groups", r->body, "group=C: the stage has groups A, B");
	http_resp_unref(r);
	r = getq("/t/cup-b/final", "group", "A", NULL, NULL);
	CHECK("group on a stage without groups: 400",
	      r->status == 400 && strstr(r->body, "the stage has no groups"));
	http_resp_unref(r);

	/* after=0: every team, no point yet, level on everything (all rank 1) */
	r = getq("/t/rules-cup/final", "after", "0", NULL, NULL);
	CHECK("after=0: 200", r->status == 200);
	holds("after=0: before the first match", r->body,
	      "<p class=\"status\">Before the first match (0 of 5 matches played)");
	holds("after=0: selected", r->body, "<option value=\"0\" selected>");
	CHECK("after=0: four teams at rank 1 with 0",
	      count(r->body, "<td class=\"rank\">1</td>") == 4 &&
	          count(r->body, "<td class=\"total\">0</td>") == 4);
	CHECK("after=0: no grid column", count(r->body, "<th class=\"match") == 0);
	http_resp_unref(r);
	r = getq("/t/rules-cup/final", "after", "3", "group", "A");
	CHECK("after=3 and group A", r->status == 200 && board_order(r->body, a));
	http_resp_unref(r);
	r = getq("/t/rules-cup/final", "after", "3", NULL, NULL);
	static const char *const three[] = {"Lynx", "Nova", "Mako", "Orca", NULL};
	holds("after=3: the voided match in the label", r->body,
	      "After match 3 (2 of 5 matches played; match 3 was voided)");
	CHECK("after=3: Lynx 25, Nova 20, Mako 18, Orca 17",
	      board_order(r->body, three) && strstr(r->body, "<td class=\"total\">25</td>") &&
	          strstr(r->body, "<td class=\"adj\">-5</td><td class=\"total\">20</td>") &&
	          strstr(r->body, "<td class=\"total\">18</td>") &&
	          strstr(r->body, "<td class=\"total\">17</td>"));
	http_resp_unref(r);

	/* the API: standings_get's JSON for the same question */
	struct buf want = {0};
	struct standings_opts o = {.after = -1, .group = "A"};
	want_json("rules-cup", "final", &o, &want);
	r = getq("/api/v1/tournaments/rules-cup/stages/final/standings", "group", "A", NULL, NULL);
	CHECK("API group=A = standings_get --group A",
	      r->status == 200 && want.len && r->len == want.len &&
	          memcmp(r->body, want.data, want.len) == 0);
	holds("API group=A: the group", r->body, "\"group\":\"A\"");
	http_resp_unref(r);
	buf_reset(&want);
	o = (struct standings_opts){.after = 0};
	want_json("rules-cup", "final", &o, &want);
	r = getq("/api/v1/tournaments/rules-cup/stages/final/standings", "after", "0", NULL, NULL);
	CHECK("API after=0 = standings_get --after 0",
	      r->status == 200 && want.len && r->len == want.len &&
	          memcmp(r->body, want.data, want.len) == 0);
	http_resp_unref(r);
	buf_free(&want);

	/* maps: match 5's unknown map left out, and said */
	r = ask("GET", "/t/rules-cup/final/maps", NULL, NULL, NULL, NULL, NULL);
	holds("maps page: says what it left out", r->body,
	      "Left out: 1 match with an unknown map.");
	http_resp_unref(r);
	r = ask("GET", "/api/v1/tournaments/rules-cup/stages/final/maps", NULL, NULL, NULL, NULL,
	        NULL);
	struct buf h = {0};
	http_variant_headers(r, 0, collect, &h);
	holds("maps API: X-Unknown-Map-Matches 1", h.data, "X-Unknown-Map-Matches: 1\n");
	holds("maps API: the header readable cross-origin", h.data,
	      "Access-Control-Expose-Headers: X-Unknown-Map-Matches\n");
	http_resp_unref(r);
	buf_reset(&h);
	r = ask("GET", "/api/v1/tournaments/cup-b/stages/final/maps", NULL, NULL, NULL, NULL, NULL);
	http_variant_headers(r, 0, collect, &h);
	holds("maps API: 0 when no map is unknown", h.data, "X-Unknown-Map-Matches: 0\n");
	http_resp_unref(r);
	buf_free(&h);

	/* the team pages: Mako's dq, Nova's penalty */
	r = ask("GET", "/teams/mako", NULL, NULL, NULL, NULL, NULL);
	holds("team page: Mako's DQ in match 4, 0 points", r->body,
	      "<td>4</td><td class=\"team\">Kalahari</td><td class=\"dq\" title=\"disqualified "
	      "from match 4: no points\">DQ</td><td class=\"muted\">5</td><td "
	      "class=\"total\">0</td>");
	holds("team page: match 5's map unknown", r->body,
	      "<td class=\"team unknown\">unknown</td>");
	holds("team page: the unknown map left out", r->body,
	      "Left out: 1 match with an unknown map.");
	holds("team page: Mako's one dq in the stage row", r->body,
	      "<td>4</td><td>5</td><td class=\"dq\">1</td>");
	http_resp_unref(r);
	r = ask("GET", "/teams/nova", NULL, NULL, NULL, NULL, NULL);
	holds("team page: Nova's -5 beside its 45, with its reason", r->body,
	      "<td class=\"adj\">-5</td><td class=\"total\">45</td></tr><tr class=\"adj-note\">"
	      "<td colspan=\"8\">-5: late to lobby, match 2");
	http_resp_unref(r);
	r = ask("GET", "/", NULL, NULL, NULL, NULL, NULL);
	holds("home: matches played, the voided one apart", r->body,
	      "Final</a> <span class=\"muted\">5 matches played (1 voided) · 4 teams</span>");
	http_resp_unref(r);
}

/*
 * The Carry Cup (tests/scoring/carry-point-rush.json, carry-final.json;
 * tests/t-standings.sh has the arithmetic): Point Rush ranks Moth (its
 * champion), Kite, Lark; the Final carries 10 and 8 by that rank and gives
 * Lark 2 by name, zones 1st "Champion slot" and 2nd "Runner-up". After its
 * match 1: Moth 8 + 10 = 18, Kite 9 + 8 = 17, Lark 12 + 2 = 14; before it:
 * Moth 10, Kite 8, Lark 2.
 */
static void
test_carry_cup(void)
{
	CHECK("carry cup imported", import_file("scoring/carry-point-rush.json") == 0 &&
	                                import_file("scoring/carry-final.json") == 0);
	static const char *const order[] = {"Moth", "Kite", "Lark", NULL};
	struct http_resp *r = ask("GET", "/t/carry-cup/final", NULL, NULL, NULL, NULL, NULL);
	const char *p = r->body;
	CHECK("carry cup: Moth, Kite, Lark", r->status == 200 && board_order(p, order));
	holds("carried from, with the stage", p,
	      "<li>Head starts carried from Point Rush: by its final ranking, from 1st down, 10, "
	      "8</li>");
	holds("Moth's 10 carried from Point Rush, total 18", p,
	      "<td class=\"start\">10<small>carried from Point Rush</small></td><td "
	      "class=\"total\">18</td>");
	holds("Kite's 8 carried, total 17", p,
	      "<td class=\"start\">8<small>carried from Point Rush</small></td><td "
	      "class=\"total\">17</td>");
	holds("Lark's 2 by name, total 14", p,
	      "<td class=\"start\">2</td><td class=\"total\">14</td>");
	holds("zone band: Moth in the first zone", p,
	      "<tr class=\"z0\" data-team=\"Moth\"><td class=\"rank\" title=\"Champion slot\">1");
	holds("zone band: Kite in the second", p,
	      "<tr class=\"z1 zstart\" data-team=\"Kite\"><td class=\"rank\" "
	      "title=\"Runner-up\">2");
	holds("zone band: Lark in none", p,
	      "<tr class=\"zstart\" data-team=\"Lark\"><td class=\"rank\">3");
	holds(
	    "zone legend", p,
	    "<ul class=\"zones\"><li><span class=\"band z0\"></span>1: Champion slot</li><li><span "
	    "class=\"band z1\"></span>2: Runner-up</li></ul>");
	http_resp_unref(r);
	r = getq("/t/carry-cup/final", "after", "0", NULL, NULL);
	CHECK("after=0: the head starts alone, in their order", board_order(r->body, order));
	holds("after=0: Moth 10 without a match", r->body,
	      "<td class=\"opt\">0</td><td>0</td><td>0</td><td class=\"opt\">0</td><td "
	      "class=\"start\">10<small>carried from Point Rush</small></td><td "
	      "class=\"total\">10</td>");
	holds("after=0: Lark 2", r->body, "<td class=\"start\">2</td><td class=\"total\">2</td>");
	http_resp_unref(r);
	r = ask("GET", "/api/v1/tournaments/carry-cup/stages/final/standings", NULL, NULL, NULL,
	        NULL, NULL);
	holds("API: where the head starts came from", r->body, "\"headstart_from\":\"Point Rush\"");
	holds("API: the first zone's field", r->body,
	      "\"headstart_carried\":10,\"adjustment\":0,\"adjustments\":[],\"zone\":\"Champion "
	      "slot\"}");
	holds("API: Lark in no zone", r->body,
	      "\"headstart_carried\":0,\"adjustment\":0,\"adjustments\":[],\"zone\":null}");
	http_resp_unref(r);
	r = ask("GET", "/teams/moth", NULL, NULL, NULL, NULL, NULL);
	holds("team page: Moth's 10 carried from Point Rush in the Final's 18", r->body,
	      "<td class=\"start\">10<small>10 carried from Point Rush</small></td><td "
	      "class=\"total\">18</td>");
	http_resp_unref(r);
	r = ask("GET", "/t/carry-cup/point-rush", NULL, NULL, NULL, NULL, NULL);
	holds("Point Rush: decided by a Booyah on match point", r->body,
	      "Champion: <strong>Moth</strong>, decided in match 2 by a Booyah on match point");
	http_resp_unref(r);
}

/*
 * A penalty that takes a total below 0: Beta -20 from the start, 2nd with
 * no kill in match 1 (9): -20, then -11; Alpha 1st (12); Gamma forfeited
 * the match: 0, between them. The chart's axis goes from -20 (its bottom,
 * y 294) to 20 in steps of 10.
 */
static void
test_below_zero(void)
{
	static const char minus[] =
	    "{\"tournament\":\"Minus Cup\",\"stage\":\"Final\",\"adjustments\":[{\"team\":\"Beta\","
	    "\"points\":-20,\"after_match\":0,\"reason\":\"roster breach\"}],\"matches\":["
	    "{\"match\":1,\"map\":\"Bermuda\",\"results\":[{\"team\":\"Alpha\",\"placement\":1,"
	    "\"kills\":0},{\"team\":\"Beta\",\"placement\":2,\"kills\":0},"
	    "{\"team\":\"Gamma\",\"status\":\"forfeit\"}]}]}";
	struct import_stats st = {0};
	struct buf msgs = {0};
	CHECK("minus cup imported",
	      import_json(db, "minus", minus, strlen(minus), 0, &st, &msgs) == 0);
	buf_free(&msgs);
	struct http_resp *r = ask("GET", "/t/minus-cup/final", NULL, NULL, NULL, NULL, NULL);
	holds("below 0: Beta -11", r->body,
	      "<td class=\"adj\">-20</td><td class=\"total\">-11</td>");
	holds("below 0: the axis from -20", r->body, "y=\"298.0\">-20</text>");
	holds("below 0: Beta's line starts at the bottom", r->body,
	      "data-team=\"Beta\" points=\"40.0,294.0 ");
	holds("below 0: from the start", r->body,
	      "Beta -20: roster breach <span class=\"muted\">(from the start)</span>");
	static const char *const order[] = {"Alpha", "Gamma", "Beta", NULL};
	CHECK("forfeit: Alpha 12, Gamma 0, Beta -11", board_order(r->body, order));
	holds("forfeit: Gamma's match counted as one played, once in DQ/FF", r->body,
	      "Gamma</a></td><td class=\"opt\">1</td><td class=\"opt dq\">1</td><td>0</td>"
	      "<td>0</td><td class=\"opt\">0</td><td class=\"adj\"></td><td "
	      "class=\"total\">0</td>");
	holds("forfeit: FF in the grid", r->body,
	      "<tr data-team=\"Gamma\"><td class=\"team\">Gamma</td><td class=\"dq\" "
	      "title=\"forfeited match 1: no "
	      "points\">FF</td></tr>");
	http_resp_unref(r);
	r = ask("GET", "/teams/gamma", NULL, NULL, NULL, NULL, NULL);
	holds("forfeit: FF on the team page, 0 points", r->body,
	      "<td class=\"dq\" title=\"forfeited match 1: no points\">FF</td>");
	http_resp_unref(r);
}

static int bumps;

/* A progress handler: the first time, a write lands (the version moves). */
static int
bump_once(void *arg)
{
	(void)arg;
	if (bumps++ == 0)
		live_bump();
	return 0;
}

/*
 * A write that lands while the stage page renders: the page must name the
 * version read before it rendered, so that its event stream announces the
 * write; the version read mid-render would hide it.
 */
static uint64_t heard; /* the version the listener was last told of */

/* A listener (live_listen): notes the version. */
static void
hear(uint64_t v)
{
	heard = v;
}

/*
 * The delta of a live event (stage_delta): the gaps stage after match 5000
 * (hand counts above): Beta 1st (1st after match 2 too: 23 to 22), 3
 * matches, 2 Booyahs, 2 kills, 9+12+12 = 33 placement points, 35, race 23
 * then 35, 1st with 0 kills in match 5000; Alpha 2nd, 1 Booyah, 1 kill,
 * 12+9+9 = 30, 31, race 22 then 31, 2nd with 0 kills. None for a match
 * that is not the latest, nor for a Champion Rush stage (the Cup's final).
 */
static void
test_delta(void)
{
	int64_t gap = one_int("SELECT s.id FROM stage s JOIN tournament t ON t.id = s.tournament_id"
	                      " WHERE t.slug = 'gap-cup' AND s.slug = 'gaps'");
	int64_t cup = one_int("SELECT s.id FROM stage s JOIN tournament t ON t.id = s.tournament_id"
	                      " WHERE t.slug = 'cup-b' AND s.slug = 'final'");
	struct buf b = {0};
	CHECK("delta: the gaps stage after match 5000", stage_delta(db, gap, 5000, &b) == 1);
	holds("delta: the match, the one before, played and stored, the map", b.data,
	      ",\"match\":5000,\"prev\":2,\"played\":3,\"of\":3,\"map\":\"Purgatory\",\"rows\":[[");
	holds("delta: Beta's row", b.data, ",\"Beta\",1,1,3,2,2,33,35,23,35,null,1,0]");
	holds("delta: Alpha's row", b.data, ",\"Alpha\",2,2,3,1,1,30,31,22,31,null,2,0]]");
	buf_free(&b);
	CHECK("delta: none for a match that is not the latest",
	      stage_delta(db, gap, 2, &b) == 0 && b.len == 0);
	CHECK("delta: none for a Champion Rush stage",
	      stage_delta(db, cup, 3, &b) == 0 && b.len == 0);
	/* A write with no watcher (no database to read what it did): the version alone. */
	live_listen(hear);
	live_bump();
	live_listen(NULL);
	CHECK("the listener is told of the new version", heard == live_version());
	size_t len;
	char *d = live_event_data(live_version(), &len), want[64];
	snprintf(want, sizeof want, "{\"version\":%llu}", (unsigned long long)live_version());
	CHECK("event data without a watcher: the version alone",
	      strcmp(d, want) == 0 && len == strlen(want));
	free(d);
}

static void
test_version_race(void)
{
	live_bump(); /* a version no cached page has */
	uint64_t before = live_version();
	char want[128];
	snprintf(want, sizeof want, "/api/v1/tournaments/cup-b/stages/final/events?since=%llu\"",
	         (unsigned long long)before);
	sqlite3_progress_handler(db, 1, bump_once, NULL);
	struct http_resp *r = ask("GET", "/t/cup-b/final", NULL, NULL, NULL, NULL, NULL);
	sqlite3_progress_handler(db, 0, NULL, NULL);
	CHECK("version race: a write landed during the render",
	      bumps > 0 && live_version() == before + 1);
	CHECK("version race: page names the version before the render",
	      r->status == 200 && strstr(r->body, want) != NULL);
	http_resp_unref(r);
}

/*
 * Another connection holds an exclusive lock before this one has read the
 * schema, so a statement cannot even be prepared: 503 with Retry-After,
 * not an abort; once the lock is gone the same connection answers 200.
 */
static void
test_locked(void)
{
	char path[256], *err = NULL;
	const char *tmp = getenv("TMPDIR");
	snprintf(path, sizeof path, "%s/test-web-%ld.db", tmp && *tmp ? tmp : "/tmp",
	         (long)getpid());
	sqlite3 *setup, *locker, *fresh;
	struct import_stats st = {0};
	struct buf msgs = {0};
	if (db_open(path, 0, &setup, &err) != 0 ||
	    import_json(setup, "fixture", fixture, strlen(fixture), 0, &st, &msgs) != 0) {
		printf("not ok locked setup: %s\n", err ? err : msgs.data);
		unit_failed = 1;
		free(err);
		buf_free(&msgs);
		return;
	}
	buf_free(&msgs);
	db_exec(setup, "PRAGMA journal_mode=DELETE"); /* so that a lock keeps readers out */
	sqlite3_close(setup);
	sqlite3_open_v2(path, &locker, SQLITE_OPEN_READWRITE, NULL);
	sqlite3_open_v2(path, &fresh, SQLITE_OPEN_READWRITE, NULL); /* no busy timeout */
	CHECK("locked: lock taken", db_exec(locker, "BEGIN EXCLUSIVE") == 0);

	static const char *const paths[] = {
	    "/",
	    "/t/cup-b/final",
	    "/t/cup-b/final/maps",
	    "/teams/tom-jerry",
	    "/tournaments",
	    "/teams",
	    "/api/v1/tournaments",
	    "/api/v1/tournaments/cup-b/stages/final/standings",
	    "/api/v1/tournaments/cup-b/stages/final/matches",
	    "/api/v1/tournaments/cup-b/stages/final/maps",
	    "/api/v1/tournaments/cup-b/stages/final/events",
	    "/api/v1/teams/tom-jerry",
	};
	sqlite3 *saved = db;
	db = fresh;
	live_bump(); /* no cached page for this version */
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		char name[160];
		struct http_resp *r = ask("GET", paths[i], NULL, NULL, NULL, NULL, NULL);
		snprintf(name, sizeof name, "locked: %s 503 with Retry-After 1", paths[i]);
		CHECK(name, r->status == 503 && r->retry_after == 1);
		http_resp_unref(r);
	}
	struct http_resp *r = ask("GET", "/api/v1/tournaments/cup-b/stages/final/standings", NULL,
	                          NULL, NULL, NULL, NULL);
	CHECK("locked: API 503 JSON",
	      r->status == 503 && strstr(r->body, "{\"error\":") == r->body);
	http_resp_unref(r);
	CHECK_STR("locked: the API's detail in English, whatever the request asks",
	          "{\"error\":\"the database is busy; try again\",\"status\":503}\n",
	          (r = getq("/api/v1/tournaments", "lang", "pt-BR", NULL, NULL))->body);
	http_resp_unref(r);
	r = getq("/t/cup-b/final", "lang", "pt-BR", NULL, NULL);
	holds("locked: a page's detail in Portuguese (pt-BR.txt's detail.busy)", r->body,
	      "<p class=\"error\">o banco de dados está ocupado; tente de novo</p>");
	http_resp_unref(r);
	db_exec(locker, "ROLLBACK");
	r = ask("GET", "/t/cup-b/final", NULL, NULL, NULL, NULL, NULL);
	CHECK("locked: 200 once the lock is gone",
	      r->status == 200 && strstr(r->body, "<td class=\"total\">32</td>") != NULL);
	http_resp_unref(r);
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		char name[160];
		snprintf(name, sizeof name, "lock gone: %s 200", paths[i]);
		CHECK(name, get_status(paths[i]) == 200);
	}
	db = saved;
	sqlite3_close(fresh);
	sqlite3_close(locker);
	unlink(path);
}

/*
 * A column the program reads renamed under it (the schema is not the
 * program's): each route that reads it answers 500, never a 4xx, and the
 * server goes on; once the column is back, the same connection answers
 * 200. Each case: the column renamed, the request, the status it gets.
 */
static void
test_altered(void)
{
	static const struct {
		const char *table, *column, *method, *path;
	} cases[] = {
	    {"result", "placement", "GET", "/t/cup-b/final"},
	    {"result", "placement", "GET", "/t/cup-b/final/maps"},
	    {"result", "placement", "GET", "/teams/tom-jerry"},
	    {"result", "placement", "GET", "/api/v1/tournaments/cup-b/stages/final/standings"},
	    {"result", "placement", "GET", "/api/v1/tournaments/cup-b/stages/final/matches"},
	    {"result", "placement", "GET", "/api/v1/tournaments/cup-b/stages/final/maps"},
	    {"result", "placement", "POST", "/api/v1/matches"},
	    {"team", "name", "GET", "/"},
	    {"team", "name", "GET", "/api/v1/teams/tom-jerry"},
	    {"tournament", "name", "GET", "/api/v1/tournaments"},
	    {"tournament", "slug", "GET", "/api/v1/tournaments/cup-b/stages/final/events"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char sql[160], name[200];
		int post = strcmp(cases[i].method, "POST") == 0;
		snprintf(sql, sizeof sql, "ALTER TABLE %s RENAME COLUMN %s TO %s_x", cases[i].table,
		         cases[i].column, cases[i].column);
		if (db_exec(db, sql) != 0) {
			printf("not ok altered %s: %s\n", sql, sqlite3_errmsg(db));
			unit_failed = 1;
			continue;
		}
		live_bump(); /* no cached page for this version */
		struct http_resp *r =
		    ask(cases[i].method, cases[i].path, NULL, NULL, post ? "Bearer s3cret" : NULL,
		        post ? match3 : NULL, post ? "s3cret" : NULL);
		snprintf(name, sizeof name, "%s.%s renamed: %s %s 500", cases[i].table,
		         cases[i].column, cases[i].method, cases[i].path);
		CHECK(name, r->status == 500 && r->retry_after == 0);
		if (i == 3) /* the API as before: SQLite's words after "database: " */
			holds("altered: the API's 500 in English", r->body,
			      "{\"error\":\"database: no such column: ");
		http_resp_unref(r);
		if (i == 0) { /* the page in Portuguese says what failed in its words */
			r = getq(cases[i].path, "lang", "pt-BR", NULL, NULL);
			holds("altered: a page's 500 in pt-BR (detail.db_error)", r->body,
			      "<p class=\"error\">erro no banco de dados: no such column");
			http_resp_unref(r);
		}
		snprintf(sql, sizeof sql, "ALTER TABLE %s RENAME COLUMN %s_x TO %s", cases[i].table,
		         cases[i].column, cases[i].column);
		db_exec(db, sql);
		live_bump();
		r = ask(cases[i].method, cases[i].path, NULL, NULL, post ? "Bearer s3cret" : NULL,
		        post ? match3 : NULL, post ? "s3cret" : NULL);
		snprintf(name, sizeof name, "%s.%s back: %s %s 200", cases[i].table,
		         cases[i].column, cases[i].method, cases[i].path);
		CHECK(name, r->status == 200);
		http_resp_unref(r);
	}
}

/* Mil Cup: one match, placement points 1000 and 600 (hand counts: Alpha 1st, 3 kills: 1000 + 3
 * = 1003; Beta 2nd, 0 kills: 600), so that its totals have thousands. */
static const char mil[] =
    "{\"tournament\":\"Mil Cup\",\"stage\":\"Final\",\"ruleset\":{\"placement_points\":"
    "[1000,600],\"kill_points\":1},\"matches\":[{\"match\":1,\"map\":\"Bermuda\","
    "\"played_at\":\"2026-03-01T14:30:00-03:00\",\"results\":["
    "{\"team\":\"Alpha Mil\",\"placement\":1,\"kills\":3},"
    "{\"team\":\"Beta Mil\",\"placement\":2,\"kills\":0}]}]}";

/* GET path, with ?lang=lang when lang is not NULL and Accept-Language accept when not NULL. */
static struct http_resp *
get_lang(const char *path, const char *lang, const char *accept)
{
	struct http_req req = {.method = "GET", .path = path, .db = db, .accept_language = accept};
	if (lang) {
		req.args[0] = (struct http_arg){"lang", lang};
		req.nargs = 1;
	}
	return http_handle(&req);
}

/* The headers of r, one "Name: value" a line. */
static char *
headers_of(const struct http_resp *r)
{
	struct buf h = {0};
	http_variant_headers(r, 0, collect, &h);
	return buf_detach(&h, NULL);
}

/*
 * A refusal the server makes outside a route (http_refuse): a page's in
 * the page's language, with the texts of web/i18n/pt-BR.txt and es.txt;
 * the API's in English JSON whatever the header says.
 */
static void
test_refusals(void)
{
	struct http_req req = {
	    .method = "POST", .path = "/desk/t/x/final", .accept_language = "pt-BR"};
	struct http_resp *r = http_refuse(&req, 429, "detail.per_address");
	CHECK("a refused page is 429", r->status == 429);
	CHECK("a refused page is in Portuguese",
	      strstr(r->body, "conexões demais a partir deste endereço") != NULL);
	http_resp_unref(r);
	req.args[0] = (struct http_arg){"lang", "es"};
	req.nargs = 1;
	r = http_refuse(&req, 503, "detail.moved");
	CHECK("?lang=es over the header",
	      strstr(r->body, "el archivo de la base de datos se borró") != NULL);
	http_resp_unref(r);
	req.path = "/api/v1/matches";
	r = http_refuse(&req, 503, "detail.busy_write");
	CHECK_STR(
	    "the API's refusal stays English JSON",
	    "{\"error\":\"the database is busy with another write; try again\",\"status\":503}\n",
	    r->body);
	http_resp_unref(r);
}

/*
 * The languages: the stage page in Portuguese by ?lang= (links keep it, no
 * Vary) and by Accept-Language (Vary, links without it), English and
 * Spanish from the same cache without mixing, numbers in each locale, the
 * JSON API locale-free, and og:title and og:description on every page.
 */
static void
test_languages(void)
{
	struct import_stats st = {0};
	struct buf msgs = {0};
	CHECK("mil imported", import_json(db, "mil", mil, strlen(mil), 0, &st, &msgs) == 0);
	if (msgs.data)
		printf("# %s", msgs.data);
	buf_free(&msgs);

	struct http_resp *r = get_lang("/t/mil-cup/final", "pt-BR", NULL);
	char *h = headers_of(r);
	CHECK("?lang=pt-BR: 200", r->status == 200);
	holds("?lang=pt-BR: <html lang>", r->body, "<html lang=\"pt-BR\">");
	holds("?lang=pt-BR: the tabs", r->body, ">Classificação</a>");
	holds("?lang=pt-BR: the status", r->body, "Após a partida 1 (1 de 1 partidas jogadas)");
	holds("?lang=pt-BR: the grid", r->body, "<h2>Partida a partida</h2>");
	holds("?lang=pt-BR: the match's date in the locale", r->body,
	      "title=\"partida 1: Bermuda, 01/03/2026, 14:30\"><a "
	      "href=\"/t/mil-cup/final/m/1?lang=pt-BR\">P1</a><small>Bermuda</small>");
	holds("?lang=pt-BR: 1003 points as 1.003", r->body, "<td class=\"total\">1.003</td>");
	holds("?lang=pt-BR: the race legend, 1.003", r->body, "<span class=\"muted\">1.003</span>");
	holds(
	    "?lang=pt-BR: og:description says who leads", r->body,
	    "<meta property=\"og:description\" content=\"Alpha Mil lidera com 1.003 pontos após a "
	    "partida 1\">");
	holds("?lang=pt-BR: links keep the language", r->body,
	      "href=\"/teams/alpha-mil?lang=pt-BR\"");
	holds("?lang=pt-BR: the switcher offers Thai", r->body,
	      "href=\"/t/mil-cup/final?lang=th\" hreflang=\"th\" lang=\"th\">ไทย</a>");
	holds("?lang=pt-BR: Content-Language", h, "Content-Language: pt-BR\n");
	lacks("?lang=pt-BR: no Vary on the language (the URL chose)", h, "Accept-Language\n");
	free(h);
	http_resp_unref(r);

	/* The fan pages in Portuguese: words from pt-BR.txt, links keeping ?lang=. */
	r = get_lang("/t/mil-cup/final/m/1", "pt-BR", NULL);
	CHECK("match page ?lang=pt-BR: 200", r->status == 200);
	holds("match page ?lang=pt-BR: the heading (match.name)", r->body, "<h1>Partida 1</h1>");
	holds("match page ?lang=pt-BR: the stage link keeps the language", r->body,
	      "href=\"/t/mil-cup/final?lang=pt-BR\">");
	lacks("match page ?lang=pt-BR: no English heading", r->body, "<h1>Match 1</h1>");
	http_resp_unref(r);
	r = get_lang("/t/cup-b/final/players", "pt-BR", NULL);
	CHECK("players page ?lang=pt-BR: 200", r->status == 200);
	holds("players page ?lang=pt-BR: the tab (stage.tab.players)", r->body,
	      "players?lang=pt-BR\">Jogadores</a>");
	holds("players page ?lang=pt-BR: a sort link keeps the language", r->body,
	      "players?sort=damage&amp;lang=pt-BR\"");
	holds("players page ?lang=pt-BR: the live badge's words", r->body,
	      "data-w-live=\"AO VIVO · atualizado há {s} s\"");
	http_resp_unref(r);

	r = get_lang("/t/mil-cup/final", NULL, "pt-BR,pt;q=0.9");
	h = headers_of(r);
	holds("Accept-Language pt-BR: Portuguese", r->body, "<h2>Partida a partida</h2>");
	holds("Accept-Language pt-BR: 1.003", r->body, "<td class=\"total\">1.003</td>");
	holds("Accept-Language pt-BR: Content-Language", h, "Content-Language: pt-BR\n");
	holds("Accept-Language pt-BR: Vary", h, "Vary: Accept-Encoding, Accept-Language\n");
	holds("Accept-Language pt-BR: links without ?lang=", r->body, "href=\"/teams/alpha-mil\"");
	free(h);
	http_resp_unref(r);

	/* The same path again, from the cache for each language: never another's page. */
	for (int round = 0; round < 2; round++) {
		r = get_lang("/t/mil-cup/final", NULL, NULL);
		h = headers_of(r);
		holds("no Accept-Language: English", r->body, "<h2>Match by match</h2>");
		holds("no Accept-Language: the match's date", r->body,
		      "title=\"match 1: Bermuda, Mar 1, 2026, 14:30\"><a "
		      "href=\"/t/mil-cup/final/m/1\">M1</a><small>Bermuda</small>");
		holds("no Accept-Language: 1,003", r->body, "<td class=\"total\">1,003</td>");
		lacks("no Accept-Language: no Portuguese", r->body, "Partida a partida");
		holds("no Accept-Language: Content-Language en", h, "Content-Language: en\n");
		holds("no Accept-Language: Vary", h, "Vary: Accept-Encoding, Accept-Language\n");
		free(h);
		http_resp_unref(r);
		r = get_lang("/t/mil-cup/final", NULL, "es-419,es;q=0.9");
		holds("Accept-Language es-419: Spanish", r->body, "<h2>Partida por partida</h2>");
		holds("Accept-Language es-419: 1.003", r->body, "<td class=\"total\">1.003</td>");
		http_resp_unref(r);
		r = get_lang("/t/mil-cup/final", NULL, "pt-BR");
		holds("Accept-Language pt-BR again: Portuguese", r->body, "Partida a partida");
		lacks("Accept-Language pt-BR again: not the ?lang= page's links", r->body,
		      "/teams/alpha-mil?lang=");
		http_resp_unref(r);
		r = get_lang("/t/mil-cup/final", "th", "pt-BR");
		holds("?lang=th over Accept-Language pt-BR: Thai", r->body, "<h2>ทีละแมตช์</h2>");
		holds("?lang=th: 1,003", r->body, "<td class=\"total\">1,003</td>");
		http_resp_unref(r);
	}

	/* The team page: decimals in the locale (Pts/M on Bermuda: 1003 in one match). */
	r = get_lang("/teams/alpha-mil", "pt-BR", NULL);
	holds("team ?lang=pt-BR: Pts/M 1.003,0", r->body, "<td class=\"total\">1.003,0</td>");
	holds("team ?lang=pt-BR: Portuguese", r->body, "<h2>Últimas 10 partidas</h2>");
	http_resp_unref(r);
	r = get_lang("/teams/alpha-mil", "id", NULL);
	holds("team ?lang=id: Pts/M 1.003,0", r->body, "<td class=\"total\">1.003,0</td>");
	holds("team ?lang=id: Indonesian", r->body, "<h2>10 match terakhir</h2>");
	http_resp_unref(r);

	/* The JSON API: no language, the same bytes whatever is asked. */
	r = get_lang("/api/v1/tournaments/mil-cup/stages/final/standings", "pt-BR", "pt-BR");
	struct http_resp *plain =
	    get_lang("/api/v1/tournaments/mil-cup/stages/final/standings", NULL, NULL);
	h = headers_of(r);
	lacks("API: no Content-Language", h, "Content-Language");
	lacks("API: no Vary on the language", h, "Accept-Language\n");
	CHECK("API: the same body in any language",
	      r->len == plain->len && memcmp(r->body, plain->body, r->len) == 0);
	holds("API: points as JSON numbers", r->body, "1003");
	free(h);
	http_resp_unref(r);
	http_resp_unref(plain);

	/* The overlays and the card exist in English only: they say no other language. */
	static const char *const english[] = {"/overlay/t/mil-cup/final/standings",
	                                      "/t/mil-cup/final/card.svg"};
	for (size_t i = 0; i < sizeof english / sizeof english[0]; i++) {
		char name[128];
		r = get_lang(english[i], NULL, "pt-BR");
		h = headers_of(r);
		snprintf(name, sizeof name, "%s with Accept-Language pt-BR: 200", english[i]);
		CHECK(name, r->status == 200);
		snprintf(name, sizeof name, "%s: not said to be Portuguese", english[i]);
		lacks(name, h, "Content-Language: pt-BR");
		snprintf(name, sizeof name, "%s: no Vary on the language", english[i]);
		lacks(name, h, "Accept-Language\n");
		free(h);
		http_resp_unref(r);
	}

	/* an error page's detail in its language (pt-BR.txt's detail.no_stage), the API's English
	 * whatever the request asks */
	r = get_lang("/t/mil-cup/nope", "pt-BR", NULL);
	holds("404 in pt-BR: the detail in Portuguese", r->body,
	      "nenhuma fase 'nope' em um torneio 'mil-cup'");
	lacks("404 in pt-BR: not in English", r->body, "no stage 'nope'");
	http_resp_unref(r);
	r = get_lang("/t/mil-cup/nope/nope", "pt-BR", "pt-BR");
	holds("no such page in pt-BR", r->body, "página inexistente");
	http_resp_unref(r);
	r = get_lang("/api/v1/tournaments/mil-cup/stages/nope/standings", "pt-BR", "pt-BR");
	holds("API 404: the detail in English", r->body,
	      "no stage 'nope' in a tournament 'mil-cup'");
	http_resp_unref(r);

	/* og:title and og:description on every page, in its language. */
	static const struct {
		const char *path;
		const char *title; /* the og:title's content */
		const char *desc;  /* in its og:description */
	} pages[] = {
	    {"/", "Torneios", "Final · Mil Cup: 1 partida jogada"},
	    {"/t/mil-cup/final", "Final · Mil Cup", "Alpha Mil lidera com 1.003 pontos"},
	    {"/t/mil-cup/final/maps", "Mapas · Final · Mil Cup",
	     "Alpha Mil lidera com 1.003 pontos"},
	    {"/teams/alpha-mil", "Alpha Mil", "Alpha Mil: 1ª em Final · Mil Cup, 1.003 pontos"},
	    /* after match 3 (test_post): Plain Team 19 + 12 + 7 = 38 passes Tom & "Jerry" 22 + 9 =
	     * 31; the hostile name escaped in the attribute */
	    {"/t/cup-b/final", "Final · Cup &lt;b&gt;",
	     "&lt;script&gt;alert(1)&lt;/script&gt; campeã, Plain Team em 2º, após a partida 3"},
	    {"/t/mil-cup/nope", "404 Página não encontrada", "nenhuma fase "},
	    {"/desk", "Mesa de resultados", "Onde a organização registra"},
	    {"/tournaments", "Todos os torneios", "Página 1"},
	    {"/teams", "Todas as equipes", "Página 1"},
	};
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		r = get_lang(pages[i].path, "pt-BR", NULL);
		char name[128], want[256];
		snprintf(name, sizeof name, "og:title of %s", pages[i].path);
		snprintf(want, sizeof want, "<meta property=\"og:title\" content=\"%s\">",
		         pages[i].title);
		holds(name, r->body, want);
		snprintf(name, sizeof name, "og:description of %s", pages[i].path);
		snprintf(want, sizeof want, "<meta property=\"og:description\" content=\"%s",
		         pages[i].desc);
		holds(name, r->body, want);
		http_resp_unref(r);
	}
}

/*
 * The notes, the match-point story and the scenarios in Portuguese, each
 * text as pt-BR.txt writes it (the Copa Nota, tests/scoring/nota-*.json; 0
 * kills throughout, FFWS table 12, 9, 8). The Seletiva ranks Ara, Boto,
 * Cuca, so the Final carries 5 to Ara and 3 to Boto; Cuca -2 from the
 * start, Boto +1 from after match 1; match 2 voided. After match 1: Ara
 * 5 + 12 = 17, Boto 3 + 9 + 1 = 13, Cuca 8 - 2 = 6. After match 3 (2 of 4
 * played): Ara 17 + 9 = 26, Boto 13 + 12 = 25 (its Booyah at 13, under 20),
 * Cuca 6 + 8 = 14: Ara and Boto on match point, Cuca 6 short, 2 matches
 * left. Match 4: Ara's Booyah on match point wins the title; match 5 comes
 * after it. Bounds: 3 teams, no player rows (squads of 4): at most 2 * 4 =
 * 8 kills a team, 3 * 4 - 1 = 11 the lobby, 8 (3rd, no kill) to 12 + 8 =
 * 20 points a match. Zone top 2 after match 3: Ara 26 - 14 = 12 ahead of
 * Cuca, Cuca needs 25 - 14 + 1 = 12 more than Boto.
 */
static void
test_notes_in_portuguese(void)
{
	CHECK("copa nota imported", import_file("scoring/nota-seletiva.json") == 0 &&
	                                import_file("scoring/nota-final.json") == 0);
	struct http_resp *r = get_lang("/t/copa-nota/final", "pt-BR", NULL);
	const char *p = r->body;
	CHECK("copa nota in pt-BR: 200", r->status == 200);
	holds("pt-BR note: the carried head starts", p,
	      "<li>Vantagens iniciais trazidas de Seletiva: pela classificação final, do 1º lugar "
	      "para baixo, 5, 3</li>");
	holds("pt-BR note: the voided match", p,
	      "<li>Partida 2 anulada (queda do servidor): não conta para nada</li>");
	holds("pt-BR note: the penalty from the start", p,
	      "<li>Ajuste: Cuca -2 desde o início (atraso na escalação)</li>");
	holds("pt-BR note: the bonus after match 1", p,
	      "<li>Ajuste: Boto +1 a partir da classificação após a partida 1 (recurso "
	      "aceito)</li>");
	holds("pt-BR note: the match after the title", p,
	      "<li>A partida 5 foi jogada depois que a campeã foi decidida na partida 4: conta no "
	      "total, não para o título</li>");
	holds("pt-BR: how the title was won", p,
	      "decidido na partida 4 por um Booyah no match point");
	static const char *const english[] = {"Head starts",    "voided (",   "Adjustment",
	                                      "from the start", "was played", "counts for",
	                                      "in the totals",  "the title",  "Champion:"};
	for (size_t i = 0; i < sizeof english / sizeof english[0]; i++) {
		char name[96];
		snprintf(name, sizeof name, "copa nota in pt-BR: no \"%s\"", english[i]);
		lacks(name, p, english[i]);
	}
	http_resp_unref(r);

	r = getq("/t/copa-nota/final", "after", "3", "lang", "pt-BR");
	p = r->body;
	holds("pt-BR story: on match point, Ara or Boto", p,
	      "<li>No match point (20 pontos): o próximo Booyah de Ara ou Boto vale o título</li>");
	holds("pt-BR story: matches left", p, "<li>Partidas restantes: 2 de 4</li>");
	holds("pt-BR story: what Cuca needs", p, "<li>Pontos para chegar a 20: Cuca 6</li>");
	lacks("pt-BR story: no English", p, "On match point");
	lacks("pt-BR story: no English or", p, " or Boto");
	http_resp_unref(r);

	r = getq("/t/copa-nota/final/scenarios", "after", "3", "lang", "pt-BR");
	p = r->body;
	CHECK("scenarios in pt-BR: 200", r->status == 200);
	holds("pt-BR scenarios: the title's goal", p, "<h2>o título</h2>");
	holds("pt-BR scenarios: the zone's goal", p, "<h2>top 2 (Mundial)</h2>");
	holds("pt-BR scenarios: Ara on match point", p,
	      "<td class=\"needs\">no match point: o próximo Booyah vale o título</td>");
	holds("pt-BR scenarios: Cuca's 6 points", p,
	      "<td class=\"needs\">6 pontos para chegar a 20, depois um Booyah</td>");
	holds("pt-BR scenarios: Ara 12 ahead", p,
	      "<td class=\"needs\">12 pontos à frente de Cuca, a primeira equipe de fora</td>");
	holds("pt-BR scenarios: Cuca 12 more than Boto", p,
	      "<td class=\"needs\">precisa marcar 12 pontos a mais que Boto nas 2 partidas "
	      "restantes para ultrapassá-la</td>");
	holds("pt-BR scenarios: squads assumed", p,
	      "<li>A fase não tem dados de jogadores: supõe-se que cada equipe tenha 4 "
	      "jogadores.</li>");
	holds("pt-BR scenarios: the bounds", p,
	      "<li>Cada equipe joga todas as partidas restantes, termina entre 1º e 3º e faz no "
	      "máximo 8 abates, os jogadores das outras 2 equipes (o lobby, no máximo 11): marca "
	      "de 8 a 20 pontos.</li>");
	holds("pt-BR scenarios: what the states rest on", p,
	      "<li>Garantido e eliminado valem em qualquer resultado das partidas restantes");
	static const char *const scen_english[] = {"the title", "top 2 whatever", "points ahead",
	                                           "needs 12",  "Every team",     "Clinched and",
	                                           "squads of", "On match point"};
	for (size_t i = 0; i < sizeof scen_english / sizeof scen_english[0]; i++) {
		char name[96];
		snprintf(name, sizeof name, "scenarios in pt-BR: no \"%s\"", scen_english[i]);
		lacks(name, p, scen_english[i]);
	}
	http_resp_unref(r);

	/* the API says the same in English, whatever the request asks */
	r = getq("/api/v1/tournaments/copa-nota/stages/final/scenarios", "after", "3", "lang",
	         "pt-BR");
	holds("scenarios API: Cuca's needs in English", r->body,
	      "\"needs\":\"needs 12 points more than Boto scores in the last 2 matches to pass "
	      "it\"");
	lacks("scenarios API: no Portuguese", r->body, "pontos");
	http_resp_unref(r);
	r = get_lang("/api/v1/tournaments/copa-nota/stages/final/standings", "pt-BR", "pt-BR");
	holds("standings API: the voided match's note in English", r->body,
	      "\"Match 2 voided (queda do servidor): it counts for nothing\"");
	http_resp_unref(r);

	/* a 404's "did you mean" in Portuguese; the API's in English */
	r = get_lang("/t/copa-nota/finall", "pt-BR", NULL);
	CHECK("404 near stage in pt-BR: 404", r->status == 404);
	holds("404 near stage in pt-BR: the detail and the suggestion", r->body,
	      "<p class=\"error\">nenhuma fase 'finall' em um torneio 'copa-nota'.</p><p "
	      "class=\"dym\">Você quis dizer <a href=\"/t/copa-nota/final?lang=pt-BR\">");
	holds("404 near stage in pt-BR: og:description, the detail alone", r->body,
	      "<meta property=\"og:description\" content=\"nenhuma fase &#39;finall&#39; em um "
	      "torneio &#39;copa-nota&#39;\">");
	lacks("404 near stage in pt-BR: no English", r->body, "did you mean");
	http_resp_unref(r);
	r = get_lang("/teams/cucaa", "pt-BR", NULL);
	holds("404 near team in pt-BR", r->body,
	      "<p class=\"error\">nenhuma equipe 'cucaa'.</p><p class=\"dym\">Você quis dizer <a "
	      "href=\"/teams/cuca?lang=pt-BR\">");
	http_resp_unref(r);
	r = get_lang("/t/copa-notaa", "pt-BR", NULL);
	holds("404 near tournament in pt-BR", r->body,
	      "<p class=\"error\">nenhum torneio 'copa-notaa'.</p><p class=\"dym\">Você quis "
	      "dizer <a href=\"/t/copa-nota?lang=pt-BR\">");
	http_resp_unref(r);
	/* a query value that says "did you mean" links nowhere off the site */
	r = getq("/t/rules-cup/final", "group", "x; did you mean //evil.example ?", "lang",
	         "pt-BR");
	CHECK("a group= that says did you mean: 400", r->status == 400);
	lacks("a group= that says did you mean: no link off the site", r->body,
	      "href=\"//evil.example");
	http_resp_unref(r);
	r = get_lang("/api/v1/teams/cucaa", "pt-BR", "pt-BR");
	CHECK_STR(
	    "API 404 near team: English, as before",
	    "{\"error\":\"no team 'cucaa'; did you mean /api/v1/teams/cuca ?\",\"status\":404}\n",
	    r->body);
	http_resp_unref(r);
}

/*
 * The home page and the whole lists when there is more than the home page
 * shows, in a database of their own: 12 tournaments "List Cup 01" to "12",
 * imported in that order, each of one stage but the last (14: "Stage 01" to
 * "14"), each stage one match of the tournament's 10 teams ("Team 01-01" to
 * "Team 12-10"): 120 teams, those of List Cup 12 with 14 matches. By name,
 * the 48th team is Team 05-08, the 100th Team 10-10.
 */
static void
test_lists(void)
{
	sqlite3 *keep = db;
	char *err = NULL;
	if (db_open(":memory:", 0, &db, &err) != 0) {
		printf("not ok lists: %s\n", err);
		unit_failed = 1;
		db = keep;
		return;
	}
	cache_clear();
	int stored = 1;
	for (int t = 1; t <= 12; t++)
		for (int s = 1; s <= (t == 12 ? 14 : 1); s++) {
			struct buf j = {0}, msgs = {0};
			buf_printf(&j,
			           "{\"tournament\":\"List Cup %02d\",\"stage\":\"Stage "
			           "%02d\",\"matches\":"
			           "[{\"match\":1,\"map\":\"Bermuda\",\"results\":[",
			           t, s);
			for (int k = 1; k <= 10; k++)
				buf_printf(
				    &j,
				    "%s{\"team\":\"Team %02d-%02d\",\"placement\":%d,\"kills\":0}",
				    k > 1 ? "," : "", t, k, k);
			buf_puts(&j, "]}]}");
			struct import_stats st = {0};
			stored &= import_json(db, "lists", j.data, j.len, 0, &st, &msgs) == 0;
			buf_free(&j);
			buf_free(&msgs);
		}
	CHECK("lists: 12 tournaments imported", stored);

	struct http_resp *r = ask("GET", "/", NULL, NULL, NULL, NULL, NULL);
	const char *p = r->body, *newest = strstr(p, "<h2>List Cup 12</h2>");
	CHECK("home: the newest tournament first",
	      newest && newest < strstr(p, "<h2>List Cup 11</h2>"));
	holds("home: the 10th newest", p, "<h2>List Cup 03</h2>");
	lacks("home: not the 11th", p, "<h2>List Cup 02</h2>");
	holds("home: a link to every tournament", p,
	      "<p class=\"more\"><a href=\"/tournaments\">All tournaments</a></p>");
	holds("home: the 12th stage of List Cup 12", p, ">Stage 12</a>");
	lacks("home: not its 13th", p, ">Stage 13</a>");
	holds("home: a link to all its stages", p,
	      "<li><a href=\"/t/list-cup-12\">All stages</a></li>");
	holds("home: the 48th team", p, ">Team 05-08</a>");
	lacks("home: not the 49th", p, ">Team 05-09</a>");
	holds("home: a link to every team", p,
	      "<p class=\"more\"><a href=\"/teams\">All teams</a></p>");
	http_resp_unref(r);

	r = ask("GET", "/tournaments", NULL, NULL, NULL, NULL, NULL);
	p = r->body;
	CHECK("tournaments: 200", r->status == 200);
	holds("tournaments: List Cup 12 first, with its 14 stages", p,
	      "<ul class=\"stages\"><li><a href=\"/t/list-cup-12\">List Cup 12</a> <span "
	      "class=\"muted\">14 stages</span></li>");
	holds("tournaments: List Cup 01 last, 1 stage", p,
	      "<a href=\"/t/list-cup-01\">List Cup 01</a> <span class=\"muted\">1 "
	      "stage</span></li></ul>");
	lacks("tournaments: one page, no page links", p, "rel=\"next\"");
	http_resp_unref(r);

	r = ask("GET", "/teams", NULL, NULL, NULL, NULL, NULL);
	p = r->body;
	holds("teams: the 100th on page 1", p,
	      "<a href=\"/teams/team-10-10\">Team 10-10</a> <span class=\"muted\">1 match</span>");
	lacks("teams: not the 101st", p, ">Team 11-01</a>");
	holds("teams: a link to page 2", p, "<a rel=\"next\" href=\"/teams?page=2\">Next →</a>");
	lacks("teams: none to a page before 1", p, "rel=\"prev\"");
	http_resp_unref(r);
	r = ask("GET", "/teams", "page", "2", NULL, NULL, NULL);
	p = r->body;
	holds(
	    "teams page 2: List Cup 12's teams, 14 matches each", p,
	    "<a href=\"/teams/team-12-01\">Team 12-01</a> <span class=\"muted\">14 matches</span>");
	holds("teams page 2: back to page 1", p, "<a rel=\"prev\" href=\"/teams\">← Previous</a>");
	lacks("teams page 2: the last", p, "rel=\"next\"");
	lacks("teams page 2: not page 1's", p, ">Team 10-10</a>");
	http_resp_unref(r);
	static const char *const no_page[] = {"3", "0", "x", "-1", "02"};
	for (size_t i = 0; i < sizeof no_page / sizeof no_page[0]; i++) {
		r = ask("GET", "/teams", "page", no_page[i], NULL, NULL, NULL);
		CHECK("teams: page 3 (past the end), 0, x, -1, 02: 404", r->status == 404);
		http_resp_unref(r);
	}
	r = ask("GET", "/tournaments", "page", "2", NULL, NULL, NULL);
	CHECK("tournaments: page 2 (past the end) 404", r->status == 404);
	http_resp_unref(r);
	cache_clear();
	sqlite3_close(db);
	db = keep;
}

/* A query argument that a route does not read is no part of its cache key: its values, however
 * many, share the one entry. The ones it reads each have theirs. */
static void
test_cache_args(void)
{
	static const struct {
		const char *path, *key;
	} ignored[] = {{"/", "after"},
	               {"/t/cup-b", "group"},
	               {"/t/cup-b/final/maps", "sort"},
	               {"/teams/tom-jerry", "page"},
	               {"/t/cup-b/final", "page"},
	               {"/t/cup-b/final/players", "after"}};
	for (size_t i = 0; i < sizeof ignored / sizeof ignored[0]; i++) {
		cache_clear();
		struct http_resp *r =
		    ask("GET", ignored[i].path, ignored[i].key, "1", NULL, NULL, NULL);
		size_t one = cache_used();
		http_resp_unref(r);
		r = ask("GET", ignored[i].path, ignored[i].key, "2", NULL, NULL, NULL);
		char name[128];
		snprintf(name, sizeof name, "cache: %s?%s=1 and =2 share an entry", ignored[i].path,
		         ignored[i].key);
		CHECK(name, r->status == 200 && one > 0 && cache_used() == one);
		http_resp_unref(r);
	}
	cache_clear();
	struct http_resp *r = ask("GET", "/t/cup-b/final", "after", "1", NULL, NULL, NULL);
	size_t one = cache_used();
	http_resp_unref(r);
	r = ask("GET", "/t/cup-b/final", "after", "2", NULL, NULL, NULL);
	CHECK("cache: the stage page's ?after=1 and =2 each have an entry",
	      r->status == 200 && cache_used() > one);
	http_resp_unref(r);
	cache_clear();
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
	test_escaping();
	test_pages();
	test_routing();
	test_fan_pages();
	test_odd_requests();
	test_api_and_headers();
	test_desk();
	test_post();
	test_gaps();
	test_rules_cup();
	test_carry_cup();
	test_below_zero();
	test_languages();
	test_refusals();
	test_notes_in_portuguese();
	test_version_race();
	test_delta();
	test_locked();
	test_altered();
	test_lists();
	test_cache_args();
	cache_clear();
	sqlite3_close(db);
	return unit_failed;
}
