/*
 * cache.c: responses already rendered, kept in memory under their request
 * key (path and the query arguments that matter) and the data version they
 * were rendered at. A lookup at another version misses, so a write makes
 * every entry stale at once; stale entries are replaced as they are asked
 * for, and the whole table is dropped when it grows past its bound. Safe to
 * use from any thread.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "util.h"

#define NBUCKETS    1024 /* hash buckets */
#define MAX_ENTRIES 4096 /* past this, the table is emptied */

struct entry {
	char *key;              /* request key */
	uint64_t version;       /* data version it was rendered at */
	struct http_resp *resp; /* the response, one reference held */
	struct entry *next;     /* next in the bucket */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct entry *buckets[NBUCKETS];
static int nentries;

/* FNV-1a of the key, reduced to a bucket. */
static unsigned
bucket(const char *key)
{
	uint64_t h = 1469598103934665603ULL;
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return (unsigned)(h % NBUCKETS);
}

/*
 * The response cached for key at version, with a reference taken for the
 * caller (drop it with http_resp_unref), or NULL.
 */
struct http_resp *
cache_get(const char *key, uint64_t version)
{
	struct http_resp *r = NULL;
	unsigned i = bucket(key);
	pthread_mutex_lock(&lock);
	for (struct entry *e = buckets[i]; e; e = e->next)
		if (e->version == version && strcmp(e->key, key) == 0) {
			r = e->resp;
			atomic_fetch_add(&r->refs, 1);
			break;
		}
	pthread_mutex_unlock(&lock);
	return r;
}

/* Free every entry; called with the lock held. */
static void
clear_locked(void)
{
	for (int i = 0; i < NBUCKETS; i++) {
		struct entry *e = buckets[i];
		while (e) {
			struct entry *next = e->next;
			http_resp_unref(e->resp);
			free(e->key);
			free(e);
			e = next;
		}
		buckets[i] = NULL;
	}
	nentries = 0;
}

/*
 * Keep r for key at version, replacing what key held. Takes a reference
 * of its own: the caller keeps its reference.
 */
void
cache_put(const char *key, uint64_t version, struct http_resp *r)
{
	unsigned i = bucket(key);
	atomic_fetch_add(&r->refs, 1);
	pthread_mutex_lock(&lock);
	for (struct entry *e = buckets[i]; e; e = e->next)
		if (strcmp(e->key, key) == 0) {
			if (e->version <= version) {
				http_resp_unref(e->resp);
				e->resp = r;
				e->version = version;
			} else
				http_resp_unref(r);
			pthread_mutex_unlock(&lock);
			return;
		}
	if (nentries >= MAX_ENTRIES)
		clear_locked();
	struct entry *e = xmalloc(sizeof *e);
	e->key = xstrdup(key);
	e->version = version;
	e->resp = r;
	e->next = buckets[i];
	buckets[i] = e;
	nentries++;
	pthread_mutex_unlock(&lock);
}

/* Drop every entry (at shutdown, so leak checks see nothing left). */
void
cache_clear(void)
{
	pthread_mutex_lock(&lock);
	clear_locked();
	pthread_mutex_unlock(&lock);
}
