/* scope.h: the filters of a listing (tournament, stage, team, map, days) as its query's WHERE. */
#ifndef TRACKER_SCOPE_H
#define TRACKER_SCOPE_H

#include <sqlite3.h>
#include <stdint.h>

struct scope {
	int64_t tournament; /* s.tournament_id; 0: every tournament */
	int64_t stage;      /* m.stage_id; 0: every stage */
	int64_t team;       /* the query's team column; 0: every team */
	const char *map;    /* m.map, case ignored; NULL: every map */
	int day_from;       /* m.day from day_from to day_to; 0: every day */
	int day_to;         /* last day */
};

sqlite3_stmt *scope_prepare(sqlite3 *db, const char *head, const char *team_col,
                            const struct scope *sc, const char *tail);

#endif
