/*
 * flood.c: the connection attacks of tests/t-attack.sh and
 * tests/bench/bench-attack.sh, and the legitimate client measured during
 * them. Every mode talks to 127.0.0.1:PORT, runs for SECS seconds at most
 * and prints one line:
 *   keepalive PORT SRCS N PERIOD SECS
 *        N connections from each address of SRCS (a comma list of 127.x
 *        addresses), each sending a small GET at once and then every PERIOD
 *        seconds (a decimal), reading the answers; a connection the server
 *        closes is opened again 0.1 s later. Prints "connections C requests
 *        R answers A reopened O"
 *   idle PORT SRCS N SECS     the same connections sending nothing
 *   slow PORT SRCS N SECS     the same connections sending a request line and
 *        then a header line a second, never the end
 *   post PORT SRCS N SECS     N POSTs to /api/v1/matches from each address,
 *        without a token, each with Content-Length 1048576, sending all of
 *        it but the last byte as fast as the server reads it, then
 *        stalling; prints "posts P answered A body-bytes B" (A: those that
 *        got a status line, B: body bytes the server took, in total)
 *   probe PORT SECS MS PATH   a new connection from 127.0.0.1 every MS
 *        milliseconds, each asking for PATH once; prints "sent S answered A
 *        within-1s W slowest-ms M" (answered: a 200 status line within 5 s)
 * Exits 0 when it ran, 2 on a usage error.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "net.h"

#define MAX_CONNS 4000 /* connections one run holds at most */
#define BODY      1048576

static int port;

struct conn {
	int fd;          /* -1: closed */
	const char *src; /* the address it comes from */
	double next;     /* when it sends next (or reopens, once closed) */
	int answered;    /* status lines received (post: 1 once one came) */
	long long sent;  /* post: body bytes written */
	char status[8];  /* post: the status code it got */
};

static struct conn conns[MAX_CONNS];
static int nconns;

/* The addresses of the comma list srcs (modified in place) times n into conns. */
static int
spread(char *srcs, int n)
{
	for (char *s = strtok(srcs, ","); s; s = strtok(NULL, ","))
		for (int i = 0; i < n && nconns < MAX_CONNS; i++)
			conns[nconns++] = (struct conn){.fd = -1, .src = s};
	return nconns;
}

/* Write what a connection of mode m sends at its start; -1 when the socket is gone. */
static int
opening(int fd, char m)
{
	static const char get[] = "GET /static/style.css HTTP/1.1\r\nHost: x\r\n\r\n";
	static const char first[] = "GET / HTTP/1.1\r\nHost: x\r\n";
	static char post[256];
	const char *s = m == 'k' ? get : m == 's' ? first : post;
	if (m == 'i')
		return 0;
	if (m == 'p')
		snprintf(post, sizeof post,
		         "POST /api/v1/matches HTTP/1.1\r\nHost: x\r\nContent-Type: "
		         "application/json\r\nContent-Length: %d\r\n\r\n",
		         BODY);
	ssize_t w = send(fd, s, strlen(s), MSG_NOSIGNAL);
	return w < 0 && errno != EAGAIN ? -1 : 0;
}

/* Count the status lines in what fd has to read into *answered; -1 once the server closed it. */
static int
drain(struct conn *c)
{
	char b[16384];
	for (;;) {
		ssize_t r = recv(c->fd, b, sizeof b, MSG_DONTWAIT);
		if (r == 0)
			return -1;
		if (r < 0)
			return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
		for (ssize_t i = 0; i + 9 <= r; i++)
			if (memcmp(b + i, "HTTP/1.1 ", 9) == 0) {
				if (c->answered++ == 0 && i + 12 <= r)
					memcpy(c->status, b + i + 9, 3);
			}
	}
}

