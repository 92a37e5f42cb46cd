/*
 * doc.h: one match JSON v1 document as the importer holds it between
 * validating it (json.c) and storing it (store.c).
 */
#ifndef TRACKER_IMPORT_DOC_H
#define TRACKER_IMPORT_DOC_H

#include <cjson/cJSON.h>
#include <sqlite3.h>
#include <stdint.h>

#include "buf.h"
#include "json.h"
#include "names.h"
#include "rules.h"

enum doc_kind {
	DOC_STAGE_FILE,  /* {"tournament", "stage", ..., "matches": [...]} */
	DOC_MATCH,       /* one match object carrying tournament and stage */
	DOC_MATCH_ARRAY, /* an array of such match objects */
};

struct doc_player {
	int spell;   /* index into doc.players.sps */
	int kills;   /* >= 0 */
	int damage;  /* >= 0; -1: not given */
	int assists; /* >= 0; -1: not given */
	int mvp;     /* >= 0; -1: not given */
};

struct doc_result {
	const char *team;           /* the team as written (points into the cJSON tree) */
	int spell;                  /* index into doc.teams.sps */
	int placement;              /* >= 1; 1 = Booyah */
	int kills;                  /* >= 0 */
	struct doc_player *players; /* NULL when not given */
	int nplayers;               /* entries */
};

struct doc_match {
	int stage;                  /* index into doc.stages */
	int number;                 /* >= 1 */
	int day;                    /* >= 1; -1: not given */
	char *map;                  /* name_clean() of the map as written */
	const char *played_at;      /* ISO 8601 as written (cJSON tree), or NULL */
	struct doc_result *results; /* one per team, at least one */
	int nresults;               /* entries */
};

struct doc_stage {
	char *tournament;      /* name_clean() of the tournament's name */
	char *tslug;           /* its slug: the tournament's identity */
	char *name;            /* name_clean() of the stage's name */
	char *slug;            /* its slug: the stage's identity in the tournament */
	const char *source;    /* the source line (cJSON tree), or NULL */
	const cJSON *ruleset;  /* the ruleset object (cJSON tree), or NULL */
	struct ruleset *rules; /* what it says (rules_parse), or NULL */
	int64_t id;            /* row id once stored; 0 before */
	int existed;           /* 1 if the database held it before this document */
};

struct doc {
	const char *name;          /* labels every message */
	struct buf *msgs;          /* where messages go */
	enum doc_kind kind;        /* the shape of the document */
	int errors;                /* errors found */
	int warnings;              /* warnings written */
	int replace;               /* store matches whose content differs */
	struct doc_stage *stages;  /* the stages the document names */
	int nstages;               /* entries */
	struct doc_match *matches; /* in document order */
	int nmatches;              /* entries filled */
	struct names teams;        /* team spellings and entities */
	struct names players;      /* player spellings and entities */
	sqlite3 *db;               /* the database it goes into */
	struct import_stats n;     /* what storing it did */
};

void doc_report(struct doc *d, int warn, int m, int r, int p, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
int doc_store(struct doc *d);

#endif
