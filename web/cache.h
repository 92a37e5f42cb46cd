/* cache.h: rendered responses in memory, per request key and data version. */
#ifndef TRACKER_CACHE_H
#define TRACKER_CACHE_H

#include <stdint.h>

#include "http.h"

struct http_resp *cache_get(const char *key, uint64_t version);
void cache_put(const char *key, uint64_t version, struct http_resp *r);
void cache_clear(void);

#endif
