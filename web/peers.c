/*
 * peers.c: who a client is. An address is kept as 16 bytes (IPv4 as
 * ::ffff:a.b.c.d). The trusted proxies (`--trust-proxy`, set before the
 * server starts and read-only after) are the peers whose X-Forwarded-For is
 * believed; the connections each address holds are counted here, under a
 * lock, for the per-address limit and the shares of the connection limit
 * (deadline.c).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peers.h"
#include "util.h"

#define MAX_TRUSTED 64 /* --trust-proxy entries */
#define BUCKETS     4096

struct trusted {
	struct peer_addr addr; /* the network */
	int bits;              /* its prefix length, of the 128 */
};

struct counted {
	struct peer_addr addr;
	unsigned n;           /* connections it holds */
	struct counted *next; /* the bucket's chain */
};

static struct trusted trust[MAX_TRUSTED];
static int ntrust;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct counted *table[BUCKETS];

/* The address in the n bytes at s (IPv4 or IPv6) into *a: 0, or -1 when it is none. */
int
peer_parse(const char *s, size_t n, struct peer_addr *a)
{
	char t[INET6_ADDRSTRLEN];
	struct in_addr v4;
	if (n == 0 || n >= sizeof t)
		return -1;
	memcpy(t, s, n);
	t[n] = '\0';
	if (inet_pton(AF_INET, t, &v4) == 1) {
		memset(a->b, 0, 10);
		a->b[10] = a->b[11] = 0xff;
		memcpy(a->b + 12, &v4, 4);
		return 0;
	}
	return inet_pton(AF_INET6, t, a->b) == 1 ? 0 : -1;
}

/* The address of sa into *a: 0, or -1 when sa is neither IPv4 nor IPv6. */
int
peer_of(const struct sockaddr *sa, struct peer_addr *a)
{
	if (sa && sa->sa_family == AF_INET) {
		memset(a->b, 0, 10);
		a->b[10] = a->b[11] = 0xff;
		memcpy(a->b + 12, &((const struct sockaddr_in *)sa)->sin_addr, 4);
		return 0;
	}
	if (sa && sa->sa_family == AF_INET6) {
		memcpy(a->b, &((const struct sockaddr_in6 *)sa)->sin6_addr, 16);
		return 0;
	}
	return -1;
}

static int
is_v4(const struct peer_addr *a)
{
	static const unsigned char prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	return memcmp(a->b, prefix, 12) == 0;
}

/* a as text ("127.0.0.1", "2001:db8::1") into out (INET6_ADDRSTRLEN bytes will do). */
void
peer_format(const struct peer_addr *a, char *out, size_t size)
{
	if (is_v4(a))
		inet_ntop(AF_INET, a->b + 12, out, (socklen_t)size);
	else
		inet_ntop(AF_INET6, a->b, out, (socklen_t)size);
}

/* 1 when the first bits bits of a and b are the same. */
static int
same_prefix(const struct peer_addr *a, const struct peer_addr *b, int bits)
{
	int whole = bits / 8, rest = bits % 8;
	if (memcmp(a->b, b->b, (size_t)whole) != 0)
		return 0;
	if (rest == 0)
		return 1;
	unsigned char mask = (unsigned char)(0xff << (8 - rest));
	return (a->b[whole] & mask) == (b->b[whole] & mask);
}

/*
 * Trust the proxies of list: addresses or networks (ADDR/BITS), separated
 * by commas. 0, or -1 with *err (free it) naming the entry that is not one
 * (and none of list trusted).
 */
int
peer_trust(const char *list, char **err)
{
	const char *s = list;
	int had = ntrust;
	for (;;) {
		size_t n = strcspn(s, ",");
		const char *slash = memchr(s, '/', n);
		size_t alen = slash ? (size_t)(slash - s) : n;
		struct trusted t;
		int v4;
		char *end = NULL;
		long bits = -1;
		if (peer_parse(s, alen, &t.addr) != 0)
			goto bad;
		v4 = is_v4(&t.addr);
		if (slash) {
			bits = strtol(slash + 1, &end, 10);
			if (end == slash + 1 || end != s + n || bits < 0 || bits > (v4 ? 32 : 128))
				goto bad;
		}
		t.bits = bits < 0 ? 128 : (int)bits + (v4 ? 96 : 0);
		if (ntrust == MAX_TRUSTED) {
			*err = xasprintf("--trust-proxy: more than %d entries", MAX_TRUSTED);
			ntrust = had;
			return -1;
		}
		trust[ntrust++] = t;
		if (s[n] == '\0')
			return 0;
		s += n + 1;
		continue;
	bad:
		*err = xasprintf("--trust-proxy: '%.*s' is not an address (ADDR or ADDR/BITS)",
		                 (int)n, s);
		ntrust = had;
		return -1;
	}
}

