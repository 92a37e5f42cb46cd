/*
 * http.c: requests to responses, without a socket. The route table is data
 * ({method, pattern, handler, flags}); http_handle matches a request
 * against it (404 for an unknown path, 405 with Allow for another method),
 * validates the slugs once, answers from the cache when it can, runs the
 * handler otherwise, and maps every outcome to a status and headers in one
 * place. The server (server.c) only moves bytes; tests call http_handle
 * directly.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cache.h"
#include "db.h"
#include "embed.h"
#include "gzip.h"
#include "http.h"
#include "i18n.h"
#include "live.h"
#include "pages.h"
#include "util.h"

#define TYPE_HTML "text/html; charset=utf-8"
#define TYPE_JSON "application/json"

/*
 * Cache-Control of a page or API answer that may be cached: any cache,
 * shared ones (nginx) included, may keep it for a second and then asks
 * again with If-None-Match; a write shows within that second, and a page's
 * own re-fetch after an event names the version it wants (?v=N), a URL no
 * cache holds an older answer for. Such an answer also carries
 * X-Accel-Expires: @SECOND, the current second: nginx keeps it to the end
 * of that second (its max-age counts whole seconds from the second it
 * stored it in, up to 2 s), and hides that header from the client.
 */
#define CACHE_SHARED "public, max-age=1"

/* No other host, no inline script or style; inline SVG is markup, not a resource. */
#define CSP                                                                                        \
	"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "          \
	"connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

static void static_asset(const struct http_req *req, struct http_out *out);

void (*http_native_free)(void *native);

static const struct route routes[] = {
    {"GET", "/", page_home, ROUTE_CACHE},
    {"GET", "/t/*", page_tournament, ROUTE_CACHE},
    {"GET", "/t/*/*", page_stage, ROUTE_CACHE | ROUTE_AFTER | ROUTE_GROUP},
    {"GET", "/t/*/*/maps", page_maps, ROUTE_CACHE},
    {"GET", "/t/*/*/card.svg", page_card, ROUTE_CACHE | ROUTE_ENGLISH | ROUTE_AFTER | ROUTE_GROUP},
    {"GET", "/overlay/t/*/*/*", page_overlay, ROUTE_ENGLISH},
    {"GET", "/t/*/*/players", page_players, ROUTE_CACHE | ROUTE_SORT},
    {"GET", "/t/*/*/m/*", page_match, ROUTE_CACHE},
    {"GET", "/t/*/*/scenarios", page_scenarios, ROUTE_CACHE | ROUTE_AFTER | ROUTE_GROUP},
    {"GET", "/t/*/*/day/*", page_day, ROUTE_CACHE},
    {"GET", "/tournaments", page_tournaments, ROUTE_CACHE | ROUTE_PAGE},
    {"GET", "/teams", page_teams, ROUTE_CACHE | ROUTE_PAGE},
    {"GET", "/teams/*", page_team, ROUTE_CACHE},
    {"GET", "/static/*", static_asset, ROUTE_CACHE},
    {"GET", "/api/v1/tournaments", api_tournaments, ROUTE_CACHE | ROUTE_API},
    {"GET", "/api/v1/tournaments/*/stages/*/standings", api_standings,
     ROUTE_CACHE | ROUTE_API | ROUTE_AFTER | ROUTE_GROUP},
    {"GET", "/api/v1/tournaments/*/stages/*/scenarios", api_scenarios,
     ROUTE_CACHE | ROUTE_API | ROUTE_AFTER | ROUTE_GROUP},
    {"GET", "/api/v1/tournaments/*/stages/*/matches", api_matches, ROUTE_CACHE | ROUTE_API},
    {"GET", "/api/v1/tournaments/*/stages/*/maps", api_maps, ROUTE_CACHE | ROUTE_API},
    {"GET", "/api/v1/tournaments/*/stages/*/players", api_players,
     ROUTE_CACHE | ROUTE_API | ROUTE_SORT},
    {"GET", "/api/v1/tournaments/*/stages/*/matches/*", api_match, ROUTE_CACHE | ROUTE_API},
    {"GET", "/api/v1/tournaments/*/stages/*/days/*", api_day, ROUTE_CACHE | ROUTE_API},
    {"GET", "/api/v1/tournaments/*/stages/*/events", api_events, ROUTE_API},
    {"GET", "/api/v1/teams/*", api_team, ROUTE_CACHE | ROUTE_API},
    {"GET", "/api/v1/events", api_events, ROUTE_API},
    {"POST", "/api/v1/matches", api_post_match, ROUTE_API},
    {"GET", "/desk", page_desk, ROUTE_PRIVATE},
    {"POST", "/desk/login", desk_login, ROUTE_PRIVATE},
    {"POST", "/desk/logout", desk_logout, ROUTE_PRIVATE},
    {"GET", "/desk/*/*", page_desk_stage, ROUTE_PRIVATE},
    {"POST", "/desk/*/*/preview", desk_preview, ROUTE_PRIVATE},
    {"POST", "/desk/*/*/commit", desk_commit, ROUTE_PRIVATE},
    {"POST", "/desk/*/*/void", desk_void, ROUTE_PRIVATE},
    {"GET", "/desk/*/*/fix", page_desk_fix, ROUTE_PRIVATE},
    {"POST", "/desk/*/*/fix", desk_fix, ROUTE_PRIVATE},
};

