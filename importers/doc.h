/*
 * doc.h: one match document as the importer holds it between reading it
 * (json.c, csv.c) and storing it (store.c), and its messages. The driver
 * that runs a reader and the store in one transaction is import.h's.
 */
#ifndef TRACKER_IMPORT_DOC_H
#define TRACKER_IMPORT_DOC_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "names.h"
#include "rules.h"

/*
 * Bounds no real data comes near (a stage is tens of matches of 12 to 50
 * teams, a team kills a few dozen players a match). They keep every sum an
 * int holds in range: a team's kills over a stage are at most
 * MAX_MATCH x MAX_KILLS = 10^7 (match numbers are unique in a stage); its
 * points, with rules.c's bounds, at most 10^4 x 101,000 + 10^5 < 2^31; the
 * web stage page sizes its match selector by the highest number.
 */
#define MAX_MATCH     10000    /* match number within a stage */
#define MAX_DAY       1000     /* day of the stage */
#define MAX_PLACEMENT 1000     /* placement in a match */
#define MAX_KILLS     1000     /* kills of a team, or of a player, in a match */
#define MAX_DAMAGE    10000000 /* damage of a player in a match */
#define MAX_ASSISTS   1000     /* assists of a player in a match */
#define MAX_MVP       1000     /* MVP awards of a player in a match */
#define MAX_ADJUST    100000   /* points of one adjustment, either way */
#define MAX_ADJUSTS   1000     /* adjustments of a stage: their sum stays within 10^8 */
#define MAX_SHOWN     25       /* errors written per document; the rest are counted */

struct import_stats {
	int files, files_failed;                                /* files read, files refused */
	int matches_added, matches_unchanged, matches_replaced; /* matches by outcome */
	int teams_added, players_added;                         /* new entities */
	int stages_added;                                       /* stages created */
	int rulesets_stored;    /* rulesets (with their head starts) stored or replaced */
	int rosters_stored;     /* rosters stored or replaced */
	int adjustments_stored; /* lists of adjustments stored or replaced */
	int warnings;           /* warning lines written */
	int64_t stage;          /* the one stage the last file wrote to; 0: none, or several */
	struct buf *what;       /* NULL, or where to append what the last file wrote, for the
	                           log ("match 14 added"; several stages: each named) */
};

/* What an import may do beyond storing new matches. */
struct import_options {
	int replace;                   /* store content that differs from the stored one */
	const char *const *new_teams;  /* teams a stage that has matches may take in though no
	                                  stage has seen them (a stage without a roster) */
	int nnew_teams;                /* entries */
	const char *const *new_stages; /* stages the import may create though their name is
	                                  near an existing stage's (--new-stage) */
	int nnew_stages;               /* entries */
	const char *tournament;        /* the stage of rows without a tournament column, */
	const char *stage;             /* and without a stage column (CSV); or NULL */
	struct store_cache *cache;     /* statements kept from one document to the next on
	                                  the same connection (store.h), or NULL */
	int in_tx;                     /* 1: the caller began a transaction (or savepoint) for
	                                  this import alone and rolls it back when the import
	                                  fails (write.c), so the import opens none of its own */
};

enum doc_kind {
	DOC_STAGE_FILE,  /* one stage: tournament, stage, its ruleset and matches */
	DOC_MATCH,       /* one match carrying its tournament and stage */
	DOC_MATCH_ARRAY, /* a list of such matches */
	DOC_ROWS,        /* rows of a table (CSV), each naming its match and team */
};

struct doc_player {
	int spell;   /* index into doc.players.sps */
	int kills;   /* >= 0 */
	int damage;  /* >= 0; -1: not given */
	int assists; /* >= 0; -1: not given */
	int mvp;     /* >= 0; -1: not given */
};

enum doc_status {
	DOC_PLAYED,  /* the team played the match */
	DOC_DQ,      /* disqualified from it */
	DOC_FORFEIT, /* did not show up, or withdrew */
};

struct doc_result {
	const char *team;           /* the team as written (the reader's memory) */
	int spell;                  /* index into doc.teams.sps */
	enum doc_status status;     /* played, dq or forfeit */
	int placement;              /* >= 1; 1 = Booyah; -1: not given (dq, forfeit only) */
	int kills;                  /* >= 0; -1: not given (dq, forfeit only) */
	struct doc_player *players; /* NULL when not given */
	int nplayers;               /* entries */
};

