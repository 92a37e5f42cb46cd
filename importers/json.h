/* json.h: the match JSON v1 importer (docs/match-json-v1.md). */
#ifndef TRACKER_IMPORT_JSON_H
#define TRACKER_IMPORT_JSON_H

#include <sqlite3.h>
#include <stddef.h>

#include "buf.h"

struct import_stats {
	int files, files_failed;                                /* files read, files refused */
	int matches_added, matches_unchanged, matches_replaced; /* matches by outcome */
	int teams_added, players_added;                         /* new entities */
	int warnings;                                           /* warning lines written */
};

/*
 * Import one match JSON v1 document (a stage file, one match object with
 * tournament and stage, or an array of those) in ONE transaction on db. name
 * labels messages ("data/x.json", "-", "POST body"). replace: store matches
 * whose content differs. Returns 0 stored (or unchanged), -1 refused: nothing
 * written. Every error and warning is appended to msgs as one line
 * "NAME: PATH: problem" (PATH like matches[3].results[7].kills). The counts
 * are added to *st (files always, the rest only when the document is stored).
 */
int import_json(sqlite3 *db, const char *name, const char *data, size_t len, int replace,
                struct import_stats *st, struct buf *msgs);

#endif
