/* players.h: player numbers over a scope: matches, kills, damage, assists, MVPs. */
#ifndef TRACKER_PLAYERS_H
#define TRACKER_PLAYERS_H

#include <sqlite3.h>
#include <stdint.h>

#include "buf.h"
#include "report.h"

struct players_query {
	int64_t tournament; /* 0: every tournament */
	int64_t stage;      /* 0: every stage of the tournament(s) */
	int64_t team;       /* 0: every team */
	const char *map;    /* NULL: every map; else compared case-insensitively */
	int by_team;        /* 1: a row per player and team; 0: a row per player */
	int day_from;       /* first day of the stage counted; 0: every day */
	int day_to;         /* last day counted */
};

struct player_row {
	int64_t player_id; /* player row id */
	char *player;      /* display name */
	int64_t team_id;   /* the team played for (of the latest match, for a player who
	                            moved with one row) */
	char *team;        /* its display name */
	char *team_slug;   /* its URL name */
	char *teams;       /* every team played for, "A / B", in the order first played */
	int64_t last;      /* order of the latest match (stage id x 100000 + number) */
	int matches;       /* matches played */
	int kills;         /* kills */
	int64_t
	    damage; /* damage, over the matches that give it (none: damage_per_match is NaN, shown blank) */
	int assists;             /* assists, over the matches that give them */
	int mvps;                /* MVP awards */
	double kills_per_match;  /* kills / matches */
	double damage_per_match; /* damage / matches that give it; NaN with none */
};

int players_compute(sqlite3 *db, const struct players_query *q, struct player_row **rows,
                    int *nrows);
void players_json(const struct player_row *rows, int nrows, struct buf *out);
struct report *players_table(const struct player_row *rows, int nrows);
void players_free(struct player_row *rows, int nrows);

#endif
