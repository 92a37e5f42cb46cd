/*
 * test-web.c: the web layer without a socket. Requests go through
 * http_handle against a database this test fills with import_json; the
 * checks are on status codes, headers, escaping of hostile names in text,
 * attributes and the SVG chart, slug checks, the cache and the write path,
 * a stage whose match numbers have a gap, the data version a page embeds
 * when a write lands while it renders, and a database locked by another
 * process before a connection has read its schema.
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
#include "standings.h"
#include "unit.h"
#include "util.h"

/* Three teams, two matches, Champion Rush at 15 points (the first team wins match 2 on 17). Hand
 * counts (FFWS table): <script>alert(1)</script>: 1st 5 kills (12+5) + 1st 3 kills (12+3) = 32, 2
 * Booyahs Tom & "Jerry":             2nd 4 kills (9+4)  + 3rd 1 kill  (8+1)  = 22 Plain Team: 3rd 0
 * kills (8)    + 2nd 2 kills (9+2)  = 19 */
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
	CHECK("champion mark", strstr(p, "decided in match 2\">♛2</span>") != NULL);
	CHECK("rush mark: Tom reached 15 after match 2 (13, then 22)",
	      strstr(p, "title=\"reached 15 points after match 2\">★2</span>") != NULL);
	CHECK("two match columns", strstr(p, ">M2<small>") && !strstr(p, ">M3<small>"));
	CHECK("hand-counted total 22", strstr(p, "<td class=\"total\">22</td>") != NULL);
	CHECK("stage page etag", r->etag[0] == '"');
	http_resp_unref(r);

	r = ask("GET", "/t/cup-b/final", "after", "1", NULL, NULL, NULL);
	CHECK("after=1 200", r->status == 200);
	CHECK("after=1 one column",
	      strstr(r->body, ">M1<small>") && !strstr(r->body, ">M2<small>"));
	CHECK("after=1 selected", strstr(r->body, "<option value=\"1\" selected>") != NULL);
	http_resp_unref(r);
	r = ask("GET", "/t/cup-b/final", "after", "abc", NULL, NULL, NULL);
	CHECK("after=abc 400", r->status == 400);
	CHECK("after=abc escaped", strstr(r->body, "after=abc: expected a match number") != NULL);
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
	CHECK("trailing slash 404", get_status("/t/cup-b/final/") == 404);
	CHECK("empty segment 404", get_status("/t//final") == 404);
	CHECK("missing segment 404", get_status("/t/cup-b") == 404);
	CHECK("unknown asset 404", get_status("/static/nope.js") == 404);
	char longpath[700] = "/teams/";
	memset(longpath + 7, 'a', 600);
	longpath[607] = '\0';
	CHECK("over-long slug 404", get_status(longpath) == 404);

	struct http_resp *r = ask("POST", "/t/cup-b/final", NULL, NULL, NULL, NULL, NULL);
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

