/*
 * server.c: the libmicrohttpd glue and nothing else; `tracker serve`
 * (tracker/cli_serve.c) starts and stops it. An
 * epoll thread pool accepts requests; each request becomes a struct
 * http_req for http_handle (http.c) and the struct http_resp it returns is
 * queued as it is (prepared once, then shared while cached). Responses are
 * queued on the second call of the access handler so keep-alive holds.
 * Event streams are parked with MHD_suspend_connection and woken by live.c.
 * Each pool thread has its own SQLite connection, opened at the start; writes
 * are refused while the database's files are not those opened (db_moved).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "cache.h"
#include "deadline.h"
#include "db.h"
#include "http.h"
#include "live.h"
#include "peers.h"
#include "server.h"
#include "store.h"
#include "util.h"

#define BUSY_MS     2000 /* how long a pool thread waits for another writer (then 503) */
#define SLOW_MS     500 /* a render past this long takes one of the threads but one (db_limit_share) */
#define MOVED_RETRY 10 /* Retry-After of a write refused for the database's files moving */

/* What a request other than GET and HEAD carries between the calls of the access handler. */
struct post {
	struct buf body; /* the body so far */
	int refused;     /* 1: answered 413 on the first call, the rest dropped; 2: a body
	                    without Content-Length ran over: the rest read and dropped, 413 at
	                    its end (libmicrohttpd 0.9.75 cannot queue a response mid-body) */
	size_t seen;     /* body bytes received */
};

static struct server_conf conf;
static struct MHD_Daemon *mhd;
static int get_marker; /* *req_cls of a request without a body */
static __thread sqlite3 *thread_db;
static __thread struct store_cache *thread_cache;
static pthread_mutex_t dbs_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t native_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t write_lock = PTHREAD_MUTEX_INITIALIZER; /* one write at a time */
static sqlite3 *dbs[SERVER_MAX_THREADS]; /* every pool thread's connection, opened at start */
static int ndbs, nused;                  /* opened, and handed to a thread */
static struct db_ident ident;            /* the database's files as opened */
static atomic_int moved_warned;          /* 1: their move was told on stderr */
static atomic_llong moved_seen;          /* the second a read last looked at them */
/* the importer's statements and names kept on each connection, from one POST to the next */
static struct store_cache caches[SERVER_MAX_THREADS];

/*
 * This thread's connection: one of those server_start opened, handed out on
 * a thread's first request. NULL when every one is taken (more threads than
 * connections: not the pool's way).
 */
static sqlite3 *
db_here(void)
{
	if (thread_db)
		return thread_db;
	pthread_mutex_lock(&dbs_lock);
	if (nused < ndbs) {
		thread_cache = &caches[nused];
		thread_db = dbs[nused++];
	}
	pthread_mutex_unlock(&dbs_lock);
	return thread_db;
}

/*
 * 1 when the database's files are no longer those the server opened (one
 * was deleted, moved or replaced: a write would go to a file no one will
 * read), told once on stderr; else 0.
 */
static int
db_moved(void)
{
	char what[512];
	if (!db_ident_changed(conf.db, &ident, what, sizeof what)) {
		atomic_store(&moved_warned, 0);
		return 0;
	}
	if (!atomic_exchange(&moved_warned, 1))
		warnmsg("%s while serving: writes are refused (503) until it is back or the "
		        "server restarts; pages are read from the files still open",
		        what);
	return 1;
}

/* A 503 for req, a write refused because the database's files moved (db_moved). */
static struct http_resp *
moved_error(const struct http_req *req, int after)
{
	struct http_resp *r = http_refuse(req, 503, after ? "detail.moved_during" : "detail.moved");
	r->retry_after = MOVED_RETRY;
	return r;
}

/* 1 when the client of socket *fd closed its end (a render it asked for is no longer wanted). */
static int
client_gone(void *fd)
{
	char b;
	ssize_t n = recv(*(int *)fd, &b, 1, MSG_PEEK | MSG_DONTWAIT);
	return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
}

