/*
 * streams.c: a load client for server-sent event streams, for the tests and
 * the benchmarks (tests/t-streams.sh, t-nchan.sh, bench/bench-streams.sh).
 * It opens N streams (GET URL) from many 127.x source addresses (so that a
 * per-address limit does not cap them), a few hundred connecting at a time,
 * then sends one POST and times, for every stream, the arrival of MARKER
 * after the POST was sent. One epoll thread does it all. It prints one
 * "key value" line per figure:
 *
 *   held N          streams answered 200 with their head
 *   refused N       streams answered another status (e.g. 503 at a cap)
 *   failed N        streams that could not connect or were closed early
 *   open_ms X       time to open them all
 *   extra_status S  (-x) the status of one more stream once N are held
 *   rss_kb X        the server's RSS (sum over every -r PID) with N held
 *   post_status S   the POST's status
 *   cmd_status S    (-c) the exit status of CMD, run instead of a POST
 *   received N      held streams that got MARKER after the POST
 *   p50_ms, p99_ms, max_ms   delay from sending the POST to each receipt
 *   closed_held N   held streams the server closed before the end
 *   freed_ms X      (-d K) time from closing K held streams until K new
 *                   ones are held (each refused one retried every 100 ms)
 *
 * usage: streams -u URL -n N [-a ADDRS] [-m MARKER] [-P URL [-b FILE]
 *        [-H 'Name: value']... | -c CMD] [-r PID]... [-t SECONDS] [-w MS] [-x] [-d K]
 * -c CMD runs sh -c CMD where the POST would be sent (e.g. a `tracker import`
 * from another process), the clock starting as it starts.
 * URLs are http://IPV4:PORT/PATH. Exit status 0 when it could run (the
 * figures say how it went), 2 on a usage error.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BATCH    256 /* connections being opened at once */
#define HEAD_MAX 4096
#define MAX_HDRS 8
#define MAX_PIDS 8

enum state { IDLE, CONNECTING, HEAD, STREAM, DONE };

struct conn {
	int fd;
	enum state state;
	int status;          /* the response's status, once its head is in */
	int k;               /* MARKER bytes matched so far (KMP) */
	int64_t got_us;      /* when MARKER arrived after the POST; 0: not yet */
	size_t nhead;        /* head bytes so far */
	char head[HEAD_MAX]; /* the response head, until it is complete */
};

struct url {
	struct sockaddr_in addr;
	char host[64];
	const char *path;
};

static struct url su, pu; /* the streams' URL, the POST's */
static const char *marker = "event: update";
static int *fail; /* MARKER's KMP failure table */
static int mlen;
static int epfd;
static int nsrc;        /* source addresses */
static int64_t post_us; /* when the POST was sent; 0: not yet */
static int nheld, nrefused, nfailed, nclosed_held;

static int64_t
now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void
usage(const char *why)
{
	fprintf(stderr,
	        "streams: %s\nusage: streams -u URL -n N [-a ADDRS] [-m MARKER] [-P URL [-b FILE] "
	        "[-H HEADER]... | -c CMD] [-r PID]... [-t SECONDS] [-w MS] [-x] [-d K]\n",
	        why);
	exit(2);
}

/* Parse http://IPV4:PORT/PATH into *u, or a usage error. */
static void
parse_url(const char *s, struct url *u)
{
	if (strncmp(s, "http://", 7) != 0)
		usage("a URL is http://IPV4:PORT/PATH");
	s += 7;
	const char *slash = strchr(s, '/'), *colon = strchr(s, ':');
	if (slash == NULL || colon == NULL || colon > slash ||
	    (size_t)(slash - s) >= sizeof u->host)
		usage("a URL is http://IPV4:PORT/PATH");
	memcpy(u->host, s, (size_t)(slash - s));
	u->host[slash - s] = '\0';
	char ip[64];
	memcpy(ip, s, (size_t)(colon - s));
	ip[colon - s] = '\0';
	memset(&u->addr, 0, sizeof u->addr);
	u->addr.sin_family = AF_INET;
	u->addr.sin_port = htons((uint16_t)atoi(colon + 1));
	if (inet_pton(AF_INET, ip, &u->addr.sin_addr) != 1)
		usage("a URL's host is an IPv4 address");
	u->path = slash;
}

