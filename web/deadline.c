/*
 * deadline.c: what each connection of `tracker serve` may hold: time (a
 * deadline per request) and room (a share of the connection limit).
 *
 * Time. libmicrohttpd's own timeout counts idle time only, so a client that
 * trickles a byte a second holds its connection for ever. Here every
 * connection carries a deadline: from its start, and again from the end of
 * each response, the next request must arrive whole (its head and body)
 * within the limit; once a response is queued (an event stream included)
 * the connection has no deadline until that response is done. A watchdog
 * thread shuts down the socket of a connection past its deadline, and
 * libmicrohttpd then closes it as it would a dropped one.
 *
 * Room. Each connection counts for one address (peers.c): its peer's, or,
 * from a trusted proxy, the client its last request was forwarded for. An
 * address holds at most per_ip connections. When the open connections come
 * near the limit, the ones waiting for a request (idle keep-alive ones,
 * those still sending their head, those that never sent anything) are
 * reclaimed as nginx reuses connections: those of the addresses holding the
 * most connections first, the longest idle first among them, until a
 * reserve is free again. So a few addresses that hold many connections open,
 * with a small request now and then, cannot lock other clients out; a
 * connection being answered (a stream included) is never reclaimed.
 *
 * The watchdog and the reclaiming only touch connections libmicrohttpd has
 * not yet reported closed, and it reports a closing before it closes the
 * socket.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "deadline.h"
#include "peers.h"
#include "util.h"

struct watched {
	int fd;                      /* the connection's socket */
	time_t due;                  /* when it must have been answered; 0: no deadline */
	long long idle_since;        /* ms: when it started waiting for a request */
	struct peer_addr addr;       /* the address it counts for */
	int reclaimed;               /* 1: shut down to make room */
	struct watched *prev, *next; /* the list of open connections */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static struct watched *head;      /* open connections */
static struct deadline_conf conf; /* the limits */
static unsigned open_conns;       /* connections in the list */
static unsigned closing;          /* of which reclaimed, not yet closed */
static unsigned long reclaimed;   /* connections shut down to make room, since the start */
static time_t warned;             /* when reclaiming was last reported */
static int stopping;              /* set by deadline_stop */
static pthread_t watchdog;        /* the thread running sweep() */

static long long
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static time_t
now(void)
{
	return (time_t)(now_ms() / 1000);
}

