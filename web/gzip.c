/*
 * gzip.c: a body as one gzip member (RFC 1952) made by zlib, and whether a
 * request's Accept-Encoding takes it. A cached body is compressed once per
 * data version, so the time is spent once: at zlib's best compression up
 * to BEST_MAX bytes (a page of the real data takes a few milliseconds),
 * at level 6 past it (level 9 takes twice as long there, for 5% fewer
 * bytes).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "gzip.h"
#include "util.h"

#define BEST_MAX (256 * 1024) /* bytes compressed at level 9 at most */

/*
 * Compress the n bytes at p into *out (malloc'd; the caller frees it) of
 * *outn bytes. Returns 1 when done, 0 (nothing allocated) when the body is
 * under GZIP_MIN bytes or would not shrink.
 */
int
gzip_body(const char *p, size_t n, char **out, size_t *outn)
{
	z_stream z = {0};
	if (n < GZIP_MIN || n > UINT32_MAX ||
	    deflateInit2(&z, n <= BEST_MAX ? Z_BEST_COMPRESSION : 6, Z_DEFLATED, 15 + 16, 9,
	                 Z_DEFAULT_STRATEGY) != Z_OK)
		return 0;
	size_t cap = deflateBound(&z, (uLong)n);
	char *buf = xmalloc(cap);
	z.next_in = (Bytef *)(uintptr_t)p;
	z.avail_in = (uInt)n;
	z.next_out = (Bytef *)buf;
	z.avail_out = (uInt)cap;
	int rc = deflate(&z, Z_FINISH);
	size_t len = cap - z.avail_out;
	deflateEnd(&z);
	if (rc != Z_STREAM_END || len >= n) {
		free(buf);
		return 0;
	}
	*out = xrealloc(buf, len);
	*outn = len;
	return 1;
}

/*
 * 1 when the Accept-Encoding value (may be NULL) takes gzip: it names
 * "gzip" (or "x-gzip") with a q other than 0, or names neither and has "*"
 * with a q other than 0 (RFC 9110 12.5.3); else 0.
 */
int
gzip_accepted(const char *ae)
{
	int gzip = -1, star = -1; /* -1: not named; else 1 when its q is not 0 */
	while (ae && *ae) {
		ae += strspn(ae, " \t,");
		size_t n = strcspn(ae, " \t;,");
		const char *end = ae + strcspn(ae, ",");
		int ok = 1;
		for (const char *q = memchr(ae, ';', (size_t)(end - ae)); q;
		     q = memchr(q, ';', (size_t)(end - q))) {
			q += 1 + strspn(q + 1, " \t");
			if ((*q == 'q' || *q == 'Q') && q[1] == '=')
				ok = strtod(q + 2, NULL) > 0;
		}
		if ((n == 4 && strncasecmp(ae, "gzip", 4) == 0) ||
		    (n == 6 && strncasecmp(ae, "x-gzip", 6) == 0))
			gzip = gzip == 1 || ok;
		else if (n == 1 && *ae == '*')
			star = ok;
		ae = end;
	}
	return gzip >= 0 ? gzip : star == 1;
}