/* Start opening stream c from source address number i % nsrc (127.1.x.y). */
static void
open_stream(struct conn *c, int i)
{
	c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	c->nhead = 0;
	c->status = 0;
	c->k = 0;
	c->got_us = 0;
	if (c->fd < 0) {
		c->state = DONE;
		nfailed++;
		return;
	}
	int one = 1;
	setsockopt(c->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	struct sockaddr_in src = {.sin_family = AF_INET};
	uint32_t a = (127u << 24) | (1u << 16) | (uint32_t)(i % nsrc + 1);
	src.sin_addr.s_addr = htonl(a);
	if (bind(c->fd, (struct sockaddr *)&src, sizeof src) != 0 ||
	    (connect(c->fd, (struct sockaddr *)&su.addr, sizeof su.addr) != 0 &&
	     errno != EINPROGRESS)) {
		close(c->fd);
		c->fd = -1;
		c->state = DONE;
		nfailed++;
		return;
	}
	c->state = CONNECTING;
	struct epoll_event ev = {.events = EPOLLOUT | EPOLLIN | EPOLLRDHUP, .data.ptr = c};
	epoll_ctl(epfd, EPOLL_CTL_ADD, c->fd, &ev);
}

/* End c: closed, counted as failed when it was still opening. */
static void
end(struct conn *c, int failed)
{
	if (c->state == STREAM)
		nclosed_held++;
	else if (failed)
		nfailed++;
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	c->state = DONE;
}

/* Look for MARKER in n bytes of c's stream (only once the POST is sent). */
static void
scan(struct conn *c, const char *p, size_t n)
{
	if (post_us == 0 || c->got_us)
		return;
	for (size_t i = 0; i < n; i++) {
		while (c->k > 0 && p[i] != marker[c->k])
			c->k = fail[c->k - 1];
		if (p[i] == marker[c->k])
			c->k++;
		if (c->k == mlen) {
			c->got_us = now_us();
			return;
		}
	}
}

/* What epoll said about c. */
static void
on_event(struct conn *c, uint32_t events)
{
	if (c->state == CONNECTING) {
		int err = 0;
		socklen_t len = sizeof err;
		getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len);
		if (err || (events & (EPOLLERR | EPOLLHUP))) {
			end(c, 1);
			return;
		}
		char req[512];
		int n = snprintf(req, sizeof req,
		                 "GET %s HTTP/1.1\r\nHost: %s\r\nAccept: text/event-stream\r\n\r\n",
		                 su.path, su.host);
		if (write(c->fd, req, (size_t)n) != n) {
			end(c, 1);
			return;
		}
		c->state = HEAD;
		struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP, .data.ptr = c};
		epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev);
		return;
	}
	char buf[16384];
	for (;;) {
		ssize_t n = read(c->fd, buf, sizeof buf);
		if (n < 0 && errno == EAGAIN)
			return;
		if (n <= 0) {
			if (c->state == HEAD && c->nhead > 12)
				break; /* a refusal answered with a body and closed */
			end(c, 1);
			return;
		}
		if (c->state == STREAM) {
			scan(c, buf, (size_t)n);
			continue;
		}
		size_t take = (size_t)n < HEAD_MAX - c->nhead ? (size_t)n : HEAD_MAX - c->nhead;
		memcpy(c->head + c->nhead, buf, take);
		c->nhead += take;
		char *eoh = memmem(c->head, c->nhead, "\r\n\r\n", 4);
		if (eoh == NULL && c->nhead < HEAD_MAX)
			continue;
		c->status = c->nhead > 12 ? atoi(c->head + 9) : 0;
		if (c->status != 200) {
			nrefused++;
			if (c->fd >= 0)
				close(c->fd);
			c->fd = -1;
			c->state = DONE;
			return;
		}
		nheld++;
		c->state = STREAM;
		if (eoh) {
			size_t body = (size_t)(eoh + 4 - c->head);
			scan(c, c->head + body, c->nhead - body);
			/* the rest of this read past the head */
			if (take < (size_t)n)
				scan(c, buf + take, (size_t)n - take);
		}
	}
	c->status = atoi(c->head + 9);
	nrefused++;
	close(c->fd);
	c->fd = -1;
	c->state = DONE;
}

/* Handle what epoll has for up to ms milliseconds. */
static void
pump(int ms)
{
	struct epoll_event evs[512];
	int n = epoll_wait(epfd, evs, 512, ms);
	for (int i = 0; i < n; i++)
		on_event(evs[i].data.ptr, evs[i].events);
}

/* Open conns[from..to), BATCH at a time, within deadline (µs). */
static void
open_all(struct conn *conns, int from, int to, int64_t deadline)
{
	int next = from;
	for (;;) {
		int opening = 0, all = 1;
		for (int i = from; i < next; i++)
			if (conns[i].state == CONNECTING || conns[i].state == HEAD)
				opening++;
		while (next < to && opening < BATCH) {
			open_stream(&conns[next], next);
			next++;
			opening++;
		}
		for (int i = from; i < to; i++)
			if (i >= next || conns[i].state == CONNECTING || conns[i].state == HEAD)
				all = 0;
		if (all || now_us() > deadline)
			return;
		pump(20);
	}
}

