/* find.h: tournaments, stages, teams and players by what a user types. */
#ifndef TRACKER_FIND_H
#define TRACKER_FIND_H

#include <sqlite3.h>
#include <stdint.h>

int find_tournament(sqlite3 *db, const char *arg, int64_t *id);
int find_stage(sqlite3 *db, int64_t tournament, const char *arg, int64_t *id);
int find_team(sqlite3 *db, const char *arg, int64_t *id);
int find_distance(const char *a, const char *b);
int find_nearest(const char *arg, const char *const *names, int n, int *out, int most);
int find_team_suggest(sqlite3 *db, const char *arg, char **best);
int find_player(sqlite3 *db, const char *arg, int64_t *id);
int find_player_suggest(sqlite3 *db, const char *arg, char **best);

#endif
