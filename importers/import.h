/* import.h: one document imported: read, checked and stored in one transaction. */
#ifndef TRACKER_IMPORT_IMPORT_H
#define TRACKER_IMPORT_IMPORT_H

#include <sqlite3.h>
#include <stddef.h>

#include "buf.h"
#include "doc.h"

int doc_import(sqlite3 *db, const char *name, const char *data, size_t len,
               const struct import_options *opt, doc_reader *read, struct import_stats *st,
               struct buf *msgs);

#endif
