/* catalog.h: what is stored, as tables: tournaments and stages, a stage's matches, teams. */
#ifndef TRACKER_CATALOG_H
#define TRACKER_CATALOG_H

#include <sqlite3.h>
#include <stdint.h>

#include "report.h"

struct report *catalog_tournaments(sqlite3 *db);
struct report *catalog_matches(sqlite3 *db, int64_t stage);
struct report *catalog_teams(sqlite3 *db);

#endif
