/* export.h: a stage written out as match JSON v1, match CSV or Liquipedia wikitext. */
#ifndef TRACKER_EXPORT_H
#define TRACKER_EXPORT_H

#include <sqlite3.h>
#include <stdint.h>

#include "buf.h"

int export_json(sqlite3 *db, int64_t stage, struct buf *out, char **err);
int export_csv(sqlite3 *db, int64_t stage, struct buf *out, char **left, char **err);
int export_wikitext(sqlite3 *db, int64_t stage, struct buf *out, char **err);

#endif
