/*
 * cache.c: responses already rendered, kept in memory under their request
 * key (path and the query arguments that matter) and the data version they
 * were rendered at. A lookup at another version misses, so a write makes
 * every entry stale at once; stale entries are replaced as they are asked
 * for. What the table holds is counted in bytes (bodies, their compressed
 * twins, keys and a fixed allowance per entry for the rest), and past the
 * budget the least recently used entries go first.
 *
 * Single flight: the first request that misses a key claims its render;
 * others asking for the same key meanwhile get the entry it will replace
 * when that one is recent enough for them, or else wait (WAIT_MS at most)
 * for the render to land, and render themselves only after that. Safe to
 * use from any thread.
 */
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cache.h"
#include "util.h"

#define NBUCKETS 16384 /* hash buckets */
#define OVERHEAD                                                                                   \
	1024 /* bytes counted per entry beyond body and key: the entry, the response
                          and its prepared headers (about 15 of them) */
#define WAIT_MS                                                                                    \
	250 /* how long a request waits for another's render of its key, then renders
                        itself: short, as a waiting request holds its pool thread */
#define MMAP_MIN (256 * 1024) /* bytes from which malloc maps a block on its own */

struct entry {
	char *key;              /* request key */
	uint64_t version;       /* data version resp was rendered at */
	struct http_resp *resp; /* the response, one reference held; NULL while the first render
	                           of key runs */
	size_t bytes;           /* what it counts against the budget */
	uint64_t rendering;     /* version a claimed render is making, 0: none */
	struct entry *next;     /* next in the bucket */
	struct entry *newer;    /* LRU neighbours: towards the most recently used */
	struct entry *older;    /* and towards the least */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t landed = PTHREAD_COND_INITIALIZER; /* a claimed render ended */
static struct entry *buckets[NBUCKETS];
static struct entry *newest, *oldest; /* the LRU list */
static size_t used;                   /* bytes counted */
static size_t budget = (size_t)CACHE_MB << 20;

/* FNV-1a of the key, reduced to a bucket. */
static unsigned
bucket(const char *key)
{
	uint64_t h = 1469598103934665603ULL;
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return (unsigned)(h % NBUCKETS);
}

/* The entry of key, or NULL; with the lock held. */
static struct entry *
find(const char *key)
{
	for (struct entry *e = buckets[bucket(key)]; e; e = e->next)
		if (strcmp(e->key, key) == 0)
			return e;
	return NULL;
}

static void
lru_unlink(struct entry *e)
{
	if (e->newer)
		e->newer->older = e->older;
	else
		newest = e->older;
	if (e->older)
		e->older->newer = e->newer;
	else
		oldest = e->newer;
	e->newer = e->older = NULL;
}

/* Make e the most recently used. */
static void
lru_front(struct entry *e)
{
	if (newest == e)
		return;
	if (e->newer || e->older || oldest == e)
		lru_unlink(e);
	e->older = newest;
	if (newest)
		newest->newer = e;
	newest = e;
	if (oldest == NULL)
		oldest = e;
}

/* What r and key count against the budget. */
static size_t
cost(const char *key, const struct http_resp *r)
{
	return OVERHEAD + strlen(key) + (r ? r->len + r->gz_len : 0);
}

/* Take e out of the table and free it; with the lock held. */
static void
drop(struct entry *e)
{
	struct entry **p = &buckets[bucket(e->key)];
	while (*p != e)
		p = &(*p)->next;
	*p = e->next;
	lru_unlink(e);
	used -= e->bytes;
	http_resp_unref(e->resp);
	free(e->key);
	free(e);
}

/* A new entry for key, most recently used, without a response; with the lock held. */
static struct entry *
add(const char *key)
{
	struct entry *e = xcalloc(1, sizeof *e);
	unsigned i = bucket(key);
	e->key = xstrdup(key);
	e->bytes = cost(key, NULL);
	e->next = buckets[i];
	buckets[i] = e;
	used += e->bytes;
	lru_front(e);
	return e;
}

/* Drop the least recently used entries, keep and those being rendered aside, until the table
 * is within the budget; with the lock held. */
static void
trim(const struct entry *keep)
{
	struct entry *e = oldest;
	while (used > budget && e) {
		struct entry *newer = e->newer;
		if (e != keep && e->rendering == 0)
			drop(e);
		e = newer;
	}
}

/* The time WAIT_MS from now, for pthread_cond_timedwait. */
static struct timespec
wait_until(void)
{
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	t.tv_sec += WAIT_MS / 1000;
	t.tv_nsec += (long)(WAIT_MS % 1000) * 1000000L;
	if (t.tv_nsec >= 1000000000L) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000L;
	}
	return t;
}

