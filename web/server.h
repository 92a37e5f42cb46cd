/* server.h: the HTTP server, libmicrohttpd over http_handle; `tracker serve` runs it. */
#ifndef TRACKER_SERVER_H
#define TRACKER_SERVER_H

#include <netinet/in.h>
#include <sqlite3.h>
#include <stddef.h>

#include "http.h"

#define SERVER_MAX_THREADS 63 /* pool threads at most (each opens a connection) */

struct server_conf {
	struct sockaddr_in addr;  /* where to listen (port 0: any free one) */
	unsigned max_conns;       /* connections at once */
	unsigned per_ip;          /* connections at once from one address */
	unsigned timeout;         /* seconds a connection may stay idle */
	unsigned request_timeout; /* seconds a request may take to arrive whole */
	unsigned threads;         /* pool threads, 1 to SERVER_MAX_THREADS */
	unsigned max_streams;     /* event streams at once */
	unsigned render_ms;       /* milliseconds a page's database reads may take (then 503) */
	unsigned stream_timeout;  /* seconds a stream may go without its client draining it */
	size_t max_body;          /* bytes a POST body may have */
	size_t max_header;        /* bytes a request line and headers may have, roughly */
	const struct http_token
	    *tokens;       /* write tokens (none: writes are off); kept by the caller */
	int ntokens;       /* entries */
	int secure_cookie; /* 1: the desk's session cookie is marked Secure */
	const char *db;    /* database path */
};

int server_start(const struct server_conf *conf, sqlite3 *watch_db, unsigned *port, char **err);
void server_stop(void);

#endif