/* The value of query argument key, or NULL when the request has none. */
const char *
http_arg(const struct http_req *req, const char *key)
{
	for (int i = 0; i < req->nargs; i++)
		if (strcmp(req->args[i].key, key) == 0)
			return req->args[i].value ? req->args[i].value : "";
	return NULL;
}

/*
 * The write token of req whose secret is given (may be NULL), or NULL. Every
 * token is compared in full, in time that depends on the lengths alone, so
 * that the time taken tells nothing of which bytes matched.
 */
const struct http_token *
http_token_find(const struct http_req *req, const char *given)
{
	const struct http_token *found = NULL;
	if (given == NULL || *given == '\0')
		return NULL;
	size_t lg = strlen(given);
	for (int t = 0; t < req->ntokens; t++) {
		const char *secret = req->tokens[t].secret;
		size_t lt = strlen(secret);
		if (lt == 0)
			continue;
		unsigned char diff = lt != lg;
		for (size_t i = 0; i < lg; i++)
			diff |= (unsigned char)(given[i] ^ secret[i % lt]);
		if (diff == 0)
			found = &req->tokens[t];
	}
	return found;
}

/* The value of hex digit c, or -1. */
static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * The value of field key in req's body read as a form
 * (application/x-www-form-urlencoded: '+' a space, %XX a byte), or NULL
 * when the body has no such field or holds a NUL. The caller frees it.
 */
char *
http_form(const struct http_req *req, const char *key)
{
	const char *p = req->body, *end = req->body + req->body_len;
	size_t lk = strlen(key);
	if (p == NULL)
		return NULL;
	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *f_end = amp ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(f_end - p));
		if (eq && (size_t)(eq - p) == lk && memcmp(p, key, lk) == 0) {
			char *v = xmalloc((size_t)(f_end - eq));
			size_t n = 0;
			for (const char *c = eq + 1; c < f_end; c++) {
				int hi, lo;
				if (*c == '+')
					v[n++] = ' ';
				else if (*c == '%' && f_end - c > 2 && (hi = hexval(c[1])) >= 0 &&
				         (lo = hexval(c[2])) >= 0) {
					v[n++] = (char)(hi * 16 + lo);
					c += 2;
				} else
					v[n++] = *c;
				if (n && v[n - 1] == '\0') {
					free(v);
					return NULL;
				}
			}
			v[n] = '\0';
			return v;
		}
		p = f_end + 1;
	}
	return NULL;
}

/* 1 when s looks like a slug: 1 to 200 of a-z, 0-9 and '-'; else 0. */
int
http_slug_ok(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') || s[n] == '-'))
			return 0;
	return n > 0 && n <= 200;
}

/*
 * Match path against pattern, one segment per '/', '*' taking any
 * non-empty segment into req->param[]. Returns 1 on a match, else 0.
 */
