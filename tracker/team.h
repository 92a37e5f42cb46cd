/* team.h: a team's report: its row in each stage, per map, last 10 matches, players. */
#ifndef TRACKER_TEAM_H
#define TRACKER_TEAM_H

#include <sqlite3.h>
#include <stdint.h>

#include "buf.h"
#include "maps.h"
#include "players.h"
#include "report.h"
#include "standings.h"

struct team_stage {
	char *tournament;      /* tournament display name */
	char *tournament_slug; /* its slug */
	char *stage;           /* stage display name */
	char *stage_slug;      /* its slug */
	int teams;             /* teams in the stage */
	int champion;          /* 1: the team is the stage's Champion Rush champion */
	struct standing row;   /* the team's row (row.team, slug, group and zone are NULL) */
};

struct team_match {
	char *stage;   /* stage display name */
	int match;     /* match number in the stage */
	char *map;     /* map name, NULL: unknown */
	int placement; /* the team's placement; 0: none given (dq or forfeit) */
	int kills;     /* its kills (as stored for a dq or forfeit) */
	int points;    /* its points under the stage's ruleset, head start excluded */
	char *status;  /* "played", "dq" or "forfeit" */
};

struct team_report {
	char *name;                 /* team display name */
	char *slug;                 /* its URL name */
	struct team_stage *stages;  /* its row in each stage it played, in stage order */
	int nstages;                /* entries */
	struct map_row *maps;       /* its numbers per map (maps_compute) */
	int maps_unknown;           /* its matches on an unknown map, left out of maps */
	int nmaps;                  /* entries */
	struct team_match *matches; /* its last 10 matches, most recent first */
	int nmatches;               /* entries */
	struct player_row *players; /* its players (players_compute) */
	int nplayers;               /* entries */
};

struct team_scope {
	int64_t tournament; /* 0: every tournament */
	int64_t stage;      /* 0: every stage */
	int day_from;       /* only the matches of days day_from to day_to; 0: every day */
	int day_to;         /* last day */
	const char *map;    /* only the matches on this map (case ignored); NULL: every map */
};

int team_report(sqlite3 *db, int64_t team, int64_t tournament, struct team_report *out, char **err);
int team_report_in(sqlite3 *db, int64_t team, const struct team_scope *sc, struct team_report *out,
                   char **err);
void team_json(const struct team_report *r, struct buf *out);
struct report *team_stages_table(const struct team_report *r);
struct report *team_matches_table(const struct team_report *r);
void team_free(struct team_report *r);

#endif
