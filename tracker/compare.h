/* compare.h: two teams head to head in the lobbies both played. */
#ifndef TRACKER_COMPARE_H
#define TRACKER_COMPARE_H

#include <sqlite3.h>
#include <stdint.h>

#include "report.h"

struct compare_row {
	char *map;    /* map name; NULL: the row of every map */
	int lobbies;  /* counted matches both played (neither dq nor forfeit) */
	int a_higher; /* of them, lobbies team a placed higher in */
	int b_higher; /* lobbies team b placed higher in (a tie counts for neither) */
	int margin;   /* sum over lobbies of b's placement minus a's (positive: a higher) */
	int a_points; /* a's points in those lobbies, each under its stage's ruleset */
	int b_points; /* b's points there */
};

int compare_teams(sqlite3 *db, int64_t a, int64_t b, int64_t tournament, int64_t stage,
                  struct compare_row **rows, int *nrows, char **err);
struct report *compare_table(const struct compare_row *rows, int nrows);
void compare_free(struct compare_row *rows, int nrows);

#endif