static int
match(const char *pattern, const char *path, struct http_req *req)
{
	req->nparam = 0;
	while (*pattern && *path) {
		if (*pattern == '*') {
			size_t n = strcspn(path, "/");
			if (n == 0 || n >= sizeof req->param[0] || req->nparam == HTTP_MAX_PARAMS)
				return 0;
			memcpy(req->param[req->nparam], path, n);
			req->param[req->nparam][n] = '\0';
			req->nparam++;
			pattern++;
			path += n;
		} else if (*pattern++ != *path++)
			return 0;
	}
	return *pattern == '\0' && *path == '\0';
}

/* FNV-1a over the body, as a quoted ETag into etag (24 bytes). */
static void
make_etag(const char *p, size_t n, char *etag)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 1099511628211ULL;
	snprintf(etag, 24, "\"%016llx\"", (unsigned long long)h);
}

/* A response holding body (taken over), with one reference for the caller. */
static struct http_resp *
resp_new(int status, const char *type, char *body, size_t len)
{
	struct http_resp *r = xcalloc(1, sizeof *r);
	r->status = status;
	r->type = type;
	r->body = body;
	r->len = len;
	r->cache_control = "no-store";
	atomic_init(&r->refs, 1);
	atomic_init(&r->native, NULL);
	atomic_init(&r->native_gz, NULL);
	return r;
}

/* Drop one reference to r; the last frees it and the server's copy. */
void
http_resp_unref(struct http_resp *r)
{
	if (r == NULL || atomic_fetch_sub(&r->refs, 1) != 1)
		return;
	void *n = atomic_load(&r->native);
	if (n)
		http_native_free(n);
	else
		free(r->body);
	n = atomic_load(&r->native_gz);
	if (n)
		http_native_free(n);
	else
		free(r->gz);
	free(r->cookie);
	free(r->location);
	free(r);
}

/* The reason phrase of the statuses this server answers with. */
static const char *
reason(int status)
{
	switch (status) {
	case 200:
		return "OK";
	case 201:
		return "Created";
	case 303:
		return "See Other";
	case 304:
		return "Not Modified";
	case 308:
		return "Permanent Redirect";
	case 400:
		return "Bad Request";
	case 401:
		return "Unauthorized";
	case 403:
		return "Forbidden";
	case 404:
		return "Not Found";
	case 405:
		return "Method Not Allowed";
	case 413:
		return "Content Too Large";
	case 429:
		return "Too Many Requests";
	case 503:
		return "Service Unavailable";
	default:
		return "Internal Server Error";
	}
}

/*
 * An error response for status with msg (NULL: the reason phrase): JSON
 * {"error", "status"} when api, else a small HTML page. Not cached; the
 * caller owns one reference.
 */
struct http_resp *
http_error(int status, int api, const char *msg)
{
	struct buf b = {0};
	if (msg == NULL || *msg == '\0')
		msg = reason(status);
	if (api) {
		buf_puts(&b, "{\"error\":");
		buf_json_str(&b, msg);
		buf_printf(&b, ",\"status\":%d}\n", status);
	} else
		page_error(&b, status, msg);
	size_t len;
	char *body = buf_detach(&b, &len);
	return resp_new(status, api ? TYPE_JSON : TYPE_HTML, body, len);
}

/* Set out's status and replace its body with msg. */
static void
fail_with(struct http_out *out, int status, const char *msg)
{
	out->status = status;
	buf_reset(&out->body);
	buf_puts(&out->body, msg);
}

/* Set out's status and replace its body with the message fmt makes, as it is (English: a
 * detail no page shows in another language, or a text made elsewhere). */
void
http_fail(struct http_out *out, int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg;
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	fail_with(out, status, msg ? msg : fmt);
	free(msg);
}

/* Set out's status and replace its body with the text of the catalog's key (detail.*) and
 * its arguments, in the request's language: a page's, English for the API (tr()). */
void
http_fail_tr(struct http_out *out, int status, const char *key, ...)
{
	va_list ap;
	va_start(ap, key);
	fail_with(out, status, vtr(key, ap));
	va_end(ap);
}