/* The watchdog: once a second, shut down every connection past its deadline. */
static void *
sweep(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	while (!stopping) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 1;
		pthread_cond_timedwait(&wake, &lock, &until);
		time_t t = now();
		for (struct watched *w = head; w; w = w->next)
			if (w->due && t >= w->due) {
				shutdown(w->fd, SHUT_RDWR);
				w->due = 0;
			}
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

/* Start the watchdog with the limits of c (copied). 0, or -1 when no thread. */
int
deadline_start(const struct deadline_conf *c)
{
	conf = *c;
	stopping = 0;
	reclaimed = 0;
	return pthread_create(&watchdog, NULL, sweep, NULL) == 0 ? 0 : -1;
}

/* Stop the watchdog; call after the daemon has stopped. */
void
deadline_stop(void)
{
	pthread_mutex_lock(&lock);
	stopping = 1;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
	pthread_join(watchdog, NULL);
}

/*
 * The connections kept free for newcomers: reclaiming starts when fewer
 * than this are free and goes on until twice this are.
 */
static unsigned
reserve(void)
{
	unsigned r = conf.max_conns / 20;
	return r < 2 ? 2 : r;
}

struct candidate {
	struct watched *w;
	unsigned held;        /* connections its address holds */
	long long idle_since; /* as w's */
};

/* Most connections held first, then the longest idle. */
static int
by_claim(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	if (x->held != y->held)
		return x->held > y->held ? -1 : 1;
	return (x->idle_since > y->idle_since) - (x->idle_since < y->idle_since);
}

/* Shut w down to make room: libmicrohttpd closes it soon. The lock is held. */
static void
drop(struct watched *w)
{
	shutdown(w->fd, SHUT_RDWR);
	w->reclaimed = 1;
	w->due = 0;
	closing++;
	reclaimed++;
}

/*
 * Near the limit: shut down connections that wait for a request until
 * 2 * reserve() are free, by_claim's first. Connections already shut down
 * and not yet closed do not count. The lock is held. Returns the
 * connections held when it is time to say so (once a minute), else 0.
 */
static unsigned
reclaim(void)
{
	unsigned r = reserve(), held = open_conns - closing;
	if (conf.max_conns == 0 || held + r <= conf.max_conns)
		return 0;
	unsigned want = held + 2 * r - conf.max_conns;
	struct candidate *c = xcalloc(held, sizeof *c);
	unsigned n = 0;
	for (struct watched *w = head; w && n < held; w = w->next)
		if (w->due && !w->reclaimed)
			c[n++] = (struct candidate){w, peer_count(&w->addr), w->idle_since};
	qsort(c, n, sizeof *c, by_claim);
	for (unsigned i = 0; i < n && i < want; i++)
		drop(c[i].w);
	free(c);
	time_t t = now();
	if (n == 0 || t - warned < 60)
		return 0;
	warned = t;
	return held;
}

/*
 * MHD_OPTION_NOTIFY_CONNECTION: a new connection gets a deadline for its
 * first request and counts for its peer (one over the per-address limit,
 * which deadline_accept can let through when two arrive at once, is shut
 * down); connections are reclaimed if it brings the server near the limit,
 * and it is shut down itself when it is over the limit with none to
 * reclaim. The limit is kept here, over every pool thread, so that a
 * thread holding more than its share does not refuse while another has room.
 * A closed one leaves the list (before its socket is closed).
 */
void
deadline_notify(void *cls, struct MHD_Connection *c, void **socket_context,
                enum MHD_ConnectionNotificationCode toe)
{
	(void)cls;
	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *fd =
		    MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		const union MHD_ConnectionInfo *ca =
		    MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		struct peer_addr a = {{0}};
		if (fd == NULL || ca == NULL || peer_of(ca->client_addr, &a) != 0)
			return;
		struct watched *w = xcalloc(1, sizeof *w);
		w->fd = fd->connect_fd;
		w->addr = a;
		if (!peer_take(&a, peer_trusted(&a) ? 0 : conf.per_ip)) {
			free(w);
			shutdown(fd->connect_fd, SHUT_RDWR);
			return;
		}
		pthread_mutex_lock(&lock);
		w->due = now() + conf.request_timeout;
		w->idle_since = now_ms();
		w->next = head;
		if (head)
			head->prev = w;
		head = w;
		open_conns++;
		unsigned held = reclaim();
		unsigned long total = reclaimed;
		if (conf.max_conns && open_conns - closing > conf.max_conns)
			drop(w); /* over the limit, and none to reclaim */
		pthread_mutex_unlock(&lock);
		*socket_context = w;
		if (held)
			warnmsg("%u of %u connections open: closing idle ones (%lu so far)", held,
			        conf.max_conns, total);
	} else if (toe == MHD_CONNECTION_NOTIFY_CLOSED && *socket_context) {
		struct watched *w = *socket_context;
		pthread_mutex_lock(&lock);
		if (w->prev)
			w->prev->next = w->next;
		else
			head = w->next;
		if (w->next)
			w->next->prev = w->prev;
		open_conns--;
		closing -= (unsigned)w->reclaimed;
		pthread_mutex_unlock(&lock);
		peer_give(&w->addr);
		free(w);
		*socket_context = NULL;
	}
}

/*
 * MHD_AcceptPolicyCallback: refuse a connection from an address that holds
 * per_ip connections already (a trusted proxy has no such limit: its
 * clients' have, once their requests name them).
 */
enum MHD_Result
deadline_accept(void *cls, const struct sockaddr *addr, socklen_t len)
{
	(void)cls, (void)len;
	struct peer_addr a;
	if (conf.per_ip == 0 || peer_of(addr, &a) != 0 || peer_trusted(&a))
		return MHD_YES;
	return peer_count(&a) < conf.per_ip ? MHD_YES : MHD_NO;
}

static struct watched *
watched_of(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *info =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return info ? info->socket_context : NULL;
}

/*
 * Count c, a connection from a trusted proxy, for client, whom its request
 * was forwarded for. 0, or -1 when client holds per_ip connections already
 * (c then counts as it did: answer it and close it).
 */
int
deadline_client(struct MHD_Connection *c, const struct peer_addr *client)
{
	struct watched *w = watched_of(c);
	if (w == NULL || memcmp(w->addr.b, client->b, sizeof client->b) == 0)
		return 0;
	if (!peer_take(client, peer_trusted(client) ? 0 : conf.per_ip))
		return -1;
	pthread_mutex_lock(&lock);
	struct peer_addr old = w->addr;
	w->addr = *client;
	pthread_mutex_unlock(&lock);
	peer_give(&old);
	return 0;
}

/* Give c a deadline for its next request (armed), or none while it is answered. */
void
deadline_arm(struct MHD_Connection *c, int armed)
{
	struct watched *w = watched_of(c);
	if (w == NULL)
		return;
	pthread_mutex_lock(&lock);
	if (!w->reclaimed) {
		w->due = armed ? now() + conf.request_timeout : 0;
		w->idle_since = now_ms();
	}
	pthread_mutex_unlock(&lock);
}
