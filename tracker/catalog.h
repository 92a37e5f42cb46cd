/* catalog.h: what is stored, as tables: tournaments and stages, a stage's matches, teams. */
#ifndef TRACKER_CATALOG_H
#define TRACKER_CATALOG_H

#include <sqlite3.h>
#include <stdint.h>

#include "table.h"

struct table *catalog_tournaments(sqlite3 *db);
struct table *catalog_matches(sqlite3 *db, int64_t stage);
struct table *catalog_teams(sqlite3 *db);

#endif