/* http_fail_tr and "; did you mean NEAR ?" (a path), which the API says as it is and an error
 * page as a link (page_error). */
void
http_fail_near(struct http_out *out, int status, const char *near, const char *key, ...)
{
	va_list ap;
	va_start(ap, key);
	fail_with(out, status, vtr(key, ap));
	va_end(ap);
	buf_printf(&out->body, "%s%s ?", HTTP_DID_YOU_MEAN, near);
}

/* GET /static/NAME: a file of web/assets/, from the table embed.awk generates. */
static void
static_asset(const struct http_req *req, struct http_out *out)
{
	for (int i = 0; i < embed_nassets; i++)
		if (strcmp(req->param[0], embed_assets[i].name) == 0) {
			out->type = embed_assets[i].type;
			out->cache_control = "public, max-age=300";
			buf_put(&out->body, embed_assets[i].data, embed_assets[i].len);
			return;
		}
	http_fail_tr(out, 404, "detail.no_file", req->param[0]);
}

/*
 * A request during which the database failed with SQLite's code: 503 (try
 * again) when the fault was the database's for now (db_transient: busy,
 * locked, full, read-only, an I/O error, a read stopped by its deadline),
 * else 500 (a schema that is not this program's, a corrupt file, a bug in
 * its SQL), with what to tell the client. A server fault is never a 4xx.
 */
static int
db_status(int code, struct http_out *out)
{
	int status = db_transient(code) ? 503 : 500;
	/* db_error(): "database: " and SQLite's words, which stay as they are */
	const char *words = db_error() + (strncmp(db_error(), "database: ", 10) ? 0 : 10);
	switch (code & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		http_fail_tr(out, status, "detail.busy");
		break;
	case SQLITE_FULL:
	case SQLITE_READONLY:
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		http_fail_tr(out, status, "detail.db_later", words);
		break;
	default:
		http_fail_tr(out, status, "detail.db_error", words);
	}
	out->retry_after = status == 503;
	return status;
}

/*
 * What to answer a request whose reads db_limit stopped (hit: a
 * DB_LIMIT_*): 503, try again, said in out.
 */
static void
limit_status(int hit, struct http_out *out)
{
	if (hit == DB_LIMIT_TIME)
		http_fail_tr(out, 503, "detail.slow");
	else if (hit == DB_LIMIT_SHARE)
		http_fail_tr(out, 503, "detail.crowded");
	else
		http_fail_tr(out, 503, "detail.left");
	out->retry_after = hit == DB_LIMIT_TIME ? 5 : 1;
}

/* req's path with those of the query arguments that change a response (the language aside)
 * that flags (ROUTE_AFTER, ...) name. */
static char *
self_url(const struct http_req *req, int flags)
{
	static const struct {
		const char *key;
		int flag;
	} keys[] = {{"after", ROUTE_AFTER},
	            {"group", ROUTE_GROUP},
	            {"sort", ROUTE_SORT},
	            {"page", ROUTE_PAGE}};
	struct buf b = {0};
	buf_puts(&b, req->path);
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const char *v = (flags & keys[i].flag) ? http_arg(req, keys[i].key) : NULL;
		if (v == NULL)
			continue;
		buf_printf(&b, "%s%s=", b.len > strlen(req->path) ? "&" : "?", keys[i].key);
		buf_url(&b, v);
	}
	return buf_detach(&b, NULL);
}

/* The route whose pattern path matches (req's parameters set), or NULL. */
static const struct route *
route_of(const char *path, struct http_req *req)
{
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
		if (match(routes[i].pattern, path, req))
			return &routes[i];
	return NULL;
}

/*
 * A 308 from req's path with trailing slashes to the path without them
 * (the query kept), when that one is a page or an API path; else NULL.
 * A path that would start with "//" is no redirect: it would leave the
 * host.
 */
