/*
 * fuzz_http.c: libFuzzer driver for the web layer's request handling
 * (routing, slugs, query arguments, headers, POST bodies), without a socket.
 * An input is up to four lines and a body:
 *   METHOD \n PATH[?QUERY] \n AUTHORIZATION \n IF-NONE-MATCH \n BODY...
 * PATH and QUERY are percent-decoded as libmicrohttpd does before the
 * server sees them; an empty line means no header. The request goes to
 * http_handle over an in-memory database holding a small stage (Champion
 * Rush, teams named with markup; a second stage without matches), with
 * writes on (token "fuzz-token-0123456789").
 * Checks: a response always comes, with a 2xx-4xx status, headers without
 * CR or LF, and an ETag that matches itself. A request that changed the
 * database is undone (the database is made again), so that every input
 * replays alone.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cache.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

static const struct http_token tokens[] = {{"fuzz", "fuzz-token-0123456789"}};

static const char seed[] =
    "{\"tournament\":\"Fuzz Cup\",\"stage\":\"Grand Final\",\"ruleset\":{\"name\":\"ffws\","
    "\"placement_points\":[12,9,8],\"kill_points\":1,\"headstart\":{\"A\":5},"
    "\"champion_rush\":{\"threshold\":20,\"max_matches\":3}},\"matches\":["
    "{\"match\":1,\"map\":\"Bermuda\",\"results\":[{\"team\":\"A\",\"placement\":1,\"kills\":9,"
    "\"players\":[{\"name\":\"p1\",\"kills\":9,\"damage\":100,\"assists\":1,\"mvp\":1}]},"
    "{\"team\":\"<script>alert(1)</script>\",\"placement\":2,\"kills\":3},"
    "{\"team\":\"Tom & \\\"Jerry\\\"\",\"placement\":3,\"kills\":0}]},"
    "{\"match\":2,\"map\":\"Kalahari\",\"results\":[{\"team\":\"A\",\"placement\":1,\"kills\":2},"
    "{\"team\":\"Tom & \\\"Jerry\\\"\",\"placement\":2,\"kills\":4}]}]}";

/* A second stage, still without a match. */
static const char empty_stage[] = "{\"tournament\":\"Fuzz Cup\",\"stage\":\"Finals Day\","
                                  "\"matches\":[]}";

static sqlite3 *db; /* the in-memory database, made on the first input */

/* Stop the run with why: libFuzzer and the replay both report an abort. */
static void
fail(const char *why)
{
	fprintf(stderr, "fuzz_http: %s\n", why);
	abort();
}

/* (Re)make the database with the seed stage in it, and drop cached responses. */
static void
setup(void)
{
	char *err = NULL;
	struct import_stats st = {0};
	struct buf msgs = {0};
	if (db)
		sqlite3_close(db);
	if (db_open(":memory:", 0, &db, &err) != 0)
		fail(err);
	if (import_json(db, "seed", seed, sizeof seed - 1, 0, &st, &msgs) != 0 ||
	    import_json(db, "empty", empty_stage, sizeof empty_stage - 1, 0, &st, &msgs) != 0)
		fail(msgs.data ? msgs.data : "the seed was refused");
	buf_free(&msgs);
	cache_clear();
}

/* The next line of *p (up to end) as a fresh string; advances *p past it. */
static char *
line(const char **p, const char *end)
{
	const char *nl = memchr(*p, '\n', (size_t)(end - *p));
	const char *stop = nl ? nl : end;
	char *s = xstrndup(*p, (size_t)(stop - *p));
	*p = nl ? nl + 1 : end;
	return s;
}

/* The value of hex digit c, or -1. */
static int
hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode %XX in place as libmicrohttpd does (a bad escape stays as it is); plus: '+' is ' '. */
static void
unescape(char *s, int plus)
{
	char *w = s;
	for (char *r = s; *r; r++) {
		if (*r == '%' && hex(r[1]) >= 0 && hex(r[2]) >= 0) {
			*w++ = (char)(hex(r[1]) * 16 + hex(r[2]));
			r += 2;
		} else
			*w++ = plus && *r == '+' ? ' ' : *r;
	}
	*w = '\0';
}

/* Split query (in place) into req's arguments, as the server collects them. */
static void
split_query(char *query, struct http_req *req)
{
	char *save = NULL;
	for (char *kv = strtok_r(query, "&", &save); kv && req->nargs < HTTP_MAX_ARGS;
	     kv = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(kv, '=');
		if (eq)
			*eq++ = '\0';
		unescape(kv, 1);
		if (eq)
			unescape(eq, 1);
		req->args[req->nargs].key = kv;
		req->args[req->nargs].value = eq ? eq : "";
		req->nargs++;
	}
}

/* http_variant_headers' callback: a header value must not break the header block. */
static void
check_header(void *ctx, const char *k, const char *v)
{
	(void)ctx;
	if (!k || !v || strpbrk(k, "\r\n") || strpbrk(v, "\r\n"))
		fail("a header with CR or LF, or without a value");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	if (!db)
		setup();
	const char *p = (const char *)data, *end = p + len;
	char *method = line(&p, end), *url = line(&p, end), *auth = line(&p, end),
	     *inm = line(&p, end);
	char *body = xmalloc((size_t)(end - p) + 1);
	memcpy(body, p, (size_t)(end - p));
	body[end - p] = '\0';

	struct http_req req = {
	    .method = *method ? method : "GET", .tokens = tokens, .ntokens = 1, .db = db};
	char *q = strchr(url, '?');
	if (q) {
		*q++ = '\0';
		split_query(q, &req);
	}
	unescape(url, 0);
	req.path = *url ? url : "/";
	req.authorization = *auth ? auth : NULL;
	if (strcmp(req.method, "POST") == 0) {
		req.body = body;
		req.body_len = (size_t)(end - p);
	}

	int changes = sqlite3_total_changes(db);
	struct http_resp *r = http_handle(&req);
	if (r == NULL)
		fail("no response");
	if (r->status < 200 || r->status > 499) {
		fprintf(stderr, "%s %s -> %d: %.300s\n", req.method, req.path, r->status,
		        r->body ? r->body : "");
		fail("a status outside 2xx-4xx");
	}
	http_variant_headers(r, 0, check_header, NULL);
	if (r->gz)
		http_variant_headers(r, 1, check_header, NULL);
	if (r->etag[0] && r->status == 200 && !http_variant_match(r, 0, r->etag))
		fail("a response's ETag does not match itself");
	http_variant_match(r, 0, *inm ? inm : NULL);
	int wrote = sqlite3_total_changes(db) != changes;
	http_resp_unref(r);
	if (wrote)
		setup();
	free(method);
	free(url);
	free(auth);
	free(inm);
	free(body);
	return 0;
}
