/* rules.h: rulesets: placement table, kill points, head start, Champion Rush, tiebreakers. */
#ifndef TRACKER_RULES_H
#define TRACKER_RULES_H

#include <cjson/cJSON.h>
#include <sqlite3.h>
#include <stdint.h>

#include "buf.h"

#define RULES_MAX_PLACES    64
#define RULES_MAX_TIEBREAKS 8

enum tiebreak {
	TB_BOOYAHS,          /* more Booyahs */
	TB_KILLS,            /* more kills */
	TB_PLACEMENT_POINTS, /* more placement points */
	TB_LAST_PLACEMENT,   /* better placement in the team's most recent match */
	TB_AVG_PLACEMENT,    /* lower average placement */
	TB_BEST_MATCH,       /* more points in the team's best single match */
	TB_COUNTED_KILLS,    /* more kills as counted under the kill cap */
	TB_COUNTBACK         /* from the latest match both played back, the better
	                        placement in the first one where they differ */
};

struct headstart {
	char *team;      /* team name: as a file writes it, or the team's name as stored */
	int64_t team_id; /* the team's row id when read from the database; 0: by name only */
	int points;      /* points the team starts the stage with */
};

struct zone {
	int to;      /* last rank of the zone; it starts after the previous zone's to */
	char *label; /* what the ranks in it get ("Second Stage", "Relegated") */
};

struct ruleset {
	char *name;                      /* label ("ffws"; "custom" when a file gives none) */
	int placement[RULES_MAX_PLACES]; /* points for 1st, 2nd, ... */
	int nplacement;                  /* entries used; places beyond score 0 */
	int kill_points;                 /* points per kill */
	int kill_cap;                    /* max kills counted per team per match; -1: none */
	struct headstart *headstart;     /* head-start points, by team */
	int nheadstart;                  /* entries */
	int rush_threshold;              /* Champion Rush threshold; 0: no Champion Rush */
	int rush_max_matches;            /* matches within which it must convert; 0: no limit */
	enum tiebreak tiebreak[RULES_MAX_TIEBREAKS]; /* in order, after points */
	int ntiebreak;                               /* entries used */
	struct zone *zones;     /* qualification zones, by ascending to; NULL: none */
	int nzones;             /* entries */
	int zones_per_group;    /* 1: a group's standings show the zones too */
	char *headstart_from;   /* stage (name or slug, same tournament) whose final
	                           ranking gives head starts; NULL: none */
	int *headstart_by_rank; /* points for 1st, 2nd, ... there */
	int nheadstart_by_rank; /* entries */
};

int rules_preset(const char *name, struct ruleset *r);
extern const char rules_presets[];
int rules_parse(const cJSON *obj, const char *path, struct ruleset *r, char **err);
int rules_load(const char *file, struct ruleset *r, char **err);
int rules_named(const char *arg, struct ruleset *r, char **err);
int rules_for_stage(sqlite3 *db, int64_t stage, struct ruleset *r, char **err);
int rules_store_headstarts(sqlite3 *db, int64_t stage, const struct ruleset *r, char *made);
int rules_match_points(const struct ruleset *r, int placement, int kills, int *place_pts,
                       int *kill_pts);
const char *rules_tiebreak_name(enum tiebreak t);
char *rules_zones_text(const struct ruleset *r);
char *rules_carry_text(const struct ruleset *r);
char *rules_diff(const struct ruleset *a, const struct ruleset *b, const char *other);
void rules_json(const struct ruleset *r, struct buf *out);
void rules_copy(struct ruleset *dst, const struct ruleset *src);
void rules_free(struct ruleset *r);

#endif
