/* stage.h: what the stage pages and the API share: the stage a request names, its standings, the
 * heading, who leads, the delta a live event carries. */
#ifndef TRACKER_STAGE_H
#define TRACKER_STAGE_H

#include <stdint.h>

#include "http.h"
#include "standings.h"

char *stage_nearest(sqlite3 *db, const char *sql, int64_t bind, const char *arg);
int64_t stage_tournament(sqlite3 *db, const char *slug);
int stage_id(const struct http_req *req, struct http_out *out, int64_t *stage);
int stage_standings(const struct http_req *req, struct http_out *out, int args, int race,
                    struct standings *s);
void stage_head(struct buf *b, const struct standings *s, int tab);
const char *stage_lead(const struct standings *s);
int stage_plain(const struct standings *s);
int stage_delta(sqlite3 *db, int64_t stage, int match, struct buf *out);

#endif