/* Forget every trusted proxy. */
void
peer_trust_clear(void)
{
	ntrust = 0;
}

/* 1 when a is one of the trusted proxies, else 0. */
int
peer_trusted(const struct peer_addr *a)
{
	for (int i = 0; i < ntrust; i++)
		if (same_prefix(a, &trust[i].addr, trust[i].bits))
			return 1;
	return 0;
}

/*
 * The client a request from peer is made for, into *client. A trusted
 * proxy's X-Forwarded-For (xff, may be NULL) is read from the right: each
 * proxy appends the address it was called from, so the right-most address
 * that is not itself a trusted proxy is the client. What any other peer
 * sends is ignored, and so is everything left of an entry that is not an
 * address (the last trusted hop is the client then).
 */
void
peer_forwarded(const struct peer_addr *peer, const char *xff, struct peer_addr *client)
{
	*client = *peer;
	if (xff == NULL || !peer_trusted(peer))
		return;
	const char *end = xff + strlen(xff);
	while (end > xff) {
		const char *start = end;
		while (start > xff && start[-1] != ',')
			start--;
		const char *a = start, *b = end;
		while (a < b && (*a == ' ' || *a == '\t'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
		struct peer_addr hop;
		if (peer_parse(a, (size_t)(b - a), &hop) != 0)
			return;
		*client = hop;
		if (!peer_trusted(&hop))
			return;
		end = start > xff ? start - 1 : xff;
	}
}

/*
 * The address whose count a's connections go to: a itself for IPv4, its
 * /64 for IPv6, as one client (a home, a phone) is given a whole /64 and
 * could otherwise take a share per address in it.
 */
static struct peer_addr
share_of(const struct peer_addr *a)
{
	static const unsigned char v4[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	struct peer_addr k = *a;
	if (memcmp(a->b, v4, sizeof v4) != 0)
		memset(k.b + 8, 0, 8);
	return k;
}

static unsigned
bucket(const struct peer_addr *a)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (int i = 0; i < 16; i++)
		h = (h ^ a->b[i]) * 16777619u;
	return h % BUCKETS;
}

/* a's entry (made when make and it has none), or NULL; the lock is held. */
static struct counted *
entry(const struct peer_addr *a, int make)
{
	struct counted **p = &table[bucket(a)];
	for (struct counted *e = *p; e; e = e->next)
		if (memcmp(e->addr.b, a->b, 16) == 0)
			return e;
	if (!make)
		return NULL;
	struct counted *e = xcalloc(1, sizeof *e);
	e->addr = *a;
	e->next = *p;
	*p = e;
	return e;
}

/*
 * Count one more connection of peer (of its /64 for IPv6: share_of), unless
 * it holds limit already (0: no limit). 1 when counted (give it back with
 * peer_give), 0 when not.
 */
int
peer_take(const struct peer_addr *peer, unsigned limit)
{
	struct peer_addr k = share_of(peer), *a = &k;
	pthread_mutex_lock(&lock);
	struct counted *e = entry(a, 1);
	int ok = limit == 0 || e->n < limit;
	if (ok)
		e->n++;
	pthread_mutex_unlock(&lock);
	return ok;
}

/* Count one connection of peer less (one peer_take counted). */
void
peer_give(const struct peer_addr *peer)
{
	struct peer_addr k = share_of(peer), *a = &k;
	pthread_mutex_lock(&lock);
	struct counted **p = &table[bucket(a)];
	while (*p && memcmp((*p)->addr.b, a->b, 16) != 0)
		p = &(*p)->next;
	if (*p && --(*p)->n == 0) {
		struct counted *e = *p;
		*p = e->next;
		free(e);
	}
	pthread_mutex_unlock(&lock);
}

/* The connections peer holds now (its /64's for IPv6). */
unsigned
peer_count(const struct peer_addr *peer)
{
	struct peer_addr k = share_of(peer), *a = &k;
	pthread_mutex_lock(&lock);
	struct counted *e = entry(a, 0);
	unsigned n = e ? e->n : 0;
	pthread_mutex_unlock(&lock);
	return n;
}
