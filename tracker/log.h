/* log.h: the audit log: who did what, written with the write it records. */
#ifndef TRACKER_LOG_H
#define TRACKER_LOG_H

#include <sqlite3.h>
#include <stdint.h>

#include "report.h"

int log_write(sqlite3 *db, const char *origin, const char *action, int64_t tournament,
              int64_t stage, const char *ids, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
int log_write_kept(sqlite3 *db, sqlite3_stmt **kept, const char *origin, const char *action,
                   int64_t tournament, int64_t stage, const char *ids, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));
struct report *log_report(sqlite3 *db, int64_t tournament, int64_t stage, int64_t limit);

#endif
