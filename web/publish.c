/*
 * publish.c: `tracker serve --publish URL`: every update event (the data
 * live_event_data gives) is POSTed to an nchan publisher location, so that
 * nginx fans it out to any number of subscribers. live.c tells us of each
 * new version (publish_note, from whatever thread moved it: it only queues
 * the version); one thread of our own posts them in order over plain
 * HTTP/1.1, one connection per event, every step under a timeout. So a
 * request thread never waits on nchan. When nchan cannot be reached or
 * answers other than 2xx, an event is tried ATTEMPTS times, then skipped;
 * one warning when that starts and one when nchan answers again. At most
 * QUEUE_MAX versions wait; past that the oldest are dropped (a page that
 * misses a version re-fetches on the next).
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "live.h"
#include "publish.h"
#include "util.h"

#define TIMEOUT_MS 2000 /* for the connect, the request's write and the status */
#define ATTEMPTS   3    /* tries of one event before it is skipped */
#define RETRY_MS   300  /* between tries */
#define QUEUE_MAX  64   /* versions waiting to be posted */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static uint64_t queue[QUEUE_MAX]; /* versions to post, oldest first, under lock */
static int nqueue;
static long dropped; /* versions dropped from a full queue, not yet counted as skipped */
static int stopping;
static int running;
static pthread_t thread;
static char host[256], port[8], path[1024]; /* the URL's parts */
static char *url;                           /* as given, for messages */

static long
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Wait until fd is ready for events or until deadline (ms); 1 ready, 0 not. */
static int
wait_fd(int fd, short events, long deadline)
{
	for (;;) {
		long left = deadline - now_ms();
		if (left <= 0)
			return 0;
		struct pollfd p = {.fd = fd, .events = events};
		int n = poll(&p, 1, (int)left);
		if (n > 0)
			return 1;
		if (n < 0 && errno != EINTR)
			return 0;
	}
}

/* A socket connected to the URL's host within deadline, or -1 with *why set. */
static int
dial(long deadline, const char **why)
{
	struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *ai;
	if (getaddrinfo(host, port, &hints, &ai) != 0) {
		*why = "the host is not known";
		return -1;
	}
	int fd = -1;
	*why = "cannot connect";
	for (struct addrinfo *a = ai; a && fd < 0; a = a->ai_next) {
		fd = socket(a->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		if (fd < 0)
			continue;
		int err = 0;
		socklen_t len = sizeof err;
		if (connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
			if (errno != EINPROGRESS)
				err = errno;
			else if (!wait_fd(fd, POLLOUT, deadline))
				err = ETIMEDOUT;
			else if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
				err = errno;
		}
		if (err) {
			*why = err == ECONNREFUSED ? "connection refused"
			       : err == ETIMEDOUT  ? "connect timed out"
			                           : "cannot connect";
			close(fd);
			fd = -1;
		}
	}
	freeaddrinfo(ai);
	return fd;
}

/*
 * POST the event of version v. Returns the HTTP status (2xx: published),
 * or 0 with *why set when there was no answer in time.
 */
static int
post(uint64_t v, const char **why)
{
	long deadline = now_ms() + TIMEOUT_MS;
	int fd = dial(deadline, why);
	if (fd < 0)
		return 0;
	size_t len;
	char *data = live_event_data(v, &len);
	int v6 = strchr(host, ':') != NULL;
	char *req = xasprintf("POST %s HTTP/1.1\r\nHost: %s%s%s:%s\r\nConnection: close\r\n"
	                      "Content-Type: application/json\r\nX-EventSource-Event: update\r\n"
	                      "Content-Length: %zu\r\n\r\n%s",
	                      path, v6 ? "[" : "", host, v6 ? "]" : "", port, len, data);
	free(data);
	size_t n = strlen(req), off = 0;
	int status = 0;
	*why = "the request timed out";
	while (off < n && wait_fd(fd, POLLOUT, deadline)) {
		ssize_t w = send(fd, req + off, n - off, MSG_NOSIGNAL);
		if (w < 0 && errno != EAGAIN && errno != EINTR) {
			*why = "the connection was reset";
			break;
		}
		off += w > 0 ? (size_t)w : 0;
	}
	char head[64];
	size_t got = 0;
	while (off == n && got < 12 && wait_fd(fd, POLLIN, deadline)) {
		ssize_t r = recv(fd, head + got, sizeof head - 1 - got, 0);
		if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
			*why = "the connection closed without an answer";
			break;
		}
		got += r > 0 ? (size_t)r : 0;
	}
	head[got] = '\0';
	if (got >= 12 && strncmp(head, "HTTP/1.", 7) == 0)
		status = atoi(head + 9);
	else if (got >= 12)
		*why = "the answer is not HTTP";
	free(req);
	close(fd);
	return status;
}

/* 1 once publish_stop was called (no more tries). */
static int
stopped(void)
{
	pthread_mutex_lock(&lock);
	int s = stopping;
	pthread_mutex_unlock(&lock);
	return s;
}

