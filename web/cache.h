/* cache.h: rendered responses in memory, per request key and data version, within a byte budget. */
#ifndef TRACKER_CACHE_H
#define TRACKER_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "http.h"

#define CACHE_MB 64 /* the default budget, in MiB (tracker serve --cache-mb) */

struct http_resp *cache_get(const char *key, uint64_t version, uint64_t at_least, int *claimed);
void cache_put(const char *key, uint64_t version, struct http_resp *r);
void cache_release(const char *key, uint64_t version);
void cache_budget(size_t bytes);
size_t cache_used(void);
void cache_clear(void);

#endif
