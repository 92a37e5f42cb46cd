/* teamkey.h: a team's row by its key (name_key()), as every import names teams, created when new.
 */
#ifndef TRACKER_TEAMKEY_H
#define TRACKER_TEAMKEY_H

#include <sqlite3.h>
#include <stdint.h>

int teamkey_add(sqlite3 *db, const char *name, int64_t *id);
int teamkey_id(sqlite3 *db, const char *name, int64_t *id);

#endif