/*
 * Answer req on c: a GET within the render deadline (a client that leaves
 * stops its render), a write alone (one at a time, so that writers queue
 * here rather than poll SQLite's lock) and only while the database's files
 * are those opened. Returns a response with one reference for the caller.
 */
static struct http_resp *
answer(struct MHD_Connection *c, struct http_req *req, int get)
{
	struct http_resp *r;
	if (get) {
		time_t now = time(NULL); /* a read looks at the files once a second: stderr tells */
		if (atomic_load(&moved_seen) != (long long)now &&
		    atomic_exchange(&moved_seen, (long long)now) != (long long)now)
			db_moved();
		const union MHD_ConnectionInfo *ci =
		    MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		int fd = ci ? ci->connect_fd : -1;
		db_limit_begin(conf.render_ms, fd >= 0 ? client_gone : NULL, &fd);
		r = http_handle(req);
		db_limit_end();
		return r;
	}
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += BUSY_MS / 1000;
	if (pthread_mutex_timedlock(&write_lock, &until) != 0) {
		r = http_refuse(req, 503, "detail.busy_write");
		r->retry_after = 1;
		return r;
	}
	if (db_moved())
		r = moved_error(req, 0);
	else if ((r = http_handle(req))->status < 300 && db_moved()) {
		http_resp_unref(r);
		r = moved_error(req, 1);
	}
	pthread_mutex_unlock(&write_lock);
	return r;
}

static void
add_header(void *ctx, const char *k, const char *v)
{
	MHD_add_response_header(ctx, k, v);
}

static void
native_free(void *native)
{
	MHD_destroy_response(native);
}

/*
 * r's prepared libmicrohttpd response for its body (gz: 0) or its
 * compressed twin (gz: 1), made on first use with every header and the
 * bytes handed over (freed when the last connection is done with them).
 * Dated headers (r->dated) are made anew in each second, from a copy of the
 * bytes, the previous one left to the connections still sending it. With
 * native_lock held, which the caller keeps until it has queued the answer.
 */
static struct MHD_Response *
prepared(struct http_resp *r, int gz)
{
	_Atomic(void *) *slot = gz ? &r->native_gz : &r->native;
	struct MHD_Response *m = atomic_load(slot);
	long long now = http_second();
	if (m && (!r->dated || r->native_at[gz] == now))
		return m;
	char **bytes = gz ? &r->gz : &r->body;
	size_t len = gz ? r->gz_len : r->len;
	if (m) { /* the bytes belong to m: a copy for the new one */
		char *copy = xmalloc(len + 1);
		memcpy(copy, *bytes, len);
		*bytes = copy;
		MHD_destroy_response(m);
	}
	m = MHD_create_response_from_buffer_with_free_callback(len, *bytes, free);
	http_variant_headers(r, gz, add_header, m);
	atomic_store(slot, m);
	r->native_at[gz] = now;
	return m;
}

/* Queue r, or its compressed twin when gz, on c, dropping the caller's reference. */
static enum MHD_Result
send_variant(struct MHD_Connection *c, struct http_resp *r, int gz)
{
	deadline_arm(c, 0);
	pthread_mutex_lock(&native_lock);
	enum MHD_Result rc = MHD_queue_response(c, (unsigned)r->status, prepared(r, gz));
	pthread_mutex_unlock(&native_lock);
	http_resp_unref(r);
	return rc;
}

/* Queue r (dropping the caller's reference) on c. */
static enum MHD_Result
send_resp(struct MHD_Connection *c, struct http_resp *r)
{
	return send_variant(c, r, 0);
}

/*
 * Queue m, a response made for c alone, with status and the headers of r
 * (of its compressed twin when gz); destroys m and drops the caller's
 * reference to r.
 */
static enum MHD_Result
send_own(struct MHD_Connection *c, unsigned status, struct MHD_Response *m, struct http_resp *r,
         int gz)
{
	deadline_arm(c, 0);
	http_variant_headers(r, gz, add_header, m);
	enum MHD_Result rc = MHD_queue_response(c, status, m);
	MHD_destroy_response(m);
	http_resp_unref(r);
	return rc;
}

