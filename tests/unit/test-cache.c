/*
 * test-cache.c: the page cache's byte budget (least recently used out
 * first, a body over the whole budget not kept), versions, single flight
 * (a stale answer at once when it is recent enough, else a wait for the
 * render in flight), and gzip: Accept-Encoding read as RFC 9110 says, the
 * compressed twin inflating to the very body.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "cache.h"
#include "gzip.h"
#include "unit.h"
#include "util.h"

/* A 200 response of n bytes of c, with one reference. */
static struct http_resp *
resp(size_t n, char c)
{
	struct http_resp *r = xcalloc(1, sizeof *r);
	r->status = 200;
	r->body = xmalloc(n + 1);
	memset(r->body, c, n);
	r->body[n] = '\0';
	r->len = n;
	atomic_init(&r->refs, 1);
	return r;
}

/* cache_get of key at version (any older answer will do); 1 when it was r. */
static int
holds(const char *key, uint64_t version, const struct http_resp *r)
{
	int claimed;
	struct http_resp *got = cache_get(key, version, 0, &claimed);
	if (claimed)
		cache_release(key, version);
	http_resp_unref(got);
	return got == r;
}

static long
ms_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static struct http_resp *later; /* what put_later puts */

static void *
put_later(void *arg)
{
	(void)arg;
	usleep(150 * 1000);
	cache_put("/page", 2, later);
	return NULL;
}

static void
test_budget(void)
{
	/* 100 KB bodies, a 350 KB budget: three fit (about 101 KB each with their allowance and
	 * key), a fourth pushes out the least recently used. */
	cache_budget(350 * 1024);
	struct http_resp *a = resp(100000, 'a'), *b = resp(100000, 'b'), *c = resp(100000, 'c'),
	                 *d = resp(100000, 'd'), *big = resp(400 * 1024, 'x');
	cache_put("/a", 1, a);
	cache_put("/b", 1, b);
	cache_put("/c", 1, c);
	CHECK("three fit", holds("/a", 1, a) && holds("/b", 1, b) && holds("/c", 1, c));
	CHECK("a lookup makes /a the most recent", holds("/a", 1, a));
	cache_put("/d", 1, d);
	CHECK("a fourth pushes out the least recently used (/b)", !holds("/b", 1, b));
	CHECK("the others stay", holds("/a", 1, a) && holds("/c", 1, c) && holds("/d", 1, d));
	CHECK("within the budget", cache_used() <= 350 * 1024);
	cache_put("/big", 1, big);
	CHECK("a body over the whole budget is not kept", !holds("/big", 1, big));
	CHECK("and pushes nothing out",
	      holds("/a", 1, a) && holds("/c", 1, c) && holds("/d", 1, d));
	cache_budget(1024);
	CHECK("a smaller budget drops what is over it", !holds("/a", 1, a) && cache_used() <= 1024);
	cache_budget((size_t)CACHE_MB << 20);
	http_resp_unref(a);
	http_resp_unref(b);
	http_resp_unref(c);
	http_resp_unref(d);
	http_resp_unref(big);
}

static void
test_single_flight(void)
{
	int claimed;
	struct http_resp *old = resp(10, 'o');
	later = resp(10, 'n');
	cache_put("/page", 1, old);
	struct http_resp *r = cache_get("/page", 2, 0, &claimed);
	CHECK("a newer version misses and claims the render", r == NULL && claimed == 1);
	r = cache_get("/page", 2, 0, &claimed);
	CHECK("meanwhile, the older answer at once", r == old && claimed == 0);
	http_resp_unref(r);
	r = cache_get("/page", 2, 1, &claimed);
	CHECK("meanwhile, the older answer for who asks for version 1", r == old && claimed == 0);
	http_resp_unref(r);
	pthread_t t;
	pthread_create(&t, NULL, put_later, NULL);
	long t0 = ms_now();
	r = cache_get("/page", 2, 2, &claimed);
	long waited = ms_now() - t0;
	pthread_join(t, NULL);
	CHECK("who asks for version 2 waits for the render in flight", r == later && claimed == 0);
	CHECK("the wait lasted until the render landed (150 ms)", waited >= 100);
	http_resp_unref(r);
	r = cache_get("/page", 3, 0, &claimed);
	CHECK("version 3: claimed", r == NULL && claimed == 1);
	cache_release("/page", 3);
	r = cache_get("/page", 3, 3, &claimed);
	CHECK("a released claim lets the next request claim it", r == NULL && claimed == 1);
	cache_release("/page", 3);
	r = cache_get("/gone", 1, 0, &claimed);
	cache_release("/gone", 1);
	r = cache_get("/gone", 1, 0, &claimed);
	CHECK("an error's claim leaves nothing behind", r == NULL && claimed == 1);
	cache_release("/gone", 1);
	http_resp_unref(old);
	http_resp_unref(later);
}

static void
test_gzip(void)
{
	static const struct {
		const char *ae;
		int want;
	} cases[] = {
	    {NULL, 0},
	    {"", 0},
	    {"gzip", 1},
	    {"GZip", 1},
	    {"x-gzip", 1},
	    {"gzip, deflate, br", 1},
	    {"br;q=1.0, gzip;q=0.8, *;q=0.1", 1},
	    {"gzip;q=0", 0},
	    {"gzip; q=0.000", 0},
	    {"gzip;q=0, *", 0}, /* gzip named: its own q, not the wildcard's */
	    {"*", 1},
	    {"*;q=0", 0},
	    {"identity", 0},
	    {"deflate, br", 0},
	    {"gzipx", 0},
	    {"gzip;q=0.5", 1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char name[96];
		snprintf(name, sizeof name, "Accept-Encoding %s%s%s: %s", cases[i].ae ? "\"" : "",
		         cases[i].ae ? cases[i].ae : "absent", cases[i].ae ? "\"" : "",
		         cases[i].want ? "gzip" : "not gzip");
		CHECK(name, gzip_accepted(cases[i].ae) == cases[i].want);
	}

	char *gz;
	size_t gzn;
	CHECK("a body under GZIP_MIN is not compressed", gzip_body("short", 5, &gz, &gzn) == 0);
	struct buf b = {0};
	for (int i = 0; i < 2000; i++)
		buf_printf(&b, "<tr><td>team %d</td><td>%d</td></tr>\n", i % 24, i * 7 % 113);
	CHECK("a page is compressed", gzip_body(b.data, b.len, &gz, &gzn) == 1 && gzn < b.len / 4);
	z_stream z = {0};
	char *back = xmalloc(b.len + 1);
	inflateInit2(&z, 15 + 16);
	z.next_in = (Bytef *)gz;
	z.avail_in = (uInt)gzn;
	z.next_out = (Bytef *)back;
	z.avail_out = (uInt)b.len + 1;
	int rc = inflate(&z, Z_FINISH);
	CHECK("the twin inflates (gzip wrapper) to the very body",
	      rc == Z_STREAM_END && z.total_out == b.len && memcmp(back, b.data, b.len) == 0);
	inflateEnd(&z);
	free(back);
	free(gz);
	buf_free(&b);
}

int
main(void)
{
	test_budget();
	test_single_flight();
	test_gzip();
	cache_clear();
	return unit_failed;
}
