/* standings.h: the one scoring function, used by every surface. */
#ifndef TRACKER_STANDINGS_H
#define TRACKER_STANDINGS_H

#include <sqlite3.h>
#include <stdint.h>

#include "buf.h"
#include "rules.h"

struct standing {
	int64_t team_id;        /* team row id */
	char *team;             /* display name */
	char *slug;             /* URL name */
	int rank;               /* 1-based; teams level on everything share it */
	int matches;            /* matches played in the stage (up to after_match) */
	int booyahs;            /* first places */
	int kills;              /* kills, uncapped */
	int placement_points;   /* from the placement table, matches only */
	int kill_points;        /* from kills (capped when the ruleset caps), matches only */
	int headstart;          /* head-start points */
	int points;             /* total: placement + kill points + head start */
	double avg_placement;   /* mean placement; NaN with no match */
	int last_placement;     /* placement in the team's most recent match; 0 with none */
	int best_match;         /* most points in one match */
	const char *tiebreak;   /* tiebreaker that put it below the team above, or NULL */
	int rush_since;         /* match after which it reached the threshold; 0: not reached */
	int prev_rank;          /* rank after match after_match-1; 0: no previous match or absent */
};

struct standings {
	int64_t stage_id;       /* the stage */
	char *tournament;       /* tournament display name */
	char *tournament_slug;  /* its slug */
	char *stage;            /* stage display name */
	char *stage_slug;       /* its slug */
	struct ruleset rules;   /* the ruleset scored by */
	int after_match;        /* last match counted; 0 when the stage has none */
	int total_matches;      /* matches stored in the stage */
	int64_t champion_id;    /* Champion Rush champion's team id, 0: none */
	char *champion;         /* its name, or NULL */
	int decided_in_match;   /* match that decided it, 0: none */
	struct standing *rows;  /* in rank order */
	int nrows;              /* teams */
	int *numbers;           /* the stage's match numbers, ascending */
	int nnumbers;           /* how many (total_matches) */
	int nrace;              /* standings_race(): matches in the race, the numbers up to
	                           after_match; else 0 */
	int *race;              /* standings_race(): rows[r]'s total (head start included)
	                           after the first i of numbers is race[r * (nrace + 1) + i]
	                           (i = 0: before any match); else NULL */
};

int standings_compute(sqlite3 *db, int64_t stage, const struct ruleset *rules, int after,
		      struct standings *out, char **err);
int standings_race(sqlite3 *db, int64_t stage, int after, struct standings *out, char **err);
void standings_json(const struct standings *s, struct buf *out);
void standings_free(struct standings *s);

#endif