/* Sum of VmRSS (kB) of the pids. */
static long
rss_kb(const int *pids, int n)
{
	long sum = 0;
	for (int i = 0; i < n; i++) {
		char path[64], line[256];
		snprintf(path, sizeof path, "/proc/%d/status", pids[i]);
		FILE *f = fopen(path, "r");
		if (f == NULL)
			continue;
		while (fgets(line, sizeof line, f))
			if (strncmp(line, "VmRSS:", 6) == 0)
				sum += atol(line + 6);
		fclose(f);
	}
	return sum;
}

/* The whole of file (NUL-terminated), its length in *len; exits when it cannot be read. */
static char *
slurp(const char *file, size_t *len)
{
	FILE *f = fopen(file, "rb");
	if (f == NULL) {
		perror(file);
		exit(1);
	}
	size_t cap = 4096, n = 0, got;
	char *b = malloc(cap);
	while ((got = fread(b + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap)
			b = realloc(b, cap *= 2);
	}
	fclose(f);
	*len = n;
	return b;
}

/*
 * Send the POST (connected first, so that the clock starts at its first
 * byte). Returns the socket, from which the status is read later; -1 when
 * it cannot connect.
 */
static int
send_post(const char *body, size_t len, char **hdrs, int nhdrs)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&pu.addr, sizeof pu.addr) != 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	size_t cap = len + 2048, n = 0;
	char *req = malloc(cap);
	n += (size_t)snprintf(req, cap,
	                      "POST %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n"
	                      "Content-Length: %zu\r\n",
	                      pu.path, pu.host, len);
	for (int i = 0; i < nhdrs; i++)
		n += (size_t)snprintf(req + n, cap - n, "%s\r\n", hdrs[i]);
	n += (size_t)snprintf(req + n, cap - n, "\r\n");
	memcpy(req + n, body, len);
	n += len;
	post_us = now_us();
	for (size_t off = 0; off < n;) {
		ssize_t w = write(fd, req + off, n - off);
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	free(req);
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	return fd;
}