static struct http_resp *
trailing_slash(struct http_req *req)
{
	size_t n = strlen(req->path);
	while (n > 1 && req->path[n - 1] == '/')
		n--;
	if (n == strlen(req->path) || n < 2 || req->path[1] == '/')
		return NULL;
	char *path = xasprintf("%.*s", (int)n, req->path);
	struct http_resp *r = NULL;
	if (route_of(path, req)) {
		struct buf b = {0};
		buf_puts(&b, path);
		for (int i = 0; i < req->nargs; i++) {
			buf_puts(&b, i ? "&" : "?");
			buf_url(&b, req->args[i].key);
			if (req->args[i].value) {
				buf_puts(&b, "=");
				buf_url(&b, req->args[i].value);
			}
		}
		r = resp_new(308, TYPE_HTML, xstrdup(""), 0);
		r->location = buf_detach(&b, NULL);
		r->cache_control = "public, max-age=300";
	}
	free(path);
	return r;
}

/*
 * The cache key of req for route rt: self_url's with the arguments rt reads,
 * for a page its language and whether
 * the URL or the header chose it (links keep a ?lang= only), and whether
 * it asks for a data version this process has not reached (ahead: 1),
 * which is answered with what it has but kept by no other cache.
 */
static char *
cache_key(const struct route *rt, const struct http_req *req, int page, int ahead)
{
	char *self = self_url(req, rt->flags);
	char *key = page ? xasprintf("%s lang=%s %s%s", self, i18n_code(i18n_lang()),
	                             i18n_q()[0] ? "url" : "header", ahead ? " ahead" : "")
	                 : xasprintf("%s%s", self, ahead ? " ahead" : "");
	free(self);
	return key;
}

/* The data version req names with ?v=N (a page's re-fetch after an event), else 0. */
static uint64_t
wanted_version(const struct http_req *req)
{
	const char *v = http_arg(req, "v");
	char *end;
	if (v == NULL || *v < '0' || *v > '9')
		return 0;
	unsigned long long n = strtoull(v, &end, 10);
	return *end ? 0 : (uint64_t)n;
}

/*
 * Run rt's handler for req, in one read transaction when the answer is to
 * be cached, so that it is made from one state of the database even while
 * another process writes.
 */
