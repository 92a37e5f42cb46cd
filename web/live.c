/*
 * live.c: what makes open pages update. The data version is a counter that
 * moves once per write: a write by this process (a POST, the desk) calls
 * live_bump() once it has committed, and a watcher thread reads PRAGMA
 * data_version on a connection of its own every 50 ms, so that a
 * `tracker import` from another process is seen too. Both announce through
 * announce(), which first takes in the watcher's data_version, so that the
 * write a POST announced is not announced again by the next poll: one
 * event per write. The event (live_event_data) names the version and, when the
 * audit log says the write stored one match, its stage and the delta the
 * open leaderboards apply (stage_delta, from the one scoring function).
 * It is made once per write and its bytes are shared by every stream.
 *
 * Event streams (GET .../events) are registered here; a stream with nothing
 * to send asks the server to park (suspend) its connection, and a new event
 * or the periodic ping wakes (resumes) every parked one. A stream that has
 * something to send is not parked: the server's write deadline closes it
 * when its client does not drain what it was sent. Nothing here knows
 * libmicrohttpd: the server passes its suspend and resume as ops.
 *
 * Stream lifetime: a parked connection is not polled by the server, so a
 * client that leaves would keep its slot until the next write fails. A
 * reaper thread instead watches every stream's socket (epoll, EPOLLRDHUP):
 * when the client closes it, or TCP keepalive finds it gone, the stream is
 * woken and ends at once. A closed stream is freed by the reaper, after the
 * epoll batch that may still name it.
 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "db.h"
#include "live.h"
#include "stage.h"
#include "util.h"

#define POLL_MS    50   /* how often the watcher reads data_version */
#define PING_POLLS 300  /* polls between pings (15 s): keeps proxies from timing a stream out */
#define KEEPIDLE   3    /* seconds of silence before TCP keepalive probes a stream's client */
#define KEEPINTVL  1    /* seconds between probes */
#define KEEPCNT    2    /* probes unanswered before a drop, had UNACKED_MS not been set: */
                        /* with it, the first probe unanswered past UNACKED_MS drops it */
#define UNACKED_MS 3500 /* sent data unacked this long after its first resend: dropped */

/* An event's text, shared by the streams sending it; freed with its last reference. */
struct event {
	atomic_int refs;  /* the current event's own, and one per stream sending it */
	uint64_t version; /* the data version it announces */
	size_t len;       /* bytes of text */
	size_t data, end; /* where its data line's JSON starts and ends in text */
	char text[];      /* the event as every stream sends it */
};

struct live_stream {
	void *conn;                      /* the server's connection */
	int fd;                          /* its socket, watched by the reaper; -1: none */
	uint64_t seen;                   /* data version the client was last told of */
	unsigned char suspended;         /* 1: parked, waiting for a wake */
	unsigned char ping;              /* 1: send a comment line at the next read */
	unsigned char gone;              /* 1: the client left; the stream ends */
	unsigned char closed;            /* 1: unregistered, waiting for the reaper to free it */
	const char *out;                 /* bytes being handed out: ev's text or a constant */
	size_t nout;                     /* how many */
	size_t off;                      /* how many of them were handed out */
	struct event *ev;                /* the shared event out points into, or NULL */
	struct live_stream *prev, *next; /* registered streams; next: the graveyard's too */
};

static atomic_uint_fast64_t version = 1;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;       /* the streams */
static pthread_mutex_t announcing = PTHREAD_MUTEX_INITIALIZER; /* wdb and the marks below */
static pthread_cond_t wakeup = PTHREAD_COND_INITIALIZER;
static struct live_stream *streams;           /* registered streams, under lock */
static struct event *current;                 /* the latest event, under lock */
static int nstreams, maxstreams;              /* how many, and the cap */
static int closing;                           /* 1: shutting down, streams end */
static int running;                           /* 1: the watcher thread runs */
static struct live_ops ops;                   /* the server's suspend/resume */
static sqlite3 *wdb;                          /* the watcher's own connection, under announcing */
static int64_t seen_dv;                       /* its data_version as last taken in */
static int64_t seen_log, seen_match;          /* the highest log and match row ids announced */
static _Atomic(void (*)(uint64_t)) on_change; /* told of every new version (live_listen) */
static pthread_t watcher;
static int reap_ep = -1;              /* the reaper's epoll set: every stream's socket */
static int reap_wake = -1;            /* eventfd that wakes the reaper */
static int reaping;                   /* 1: the reaper thread runs */
static struct live_stream *graveyard; /* closed streams the reaper frees, under lock */
static pthread_t reaper;

