/* match.h: one match's whole lobby, and a team's own matches with its rank after each. */
#ifndef TRACKER_MATCH_H
#define TRACKER_MATCH_H

#include <sqlite3.h>
#include <stdint.h>

#include "buf.h"
#include "report.h"

struct match_player {
	char *name;  /* display name */
	int kills;   /* kills */
	int damage;  /* damage; -1: not given */
	int assists; /* assists; -1: not given */
};

struct match_team {
	int64_t team_id;              /* team row id */
	char *team;                   /* display name */
	char *slug;                   /* URL name */
	char *status;                 /* "played", "dq" or "forfeit" */
	int placement;                /* 1 = Booyah (when played); 0: none given */
	int kills;                    /* kills (as stored for a dq or forfeit); -1: not given */
	int points;                   /* under the stage's ruleset; 0 for a dq or forfeit */
	struct match_player *players; /* by kills, most first */
	int nplayers;                 /* entries */
};

struct match_lobby {
	char *tournament;         /* tournament display name */
	char *stage;              /* stage display name */
	char *stage_slug;         /* its slug */
	int number;               /* match number in the stage */
	int day;                  /* day of the stage; 0: not given */
	char *map;                /* map name; NULL: unknown */
	char *played_at;          /* start time as given, or NULL */
	char *void_reason;        /* why it was annulled (no points count), or NULL */
	char *booyah;             /* the Booyah team's name, or NULL */
	struct match_team *teams; /* by placement, dq and forfeit last */
	int nteams;               /* entries */
};

struct match_filter {
	int64_t tournament; /* 0: every tournament */
	int64_t stage;      /* 0: every stage */
	const char *map;    /* NULL: every map; else compared case-insensitively */
	int day_from;       /* first day kept; 0: no day filter */
	int day_to;         /* last day kept */
};

struct team_game {
	char *stage;   /* stage display name */
	int match;     /* match number in the stage */
	int day;       /* day of the stage; 0: not given */
	char *map;     /* map name; NULL: unknown */
	int placement; /* the team's placement (as stored for a dq or forfeit); 0: none given */
	int kills;     /* its kills (as stored for a dq or forfeit) */
	int points;    /* its points in the match */
	char *status;  /* "played", "dq" or "forfeit" */
	int total;     /* its stage total after the match (head start, adjustments in) */
	int rank;      /* its stage rank after the match */
	int teams;     /* teams ranked */
};

struct ruleset;

int match_points(const struct ruleset *r, const char *status, int placement, int kills);
void match_result_cells(struct report *t, const char *status, int placement, int kills, int points);
void match_result_json(struct buf *out, const char *status, int placement, int kills, int points);
int match_lobby(sqlite3 *db, int64_t stage, int number, struct match_lobby *out, char **err);
void match_json(const struct match_lobby *m, struct buf *out);
struct report *match_table(const struct match_lobby *m);
void match_free(struct match_lobby *m);
int match_team_games(sqlite3 *db, int64_t team, const struct match_filter *f,
                     struct team_game **out, int *n, char **err);
struct report *match_games_table(const struct team_game *g, int n);
void match_games_free(struct team_game *g, int n);

#endif
