/* csv.h: the match CSV importer (docs/match-csv.md). */
#ifndef TRACKER_IMPORT_CSV_H
#define TRACKER_IMPORT_CSV_H

#include <sqlite3.h>
#include <stddef.h>

#include "buf.h"
#include "doc.h"

/*
 * Import one match CSV (a spreadsheet's export or paste) in ONE transaction
 * on db, as doc_import does; opt->tournament and opt->stage name the stage
 * of rows without those columns. Messages name the line and the column
 * ("NAME:14: kills: problem"). Returns 0 stored (or unchanged), -1 refused:
 * nothing written.
 */
int import_csv(sqlite3 *db, const char *name, const char *data, size_t len,
               const struct import_options *opt, struct import_stats *st, struct buf *msgs);

#endif
