/* write.h: an import and its audit log row, in one transaction. */
#ifndef TRACKER_WRITE_H
#define TRACKER_WRITE_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "json.h"

enum write_result {
	WRITE_STORED = 0,   /* stored (or unchanged) */
	WRITE_REFUSED = -1, /* the importer refused it: its messages say why */
	WRITE_BUSY = -2,    /* the database could not take it now (write_busy): try again */
	WRITE_FAILED = -3,  /* the database failed (sqlite3_errmsg says why) */
};

int write_busy(sqlite3 *db);
char *write_origin(const char *client, const char *token);
int write_import_with(sqlite3 *db, const char *origin, const char *action, const char *name,
                      const char *data, size_t len, const struct import_options *opt, int csv,
                      struct import_stats *st, struct buf *msgs);
int write_import(sqlite3 *db, const char *origin, const char *action, const char *name,
                 const char *data, size_t len, int replace, struct import_stats *st,
                 struct buf *msgs);

#endif
