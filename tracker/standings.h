/* standings.h: the one scoring function, used by every surface. */
#ifndef TRACKER_STANDINGS_H
#define TRACKER_STANDINGS_H

#include <sqlite3.h>
#include <stdint.h>

#include "buf.h"
#include "msg.h"
#include "rules.h"

struct standing {
	int64_t team_id;       /* team row id */
	char *team;            /* display name */
	char *slug;            /* URL name */
	char *group;           /* its group in the stage ("A"), or NULL */
	int rank;              /* 1-based; teams level on everything share it */
	int matches;           /* matches played in the stage (up to after_match), dq and
	                          forfeit included */
	int dq;                /* of them, matches it was disqualified from or forfeited */
	int booyahs;           /* first places */
	int kills;             /* kills, uncapped, dq and forfeit left out */
	int counted_kills;     /* kills as counted under the kill cap */
	int placement_points;  /* from the placement table, matches only */
	int kill_points;       /* from kills (capped when the ruleset caps), matches only */
	int headstart;         /* head-start points, headstart_carried included */
	int headstart_carried; /* of them, carried from rules.headstart_from's ranking */
	int adjustment;        /* sum of the adjustments in the total */
	int points;            /* total: placement + kill points + head start + adjustment */
	double avg_placement;  /* mean placement over matches played (no dq); NaN with none */
	int last_placement;    /* placement in the team's most recent match; 0 with none */
	int best_match;        /* most points in one match */
	const char *tiebreak;  /* tiebreaker that put it below the team above, or NULL */
	const char *zone;      /* label of the ruleset zone its rank falls in, or NULL */
	int rush_since;        /* match after which it reached the threshold and stayed there (a
	                          penalty can take it back under); 0: not there */
	int prev_rank;         /* rank after the previous match; 0: no previous match or absent */
};

struct standings_adjustment {
	int64_t team_id; /* the team */
	char *team;      /* its display name */
	int points;      /* added to its total; negative: a penalty */
	int after_match; /* in the total from the standings after this match on */
	char *reason;    /* why */
};

struct standings_void {
	int number;   /* the voided match's number */
	char *reason; /* why the organizer annulled it */
};

enum rush_how {
	RUSH_NONE,   /* no champion */
	RUSH_BOOYAH, /* a Booyah by a team on match point */
	RUSH_POINTS  /* first on points after the max_matches-th match played */
};

struct standings_opts {
	const struct ruleset *rules; /* what-if: its placement table, kill points, kill cap and
	                                tiebreakers replace the stage's; NULL: the stage's */
	int after;                   /* last match number counted; -1: every match; 0: none */
	const char *group;           /* rank only this group's teams; NULL: the whole stage */
	int race;                    /* 1: fill the race as well */
	int day_from;                /* count only the matches of days day_from to day_to;
	                                0: every day */
	int day_to;                  /* last day counted */
	const char *map;             /* count only the matches on this map (case ignored);
	                                NULL: every map */
};

struct standings {
	int64_t stage_id;         /* the stage */
	char *tournament;         /* tournament display name */
	char *tournament_slug;    /* its slug */
	char *stage;              /* stage display name */
	char *stage_slug;         /* its slug */
	char *group;              /* the group ranked (as stored), or NULL: the whole stage */
	struct ruleset rules;     /* the ruleset scored by */
	char *what_if;            /* name of the what-if ruleset whose scoring replaced the
	                             stage's, or NULL */
	int after_match;          /* last match number counted (the asked one with --after);
	                             0: none */
	int matches_played;       /* counted matches (voided ones left out) up to after_match */
	int total_matches;        /* counted matches stored in the stage */
	int after_exists;         /* 1: after_match is the number of a stored match (or 0) */
	int64_t champion_id;      /* Champion Rush champion's team id, 0: none */
	char *champion;           /* its name, or NULL */
	int decided_in_match;     /* match number that decided it, 0: none */
	int decided_played;       /* that match's place among the matches played (1-based) */
	enum rush_how decided_by; /* how the champion was decided */
	char *headstart_from;     /* display name of the stage head starts were carried from */
	struct standing *rows;    /* in rank order */
	int nrows;                /* teams */
	struct standings_adjustment *adj; /* adjustments in the totals, by team row order */
	int nadj;                         /* entries */
	struct standings_void *voids;     /* voided matches up to after_match, by number */
	int nvoids;                       /* entries */
	int *late;     /* counted match numbers up to after_match played after the
	                  champion was decided */
	int nlate;     /* entries */
	int raw_kills; /* 1: the kills tiebreaker (raw kills) decided a tie under a
	                  kill cap */
	int filtered;  /* 1: a day or map filter kept only some matches; head starts,
	                  adjustments and Champion Rush are left out */
	int *numbers;  /* the stage's counted match numbers, ascending */
	int nnumbers;  /* how many (total_matches) */
	int nrace;     /* race: matches in the race, the numbers up to after_match;
	                  else 0 */
	int *race;     /* race: rows[r]'s total (head start and adjustments included)
	                  after the first i of numbers is race[r * (nrace + 1) + i]
	                  (i = 0: before any match); else NULL */

	struct msg *notes; /* what the table alone does not say, a sentence each */
	int nnotes;        /* entries */
};

int standings_get(sqlite3 *db, int64_t stage, const struct standings_opts *o, struct standings *out,
                  char **err);
int standings_compute(sqlite3 *db, int64_t stage, const struct ruleset *rules, int after,
                      struct standings *out, char **err);
int standings_race(sqlite3 *db, int64_t stage, int after, struct standings *out, char **err);
char *standings_label(const struct standings *s);
char *standings_decided(const struct standings *s);
struct msg standings_decided_msg(const struct standings *s);
void standings_json_open(const struct standings *s, struct buf *out);
void standings_json(const struct standings *s, struct buf *out);
void standings_free(struct standings *s);

#endif
