/*
 * live.c: what makes open pages update. The data version is a counter that
 * moves whenever the database changes: a watcher thread reads PRAGMA
 * data_version on a connection of its own every 200 ms (so a `tracker
 * import` from another process is seen), and a POST bumps it at once. Event
 * streams (GET .../events) are registered here; a stream with nothing to
 * send asks the server to park (suspend) its connection, and a version
 * change or the periodic ping wakes (resumes) every parked one. Nothing here
 * knows libmicrohttpd: the server passes its suspend and resume as ops.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "live.h"
#include "util.h"

#define POLL_MS    200 /* how often the watcher reads data_version */
#define PING_POLLS 75  /* polls between pings (15 s): finds streams whose client left */

struct live_stream {
	void *conn;               /* the server's connection */
	uint64_t seen;            /* data version the client was last told of */
	int suspended;            /* 1: parked, waiting for a wake */
	int ping;                 /* 1: send a comment line at the next read */
	char pending[128];        /* bytes of an event not yet handed out */
	size_t npending;          /* how many */
	size_t off;               /* how many of them were handed out */
	struct live_stream *next; /* next registered stream */
};

static atomic_uint_fast64_t version = 1;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wakeup = PTHREAD_COND_INITIALIZER;
static struct live_stream *streams; /* registered streams, under lock */
static int nstreams, maxstreams;    /* how many, and the cap */
static int closing;                 /* 1: shutting down, streams end */
static int running;                 /* 1: the watcher thread runs */
static struct live_ops ops;         /* the server's suspend/resume */
static sqlite3 *wdb;                /* the watcher's own connection */
static pthread_t watcher;

/* The current data version: changes whenever stored data may have. */
uint64_t
live_version(void)
{
	return atomic_load(&version);
}

/* Wake every parked stream (and mark each for a ping when ping); lock held. */
static void
wake_all_locked(int ping)
{
	for (struct live_stream *s = streams; s; s = s->next) {
		if (ping)
			s->ping = 1;
		if (s->suspended) {
			s->suspended = 0;
			ops.resume(s->conn);
		}
	}
}

/* Note a write: move the version and wake every stream. */
void
live_bump(void)
{
	atomic_fetch_add(&version, 1);
	pthread_mutex_lock(&lock);
	wake_all_locked(0);
	pthread_mutex_unlock(&lock);
}

/*
 * The watcher: polls data_version until live_stop, bumping on a change. A
 * poll that cannot run (db_int fails: the database busy or unreadable)
 * reads as no change, and the next poll tries again.
 */
static void *
watch(void *arg)
{
	(void)arg;
	int64_t last = 0;
	db_int(wdb, &last, "PRAGMA data_version", 0);
	int polls = 0;
	pthread_mutex_lock(&lock);
	while (!closing) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += POLL_MS * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		int rc = pthread_cond_timedwait(&wakeup, &lock, &until);
		if (closing)
			break;
		if (rc != ETIMEDOUT)
			continue;
		pthread_mutex_unlock(&lock);
		int64_t now = last;
		db_int(wdb, &now, "PRAGMA data_version", 0);
		pthread_mutex_lock(&lock);
		int ping = ++polls % PING_POLLS == 0, changed = now != last;
		if (changed) {
			last = now;
			atomic_fetch_add(&version, 1);
		}
		if (changed || ping)
			wake_all_locked(ping);
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

/*
 * Start the watcher on db (taken over: live_stop closes it), with the
 * server's ops and a cap of max_streams open streams. Returns 0, or -1 with
 * *err set (free() it).
 */
int
live_start(sqlite3 *db, const struct live_ops *o, int max_streams, char **err)
{
	ops = *o;
	wdb = db;
	maxstreams = max_streams;
	closing = 0;
	int rc = pthread_create(&watcher, NULL, watch, NULL);
	if (rc != 0) {
		*err = xasprintf("starting the watcher: %s", strerror(rc));
		return -1;
	}
	running = 1;
	return 0;
}

/*
 * Shut down: every stream ends at its next read (parked ones are woken),
 * new ones are refused, the watcher stops and its connection is closed.
 */
void
live_stop(void)
{
	pthread_mutex_lock(&lock);
	closing = 1;
	wake_all_locked(0);
	pthread_cond_signal(&wakeup);
	pthread_mutex_unlock(&lock);
	if (running)
		pthread_join(watcher, NULL);
	running = 0;
	sqlite3_close(wdb);
	wdb = NULL;
}

/*
 * Register a stream for the server's connection conn, whose client has seen
 * data version since (0: unknown; an event follows at once when it is not
 * the current one). Returns the stream (live_close frees it), or NULL when
 * the cap is reached or the server is shutting down.
 */
struct live_stream *
live_open(void *conn, uint64_t since)
{
	struct live_stream *s = NULL;
	pthread_mutex_lock(&lock);
	if (!closing && nstreams < maxstreams) {
		s = xcalloc(1, sizeof *s);
		s->conn = conn;
		s->seen = since ? since : live_version();
		s->npending = (size_t)snprintf(s->pending, sizeof s->pending,
		                               "retry: 1000\n: tracker events\n\n");
		s->next = streams;
		streams = s;
		nstreams++;
	}
	pthread_mutex_unlock(&lock);
	return s;
}

/*
 * Up to max bytes of the stream into out. Returns how many (> 0); 0 when
 * there is nothing to send, after asking the server to park the connection
 * (woken by the next version change or ping); -1 at the end of the stream.
 */
ssize_t
live_read(struct live_stream *s, char *out, size_t max)
{
	ssize_t n;
	pthread_mutex_lock(&lock);
	if (s->off == s->npending) {
		uint64_t v = live_version();
		s->off = s->npending = 0;
		if (closing) {
			n = -1;
			goto out;
		}
		if (v != s->seen) {
			s->seen = v;
			s->npending = (size_t)snprintf(
			    s->pending, sizeof s->pending,
			    "id: %llu\nevent: update\ndata: {\"version\":%llu}\n\n",
			    (unsigned long long)v, (unsigned long long)v);
		} else if (s->ping) {
			s->ping = 0;
			s->npending = (size_t)snprintf(s->pending, sizeof s->pending, ": ping\n\n");
		} else {
			s->suspended = 1;
			ops.suspend(s->conn);
			n = 0;
			goto out;
		}
	}
	n = (ssize_t)(s->npending - s->off < max ? s->npending - s->off : max);
	memcpy(out, s->pending + s->off, (size_t)n);
	s->off += (size_t)n;
out:
	pthread_mutex_unlock(&lock);
	return n;
}

/* Unregister and free s (its connection is gone). */
void
live_close(struct live_stream *s)
{
	pthread_mutex_lock(&lock);
	for (struct live_stream **p = &streams; *p; p = &(*p)->next)
		if (*p == s) {
			*p = s->next;
			nstreams--;
			break;
		}
	pthread_mutex_unlock(&lock);
	free(s);
}
