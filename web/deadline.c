/*
 * deadline.c: the request timeout of `tracker serve`. libmicrohttpd's own
 * timeout counts idle time only, so a client that trickles a byte a second
 * holds its connection for ever. Here every connection carries a deadline:
 * from its start, and again from the end of each response, the next request
 * must arrive whole (its head and body) within the limit; once a response is
 * queued (an event stream included) the connection has no deadline until that
 * response is done. A watchdog thread shuts down the socket of a connection
 * past its deadline, and libmicrohttpd then closes it as it would a dropped
 * one. The watchdog only touches connections libmicrohttpd has not yet
 * reported closed, and it reports a closing before it closes the socket.
 */
#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include "deadline.h"
#include "util.h"

struct watched {
	int fd;                      /* the connection's socket */
	time_t due;                  /* when it must have been answered; 0: no deadline */
	struct watched *prev, *next; /* the list of open connections */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static struct watched *head; /* open connections */
static unsigned limit;       /* seconds a request may take */
static int stopping;         /* set by deadline_stop */
static pthread_t watchdog;   /* the thread running sweep() */

static time_t
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
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

/* Start the watchdog with a limit of seconds per request. 0, or -1 when no thread. */
int
deadline_start(unsigned seconds)
{
	limit = seconds;
	stopping = 0;
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
 * MHD_OPTION_NOTIFY_CONNECTION: a new connection gets a deadline for its
 * first request; a closed one leaves the list (before its socket is closed).
 */
void
deadline_notify(void *cls, struct MHD_Connection *c, void **socket_context,
                enum MHD_ConnectionNotificationCode toe)
{
	(void)cls;
	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *info =
		    MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		if (info == NULL)
			return;
		struct watched *w = xcalloc(1, sizeof *w);
		w->fd = info->connect_fd;
		pthread_mutex_lock(&lock);
		w->due = now() + limit;
		w->next = head;
		if (head)
			head->prev = w;
		head = w;
		pthread_mutex_unlock(&lock);
		*socket_context = w;
	} else if (toe == MHD_CONNECTION_NOTIFY_CLOSED && *socket_context) {
		struct watched *w = *socket_context;
		pthread_mutex_lock(&lock);
		if (w->prev)
			w->prev->next = w->next;
		else
			head = w->next;
		if (w->next)
			w->next->prev = w->prev;
		pthread_mutex_unlock(&lock);
		free(w);
		*socket_context = NULL;
	}
}

/* Give c a deadline for its next request (armed), or none while it is answered. */
void
deadline_arm(struct MHD_Connection *c, int armed)
{
	const union MHD_ConnectionInfo *info =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	struct watched *w = info ? info->socket_context : NULL;
	if (w == NULL)
		return;
	pthread_mutex_lock(&lock);
	w->due = armed ? now() + limit : 0;
	pthread_mutex_unlock(&lock);
}
