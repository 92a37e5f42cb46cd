/* json.h: the match JSON v1 importer (docs/match-json-v1.md). */
#ifndef TRACKER_IMPORT_JSON_H
#define TRACKER_IMPORT_JSON_H

#include <sqlite3.h>
#include <stddef.h>

#include "buf.h"
#include "doc.h"

/*
 * Import one match JSON v1 document (a stage file, one match object with
 * tournament and stage, or an array of those) in ONE transaction on db, as
 * doc_import does; messages name the JSON path ("NAME: matches[3].results[7].kills:
 * problem"). Returns 0 stored (or unchanged), -1 refused: nothing written.
 */
int import_json(sqlite3 *db, const char *name, const char *data, size_t len, int replace,
                struct import_stats *st, struct buf *msgs);
int import_json_with(sqlite3 *db, const char *name, const char *data, size_t len,
                     const struct import_options *opt, struct import_stats *st, struct buf *msgs);

#endif