/* Queue 304 Not Modified with r's headers (gz: its twin's), dropping the caller's reference. */
static enum MHD_Result
send_304(struct MHD_Connection *c, struct http_resp *r, int gz)
{
	return send_own(c, MHD_HTTP_NOT_MODIFIED,
	                MHD_create_response_from_buffer(0, "", MHD_RESPMEM_PERSISTENT), r, gz);
}

static ssize_t
stream_read(void *cls, uint64_t pos, char *out, size_t max)
{
	(void)pos;
	ssize_t n = live_read(cls, out, max);
	return n < 0 ? MHD_CONTENT_READER_END_OF_STREAM : n;
}

static void
stream_free(void *cls)
{
	live_close(cls);
}

/*
 * Start the event stream r announced on c, or answer 503 when at the cap.
 * Its write deadline: libmicrohttpd's timeout for c, which runs while c is
 * not parked, that is while it has something to send; it closes c once it
 * has gone stream_timeout seconds without the client taking a byte. The
 * socket's send buffer is kept small, so that what the kernel takes in for
 * a client that stopped reading is soon full and the deadline starts.
 */
static enum MHD_Result
send_stream(struct MHD_Connection *c, struct http_resp *r)
{
	const union MHD_ConnectionInfo *fd =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
	struct live_stream *s = live_open(c, fd ? fd->connect_fd : -1, r->stream_since);
	if (s == NULL) {
		struct http_resp *e = http_error(503, 1, "too many event streams open");
		http_resp_unref(r);
		return send_resp(c, e);
	}
	MHD_set_connection_option(c, MHD_CONNECTION_OPTION_TIMEOUT, conf.stream_timeout);
	int sndbuf = 4096; /* bytes (the kernel doubles it): a few events */
	if (fd)
		setsockopt(fd->connect_fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
	return send_own(
	    c, MHD_HTTP_OK,
	    MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 512, stream_read, s, stream_free),
	    r, 0);
}

static void
on_suspend(void *conn)
{
	MHD_suspend_connection(conn);
}

static void
on_resume(void *conn)
{
	MHD_resume_connection(conn);
}

static enum MHD_Result
collect_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	struct http_req *req = cls;
	if (req->nargs == HTTP_MAX_ARGS)
		return MHD_NO;
	req->args[req->nargs].key = key;
	req->args[req->nargs].value = value ? value : "";
	req->nargs++;
	return MHD_YES;
}

/* The last X-Forwarded-For header (the one the nearest proxy wrote) into *cls. */
static enum MHD_Result
last_forwarded(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	if (strcasecmp(key, "X-Forwarded-For") == 0)
		*(const char **)cls = value;
	return MHD_YES;
}

/*
 * The peer of c into *peer and the client its request is for into
 * *client: the peer, or for a trusted proxy the address its
 * X-Forwarded-For names (peers.c). 0, or -1 when c has no IP peer.
 */
static int
client_of(struct MHD_Connection *c, struct peer_addr *peer, struct peer_addr *client)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci == NULL || peer_of(ci->client_addr, peer) != 0)
		return -1;
	const char *xff = NULL;
	if (peer_trusted(peer))
		MHD_get_connection_values(c, MHD_HEADER_KIND, last_forwarded, &xff);
	peer_forwarded(peer, xff, client);
	return 0;
}

/*
 * req for the request on c so far: its method, path, query arguments and
 * the headers http_handle reads; client (INET6_ADDRSTRLEN bytes) holds the
 * client's address as text. No body, no database.
 */