/* keepalive (k), idle (i), slow (s) and post (p): the attack of mode m. */
static int
attack(char m, double period, int secs)
{
	static char zeros[65536];
	long long requests = 0, reopened = 0, answers = 0;
	double start = now(), end = start + secs;
	struct pollfd *p = calloc((size_t)nconns, sizeof *p);
	for (int i = 0; i < nconns; i++)
		conns[i].next = start;
	while (now() < end) {
		double t = now();
		for (int i = 0; i < nconns; i++) {
			struct conn *c = &conns[i];
			if (c->fd < 0 && t >= c->next && (m != 'p' || c->next == start)) {
				if ((c->fd = dial(c->src, port, SOCK_NONBLOCK)) >= 0) {
					if (c->next != start)
						reopened++;
					if (opening(c->fd, m) == 0 && m == 'k')
						requests++;
					c->next = t + (m == 'k' ? period : 1);
				} else
					c->next = t + 0.1;
			} else if (c->fd >= 0 && t >= c->next && m != 'p' && m != 'i') {
				static const char get[] =
				    "GET /static/style.css HTTP/1.1\r\nHost: x\r\n\r\n";
				const char *s = m == 'k' ? get : "X-Slow: 1\r\n";
				if (send(c->fd, s, strlen(s), MSG_NOSIGNAL) > 0 && m == 'k')
					requests++;
				c->next = t + (m == 'k' ? period : 1);
			}
			if (m == 'p' && c->fd >= 0 && c->sent < BODY - 1) {
				size_t want = (size_t)(BODY - 1 - c->sent);
				ssize_t w =
				    send(c->fd, zeros, want < sizeof zeros ? want : sizeof zeros,
				         MSG_NOSIGNAL | MSG_DONTWAIT);
				if (w > 0)
					c->sent += w;
			}
			p[i].fd = c->fd;
			p[i].events = POLLIN | (m == 'p' && c->sent < BODY - 1 ? POLLOUT : 0);
			p[i].revents = 0;
		}
		if (poll(p, (nfds_t)nconns, 50) < 0)
			break;
		for (int i = 0; i < nconns; i++) {
			struct conn *c = &conns[i];
			if (c->fd < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			int before = c->answered;
			int gone = drain(c);
			answers += c->answered - before;
			if (gone) {
				close(c->fd);
				c->fd = -1;
				c->next = now() + 0.1;
			}
		}
	}
	int answered = 0;
	long long body = 0;
	for (int i = 0; i < nconns; i++) {
		answered += conns[i].answered > 0;
		body += conns[i].sent;
		if (conns[i].fd >= 0)
			close(conns[i].fd);
	}
	free(p);
	if (m == 'p')
		printf("posts %d answered %d body-bytes %lld\n", nconns, answered, body);
	else
		printf("connections %d requests %lld answers %lld reopened %lld\n", nconns,
		       requests, answers, reopened);
	return 0;
}

/* One GET of path on a new connection: ms until a 200 status line, or -1 (none in 5 s). */
static double
one_get(const char *path)
{
	double t0 = now();
	int fd = dial(NULL, port, SOCK_NONBLOCK);
	if (fd < 0)
		return -1;
	char req[512], b[512];
	snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", path);
	struct pollfd p = {.fd = fd, .events = POLLOUT};
	size_t got = 0, off = 0, len = strlen(req);
	double ms = -1;
	while ((now() - t0) < 5) {
		if (poll(&p, 1, 100) < 0)
			break;
		if (p.revents & POLLOUT && off < len) {
			ssize_t w = send(fd, req + off, len - off, MSG_NOSIGNAL);
			if (w < 0 && errno != EAGAIN)
				break;
			if (w > 0)
				off += (size_t)w;
			if (off == len)
				p.events = POLLIN;
			continue;
		}
		if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
			ssize_t r = recv(fd, b + got, sizeof b - 1 - got, 0);
			if (r <= 0)
				break;
			got += (size_t)r;
			b[got] = '\0';
			if (strchr(b, '\n')) {
				if (strncmp(b, "HTTP/1.1 200 ", 13) == 0)
					ms = (now() - t0) * 1000;
				break;
			}
		}
	}
	close(fd);
	return ms;
}

static int
probe(int secs, int every_ms, const char *path)
{
	int sent = 0, answered = 0, fast = 0;
	double slowest = 0, end = now() + secs;
	while (now() < end) {
		double t = now();
		double ms = one_get(path);
		sent++;
		if (ms >= 0) {
			answered++;
			fast += ms <= 1000;
		}
		if ((ms < 0 ? 5000 : ms) > slowest)
			slowest = ms < 0 ? 5000 : ms;
		double left = every_ms / 1000.0 - (now() - t);
		if (left > 0)
			usleep((useconds_t)(left * 1e6));
	}
	printf("sent %d answered %d within-1s %d slowest-ms %.0f\n", sent, answered, fast, slowest);
	return 0;
}

int
main(int argc, char **argv)
{
	signal(SIGPIPE, SIG_IGN);
	if (argc < 3)
		goto usage;
	port = atoi(argv[2]);
	const char *m = argv[1];
	if (strcmp(m, "keepalive") == 0 && argc == 7 && spread(argv[3], atoi(argv[4])))
		return attack('k', atof(argv[5]), atoi(argv[6]));
	if ((strcmp(m, "idle") == 0 || strcmp(m, "slow") == 0 || strcmp(m, "post") == 0) &&
	    argc == 6 && spread(argv[3], atoi(argv[4])))
		return attack(m[0], 1, atoi(argv[5]));
	if (strcmp(m, "probe") == 0 && argc == 6)
		return probe(atoi(argv[3]), atoi(argv[4]), argv[5]);
usage:
	fprintf(stderr, "usage: flood keepalive|idle|slow|post|probe PORT ...\n");
	return 2;
}
