/* http.h: requests and responses that do not depend on libmicrohttpd, and the route table. */
#ifndef TRACKER_HTTP_H
#define TRACKER_HTTP_H

#include <sqlite3.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define HTTP_MAX_PARAMS 4 /* '*' segments a route pattern may hold */
#define HTTP_MAX_ARGS   8 /* query arguments kept */

struct http_arg {
	const char *key;   /* query argument name, decoded */
	const char *value; /* its value, decoded ("" when absent) */
};

struct http_token {
	const char *name;   /* who holds it ("desk-1"; "env" for TRACKER_TOKEN) */
	const char *secret; /* the token: 16 characters or more */
};

struct store_cache; /* importers/store.h */

struct http_req {
	const char *method;                  /* "GET", "HEAD", "POST", ... */
	const char *path;                    /* URL path, decoded, without the query */
	struct http_arg args[HTTP_MAX_ARGS]; /* query arguments, in order */
	int nargs;                           /* entries used */
	const char *authorization;           /* Authorization header, or NULL */
	const char *last_event_id;   /* Last-Event-ID header (an event stream resuming), or NULL */
	const char *cookie;          /* Cookie header, or NULL */
	const char *origin;          /* Origin header, or NULL */
	const char *host;            /* Host header, or NULL */
	const char *fetch_site;      /* Sec-Fetch-Site header, or NULL */
	const char *accept_language; /* Accept-Language header, or NULL */
	const char *accept_encoding; /* Accept-Encoding header, or NULL */
	const char *client;          /* the client's address ("127.0.0.1"), or NULL */
	const char *content_type;    /* Content-Type header (of a POST body), or NULL */
	long long content_length;    /* Content-Length header, -1 when not sent */
	int head_only;               /* 1: the body is not read yet; a handler whose checks on
	                                the head (token, session, origin) pass answers 100, the
	                                body is read and it is called again with it */
	const char *body;            /* request body (POST), or NULL */
	size_t body_len;             /* its length */
	sqlite3 *db;                 /* this thread's connection */
	struct store_cache *cache;   /* the importer's, kept on db (a POST's), or NULL */
	const struct http_token *tokens; /* write tokens; none: writes are off */
	int ntokens;                     /* entries */
	int secure_cookie;               /* 1: the session cookie is marked Secure */
	uint64_t version; /* data version read before the handler runs (http_handle) */
	int gzip;         /* set by http_handle: 1 when the answer is to go compressed */
	char param[HTTP_MAX_PARAMS][256]; /* the route's '*' segments, set by http_handle */
	int nparam;                       /* entries used */
};

/* What a handler fills in; http_handle turns it into a struct http_resp. */
struct http_out {
	int status;                /* HTTP status; 200 unless the handler says otherwise */
	const char *type;          /* Content-Type (static string) */
	struct buf body;           /* the body; for an error status, the message alone */
	const char *cache_control; /* Cache-Control; NULL: "no-cache" (revalidate by ETag) */
	int stream;                /* 1: an event stream follows instead of a body */
	uint64_t stream_since;     /* data version the client has seen */
	int retry_after;           /* seconds for Retry-After (with 503 or 429), 0: none */
	int keep_body;             /* 1: an error status keeps the body and type as they are */
	char *cookie;              /* Set-Cookie value (malloc'd), or NULL */
	char *location;            /* Location value (malloc'd, with 303), or NULL */
	const char *header;        /* one header more (static name), or NULL */
	char header_value[24];     /* its value */
};

/* A response ready to send: immutable once made, shared by reference (cache). */
struct http_resp {
	int status;                /* HTTP status */
	const char *type;          /* Content-Type */
	char *body;                /* body bytes (malloc'd, NUL-terminated) */
	size_t len;                /* body length */
	char etag[24];             /* quoted ETag, "" when the response has none */
	char *gz;                  /* the body compressed (gzip, malloc'd), or NULL */
	size_t gz_len;             /* its length */
	char gz_etag[28];          /* the compressed twin's quoted ETag */
	const char *cache_control; /* Cache-Control value */
	const char *allow;         /* Allow value for 405, else NULL */
	int retry_after;           /* Retry-After seconds, 0: none */
	char *cookie;              /* Set-Cookie value (malloc'd), or NULL */
	char *location;            /* Location value (malloc'd), or NULL */
	const char *header;        /* one header more (the handler's), or NULL */
	char header_value[24];     /* its value */
	int cors;                  /* 1: Access-Control-Allow-Origin: * */
	const char *language;      /* Content-Language (a page's), or NULL */
	int vary_language;         /* 1: Vary: Accept-Language (the header chose the language) */
	int stream;                /* 1: an event stream, body unused */
	uint64_t stream_since;     /* data version the client has seen */
	atomic_int refs;           /* references; http_resp_unref frees at 0 */
	_Atomic(void *) native;    /* the server's prepared response (owns body), or NULL */
	_Atomic(void *) native_gz; /* the same for the compressed twin (owns gz), or NULL */
	int dated;                 /* 1: its headers name the second they are sent in */
	long long native_at[2];    /* the second native and native_gz were made in (server) */
};

/* Set by the server: drops its prepared response, which frees the body in its time. */
extern void (*http_native_free)(void *native);

typedef void (*http_handler)(const struct http_req *req, struct http_out *out);

enum {
	ROUTE_CACHE = 1,   /* GET whose 200 body may be cached per data version */
	ROUTE_API = 2,     /* errors as JSON rather than HTML */
	ROUTE_PRIVATE = 4, /* a session's page: no CORS, no ETag, never stored (no-store) */
	ROUTE_ENGLISH = 8, /* in English alone, whatever ?lang= or Accept-Language ask (i18n) */
	/* the query arguments that choose its answer: only these are part of its cache key, so
	   that an argument a route ignores cannot give each of its values an entry of its own */
	ROUTE_AFTER = 16, /* ?after= */
	ROUTE_GROUP = 32, /* ?group= */
	ROUTE_SORT = 64,  /* ?sort= */
	ROUTE_PAGE = 128, /* ?page= */
};

struct route {
	const char *method;   /* "GET" (HEAD too) or "POST" */
	const char *pattern;  /* path; '*' matches one segment, captured into param[] */
	http_handler handler; /* renders the response */
	int flags;            /* ROUTE_* */
};

const char *http_arg(const struct http_req *req, const char *key);
int http_slug_ok(const char *s);
char *http_form(const struct http_req *req, const char *key);
const struct http_token *http_token_find(const struct http_req *req, const char *given);
struct http_resp *http_handle(struct http_req *req);
struct http_resp *http_error(int status, int api, const char *msg);
struct http_resp *http_refuse(const struct http_req *req, int status, const char *key);
void http_resp_unref(struct http_resp *r);
void http_variant_headers(const struct http_resp *r, int gz,
                          void (*add)(void *ctx, const char *k, const char *v), void *ctx);
long long http_second(void);
int http_variant_match(const struct http_resp *r, int gz, const char *if_none_match);
void http_fail(struct http_out *out, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void http_fail_tr(struct http_out *out, int status, const char *key, ...);
void http_fail_near(struct http_out *out, int status, const char *near, const char *key, ...);

#define HTTP_DID_YOU_MEAN "; did you mean " /* then a path and " ?" (http_fail_near) */

#endif