/* The publisher thread: posts every queued version, in order, until publish_stop. */
static void *
run(void *arg)
{
	(void)arg;
	int failing = 0;
	long skipped = 0;
	pthread_mutex_lock(&lock);
	for (;;) {
		while (nqueue == 0 && !stopping)
			pthread_cond_wait(&cond, &lock);
		if (stopping)
			break;
		uint64_t v = queue[0];
		memmove(queue, queue + 1, (size_t)--nqueue * sizeof *queue);
		pthread_mutex_unlock(&lock);
		int status = 0;
		const char *why = "";
		for (int i = 0; i < ATTEMPTS && !(status >= 200 && status < 300) && !stopped();
		     i++) {
			if (i)
				usleep(RETRY_MS * 1000);
			status = post(v, &why);
		}
		pthread_mutex_lock(&lock);
		if (stopping)
			break;
		pthread_mutex_unlock(&lock);
		if (status >= 200 && status < 300) {
			if (failing)
				warnmsg("--publish %s: publishing again (skipped %ld update%s)",
				        url, skipped, skipped == 1 ? "" : "s");
			failing = 0;
			skipped = 0;
		} else {
			if (!failing && status)
				warnmsg("--publish %s: answered %d; skipping updates until it "
				        "answers 2xx",
				        url, status);
			else if (!failing)
				warnmsg("--publish %s: %s; skipping updates until it answers", url,
				        why);
			failing = 1;
			skipped++;
		}
		pthread_mutex_lock(&lock);
		skipped += dropped;
		dropped = 0;
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

/* live.c's listener: queue version v (dropping the oldest when full). */
static void
publish_note(uint64_t v)
{
	pthread_mutex_lock(&lock);
	if (nqueue == QUEUE_MAX) {
		memmove(queue, queue + 1, (size_t)--nqueue * sizeof *queue);
		dropped++;
	}
	queue[nqueue++] = v;
	pthread_cond_signal(&cond);
	pthread_mutex_unlock(&lock);
}

/*
 * Check u (http://HOST[:PORT]/PATH; HOST a name, an IPv4 address or an
 * [IPv6] one) into host, port and path. Returns 0, or -1 with *err set
 * (free() it).
 */
int
publish_parse(const char *u, char **err)
{
	const char *h = strncmp(u, "http://", 7) == 0 ? u + 7 : NULL;
	const char *slash = h ? strchr(h, '/') : NULL;
	if (slash == NULL || slash == h) {
		*err = xasprintf("--publish: '%s' is not http://HOST[:PORT]/PATH", u);
		return -1;
	}
	const char *end = slash, *colon = NULL;
	if (*h == '[') {
		const char *close_br = memchr(h, ']', (size_t)(slash - h));
		if (close_br == NULL) {
			*err = xasprintf("--publish: '%s': the [IPv6] address has no ']'", u);
			return -1;
		}
		colon = close_br[1] == ':' ? close_br + 1 : NULL;
		h++;
		end = close_br;
	} else {
		colon = memchr(h, ':', (size_t)(slash - h));
		if (colon)
			end = colon;
	}
	const char *p = colon ? colon + 1 : "80";
	size_t plen = colon ? (size_t)(slash - p) : 2;
	long pn = 0;
	for (size_t i = 0; i < plen; i++)
		pn = p[i] >= '0' && p[i] <= '9' && pn < 65536 ? pn * 10 + (p[i] - '0') : 65536;
	if ((size_t)(end - h) >= sizeof host || end == h || plen == 0 || pn < 1 || pn > 65535 ||
	    strlen(slash) >= sizeof path || strpbrk(slash, " \r\n")) {
		*err = xasprintf("--publish: '%s' is not http://HOST[:PORT]/PATH", u);
		return -1;
	}
	memcpy(host, h, (size_t)(end - h));
	host[end - h] = '\0';
	snprintf(port, sizeof port, "%ld", pn);
	snprintf(path, sizeof path, "%s", slash);
	return 0;
}

/*
 * Start publishing to u (checked by publish_parse first) every version
 * live.c announces from now on. Returns 0, or -1 with *err set.
 */
int
publish_start(const char *u, char **err)
{
	if (publish_parse(u, err) != 0)
		return -1;
	url = xstrdup(u);
	stopping = 0;
	int rc = pthread_create(&thread, NULL, run, NULL);
	if (rc != 0) {
		*err = xasprintf("--publish: cannot start its thread: %s", strerror(rc));
		free(url);
		url = NULL;
		return -1;
	}
	running = 1;
	live_listen(publish_note);
	return 0;
}

/* Stop: what is still queued is dropped; a post under way ends within its timeout. */
void
publish_stop(void)
{
	if (!running)
		return;
	live_listen(NULL);
	pthread_mutex_lock(&lock);
	stopping = 1;
	nqueue = 0;
	pthread_cond_signal(&cond);
	pthread_mutex_unlock(&lock);
	pthread_join(thread, NULL);
	running = 0;
	free(url);
	url = NULL;
}