static void
test_api_and_headers(void)
{
	struct http_resp *r = ask("GET", "/api/v1/tournaments/cup-b/stages/final/standings", NULL,
	                          NULL, NULL, NULL, NULL);
	struct standings s;
	char *err;
	struct buf want = {0}, h = {0};
	standings_compute(db, db_int(db, 0, "SELECT id FROM stage", 0), NULL, 0, &s, &err);
	standings_json(&s, &want);
	standings_free(&s);
	CHECK("standings API 200", r->status == 200);
	CHECK("standings API = standings_json",
	      r->len == want.len && memcmp(r->body, want.data, want.len) == 0);
	CHECK("standings API hand-counted 32",
	      strstr(r->body, "\"team\":\"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\"") &&
	          strstr(r->body, "\"points\":32"));
	http_headers(r, collect, &h);
	CHECK("header content type", strstr(h.data, "Content-Type: application/json\n") != NULL);
	CHECK("header CSP", strstr(h.data, "Content-Security-Policy: default-src 'none'") != NULL);
	CHECK("header nosniff", strstr(h.data, "X-Content-Type-Options: nosniff\n") != NULL);
	CHECK("header referrer", strstr(h.data, "Referrer-Policy: no-referrer\n") != NULL);
	CHECK("header CORS", strstr(h.data, "Access-Control-Allow-Origin: *\n") != NULL);
	CHECK("header cache", strstr(h.data, "Cache-Control: no-cache\n") != NULL);
	CHECK("header etag", strstr(h.data, "ETag: \"") != NULL);
	CHECK("etag matches", http_etag_match(r, r->etag));
	CHECK("etag in list matches",
	      http_etag_match(r, strcat(strcpy((char[64]){0}, "\"x\", "), r->etag)));
	CHECK("other etag does not", !http_etag_match(r, "\"0000000000000000\""));
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
	free(cookie);
	r = ask("POST", "/desk/cup-b/final/commit", NULL, NULL, NULL, "csrf=x&doc=%7B%7D",
	        "0123456789abcdef");
	CHECK("desk commit without a session 401", r->status == 401);
	http_resp_unref(r);
	CHECK("refused desk POSTs stored nothing",
	      db_int(db, -1, "SELECT count(*) FROM match", 0) == 2);
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
	CHECK("refused POST stored nothing", db_int(db, -1, "SELECT count(*) FROM match", 0) == 2);
	r = ask("POST", "/api/v1/matches", NULL, NULL, "Bearer s3cret", match3, "s3cret");
	CHECK("POST stored 201", r->status == 201);
	CHECK("POST reports one added", strstr(r->body, "\"matches_added\":1") != NULL);
	http_resp_unref(r);
	r = ask("POST", "/api/v1/matches", NULL, NULL, "bearer s3cret", match3, "s3cret");
	CHECK("POST same again 200", r->status == 200);
	http_resp_unref(r);
	r = ask("GET", "/t/cup-b/final", NULL, NULL, NULL, NULL, NULL);
	CHECK("page shows match 3 after the POST", strstr(r->body, ">M3<small>Kalahari") != NULL);
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
	static const char *afters[] = {"-1", "0", "99999999999999999999", "1e3", "", " 1", "1 "};
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
	CHECK("gaps: three options", count(r->body, "<option ") == 3);
	CHECK("gaps: options latest first",
	      strstr(r->body, "<option value=\"5000\" selected>5000 (latest)</option>"
	                      "<option value=\"2\">2</option><option value=\"1\">1</option>"
	                      "</select>") != NULL);
	CHECK("gaps: three grid columns", count(r->body, "<th class=\"match\"") == 3);
	CHECK("gaps: column M5000", strstr(r->body, ">M5000<small>Purgatory</small>") != NULL);
	CHECK("gaps: status names the last number",
	      strstr(r->body, "After match 5000 of 5000") != NULL);
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

	sqlite3 *saved = db;
	db = fresh;
	live_bump(); /* no cached page for this version */
	struct http_resp *r = ask("GET", "/t/cup-b/final", NULL, NULL, NULL, NULL, NULL);
	CHECK("locked: stage page 503", r->status == 503);
	CHECK("locked: Retry-After 1", r->retry_after == 1);
	http_resp_unref(r);
	r = ask("GET", "/api/v1/tournaments/cup-b/stages/final/standings", NULL, NULL, NULL, NULL,
	        NULL);
	CHECK("locked: API 503 JSON",
	      r->status == 503 && strstr(r->body, "{\"error\":") == r->body);
	http_resp_unref(r);
	db_exec(locker, "ROLLBACK");
	r = ask("GET", "/t/cup-b/final", NULL, NULL, NULL, NULL, NULL);
	CHECK("locked: 200 once the lock is gone",
	      r->status == 200 && strstr(r->body, "<td class=\"total\">32</td>") != NULL);
	http_resp_unref(r);
	db = saved;
	sqlite3_close(fresh);
	sqlite3_close(locker);
	unlink(path);
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
	test_odd_requests();
	test_api_and_headers();
	test_desk();
	test_post();
	test_gaps();
	test_version_race();
	test_locked();
	cache_clear();
	sqlite3_close(db);
	return unit_failed;
}
