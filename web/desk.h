/* desk.h: what the results desk's pages share (page_desk.c): the session, the POST checks, the log. */
#ifndef TRACKER_DESK_H
#define TRACKER_DESK_H

#include <sqlite3.h>
#include <stdint.h>

#include "buf.h"
#include "http.h"
#include "session.h"

int desk_session(const struct http_req *req, struct http_out *out, struct session *s);
int desk_post_ok(const struct http_req *req, struct http_out *out, struct session *s);
void desk_see_other(struct http_out *out, const char *path);
void desk_bar(struct buf *b, const struct session *s);
void desk_log(struct buf *b, sqlite3 *db, int64_t stage);
char *desk_text(const struct http_req *req, const char *key, size_t max);

#endif