struct doc_match {
	int stage;             /* index into doc.stages */
	int number;            /* >= 1 */
	int day;               /* >= 1; -1: not given */
	char *map;             /* name_clean() of the map as written; NULL: unknown */
	const char *played_at; /* ISO 8601 as written (the reader's memory), or NULL */
	const char *voided;    /* why the organizer annulled it (the reader's memory), or NULL */
	int written;           /* 1 once stored as new content, 2 as replaced content */
	int below;             /* once stored: the stage's highest number below it then, 0: none */
	struct doc_result *results; /* one per team, at least one */
	int nresults;               /* entries */
};

struct doc_adjustment {
	const char *team;   /* the team as written (the reader's memory) */
	int spell;          /* index into doc.teams.sps */
	int points;         /* non-zero; negative: a penalty */
	int after_match;    /* part of the total from the standings after this match on */
	const char *reason; /* why (the reader's memory), not empty */
};

struct doc_member {
	const char *team;  /* a team of the stage's roster as written (the reader's memory) */
	int spell;         /* index into doc.teams.sps */
	const char *group; /* its group ("A"), or NULL */
};

/* What storing a document wrote of a stage (doc_stage.wrote). */
enum {
	WROTE_MATCH = 1,   /* a match added or replaced */
	WROTE_STAGE = 2,   /* the stage, created */
	WROTE_RULES = 4,   /* its ruleset and head starts */
	WROTE_ROSTER = 8,  /* its roster */
	WROTE_ADJUST = 16, /* its adjustments */
};

struct doc_stage {
	char *tournament;      /* name_clean() of the tournament's name */
	char *tslug;           /* its slug: the tournament's identity */
	char *name;            /* name_clean() of the stage's name */
	char *slug;            /* its slug: the stage's identity in the tournament */
	const char *source;    /* the source line (the reader's memory), or NULL */
	char *ruleset;         /* the ruleset as stored: JSON text without head starts; or NULL */
	struct ruleset *rules; /* what the ruleset says, head starts included; or NULL */
	int64_t id;            /* row id once stored; 0 before */
	int wrote;             /* what storing the document wrote of it: WROTE_* bits */
	int existed;           /* 1 if the database held it before this document */
	int ruled;             /* 1 if it has a ruleset, stored or given (else the defaults) */
	int set_rules;         /* 1 once its ruleset (and head starts) are to be stored */
	struct doc_adjustment *adjust; /* its adjustments, the stage's whole list */
	int nadjust;                   /* entries */
	int has_adjust;                /* 1: the document gives the list (maybe empty) */
	struct doc_member *roster;     /* its declared teams (teams and groups) */
	int nroster;                   /* entries */
	int has_roster;                /* 1: the document declares the roster */
	int at;                        /* the match whose object or row first names it;
	                                  -1: the document as a whole */
};

struct doc;
struct store_cache;

/*
 * Append to out where match m, result r, player entry p and key (each -1 or
 * NULL when not part of it) are in the document as read: a path
 * ("matches[3].kills"), or a line that starts with ':' (":14: kills", which
 * follows the document's name directly); nothing when the message is about
 * the whole document.
 */
typedef void doc_locate(const struct doc *d, int m, int r, int p, const char *key, struct buf *out);

/* Read data (len bytes) into d: messages through doc_report, counted in d->errors. */
typedef void doc_reader(struct doc *d, const char *data, size_t len);

struct doc {
	const char *name;                 /* labels every message */
	struct buf *msgs;                 /* where messages go */
	doc_locate *locate;               /* the reader's way to say where something is */
	enum doc_kind kind;               /* the shape of the document */
	int errors;                       /* errors found */
	int warnings;                     /* warnings written */
	const struct import_options *opt; /* what the import may do */
	struct doc_stage *stages;         /* the stages the document names */
	int nstages;                      /* entries */
	struct doc_match *matches;        /* in document order */
	int nmatches;                     /* entries filled */
	struct names teams;               /* team spellings and entities */
	struct names players;             /* player spellings and entities */
	sqlite3 *db;                      /* the database it goes into */
	struct import_stats n;            /* what storing it did */
	void *keep;                       /* the reader's memory the document points into */
	void (*keep_free)(void *);        /* frees keep */
};

void doc_report(struct doc *d, int warn, int m, int r, int p, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
void doc_where(const struct doc *d, int m, int r, int p, struct buf *out);
int doc_stage(struct doc *d, int m, const char *tournament, const char *stage);
int doc_team(struct doc *d, int m, int r, const char *team);
int doc_player(struct doc *d, int m, int r, int p, const char *key, const char *name);
int doc_name(struct doc *d, const char *key, const char *team);
void doc_free(struct doc *d);

#endif
