/* correct.h: undoing mistakes: void, remove, merge, rename, alias; each one logged transaction. */
#ifndef TRACKER_CORRECT_H
#define TRACKER_CORRECT_H

#include <sqlite3.h>
#include <stdint.h>

int correct_void(sqlite3 *db, const char *origin, int64_t stage, int64_t number, const char *reason,
                 char **msg);
int correct_remove(sqlite3 *db, const char *origin, int64_t tournament, int64_t stage, int force,
                   char **msg);
int correct_merge(sqlite3 *db, const char *origin, int player, int64_t from, int64_t into,
                  char **msg);
int correct_rename(sqlite3 *db, const char *origin, int64_t team, const char *name, char **msg);
int correct_alias(sqlite3 *db, const char *origin, int64_t team, const char *spelling, char **msg);

#endif
