/*
 * session.c: the desk's sessions. A right token posted to /desk/login opens
 * one: a random id (getrandom) kept here, in memory, with its CSRF token,
 * the token's name and an expiry, and handed to the browser as an HttpOnly,
 * SameSite=Strict cookie. Sessions end when they expire, on logout, or when
 * the server stops. Wrong tokens are counted per client address: past
 * THROTTLE_FAILS in THROTTLE_SECONDS, the address is refused until the
 * window ends.
 */
#include <pthread.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "session.h"

#define SESSION_MAX      256         /* sessions at once; the one nearest its end goes first */
#define SESSION_SECONDS  (12 * 3600) /* a session's life */
#define THROTTLE_ADDRS   64          /* addresses whose wrong tokens are counted */
#define THROTTLE_FAILS   5           /* wrong tokens an address may send per window */
#define THROTTLE_SECONDS 60          /* the window */

struct slot {
	struct session s; /* the session; s.id[0] == '\0': a free slot */
	time_t expires;   /* when it ends */
};

struct strike {
	char addr[64]; /* the client address; "" free */
	time_t since;  /* start of its window */
	int fails;     /* wrong tokens in it */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct slot slots[SESSION_MAX];
static struct strike strikes[THROTTLE_ADDRS];

/* 32 random hex digits into out (SESSION_ID bytes): 0, or -1 when the kernel gave none. */
static int
random_hex(char *out)
{
	unsigned char r[16];
	if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r)
		return -1;
	for (int i = 0; i < 16; i++) {
		out[2 * i] = "0123456789abcdef"[r[i] >> 4];
		out[2 * i + 1] = "0123456789abcdef"[r[i] & 15];
	}
	out[32] = '\0';
	return 0;
}

/* 1 when a and b, both SESSION_ID-long strings, are equal; compared in constant time. */
static int
same_id(const char *a, const char *b)
{
	unsigned char diff = 0;
	for (int i = 0; i < SESSION_ID; i++)
		diff |= (unsigned char)(a[i] ^ b[i]);
	return diff == 0;
}

/*
 * Open a session for the token named name into *s. Returns 0, or -1 when
 * no random bytes could be had (nothing opened).
 */
int
session_open(const char *name, struct session *s)
{
	memset(s, 0, sizeof *s);
	if (random_hex(s->id) != 0 || random_hex(s->csrf) != 0)
		return -1;
	strncpy(s->name, name, sizeof s->name - 1);
	time_t now = time(NULL);
	pthread_mutex_lock(&lock);
	struct slot *use = &slots[0];
	for (int i = 0; i < SESSION_MAX; i++) {
		if (slots[i].s.id[0] == '\0' || slots[i].expires <= now) {
			use = &slots[i];
			break;
		}
		if (slots[i].expires < use->expires)
			use = &slots[i];
	}
	use->s = *s;
	use->expires = now + SESSION_SECONDS;
	pthread_mutex_unlock(&lock);
	return 0;
}

/*
 * The session req's Cookie header ("desk=ID") names, into *s. Returns 1, or 0
 * when it names none that is open.
 */
int
session_get(const struct http_req *req, struct session *s)
{
	char id[SESSION_ID];
	const char *c = req->cookie;
	while (c && *c) {
		c += strspn(c, " ;");
		size_t n = strcspn(c, ";");
		if (n == 5 + 32 && strncmp(c, "desk=", 5) == 0)
			break;
		c += n;
	}
	if (c == NULL || *c == '\0')
		return 0;
	memcpy(id, c + 5, 32);
	id[32] = '\0';
	time_t now = time(NULL);
	int found = 0;
	pthread_mutex_lock(&lock);
	for (int i = 0; i < SESSION_MAX && !found; i++)
		if (slots[i].s.id[0] && slots[i].expires > now && same_id(slots[i].s.id, id)) {
			*s = slots[i].s;
			found = 1;
		}
	pthread_mutex_unlock(&lock);
	return found;
}

/* 1 when given (a form's csrf field, may be NULL) is s's CSRF token; else 0. */
int
session_csrf_ok(const struct session *s, const char *given)
{
	if (given == NULL || strlen(given) != SESSION_ID - 1)
		return 0;
	return same_id(s->csrf, given);
}

/* End the session id, if it is open. */
void
session_close(const char *id)
{
	pthread_mutex_lock(&lock);
	for (int i = 0; i < SESSION_MAX; i++)
		if (slots[i].s.id[0] && same_id(slots[i].s.id, id))
			memset(&slots[i], 0, sizeof slots[i]);
	pthread_mutex_unlock(&lock);
}

/* The strike entry of addr in the current window, or NULL; the lock is held. */
static struct strike *
strike_of(const char *addr, time_t now)
{
	for (int i = 0; i < THROTTLE_ADDRS; i++)
		if (strcmp(strikes[i].addr, addr) == 0 && now - strikes[i].since < THROTTLE_SECONDS)
			return &strikes[i];
	return NULL;
}

/*
 * The seconds client (an address, NULL for none) must wait before it may try
 * a token again: 0 when it may now.
 */
int
session_throttled(const char *client)
{
	time_t now = time(NULL);
	int wait = 0;
	pthread_mutex_lock(&lock);
	struct strike *k = strike_of(client ? client : "", now);
	if (k && k->fails >= THROTTLE_FAILS)
		wait = (int)(THROTTLE_SECONDS - (now - k->since));
	pthread_mutex_unlock(&lock);
	return wait;
}

/* Count one wrong token from client (NULL for none). */
void
session_failed(const char *client)
{
	const char *addr = client ? client : "";
	time_t now = time(NULL);
	pthread_mutex_lock(&lock);
	struct strike *k = strike_of(addr, now);
	if (k == NULL) {
		k = &strikes[0];
		for (int i = 0; i < THROTTLE_ADDRS; i++)
			if (strikes[i].since < k->since)
				k = &strikes[i];
		memset(k, 0, sizeof *k);
		strncpy(k->addr, addr, sizeof k->addr - 1);
		k->since = now;
	}
	k->fails++;
	pthread_mutex_unlock(&lock);
}
