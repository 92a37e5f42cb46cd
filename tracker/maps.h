/* maps.h: map performance: each team on each map, against its own average. */
#ifndef TRACKER_MAPS_H
#define TRACKER_MAPS_H

#include <sqlite3.h>
#include <stdint.h>

#include "buf.h"
#include "report.h"

struct maps_query {
	int64_t tournament; /* 0: every tournament */
	int64_t stage;      /* 0: every stage of the tournament(s) */
	int64_t team;       /* 0: every team */
	int played;         /* with team and neither tournament nor stage: 1 ranks among the
	                       teams of the tournaments team played, 0 among every team */
	const char *map;    /* NULL: every map; else compared case-insensitively */
	int day_from;       /* first day of the stage counted; 0: every day */
	int day_to;         /* last day counted */
};

struct map_row {
	int64_t team_id;         /* team row id */
	char *team;              /* display name */
	char *slug;              /* team URL name */
	char *map;               /* map name */
	int matches;             /* matches on this map */
	int booyahs;             /* first places */
	int kills;               /* kills */
	int points;              /* points, each stage under its own ruleset, head start excluded */
	double booyah_rate;      /* booyahs / matches */
	double avg_placement;    /* mean placement */
	double avg_kills;        /* kills / matches */
	double points_per_match; /* points / matches */
	double top3_rate;        /* share of matches placed 1st to 3rd */
	double delta_ppm;        /* points_per_match minus the team's over all maps */
	int map_rank;            /* rank by points_per_match among all teams on this map */
	int map_teams;           /* teams that played this map in the scope */
};

int maps_compute(sqlite3 *db, const struct maps_query *q, struct map_row **rows, int *nrows,
                 char **err);
int maps_unknown(sqlite3 *db, const struct maps_query *q);
void maps_json(const struct map_row *rows, int nrows, struct buf *out);
struct report *maps_table(const struct map_row *rows, int nrows, int words);
void maps_free(struct map_row *rows, int nrows);

#endif