static void
render(const struct route *rt, struct http_req *req, struct http_out *out, int cached)
{
	int snapshot = cached && req->db && sqlite3_get_autocommit(req->db) &&
	               sqlite3_exec(req->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
	rt->handler(req, out);
	if (snapshot && !sqlite3_get_autocommit(req->db))
		sqlite3_exec(req->db, "COMMIT", NULL, NULL, NULL);
}

/* Give r, cacheable, its compressed twin and that twin's ETag, when compressing pays. */
static void
compress(struct http_resp *r)
{
	if (!gzip_body(r->body, r->len, &r->gz, &r->gz_len))
		return;
	size_t n = strlen(r->etag);
	if (n >= 2)
		snprintf(r->gz_etag, sizeof r->gz_etag, "%.*s-gz\"", (int)(n - 1), r->etag);
}

/* r, a page's response (page: 1) marked with its language, and Vary when the header chose it. */
static struct http_resp *
marked(struct http_resp *r, int page)
{
	if (page) {
		r->language = i18n_code(i18n_lang());
		r->vary_language = i18n_q()[0] == '\0';
	}
	return r;
}

/*
 * Answer req (page: 1 for a page, in the request's language): a response
 * with one reference for the caller, from the cache, freshly rendered, or an error.
 * Never fails: whatever a handler reports becomes a status here, and a
 * handler during which the database could not be read (db_error_set), whatever
 * it made of that, answers 503 with Retry-After when the database could
 * not be used for now, else 500 (db_status), and one whose reads were
 * stopped by their deadline or their client leaving, 503 (limit_status).
 */
static struct http_resp *
handle(struct http_req *req, int page)
{
	const struct route *rt = NULL;
	const char *allow = NULL;
	int get = strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0;
	int api = strncmp(req->path, "/api/", 5) == 0;
	struct http_resp *r;
	for (size_t i = 0; i < sizeof routes / sizeof routes[0] && rt == NULL; i++) {
		if (!match(routes[i].pattern, req->path, req))
			continue;
		if (strcmp(routes[i].method, "GET") == 0
		        ? get
		        : strcmp(routes[i].method, req->method) == 0)
			rt = &routes[i];
		else if (allow == NULL)
			allow =
			    strcmp(routes[i].method, "GET") == 0 ? "GET, HEAD" : routes[i].method;
	}
	if (rt == NULL && allow) {
		r = marked(http_error(405, api, NULL), page);
		r->allow = allow;
		r->cors = get;
		return r;
	}
	if (rt == NULL && (r = trailing_slash(req)) != NULL)
		return r;
	if (rt == NULL)
		goto notfound;
	if (rt->flags & ROUTE_ENGLISH) { /* not a page in the request's language */
		i18n_use(I18N_EN, 0, NULL);
		page = 0;
	}
	for (int i = 0; i < req->nparam; i++)
		if (rt->handler != static_asset && !http_slug_ok(req->param[i]))
			goto notfound;

	char *key = NULL;
	uint64_t version = req->version = live_version();
	uint64_t want = wanted_version(req);
	int claimed = 0;
	if (rt->flags & ROUTE_CACHE) {
		key = cache_key(rt, req, page, want > version);
		if ((r = cache_get(key, version, want, &claimed)) != NULL) {
			free(key);
			return r;
		}
	}
	struct http_out out = {.status = 200, .type = TYPE_HTML};
	db_error_reset();
	render(rt, req, &out, key != NULL);
	int hit = db_limit_hit();
	if (hit) /* its reads were stopped: the answer is not whole */
		limit_status(hit, &out);
	else if (db_error_code() != 0) /* a read failed: the answer is not sound */
		db_status(db_error_code(), &out);
	if (out.status >= 500 && out.status != 503) /* a schema not the program's, a bug: say so */
		warnmsg("%s %s: %s", req->method, req->path, /* in English, whatever the page's */
		        db_error_code() ? db_error()
		        : out.body.data ? out.body.data
		                        : "");
	int priv = (rt->flags & ROUTE_PRIVATE) != 0;
	if (out.status >= 400 && !out.keep_body) {
		r = marked(http_error(out.status, rt->flags & ROUTE_API, out.body.data), page);
		r->cors = get && !priv;
		r->retry_after = out.retry_after;
		r->cookie = out.cookie;
		buf_free(&out.body);
		free(out.location);
		if (claimed)
			cache_release(key, version);
		free(key);
		return r;
	}
	size_t len;
	char *body = buf_detach(&out.body, &len);
	r = marked(resp_new(out.status, out.type, body, len), page);
	r->cors = get && !priv;
	r->stream = out.stream;
	r->stream_since = out.stream_since;
	r->retry_after = out.retry_after;
	r->cookie = out.cookie;
	r->location = out.location;
	r->header = out.header;
	memcpy(r->header_value, out.header_value, sizeof r->header_value);
	if (get && !out.stream && !priv) {
		make_etag(body, len, r->etag);
		r->cache_control = out.cache_control ? out.cache_control
		                   : key == NULL     ? "no-cache"
		                   : want > version  ? "no-store"
		                                     : CACHE_SHARED;
		r->dated = strcmp(r->cache_control, CACHE_SHARED) == 0;
	}
	if (key && out.status == 200) {
		if (!out.stream)
			compress(r);
		cache_put(key, version, r);
	} else if (claimed)
		cache_release(key, version);
	free(key);
	return r;
notfound:
	r = marked(http_error(404, api, tr("detail.no_page")), page);
	r->cors = get;
	return r;
}

/*
 * 1 when req asks for a page (not the API, not a static file), whose
 * language is then, until i18n_done, the one ?lang= names, else the one
 * Accept-Language prefers (i18n_negotiate).
 */
static int
use_language(const struct http_req *req)
{
	int page = strncmp(req->path, "/api/", 5) != 0 && strncmp(req->path, "/static/", 8) != 0;
	if (page) {
		const char *arg = http_arg(req, "lang");
		int lang = arg ? i18n_find(arg) : -1;
		/* the language links keep every argument a page may read: the route is not known yet */
		char *self = self_url(req, ROUTE_AFTER | ROUTE_GROUP | ROUTE_SORT | ROUTE_PAGE);
		i18n_use(lang >= 0 ? lang : i18n_negotiate(req->accept_language), lang >= 0, self);
		free(self);
	}
	return page;
}

/*
 * The answer status with the catalog's detail key (no arguments) to req,
 * made outside its route (a refusal of the server's): an error page in the
 * language http_handle would choose, JSON in English under /api/. Returns
 * a response with one reference for the caller.
 */
struct http_resp *
http_refuse(const struct http_req *req, int status, const char *key)
{
	int page = use_language(req);
	struct http_resp *r =
	    marked(http_error(status, strncmp(req->path, "/api/", 5) == 0, tr(key)), page);
	i18n_done();
	return r;
}

/*
 * Answer req. Returns a response with one reference for the caller (drop it
 * with http_resp_unref), as handle() makes it. A page (not the API, not a
 * static file) is in the language ?lang= names, else in the one
 * Accept-Language prefers (i18n_negotiate), for the time of the request.
 */
struct http_resp *
http_handle(struct http_req *req)
{
	int page = use_language(req);
	struct http_resp *r = handle(req, page);
	i18n_done();
	req->gzip = r->gz != NULL && gzip_accepted(req->accept_encoding);
	return r;
}

/*
 * The current second of the wall clock, read precisely: time() reads a
 * clock that moves on up to a tick (4 ms) late, and in those milliseconds
 * nginx would take X-Accel-Expires for a second already past.
 */
long long
http_second(void)
{
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	return (long long)t.tv_sec;
}

/*
 * Every header of r as sent with its body (gz: 0) or its compressed twin
 * (gz: 1), the content type and the security headers included, handed to
 * add(ctx, name, value): the one place they are decided.
 */
void
http_variant_headers(const struct http_resp *r, int gz,
                     void (*add)(void *ctx, const char *k, const char *v), void *ctx)
{
	add(ctx, "Content-Type", r->stream ? "text/event-stream" : r->type);
	add(ctx, "Cache-Control", r->cache_control);
	if (gz)
		add(ctx, "Content-Encoding", "gzip");
	if (r->etag[0])
		add(ctx, "ETag", gz ? r->gz_etag : r->etag);
	if (r->stream) /* a proxy (nginx) passes each event on as it comes */
		add(ctx, "X-Accel-Buffering", "no");
	if (r->dated) {
		char s[24];
		snprintf(s, sizeof s, "@%lld", http_second());
		add(ctx, "X-Accel-Expires", s);
	}
	if (r->allow)
		add(ctx, "Allow", r->allow);
	if (r->retry_after) {
		char s[16];
		snprintf(s, sizeof s, "%d", r->retry_after);
		add(ctx, "Retry-After", s);
	}
	if (r->cors)
		add(ctx, "Access-Control-Allow-Origin", "*");
	if (r->language)
		add(ctx, "Content-Language", r->language);
	if (r->gz || r->vary_language)
		add(ctx, "Vary",
		    !r->gz             ? "Accept-Language"
		    : r->vary_language ? "Accept-Encoding, Accept-Language"
		                       : "Accept-Encoding");
	if (r->cookie)
		add(ctx, "Set-Cookie", r->cookie);
	if (r->location)
		add(ctx, "Location", r->location);
	if (r->header) {
		add(ctx, r->header, r->header_value);
		if (r->cors)
			add(ctx, "Access-Control-Expose-Headers", r->header);
	}
	add(ctx, "Content-Security-Policy", CSP);
	add(ctx, "X-Content-Type-Options", "nosniff");
	add(ctx, "Referrer-Policy", "no-referrer");
	add(ctx, "X-Frame-Options", "DENY");
}

/*
 * 1 when the If-None-Match value (may be NULL) names the ETag of r's body
 * (gz: 0) or of its compressed twin (gz: 1), or is "*"; else 0.
 */
int
http_variant_match(const struct http_resp *r, int gz, const char *if_none_match)
{
	if (if_none_match == NULL || r->etag[0] == '\0' || r->status != 200)
		return 0;
	return strcmp(if_none_match, "*") == 0 ||
	       strstr(if_none_match, gz ? r->gz_etag : r->etag) != NULL;
}
