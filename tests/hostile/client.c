/*
 * client.c: the hostile HTTP client of tests/t-hostile.sh, for what curl
 * cannot send. Every mode talks to 127.0.0.1:PORT and prints one line:
 *   raw PORT             send stdin as is; print the response's status line,
 *                        "closed" (no answer) or "timeout" (10 s)
 *   slow PORT SRC N SECS N connections from address SRC (127.0.0.x), each
 *                        sending a request's first line and then one header
 *                        line a second, never the end; print "open A closed
 *                        B" after SECS seconds, or as soon as the server has
 *                        dropped them all (B: dropped by the server)
 *   idle PORT SRC N SECS N connections from SRC that send nothing; print
 *                        "closed B of N early E" after SECS seconds, or as
 *                        soon as the server has closed them all (E: closed
 *                        within the first second)
 *   chunked PORT SECS [AUTH]  a POST whose chunked body never ends; print
 *                        "closed after BYTES" or "open after BYTES"
 * Exits 0 when it could run the mode, 2 on a usage error, 1 when it could
 * not connect at all.
 */
#include <arpa/inet.h>
#include <errno.h>
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

static int port; /* the server's port on 127.0.0.1 */

/* Send all of s; 0, or -1 when the server has dropped the connection. */
static int
sendall(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = send(fd, s, n, MSG_NOSIGNAL);
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* 1 when the server has closed fd (EOF or reset, or any answer while we dribble), else 0. */
static int
dropped(int fd)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};
	if (poll(&p, 1, 0) <= 0)
		return 0;
	char b[512];
	ssize_t r = recv(fd, b, sizeof b, MSG_DONTWAIT);
	return r <= 0 ? !(r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) : 1;
}

static int
mode_raw(void)
{
	size_t cap = 1 << 16, len = 0;
	char *in = malloc(cap);
	size_t r;
	while (in && (r = fread(in + len, 1, cap - len, stdin)) > 0)
		if ((len += r) == cap)
			in = realloc(in, cap *= 2);
	int fd = dial(NULL, port, 0);
	if (!in || fd < 0) {
		puts("cannot connect");
		return 1;
	}
	sendall(fd, in, len);
	free(in);
	char resp[4096];
	size_t got = 0;
	double end = now() + 10;
	while (got < sizeof resp - 1 && !memchr(resp, '\n', got)) {
		struct pollfd p = {.fd = fd, .events = POLLIN};
		int left = (int)((end - now()) * 1000);
		if (left <= 0 || poll(&p, 1, left) <= 0) {
			puts("timeout");
			close(fd);
			return 0;
		}
		ssize_t n = recv(fd, resp + got, sizeof resp - 1 - got, 0);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	resp[got] = '\0';
	resp[strcspn(resp, "\r\n")] = '\0';
	puts(got ? resp : "closed");
	return 0;
}

/*
 * The slow and idle modes: n connections from src, dribbling or silent, for
 * secs seconds or until the server has closed every one.
 */
static int
mode_many(const char *src, int n, int secs, int dribble)
{
	static const char first[] = "GET / HTTP/1.1\r\nHost: x\r\n";
	int *fds = calloc((size_t)n, sizeof *fds);
	int open = 0, closed = 0, early = -1;
	for (int i = 0; i < n; i++) {
		fds[i] = dial(src, port, 0);
		if (fds[i] < 0)
			continue;
		open++;
		if (dribble && sendall(fds[i], first, strlen(first)) != 0) {
			close(fds[i]);
			fds[i] = -1;
			closed++;
		}
	}
	if (open == 0) {
		puts("cannot connect");
		return 1;
	}
	double end = now() + secs;
	while (now() < end && closed < open) {
		sleep(1);
		for (int i = 0; i < n; i++) {
			if (fds[i] < 0)
				continue;
			if (dropped(fds[i]) ||
			    (dribble && sendall(fds[i], "X-Slow: 1\r\n", 11) != 0)) {
				close(fds[i]);
				fds[i] = -1;
				closed++;
			}
		}
		if (early < 0)
			early = closed;
	}
	for (int i = 0; i < n; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	free(fds);
	if (dribble)
		printf("open %d closed %d\n", open, closed);
	else
		printf("closed %d of %d early %d\n", closed, open, early < 0 ? closed : early);
	return 0;
}

static int
mode_chunked(int secs, const char *auth)
{
	int fd = dial(NULL, port, 0);
	if (fd < 0) {
		puts("cannot connect");
		return 1;
	}
	char head[1024];
	snprintf(head, sizeof head,
	         "POST /api/v1/matches HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
	         "%s%s%sTransfer-Encoding: chunked\r\n\r\n1\r\n[\r\n",
	         auth ? "Authorization: " : "", auth ? auth : "", auth ? "\r\n" : "");
	sendall(fd, head, strlen(head));
	static char chunk[4096 + 16];
	int h = snprintf(chunk, sizeof chunk, "%x\r\n", 4096);
	for (int i = 0; i < 4096; i++)
		chunk[h + i] = i % 64 == 63 ? ',' : ' ';
	memcpy(chunk + h + 4096, "\r\n", 2);
	long long sent = 0;
	int gone = 0;
	double end = now() + secs;
	while (now() < end && !gone) {
		if (sendall(fd, chunk, (size_t)h + 4096 + 2) != 0 || dropped(fd))
			gone = 1;
		else
			sent += 4096;
	}
	close(fd);
	printf("%s after %lld\n", gone ? "closed" : "open", sent);
	return 0;
}

int
main(int argc, char **argv)
{
	signal(SIGPIPE, SIG_IGN);
	if (argc < 3)
		goto usage;
	port = atoi(argv[2]);
	if (strcmp(argv[1], "raw") == 0 && argc == 3)
		return mode_raw();
	if ((strcmp(argv[1], "slow") == 0 || strcmp(argv[1], "idle") == 0) && argc == 6)
		return mode_many(argv[3], atoi(argv[4]), atoi(argv[5]), argv[1][0] == 's');
	if (strcmp(argv[1], "chunked") == 0 && (argc == 4 || argc == 5))
		return mode_chunked(atoi(argv[3]), argc == 5 ? argv[4] : NULL);
usage:
	fprintf(stderr, "usage: client raw|slow|idle|chunked PORT ...\n");
	return 2;
}
