/*
 * store.h: the statements of one document's store and the helpers that
 * write with them (store.c): stages, matches, head starts. stage.c stores
 * through them what a document says about a stage as a whole (roster,
 * adjustments) and checks it; import.c runs both in order.
 */
#ifndef TRACKER_IMPORT_STORE_H
#define TRACKER_IMPORT_STORE_H

#include <sqlite3.h>
#include <stdint.h>

#include "db.h"
#include "doc.h"

enum stmt {
	S_TOUR_GET,
	S_TOUR_ADD,
	S_STAGE_GET,
	S_STAGE_ADD,
	S_STAGE_SET,
	S_TEAM_GET,
	S_TALIAS_GET,
	S_TALIAS_ADD,
	S_PLAYER_GET,
	S_PLAYER_ADD,
	S_PALIAS_GET,
	S_PALIAS_ADD,
	S_MATCH_NEAR,
	S_MATCH_ADD,
	S_MATCH_SET,
	S_RESULTS_DEL,
	S_RESULTS,
	S_PRESULTS,
	S_RESULT_ADD,
	S_PRESULT_ADD,
	S_ROSTER,
	S_MEMBERS,
	S_ROSTER_DEL,
	S_ROSTER_ADD,
	S_SEEN,
	S_ADJUST,
	S_ADJUST_DEL,
	S_ADJUST_ADD,
	S_COUNTED,
	S_NUMBERS,
	S_STAGES,
	S_LOOK_TEAMS,
	S_LOOK_PLAYERS,
	S_DATA_VERSION,
	S_COUNT
};

/*
 * What every document imported on one connection shares
 * (import_options.cache): the statements, prepared once, so that an import
 * of many one-match files prepares nothing after the first; and the teams
 * and players the committed documents named, with their rows, so that a
 * name is looked up once per connection, not once per document; and the
 * team ids of the roster of the stage last checked against its roster. They
 * hold while nothing else writes: no other connection (PRAGMA data_version,
 * read in each document's transaction) and nothing else on this one (its
 * total changes, as they were after the last document's commit). A
 * document's names join them once its transaction commits
 * (store_cache_commit; store_cache_abort drops them). store_cache_free()
 * before closing the connection.
 */
struct store_cache {
	sqlite3 *db;                   /* the connection they are prepared on; NULL: none yet */
	sqlite3_stmt *st[S_COUNT];     /* prepared, reset and unbound between documents */
	sqlite3_stmt *log;             /* the audit log's row (log_write_kept), or NULL */
	struct db_tx tx;               /* the transactions' statements (db_begin_kept) */
	int64_t version;               /* the data_version the names hold for; 0: none */
	int64_t changes;               /* the connection's total changes after the last commit */
	int64_t roster_stage;          /* the stage whose roster roster holds; 0: none */
	int64_t *roster;               /* its team ids, ascending */
	int nroster;                   /* entries */
	struct names teams, players;   /* committed: key -> row id and stored name */
	struct names pteams, pplayers; /* the last document's, until its commit */
};

struct store {
	struct doc *d;              /* the document being stored */
	struct store_cache *names;  /* the connection's names, valid for this document; or NULL */
	sqlite3_stmt **st;          /* S_COUNT statements, reset after each use: own or a cache's */
	sqlite3_stmt *own[S_COUNT]; /* prepared for this document alone, without a cache */
};

int store_open(struct store *s, struct doc *d);
void store_close(struct store *s);
void store_cache_free(struct store_cache *c);
void store_cache_keep(struct store_cache *c, const struct doc *d);
void store_cache_commit(struct store_cache *c);
void store_cache_abort(struct store_cache *c);
void store_cache_roster(struct store_cache *c, int64_t stage);
int store_stage(struct store *s, int i);
int store_match(struct store *s, int m);
int store_headstarts(struct store *s, int i);
int store_run(struct store *s, enum stmt i);
int store_row(struct store *s, enum stmt i);
int store_error(struct store *s);
int64_t store_team(struct store *s, int sp, int create);

int stage_roster(struct store *s, int i);
int stage_adjustments(struct store *s, int i);
int stage_rush_warnings(struct store *s, int i);
int stage_carry(struct store *s, int i);
int stage_number_gaps(struct store *s, int i);

#endif
