/* scenarios.h: who can still reach each goal of a stage, and the match-point story. */
#ifndef TRACKER_SCENARIOS_H
#define TRACKER_SCENARIOS_H

#include "standings.h"

enum scen_state { SCEN_ALIVE, SCEN_CLINCHED, SCEN_ELIMINATED };

struct scen_bounds {
	int left;      /* matches left; -1: not bounded (no max_matches) */
	int lobby;     /* teams in a match: its placements are 1..lobby */
	int max_kills; /* most kills one team can make in one match */
	int all_kills; /* most kills in one match, the lobby's teams together */
};

struct scenario {
	const char *team;      /* display name (the standings row's) */
	const char *slug;      /* its URL name */
	int points;            /* its total now */
	enum scen_state state; /* for the goal */
	struct msg needs;      /* what it needs, in words */
};

struct scen_goal {
	int to;                 /* 0: the title (Champion Rush); else the zone's last rank */
	struct msg label;       /* "the title", "top 12 (Second Stage)" */
	struct scenario *teams; /* in standings order, s.nrows of them */
};

struct scenarios {
	struct standings s;     /* the standings now (standings_get) */
	struct scen_bounds b;   /* what is possible from here */
	int squad;              /* players per team the kill bound counts */
	int gain_min, gain_max; /* points one team can score in one match */
	struct scen_goal *goals;
	int ngoals;
	struct msg *notes; /* what the states rest on, one sentence each */
	int nnotes;
};

void scenarios_decide(const struct ruleset *r, const struct scen_bounds *b, const int *points,
                      int n, int champion, int to, enum scen_state *out);
int scenarios_of(sqlite3 *db, struct standings *now, struct scenarios *out);
int scenarios_get(sqlite3 *db, int64_t stage, int after, struct scenarios *out, char **err);
void scenarios_json(const struct scenarios *sc, struct buf *out);
void scenarios_free(struct scenarios *sc);
int scenarios_story(const struct standings *s, struct msg lines[3]);
void scenarios_story_json(const struct standings *s, struct buf *out);

#endif