static int
cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	int n = 0, nhdrs = 0, npids = 0, extra = 0, depart = 0, settle_ms = 500;
	int pids[MAX_PIDS];
	char *hdrs[MAX_HDRS];
	const char *body_file = NULL, *cmd = NULL;
	double limit_s = 30;
	int have_post = 0, opt;
	while ((opt = getopt(argc, argv, "u:n:a:m:P:b:H:c:r:t:w:xd:")) != -1) {
		switch (opt) {
		case 'u':
			parse_url(optarg, &su);
			break;
		case 'n':
			n = atoi(optarg);
			break;
		case 'a':
			nsrc = atoi(optarg);
			break;
		case 'm':
			marker = optarg;
			break;
		case 'P':
			parse_url(optarg, &pu);
			have_post = 1;
			break;
		case 'b':
			body_file = optarg;
			break;
		case 'c':
			cmd = optarg;
			break;
		case 'H':
			if (nhdrs == MAX_HDRS)
				usage("too many -H");
			hdrs[nhdrs++] = optarg;
			break;
		case 'r':
			if (npids == MAX_PIDS)
				usage("too many -r");
			pids[npids++] = atoi(optarg);
			break;
		case 't':
			limit_s = atof(optarg);
			break;
		case 'w':
			settle_ms = atoi(optarg);
			break;
		case 'x':
			extra = 1;
			break;
		case 'd':
			depart = atoi(optarg);
			break;
		default:
			usage("unknown option");
		}
	}
	if (su.path == NULL || n <= 0 || depart < 0 || depart > n || *marker == '\0')
		usage("-u URL and -n N are needed");
	if (nsrc <= 0)
		nsrc = n / 100 + 1;
	if (nsrc > 65000)
		nsrc = 65000;
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	mlen = (int)strlen(marker);
	fail = calloc((size_t)mlen, sizeof *fail);
	for (int i = 1, k = 0; i < mlen; i++) {
		while (k > 0 && marker[i] != marker[k])
			k = fail[k - 1];
		if (marker[i] == marker[k])
			k++;
		fail[i] = k;
	}
	epfd = epoll_create1(EPOLL_CLOEXEC);
	int total = n + 1 + depart;
	struct conn *conns = calloc((size_t)total, sizeof *conns);
	for (int i = 0; i < total; i++)
		conns[i].fd = -1;
	int64_t limit_us = (int64_t)(limit_s * 1e6);

	int64_t t0 = now_us();
	open_all(conns, 0, n, t0 + limit_us);
	printf("held %d\nrefused %d\nfailed %d\nopen_ms %.1f\n", nheld, nrefused, nfailed,
	       (now_us() - t0) / 1000.0);
	if (extra) {
		open_all(conns, n, n + 1, now_us() + limit_us);
		printf("extra_status %d\n", conns[n].status);
		if (conns[n].state == STREAM)
			end(&conns[n], 0), nclosed_held--;
	}
	for (int64_t until = now_us() + settle_ms * 1000L; now_us() < until;)
		pump(20);
	if (npids)
		printf("rss_kb %ld\n", rss_kb(pids, npids));

	if (have_post || cmd) {
		int pfd = -1;
		pid_t child = -1;
		if (cmd) {
			fflush(stdout);
			post_us = now_us();
			child = fork();
			if (child == 0) {
				execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
				_exit(127);
			}
		} else {
			size_t len = 0;
			char *body = body_file ? slurp(body_file, &len) : calloc(1, 1);
			pfd = send_post(body, len, hdrs, nhdrs);
			free(body);
		}
		char resp[64] = "";
		size_t nresp = 0;
		int64_t deadline = post_us + limit_us;
		for (;;) {
			int got = 0, want = 0;
			for (int i = 0; i < n; i++)
				if (conns[i].state == STREAM || conns[i].got_us) {
					want++;
					got += conns[i].got_us != 0;
				}
			if ((got == want && pfd < 0) || now_us() > deadline)
				break;
			if (pfd >= 0) {
				ssize_t r = read(pfd, resp + nresp, sizeof resp - 1 - nresp);
				if (r > 0)
					nresp += (size_t)r;
				if (r == 0 || nresp >= 12 || (r < 0 && errno != EAGAIN)) {
					close(pfd);
					pfd = -1;
				}
			}
			pump(5);
		}
		if (pfd >= 0)
			close(pfd);
		resp[nresp] = '\0';
		if (cmd) {
			int st = 0;
			if (child < 0 || waitpid(child, &st, 0) != child)
				st = 127 << 8;
			printf("cmd_status %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : 128);
		} else
			printf("post_status %d\n", nresp >= 12 ? atoi(resp + 9) : 0);
		int64_t *d = calloc((size_t)n + 1, sizeof *d);
		int nd = 0;
		for (int i = 0; i < n; i++)
			if (conns[i].got_us)
				d[nd++] = conns[i].got_us - post_us;
		qsort(d, (size_t)nd, sizeof *d, cmp64);
		printf("received %d\n", nd);
		if (nd) {
			int i99 = (int)((nd * 99 + 99) / 100) - 1;
			printf("p50_ms %.1f\np99_ms %.1f\nmax_ms %.1f\n", d[(nd - 1) / 2] / 1000.0,
			       d[i99] / 1000.0, d[nd - 1] / 1000.0);
		}
		free(d);
		if (npids)
			printf("rss_after_kb %ld\n", rss_kb(pids, npids));
	}

	if (depart) {
		int closed = 0;
		for (int i = 0; i < n && closed < depart; i++)
			if (conns[i].state == STREAM) {
				end(&conns[i], 0);
				nclosed_held--;
				closed++;
			}
		int64_t tc = now_us(), deadline = tc + limit_us;
		int first = n + 1, held0 = nheld;
		for (;;) {
			nrefused = 0;
			for (int i = first; i < first + depart; i++)
				if (conns[i].state == DONE || conns[i].state == IDLE)
					conns[i].state = IDLE;
			/* reopen those not held yet */
			for (int i = first; i < first + depart; i++)
				if (conns[i].state == IDLE)
					open_stream(&conns[i], i);
			for (;;) {
				int busy = 0;
				for (int i = first; i < first + depart; i++)
					busy +=
					    conns[i].state == CONNECTING || conns[i].state == HEAD;
				if (!busy || now_us() > deadline)
					break;
				pump(20);
			}
			if (nheld - held0 >= closed || now_us() > deadline)
				break;
			for (int64_t until = now_us() + 100000; now_us() < until;)
				pump(20);
		}
		if (nheld - held0 >= closed)
			printf("freed_ms %.1f\n", (now_us() - tc) / 1000.0);
		else
			printf("freed_ms -1\n");
	}
	printf("closed_held %d\n", nclosed_held);
	return 0;
}