static void
request_of(struct MHD_Connection *c, const char *url, const char *method, struct http_req *req,
           char *client)
{
	*req = (struct http_req){.method = method,
	                         .path = url,
	                         .tokens = conf.tokens,
	                         .ntokens = conf.ntokens,
	                         .secure_cookie = conf.secure_cookie,
	                         .content_length = -1};
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_arg, req);
	req->authorization = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
	req->last_event_id = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Last-Event-ID");
	req->cookie = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Cookie");
	req->origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
	req->host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
	req->fetch_site = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Sec-Fetch-Site");
	req->accept_language = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Language");
	req->accept_encoding = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Encoding");
	req->content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
	const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
	if (cl)
		req->content_length = (long long)strtoull(cl, NULL, 10);
	struct peer_addr peer, who;
	client[0] = '\0';
	if (client_of(c, &peer, &who) == 0)
		peer_format(&who, client, INET6_ADDRSTRLEN);
	req->client = client[0] ? client : NULL;
}

/*
 * What the head of a request decides, on the first call of the access
 * handler, before any body byte is read: NULL to go on, or the answer (one
 * reference for the caller). A client behind a trusted proxy that holds
 * per_ip connections already is answered 429; a body whose Content-Length
 * is over the limit 413; any other request but GET and HEAD goes through
 * its handler's checks on the head alone (the token, the session, the
 * origin: req.head_only), and is answered there when they refuse it.
 */
static struct http_resp *
admit(struct MHD_Connection *c, const char *url, const char *method, int get)
{
	struct peer_addr peer, who;
	struct http_req req;
	char client[INET6_ADDRSTRLEN];
	if (client_of(c, &peer, &who) == 0 && peer_trusted(&peer) &&
	    deadline_client(c, &who) != 0) {
		request_of(c, url, method, &req, client);
		return http_refuse(&req, 429, "detail.per_address");
	}
	if (get)
		return NULL;
	request_of(c, url, method, &req, client);
	if (req.content_length > 0 && (unsigned long long)req.content_length > conf.max_body)
		return http_error(413, 1, "the body is over the size limit");
	req.head_only = 1;
	if ((req.db = db_here()) == NULL)
		return NULL; /* answered 503 once the body is in */
	struct http_resp *r = http_handle(&req);
	if (r->status >= 400) /* refused on its head; anything else waits for the body */
		return r;
	http_resp_unref(r);
	return NULL;
}

/*
 * The access handler. The first call for a request only notes it, and
 * answers what the head alone decides (admit); a body (POST and the other
 * methods but GET and HEAD) is collected over the following calls, up to
 * the limit; the response is queued on the call after that. A body without
 * Content-Length (chunked) that runs over the limit is read on and
 * dropped, and answered 413 when it ends; one still going past twice the
 * limit has its connection dropped.
 */