/*
 * The response cached for key at version, with a reference taken for the
 * caller (drop it with http_resp_unref), or NULL: then the caller renders.
 * While another request renders key at version or later, a response of
 * at_least or later (the one that render replaces) is answered at once,
 * and otherwise the call waits for that render, WAIT_MS at most. *claimed
 * is set to 1 when the caller's render is the one the others wait for: it
 * must end with cache_put or cache_release for the same key and version.
 */
struct http_resp *
cache_get(const char *key, uint64_t version, uint64_t at_least, int *claimed)
{
	struct http_resp *r = NULL;
	struct timespec until = wait_until();
	int timed_out = 0;
	*claimed = 0;
	pthread_mutex_lock(&lock);
	for (;;) {
		struct entry *e = find(key);
		if (e && e->resp && e->version >= version) {
			r = e->resp;
			lru_front(e);
			break;
		}
		if (e && e->rendering >= version && !timed_out) {
			if (e->resp && e->version >= at_least) {
				r = e->resp;
				break;
			}
			timed_out = pthread_cond_timedwait(&landed, &lock, &until) == ETIMEDOUT;
			continue;
		}
		if (e == NULL) {
			e = add(key);
			trim(e);
		}
		if (e->rendering < version) {
			e->rendering = version;
			*claimed = 1;
		}
		break;
	}
	if (r)
		atomic_fetch_add(&r->refs, 1);
	pthread_mutex_unlock(&lock);
	return r;
}

/*
 * Keep r for key at version, replacing an older response of key, and end
 * the claimed render of that version. Takes a reference of its own: the
 * caller keeps its reference. A response bigger than the whole budget is
 * not kept.
 */
void
cache_put(const char *key, uint64_t version, struct http_resp *r)
{
	pthread_mutex_lock(&lock);
	struct entry *e = find(key);
	if (e == NULL)
		e = add(key);
	if (e->rendering <= version)
		e->rendering = 0;
	if (cost(key, r) <= budget && (e->resp == NULL || e->version <= version)) {
		atomic_fetch_add(&r->refs, 1);
		http_resp_unref(e->resp);
		e->resp = r;
		e->version = version;
		used += cost(key, r) - e->bytes;
		e->bytes = cost(key, r);
		lru_front(e);
	}
	if (e->resp == NULL && e->rendering == 0)
		drop(e);
	else
		trim(e);
	pthread_cond_broadcast(&landed);
	pthread_mutex_unlock(&lock);
}

/* End the claimed render of key at version without a response to keep (an error). */
void
cache_release(const char *key, uint64_t version)
{
	pthread_mutex_lock(&lock);
	struct entry *e = find(key);
	if (e && e->rendering == version) {
		e->rendering = 0;
		if (e->resp == NULL)
			drop(e);
	}
	pthread_cond_broadcast(&landed);
	pthread_mutex_unlock(&lock);
}

/*
 * Set the budget to bytes (tracker serve --cache-mb), dropping what is over
 * it. Bodies from MMAP_MIN bytes up are then mapped by malloc on their own,
 * so that one the table drops goes back to the system: glibc otherwise
 * raises that threshold after the first such free (up to 32 MB) and keeps
 * the freed bodies in its heap, where 2,000 distinct 1-2.4 MB pages left a
 * server on a 64 MB budget at 139 MB (172 MB at its peak).
 */
void
cache_budget(size_t bytes)
{
	mallopt(M_MMAP_THRESHOLD, MMAP_MIN);
	pthread_mutex_lock(&lock);
	budget = bytes;
	trim(NULL);
	pthread_mutex_unlock(&lock);
}

/* The bytes the table counts now (at most the budget, but for renders in progress). */
size_t
cache_used(void)
{
	pthread_mutex_lock(&lock);
	size_t n = used;
	pthread_mutex_unlock(&lock);
	return n;
}

/* Drop every entry (at shutdown, so leak checks see nothing left). */
void
cache_clear(void)
{
	pthread_mutex_lock(&lock);
	while (oldest)
		drop(oldest);
	pthread_mutex_unlock(&lock);
}