/* The current data version: changes whenever stored data may have. */
uint64_t
live_version(void)
{
	return atomic_load(&version);
}

static void
event_unref(struct event *e)
{
	if (e && atomic_fetch_sub(&e->refs, 1) == 1)
		free(e);
}

/*
 * Append to out the data of the event announcing data version v, one line
 * of JSON: {"version":V} for a write that may have changed anything (every
 * page re-fetches), {"version":V,"stage":ID} for one that changed only
 * that stage, and with stage_delta's members as well when it stored that
 * stage's match number match (0: none) and the stage's leaderboard can
 * take it as a delta.
 */
static void
event_data(sqlite3 *db, uint64_t v, int64_t stage, int match, struct buf *out)
{
	buf_printf(out, "{\"version\":%llu", (unsigned long long)v);
	if (stage) {
		buf_printf(out, ",\"stage\":%lld", (long long)stage);
		if (match)
			stage_delta(db, stage, match, out);
	}
	buf_putc(out, '}');
}

/*
 * A new event (one reference: the caller's) for data version v: the
 * server-sent event "update" with id v and live_event_data's JSON.
 */
static struct event *
event_new(sqlite3 *db, uint64_t v, int64_t stage, int match)
{
	struct buf b = {0};
	buf_printf(&b, "id: %llu\nevent: update\ndata: ", (unsigned long long)v);
	size_t data = b.len;
	event_data(db, v, stage, match, &b);
	size_t end = b.len;
	buf_puts(&b, "\n\n");
	struct event *e = xmalloc(sizeof *e + b.len + 1);
	atomic_init(&e->refs, 1);
	e->version = v;
	e->len = b.len;
	e->data = data;
	e->end = end;
	memcpy(e->text, b.data, b.len + 1);
	buf_free(&b);
	return e;
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

/*
 * What the writes since the last announcement did, from the audit log
 * (every write adds one row: schema/003-log.sql) and the match table, read
 * on db: *stage the one stage every new log row names (0: none, several,
 * or a row for none), *match the number of the one match they stored when
 * they are one import, POST or desk entry that added exactly one match row
 * (0: else). Moves the marks on; announcing held.
 */
static void
what_changed(sqlite3 *db, int64_t *stage, int *match)
{
	*stage = 0;
	*match = 0;
	int64_t nlog = 0, nostage = 0, lo = 0, hi = 0, simple = 0, nmatch = 0, top = 0;
	sqlite3_stmt *st = db_prepare(db, "SELECT count(*), count(*) - count(stage_id),"
	                                  " min(stage_id), max(stage_id), max(id),"
	                                  " sum(action IN ('import', 'post', 'desk'))"
	                                  " FROM log WHERE id > ?1");
	if (st == NULL)
		return;
	sqlite3_bind_int64(st, 1, seen_log);
	if (sqlite3_step(st) == SQLITE_ROW) {
		nlog = sqlite3_column_int64(st, 0);
		nostage = sqlite3_column_int64(st, 1);
		lo = sqlite3_column_int64(st, 2);
		hi = sqlite3_column_int64(st, 3);
		if (nlog)
			seen_log = sqlite3_column_int64(st, 4);
		simple = sqlite3_column_int64(st, 5);
	}
	sqlite3_finalize(st);
	if ((st = db_prepare(db, "SELECT count(*), max(id) FROM match WHERE id > ?1")) == NULL)
		return;
	sqlite3_bind_int64(st, 1, seen_match);
	if (sqlite3_step(st) == SQLITE_ROW && (nmatch = sqlite3_column_int64(st, 0)) > 0)
		seen_match = top = sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	if (nlog == 0 || nostage || lo != hi)
		return;
	*stage = lo;
	if (nlog != 1 || simple != 1 || nmatch != 1)
		return;
	if ((st = db_prepare(db, "SELECT number FROM match WHERE id = ?1 AND stage_id = ?2")) ==
	    NULL)
		return;
	sqlite3_bind_int64(st, 1, top);
	sqlite3_bind_int64(st, 2, lo);
	if (sqlite3_step(st) == SQLITE_ROW)
		*match = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
}

/*
 * Announce a write: take in the watcher's data_version, make the write's
 * event, move the version on and hand the event to every stream (waking
 * the parked ones), then tell the listener (live_listen). announcing held.
 */
static void
announce(void)
{
	int64_t stage = 0;
	int match = 0, had = db_error_code() != 0;
	if (wdb) {
		db_int(wdb, &seen_dv, "PRAGMA data_version", 0);
		what_changed(wdb, &stage, &match);
	}
	uint64_t v = atomic_load(&version) + 1;
	struct event *e = event_new(wdb, v, stage, match);
	if (!had)
		db_error_reset(); /* a failed read here is no fault of the request that wrote */
	pthread_mutex_lock(&lock);
	if (closing) { /* a write that ends during live_stop: no stream is left to tell */
		pthread_mutex_unlock(&lock);
		event_unref(e);
		return;
	}
	struct event *old = current;
	current = e;
	atomic_store(&version, v);
	wake_all_locked(0);
	pthread_mutex_unlock(&lock);
	event_unref(old);
	void (*fn)(uint64_t) = atomic_load(&on_change);
	if (fn)
		fn(v);
}

/* Note a write this process committed: announce it now (the watcher will not again). */
void
live_bump(void)
{
	pthread_mutex_lock(&announcing);
	announce();
	pthread_mutex_unlock(&announcing);
}

/*
 * Have fn called with the new version whenever one is announced, from the
 * thread that announced it (a request's, or the watcher): fn must not
 * block. NULL: no more calls.
 */
void
live_listen(void (*fn)(uint64_t version))
{
	atomic_store(&on_change, fn);
}

/*
 * The data of the event announcing version v, the JSON every stream sends
 * on its data line (the publisher posts the same bytes): the latest
 * event's when it is v's, else {"version":V}. Returns it (free() it), its
 * length in *len.
 */
char *
live_event_data(uint64_t v, size_t *len)
{
	char *d = NULL;
	pthread_mutex_lock(&lock);
	if (current && current->version == v) {
		*len = current->end - current->data;
		d = xmalloc(*len + 1);
		memcpy(d, current->text + current->data, *len);
		d[*len] = '\0';
	}
	pthread_mutex_unlock(&lock);
	if (d == NULL) {
		d = xasprintf("{\"version\":%llu}", (unsigned long long)v);
		*len = strlen(d);
	}
	return d;
}

/*
 * The watcher: polls data_version until live_stop, announcing a change
 * that live_bump has not. A poll that cannot run (db_int fails: the
 * database busy or unreadable) reads as no change, and the next poll tries
 * again.
 */
static void *
watch(void *arg)
{
	(void)arg;
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
		pthread_mutex_lock(&announcing);
		int64_t now = seen_dv;
		db_int(wdb, &now, "PRAGMA data_version", 0);
		if (now != seen_dv)
			announce();
		pthread_mutex_unlock(&announcing);
		pthread_mutex_lock(&lock);
		if (++polls % PING_POLLS == 0)
			wake_all_locked(1);
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

/* Free the graveyard's streams; lock held. */
static void
bury_locked(void)
{
	while (graveyard) {
		struct live_stream *s = graveyard;
		graveyard = s->next;
		event_unref(s->ev);
		free(s);
	}
}

/*
 * The reaper: wakes every stream whose socket says its client left (closed,
 * reset, or dropped by keepalive), so that it ends now rather than at a
 * write that fails; frees closed streams. Runs until live_stop.
 */
static void *
reap(void *arg)
{
	(void)arg;
	struct epoll_event evs[256];
	for (;;) {
		int n = epoll_wait(reap_ep, evs, 256, -1);
		pthread_mutex_lock(&lock);
		for (int i = 0; i < n; i++) {
			struct live_stream *s = evs[i].data.ptr;
			if (s == NULL) {
				uint64_t x;
				while (read(reap_wake, &x, sizeof x) > 0)
					;
				continue;
			}
			if (s->closed || s->gone)
				continue;
			s->gone = 1;
			if (s->suspended) {
				s->suspended = 0;
				ops.resume(s->conn);
			}
		}
		/* every stream in the graveyard left the epoll set before this batch was read */
		bury_locked();
		int done = closing == 2;
		pthread_mutex_unlock(&lock);
		if (done)
			return NULL;
	}
}

/* Start the reaper. Returns 0, or -1 with *err set (free() it). */
static int
reaper_start(char **err)
{
	reap_ep = epoll_create1(EPOLL_CLOEXEC);
	reap_wake = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	struct epoll_event ev = {.events = EPOLLIN, .data.ptr = NULL};
	int rc = reap_ep < 0 || reap_wake < 0 ? errno
	         : epoll_ctl(reap_ep, EPOLL_CTL_ADD, reap_wake, &ev) != 0
	             ? errno
	             : pthread_create(&reaper, NULL, reap, NULL);
	if (rc != 0) {
		*err = xasprintf("starting the stream reaper: %s", strerror(rc));
		if (reap_ep >= 0)
			close(reap_ep);
		if (reap_wake >= 0)
			close(reap_wake);
		reap_ep = reap_wake = -1;
		return -1;
	}
	reaping = 1;
	return 0;
}

/* Wake the reaper (to free the graveyard, or to stop). */
static void
reaper_wake(void)
{
	uint64_t one = 1;
	if (write(reap_wake, &one, sizeof one) < 0)
		return; /* the counter is full: a wake is pending anyway */
}

/* Stop the reaper and free what it would have; streams closed later are freed at once. */
static void
reaper_stop(void)
{
	if (!reaping)
		return;
	pthread_mutex_lock(&lock);
	closing = 2;
	pthread_mutex_unlock(&lock);
	reaper_wake();
	pthread_join(reaper, NULL);
	pthread_mutex_lock(&lock);
	reaping = 0;
	bury_locked();
	close(reap_ep);
	close(reap_wake);
	reap_ep = reap_wake = -1;
	pthread_mutex_unlock(&lock);
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
	maxstreams = max_streams;
	closing = 0;
	/* The version goes on from the wall clock's milliseconds, so that it grows across
	   restarts: a page open before one names no version this process will not reach. */
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	uint64_t ms = (uint64_t)now.tv_sec * 1000 + (uint64_t)now.tv_nsec / 1000000;
	if (ms > atomic_load(&version))
		atomic_store(&version, ms);
	if (reaper_start(err) != 0)
		return -1;
	pthread_mutex_lock(&announcing);
	wdb = db;
	db_int(wdb, &seen_dv, "PRAGMA data_version", 0);
	db_int(wdb, &seen_log, "SELECT coalesce(max(id), 0) FROM log", 0);
	db_int(wdb, &seen_match, "SELECT coalesce(max(id), 0) FROM match", 0);
	pthread_mutex_unlock(&announcing);
	pthread_mutex_lock(&lock);
	if (current == NULL) /* no write yet: a stream told of an older version gets this one */
		current = event_new(NULL, live_version(), 0, 0);
	pthread_mutex_unlock(&lock);
	int rc = pthread_create(&watcher, NULL, watch, NULL);
	if (rc != 0) {
		*err = xasprintf("starting the watcher: %s", strerror(rc));
		reaper_stop();
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
	reaper_stop();
	pthread_mutex_lock(&announcing);
	sqlite3_close(wdb);
	wdb = NULL;
	pthread_mutex_unlock(&announcing);
	pthread_mutex_lock(&lock);
	event_unref(current);
	current = NULL;
	pthread_mutex_unlock(&lock);
}

/*
 * Have the reaper watch s's socket, and TCP keepalive probe it so that a
 * client that vanished without closing is found too; lock held.
 */
static void
watch_socket_locked(struct live_stream *s)
{
	if (s->fd < 0 || reap_ep < 0)
		return;
	int on = 1, idle = KEEPIDLE, intvl = KEEPINTVL, cnt = KEEPCNT;
	setsockopt(s->fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
	setsockopt(s->fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
	setsockopt(s->fd, IPPROTO_TCP, TCP_KEEPINTVL, &intvl, sizeof intvl);
	setsockopt(s->fd, IPPROTO_TCP, TCP_KEEPCNT, &cnt, sizeof cnt);
	/* keepalive does not probe while sent data is unacknowledged (an event sent to a phone
	   that dropped off the network): then TCP gives up this long after the data's first
	   retransmission instead of ~15 min (freed 3.7-4.3 s after the event: tests/t-vanish.sh) */
	unsigned unacked = UNACKED_MS;
	setsockopt(s->fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &unacked, sizeof unacked);
	struct epoll_event ev = {.events = EPOLLRDHUP | EPOLLONESHOT, .data.ptr = s};
	if (epoll_ctl(reap_ep, EPOLL_CTL_ADD, s->fd, &ev) != 0)
		s->fd = -1;
}

/*
 * Register a stream for the server's connection conn on socket fd (-1:
 * none to watch), whose client has seen data version since (0: unknown; an
 * event follows at once when it is not the current one). Returns the
 * stream (live_close frees it), or NULL when the cap is reached or the
 * server is shutting down.
 */
struct live_stream *
live_open(void *conn, int fd, uint64_t since)
{
	static const char hello[] = "retry: 1000\n: tracker events\n\n";
	struct live_stream *s = NULL;
	pthread_mutex_lock(&lock);
	if (!closing && nstreams < maxstreams) {
		s = xcalloc(1, sizeof *s);
		s->conn = conn;
		s->fd = fd;
		s->seen = since ? since : live_version();
		s->out = hello;
		s->nout = sizeof hello - 1;
		s->next = streams;
		if (streams)
			streams->prev = s;
		streams = s;
		nstreams++;
		watch_socket_locked(s);
	}
	pthread_mutex_unlock(&lock);
	return s;
}

/*
 * Up to max bytes of the stream into out. Returns how many (> 0); 0 when
 * there is nothing to send, after asking the server to park the connection
 * (woken by the next event or ping); -1 at the end of the stream (the
 * server is stopping, or the client left). A client that missed events
 * gets the latest one (its version tells the page).
 */
ssize_t
live_read(struct live_stream *s, char *out, size_t max)
{
	ssize_t n;
	pthread_mutex_lock(&lock);
	if (s->off == s->nout) {
		uint64_t v = live_version();
		event_unref(s->ev);
		s->ev = NULL;
		s->off = s->nout = 0;
		if (closing || s->gone) {
			n = -1;
			goto out;
		}
		if (v != s->seen && current) {
			s->seen = v;
			atomic_fetch_add(&current->refs, 1);
			s->ev = current;
			s->out = current->text;
			s->nout = current->len;
		} else if (s->ping) {
			s->ping = 0;
			s->out = ": ping\n\n";
			s->nout = strlen(s->out);
		} else {
			s->suspended = 1;
			ops.suspend(s->conn);
			n = 0;
			goto out;
		}
	}
	n = (ssize_t)(s->nout - s->off < max ? s->nout - s->off : max);
	memcpy(out, s->out + s->off, (size_t)n);
	s->off += (size_t)n;
out:
	pthread_mutex_unlock(&lock);
	return n;
}

/*
 * Unregister s (its connection is done with it; its socket still open).
 * The reaper frees it once no epoll batch can name it; freed here when the
 * reaper has stopped.
 */
void
live_close(struct live_stream *s)
{
	pthread_mutex_lock(&lock);
	if (s->prev)
		s->prev->next = s->next;
	else
		streams = s->next;
	if (s->next)
		s->next->prev = s->prev;
	nstreams--;
	if (reaping) {
		if (s->fd >= 0)
			epoll_ctl(reap_ep, EPOLL_CTL_DEL, s->fd, NULL);
		s->closed = 1;
		int wake = graveyard == NULL;
		s->next = graveyard;
		graveyard = s;
		pthread_mutex_unlock(&lock);
		if (wake)
			reaper_wake();
		return;
	}
	pthread_mutex_unlock(&lock);
	event_unref(s->ev);
	free(s);
}