static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
           const char *version, const char *upload, size_t *upload_size, void **req_cls)
{
	(void)cls, (void)version;
	struct post *p = NULL;
	if (*req_cls == NULL) {
		int get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
		if (get)
			*req_cls = &get_marker;
		else
			*req_cls = p = xcalloc(1, sizeof *p);
		struct http_resp *no = admit(c, url, method, get);
		if (no == NULL)
			return MHD_YES;
		if (p)
			p->refused = 1;
		return send_resp(c, no);
	}
	if (*req_cls == &get_marker) {
		if (*upload_size)
			return MHD_NO; /* a GET with a body is not served: drop the connection */
	} else {
		p = *req_cls;
		if (*upload_size) {
			p->seen += *upload_size;
			if (!p->refused && p->seen > conf.max_body) {
				p->refused = 2;
				buf_free(&p->body);
			}
			if (p->refused == 2 && p->seen > 2 * conf.max_body)
				return MHD_NO; /* still going past twice the limit: drop it */
			if (!p->refused)
				buf_put(&p->body, upload, *upload_size);
			*upload_size = 0;
			return MHD_YES;
		}
		if (p->refused == 2)
			return send_resp(c, http_error(413, 1, "the body is over the size limit"));
		if (p->refused)
			return MHD_YES;
	}

	struct http_req req;
	char client[INET6_ADDRSTRLEN];
	request_of(c, url, method, &req, client);
	if (p) {
		req.body = p->body.data ? p->body.data : "";
		req.body_len = p->body.len;
	}
	if ((req.db = db_here()) == NULL)
		return send_resp(c, http_error(503, 1, "no database connection for this thread"));
	req.cache = thread_cache;
	deadline_arm(c, 0); /* the request is in: being answered, it is neither timed out nor
	                       reclaimed (a write may be committing) */
	struct http_resp *r = answer(c, &req, p == NULL);
	if (r->stream)
		return send_stream(c, r);
	if (http_variant_match(r, req.gzip,
	                       MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match")))
		return send_304(c, r, req.gzip);
	return send_variant(c, r, req.gzip);
}

static void
on_completed(void *cls, struct MHD_Connection *c, void **req_cls,
             enum MHD_RequestTerminationCode toe)
{
	(void)cls, (void)toe;
	deadline_arm(c, 1);
	if (*req_cls && *req_cls != &get_marker) {
		struct post *p = *req_cls;
		buf_free(&p->body);
		free(p);
	}
	*req_cls = NULL;
}

/*
 * The per-connection memory libmicrohttpd gets for a request head of at most
 * max_header bytes. It reads the head into the first half of that memory and
 * keeps the parsed headers and the reply's own headers in the rest; a head
 * that does not fit is answered 431. The memory is zeroed for every request,
 * so it is kept no larger than the limit needs.
 */
static size_t
pool_bytes(size_t max_header)
{
	return 2 * max_header;
}

/*
 * Close the pool's connections. When the database's files moved, the last
 * to close must not delete the -wal file by its name (SQLite does), which
 * may now be another database's: the WAL is kept (SQLITE_FCNTL_PERSIST_WAL).
 */
static void
close_dbs(void)
{
	int keep = ndbs && db_moved();
	for (int i = 0; i < ndbs; i++) {
		if (keep)
			sqlite3_file_control(dbs[i], "main", SQLITE_FCNTL_PERSIST_WAL, &keep);
		store_cache_free(&caches[i]);
		sqlite3_close(dbs[i]);
	}
	ndbs = nused = 0;
}

/*
 * Open every pool thread's connection to conf.db, which exists (no file is
 * created), each with the busy timeout, its commits synced and the render
 * limits, and record the identity of the files they opened. 0, or -1 with
 * *err set (free it).
 */
static int
open_dbs(char **err)
{
	struct db_ident before;
	if (db_ident_get(conf.db, &before) != 0) {
		*err = xasprintf("%s: %s", conf.db, strerror(errno));
		return -1;
	}
	for (unsigned i = 0; i < conf.threads; i++) {
		if (db_open(conf.db, DB_EXISTING, &dbs[ndbs], err) != 0) {
			close_dbs();
			return -1;
		}
		sqlite3_busy_timeout(dbs[ndbs], BUSY_MS);
		/* a write answered 201 is on the disk (the WAL synced at each commit): with
		   NORMAL, a disk that fails or a power cut seconds later loses it */
		db_exec(dbs[ndbs], "PRAGMA synchronous=FULL");
		db_limit_install(dbs[ndbs++]);
	}
	db_limit_share(SLOW_MS, conf.threads > 1 ? conf.threads - 1 : 1);
	int64_t v;
	/* a read opens the -wal and -shm files, whose identity is recorded too */
	if (db_int(dbs[0], &v, "SELECT count(*) FROM sqlite_schema", 0) != 0 ||
	    db_ident_get(conf.db, &ident) != 0 || ident.dev[0] != before.dev[0] ||
	    ident.ino[0] != before.ino[0]) {
		*err = xasprintf("%s: %s", conf.db,
		                 db_error_code() ? db_error() : "replaced while it was opened");
		close_dbs();
		return -1;
	}
	atomic_store(&moved_warned, 0);
	return 0;
}

/*
 * A socket listening on addr, or -1 with *err (free it) saying why not.
 * SO_REUSEADDR lets a restarted server bind past its old connections in
 * TIME_WAIT; SO_REUSEPORT is not set, so a second server on the same port
 * is refused instead of sharing its clients with this one.
 */
static int
listen_on(const struct sockaddr_in *addr, char **err)
{
	char host[INET_ADDRSTRLEN];
	int one = 1, e;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd >= 0 && setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0 &&
	    bind(fd, (const struct sockaddr *)addr, sizeof *addr) == 0 &&
	    listen(fd, SOMAXCONN) == 0)
		return fd;
	e = errno;
	if (fd >= 0)
		close(fd);
	inet_ntop(AF_INET, &addr->sin_addr, host, sizeof host);
	*err = xasprintf("cannot listen on %s:%u: %s%s", host, ntohs(addr->sin_port), strerror(e),
	                 e == EADDRINUSE      ? " (another server listens there)"
	                 : e == EADDRNOTAVAIL ? " (not an address of this machine)"
	                                      : "");
	return -1;
}

/*
 * libmicrohttpd's decoding of a URL's path or query argument s, unless s
 * holds an encoded NUL: then it is left as it came, so that no route or
 * slug matches it (decoded, "/teams/%00" would end at the NUL and read as
 * "/teams/"). The length of the result.
 */
static size_t
unescape(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls, (void)c;
	return strstr(s, "%00") ? strlen(s) : MHD_http_unescape(s);
}

/*
 * Start serving conf (copied; its tokens must outlive the server) with
 * watch_db as the connection live.c watches for writes. The caller blocks
 * the signals it waits for (and ignores SIGPIPE) first: the server's
 * threads inherit the signal mask. Returns 0 with *port the port listened
 * on, or -1 with *err (free it) saying why not, nothing left running.
 */
int
server_start(const struct server_conf *c, sqlite3 *watch_db, unsigned *port, char **err)
{
	static const struct live_ops ops = {on_suspend, on_resume};
	conf = *c;
	int fd = listen_on(&conf.addr, err);
	if (fd < 0)
		return -1;
	struct sockaddr_in bound;
	socklen_t blen = sizeof bound;
	*port = getsockname(fd, (struct sockaddr *)&bound, &blen) == 0 ? ntohs(bound.sin_port)
	                                                               : ntohs(conf.addr.sin_port);
	if (open_dbs(err) != 0) {
		close(fd);
		return -1;
	}
	if (live_start(watch_db, &ops, (int)conf.max_streams, err) != 0) {
		close_dbs();
		close(fd);
		return -1;
	}
	struct deadline_conf dc = {conf.request_timeout, conf.max_conns, conf.per_ip};
	if (deadline_start(&dc) != 0) {
		live_stop();
		close_dbs();
		close(fd);
		*err = xstrdup("cannot start the request-timeout thread");
		return -1;
	}
	http_native_free = native_free;
	/* libmicrohttpd splits its limit evenly between the pool threads; deadline.c
	 * keeps the whole one, so each thread may hold all of it */
	unsigned mhd_limit = conf.max_conns * conf.threads;
	mhd = MHD_start_daemon(
	    MHD_USE_EPOLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ITC, 0,
	    deadline_accept, NULL, on_request, NULL, MHD_OPTION_LISTEN_SOCKET, fd,
	    MHD_OPTION_THREAD_POOL_SIZE, conf.threads, MHD_OPTION_CONNECTION_LIMIT, mhd_limit,
	    MHD_OPTION_CONNECTION_TIMEOUT, conf.timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
	    pool_bytes(conf.max_header), MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
	    MHD_OPTION_NOTIFY_CONNECTION, deadline_notify, NULL, MHD_OPTION_UNESCAPE_CALLBACK,
	    unescape, NULL, MHD_OPTION_END);
	if (mhd == NULL) {
		live_stop();
		deadline_stop();
		close_dbs();
		close(fd);
		*err = xstrdup("cannot start the HTTP server (libmicrohttpd)");
		return -1;
	}
	return 0;
}

/*
 * Stop what server_start started: no new connection, the event streams
 * ended, the open requests answered, then every thread and connection gone.
 */
void
server_stop(void)
{
	MHD_socket ls = MHD_quiesce_daemon(mhd);
	if (ls != MHD_INVALID_SOCKET)
		close(ls);
	live_stop();
	MHD_stop_daemon(mhd);
	mhd = NULL;
	deadline_stop();
	cache_clear();
	close_dbs();
}
