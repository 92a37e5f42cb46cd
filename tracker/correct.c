/*
 * correct.c: the corrections a results desk makes: void and unvoid a
 * match, remove a stage or tournament, merge two teams or two players,
 * rename a team, give a team another spelling. Each is one transaction
 * with its row in the audit log (log.c), and each is refused, changing
 * nothing, when it cannot apply. Shared by the CLI and the desk.
 *
 * Every function here returns 0 done, with *msg saying what was done (the
 * text the log holds), or -1 refused, with *msg saying why; the caller
 * frees *msg with free().
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backup.h"
#include "correct.h"
#include "db.h"
#include "log.h"
#include "util.h"
#include "value.h"

/* Set *msg from fmt, roll back, return -1. */
static int __attribute__((format(printf, 3, 4)))
refuse(sqlite3 *db, char **msg, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	*msg = xmalloc((size_t)(n < 0 ? 0 : n) + 1);
	va_start(ap, fmt);
	vsnprintf(*msg, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
	va_end(ap);
	db_rollback(db);
	return -1;
}

/*
 * Refuse with SQLite's last error; one that says the database cannot be
 * used for now (db_transient: busy, full, read-only, I/O) is recorded first
 * (db_error_set), before the rollback clears it, so that a server answers
 * it 503 and not as the request's fault.
 */
static int
db_fail(sqlite3 *db, char **msg)
{
	if (db_transient(sqlite3_extended_errcode(db)))
		db_error_set(db);
	return refuse(db, msg, "database: %s", sqlite3_errmsg(db));
}

/* Commit, after writing the log row for the done text *msg. 0, or -1 (*msg replaced). */
static int
done(sqlite3 *db, const char *origin, const char *action, int64_t tournament, int64_t stage,
     const char *ids, char **msg)
{
	if (log_write(db, origin, action, tournament, stage, ids, "%s", *msg) == 0 &&
	    db_commit(db) == 0)
		return 0;
	free(*msg);
	return db_fail(db, msg);
}

/* Run sql with ?1 = a and ?2 = b bound (where it has them). Returns the rows changed, or -1. */
static int
run2(sqlite3 *db, const char *sql, int64_t a, int64_t b)
{
	sqlite3_stmt *st = db_prepare(db, sql);
	if (st == NULL)
		return -1;
	int np = sqlite3_bind_parameter_count(st);
	if (np >= 1)
		sqlite3_bind_int64(st, 1, a);
	if (np >= 2)
		sqlite3_bind_int64(st, 2, b);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? sqlite3_changes(db) : -1;
}

/*
 * The text sql yields for ?1 = a, ?2 = b, ?3 = text into *out (the caller
 * frees it). Returns 1 with a row, 0 with none (*out NULL), -1 when the
 * statement could not run (*out NULL; sqlite3_errmsg tells).
 */
static int
one_text(sqlite3 *db, const char *sql, int64_t a, int64_t b, const char *text, char **out)
{
	*out = NULL;
	sqlite3_stmt *st = db_prepare(db, sql);
	if (st == NULL)
		return -1;
	int np = sqlite3_bind_parameter_count(st);
	if (np >= 1)
		sqlite3_bind_int64(st, 1, a);
	if (np >= 2)
		sqlite3_bind_int64(st, 2, b);
	if (np >= 3)
		sqlite3_bind_text(st, 3, text, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = db_text(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* "TOURNAMENT / STAGE" of a stage id into *out (the caller frees it). 0, or -1 as one_text. */
static int
stage_label(sqlite3 *db, int64_t stage, char **out)
{
	int rc = one_text(db,
	                  "SELECT t.name || ' / ' || s.name FROM stage s"
	                  " JOIN tournament t ON t.id = s.tournament_id WHERE s.id = ?1",
	                  stage, 0, NULL, out);
	if (rc == 0)
		*out = xasprintf("stage %lld", (long long)stage);
	return rc < 0 ? -1 : 0;
}

/*
 * Void match number of stage with reason (it stays stored and counts for
 * nothing), or, with reason NULL, make a voided match count again.
 */
int
correct_void(sqlite3 *db, const char *origin, int64_t stage, int64_t number, const char *reason,
             char **msg)
{
	if (db_begin(db) != 0)
		return db_fail(db, msg);
	char *where;
	if (stage_label(db, stage, &where) != 0)
		return db_fail(db, msg);
	int rc = -1;
	int64_t id = 0;
	sqlite3_stmt *st =
	    db_prepare(db, "SELECT id, void FROM match WHERE stage_id = ?1 AND number = ?2");
	char *old = NULL;
	if (st == NULL) {
		db_fail(db, msg);
		goto out;
	}
	sqlite3_bind_int64(st, 1, stage);
	sqlite3_bind_int64(st, 2, number);
	int found = sqlite3_step(st);
	if (found == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		old = db_text(st, 1);
	}
	sqlite3_finalize(st);
	if (found != SQLITE_ROW && found != SQLITE_DONE) {
		db_fail(db, msg);
		goto out;
	}
	if (id == 0) {
		int64_t n = 0;
		if (db_int(db, &n, "SELECT max(number) FROM match WHERE stage_id = ?1", stage) != 0)
			db_fail(db, msg);
		else if (n > 0)
			refuse(db, msg, "%s has no match %lld (its last match is %lld)", where,
			       (long long)number, (long long)n);
		else
			refuse(db, msg, "%s has no match %lld (it has no matches yet)", where,
			       (long long)number);
		goto out;
	}
	if (reason && old) {
		refuse(db, msg, "match %lld of %s is already void (%s)", (long long)number, where,
		       old);
		goto out;
	}
	if (!reason && !old) {
		refuse(db, msg, "match %lld of %s is not void", (long long)number, where);
		goto out;
	}
	st = db_prepare(db, "UPDATE match SET void = ?2 WHERE id = ?1");
	sqlite3_bind_int64(st, 1, id);
	if (reason)
		sqlite3_bind_text(st, 2, reason, -1, SQLITE_STATIC);
	int step = sqlite3_step(st);
	sqlite3_finalize(st);
	if (step != SQLITE_DONE) {
		db_fail(db, msg);
		goto out;
	}
	*msg = reason ? xasprintf("match %lld of %s voided: %s", (long long)number, where, reason)
	              : xasprintf("match %lld of %s counts again (was void: %s)", (long long)number,
	                          where, old);
	char ids[32];
	snprintf(ids, sizeof ids, "match=%lld", (long long)id);
	rc = done(db, origin, reason ? "void" : "unvoid", 0, stage, ids, msg);
out:
	free(old);
	free(where);
	return rc;
}

/*
 * Remove stage (> 0), or else tournament with all its stages, with their
 * matches, rosters, head starts and adjustments. Refused while it holds
 * matches unless force; force first copies the database beside itself
 * (backup.c) while holding the write lock, so the copy is what is removed from.
 */
int
correct_remove(sqlite3 *db, const char *origin, int64_t tournament, int64_t stage, int force,
               char **msg)
{
	if (db_begin(db) != 0)
		return db_fail(db, msg);
	if (stage > 0)
		tournament = 0; /* stays 0 when there is no such stage */
	if (stage > 0 &&
	    db_int(db, &tournament, "SELECT tournament_id FROM stage WHERE id = ?1", stage) != 0)
		return db_fail(db, msg);
	char *what;
	if ((stage > 0 ? stage_label(db, stage, &what)
	               : one_text(db, "SELECT name FROM tournament WHERE id = ?1", tournament, 0,
	                          NULL, &what)) < 0)
		return db_fail(db, msg);
	const char *noun = stage > 0 ? "stage" : "tournament";
	/* ?1: the tournament, ?2: the stage or 0 for all of the tournament's */
	static const char scope[] = " stage_id IN (SELECT id FROM stage WHERE tournament_id = ?1"
	                            " AND (?2 = 0 OR id = ?2))";
	char *count = xasprintf("SELECT count(*) FROM match WHERE%s", scope);
	sqlite3_stmt *st = db_prepare(db, count);
	free(count);
	char *path = NULL, *err = NULL, *del = NULL;
	int rc = -1;
	if (st == NULL) {
		db_fail(db, msg);
		goto out;
	}
	sqlite3_bind_int64(st, 1, tournament);
	sqlite3_bind_int64(st, 2, stage);
	int counted = sqlite3_step(st);
	int64_t matches = counted == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (counted != SQLITE_ROW) {
		db_fail(db, msg);
		goto out;
	}
	if (matches > 0 && !force) {
		refuse(db, msg,
		       "%s '%s' holds %lld match%s: --force removes it with them, after a backup",
		       noun, what ? what : "?", (long long)matches, matches == 1 ? "" : "es");
		goto out;
	}
	struct backup_info info;
	if (force && (path = backup_beside(db, &info, &err)) == NULL) {
		refuse(db, msg, "nothing removed: the backup failed: %s", err);
		goto out;
	}
	del = xasprintf("DELETE FROM match WHERE%s", scope);
	if (run2(db, del, tournament, stage) < 0 ||
	    run2(db, "DELETE FROM stage WHERE tournament_id = ?1 AND (?2 = 0 OR id = ?2)",
	         tournament, stage) < 0 ||
	    (stage == 0 && run2(db, "DELETE FROM tournament WHERE id = ?1", tournament, 0) < 0)) {
		db_fail(db, msg);
		goto out;
	}
	if (path)
		*msg =
		    xasprintf("removed %s '%s' with %lld match%s (backup first: %s, %lld matches)",
		              noun, what, (long long)matches, matches == 1 ? "" : "es", path,
		              (long long)info.matches);
	else
		*msg = xasprintf("removed %s '%s' with %lld match%s", noun, what,
		                 (long long)matches, matches == 1 ? "" : "es");
	rc = done(db, origin, "remove", tournament, stage, NULL, msg);
out:
	free(del);
	free(err);
	free(path);
	free(what);
	return rc;
}

/* What a merge runs, for teams and for players: ?1 is FROM's id, ?2 INTO's. */
static const char *const merge_team[] = {
    "PRAGMA defer_foreign_keys = ON", /* result and player_result move together */
    "UPDATE result SET team_id = ?2 WHERE team_id = ?1",
    "UPDATE player_result SET team_id = ?2 WHERE team_id = ?1",
    "INSERT OR IGNORE INTO team_alias (spelling, team_id) SELECT name, ?2 FROM team WHERE id = ?1",
    "UPDATE team_alias SET team_id = ?2 WHERE team_id = ?1",
    "UPDATE headstart SET team_id = ?2 WHERE team_id = ?1",
    "UPDATE adjustment SET team_id = ?2 WHERE team_id = ?1",
    "DELETE FROM stage_team WHERE team_id = ?1"
    " AND stage_id IN (SELECT stage_id FROM stage_team WHERE team_id = ?2)",
    "UPDATE stage_team SET team_id = ?2 WHERE team_id = ?1",
    "DELETE FROM team WHERE id = ?1",
    NULL,
};
static const char *const merge_player[] = {
    "UPDATE player_result SET player_id = ?2 WHERE player_id = ?1",
    "INSERT OR IGNORE INTO player_alias (spelling, player_id)"
    " SELECT name, ?2 FROM player WHERE id = ?1",
    "UPDATE player_alias SET player_id = ?2 WHERE player_id = ?1",
    "DELETE FROM player WHERE id = ?1",
    NULL,
};

/*
 * Merge team (player = 0) or player from into into: from's results, player
 * results, spellings, head starts, adjustments and roster places become
 * into's, and from is removed. Refused when both played the same match,
 * when both have a head start in one stage, or when they are in different
 * groups of one stage.
 */
int
correct_merge(sqlite3 *db, const char *origin, int player, int64_t from, int64_t into, char **msg)
{
	const char *noun = player ? "player" : "team";
	if (db_begin(db) != 0)
		return db_fail(db, msg);
	const char *name_sql = player ? "SELECT name FROM player WHERE id = ?1"
	                              : "SELECT name FROM team WHERE id = ?1";
	char *fname = NULL, *iname = NULL, *clash = NULL;
	int rc = -1;
	if (one_text(db, name_sql, from, 0, NULL, &fname) < 0 ||
	    one_text(db, name_sql, into, 0, NULL, &iname) < 0) {
		db_fail(db, msg);
		goto out;
	}
	if (fname == NULL || iname == NULL) {
		refuse(db, msg, "no such %s", noun);
		goto out;
	}
	if (from == into) {
		refuse(db, msg, "'%s' and '%s' are the same %s", fname, iname, noun);
		goto out;
	}
	if (one_text(db,
	             player
	                 ? "SELECT 'match ' || m.number || ' of ' || t.name || ' / ' || s.name"
	                   " FROM player_result a JOIN player_result b ON b.match_id = a.match_id"
	                   " JOIN match m ON m.id = a.match_id JOIN stage s ON s.id = m.stage_id"
	                   " JOIN tournament t ON t.id = s.tournament_id"
	                   " WHERE a.player_id = ?1 AND b.player_id = ?2 ORDER BY m.id LIMIT 1"
	                 : "SELECT 'match ' || m.number || ' of ' || t.name || ' / ' || s.name"
	                   " FROM result a JOIN result b ON b.match_id = a.match_id"
	                   " JOIN match m ON m.id = a.match_id JOIN stage s ON s.id = m.stage_id"
	                   " JOIN tournament t ON t.id = s.tournament_id"
	                   " WHERE a.team_id = ?1 AND b.team_id = ?2 ORDER BY m.id LIMIT 1",
	             from, into, NULL, &clash) < 0) {
		db_fail(db, msg);
		goto out;
	}
	if (clash) {
		refuse(db, msg, "'%s' and '%s' both played %s: they are two %ss, not one", fname,
		       iname, clash, noun);
		goto out;
	}
	if (!player) {
		if (one_text(db,
		             "SELECT t.name || ' / ' || s.name FROM headstart a JOIN headstart b"
		             " ON b.stage_id = a.stage_id JOIN stage s ON s.id = a.stage_id"
		             " JOIN tournament t ON t.id = s.tournament_id"
		             " WHERE a.team_id = ?1 AND b.team_id = ?2 LIMIT 1",
		             from, into, NULL, &clash) < 0) {
			db_fail(db, msg);
			goto out;
		}
		if (clash) {
			refuse(db, msg,
			       "'%s' and '%s' both have a head start in %s: remove one first",
			       fname, iname, clash);
			goto out;
		}
		if (one_text(
		        db,
		        "SELECT t.name || ' / ' || s.name FROM stage_team a JOIN stage_team b"
		        " ON b.stage_id = a.stage_id JOIN stage s ON s.id = a.stage_id"
		        " JOIN tournament t ON t.id = s.tournament_id"
		        " WHERE a.team_id = ?1 AND b.team_id = ?2 AND a.grp IS NOT b.grp LIMIT 1",
		        from, into, NULL, &clash) < 0) {
			db_fail(db, msg);
			goto out;
		}
		if (clash) {
			refuse(db, msg, "'%s' and '%s' are in different groups of %s", fname, iname,
			       clash);
			goto out;
		}
	}
	int64_t moved = 0;
	for (const char *const *q = player ? merge_player : merge_team; *q; q++) {
		int n = run2(db, *q, from, into);
		if (n < 0) {
			db_fail(db, msg);
			goto out;
		}
		if (q == (player ? merge_player : merge_team + 1))
			moved = n;
	}
	*msg = xasprintf("merged %s '%s' into '%s' (%lld %sresult%s moved; '%s' stays a spelling of"
	                 " '%s')",
	                 noun, fname, iname, (long long)moved, player ? "player " : "",
	                 moved == 1 ? "" : "s", fname, iname);
	char ids[64];
	snprintf(ids, sizeof ids, "%s=%lld into=%lld", noun, (long long)from, (long long)into);
	rc = done(db, origin, "merge", 0, 0, ids, msg);
out:
	free(clash);
	free(fname);
	free(iname);
	return rc;
}

/*
 * The team other than team that spelling (cleaned) already names, by its
 * key or by a spelling of it, into *out (NULL when none; the caller frees
 * it). Returns as one_text.
 */
static int
named_elsewhere(sqlite3 *db, int64_t team, const char *spelling, char **out)
{
	char *key = name_key(spelling);
	int rc = one_text(db,
	                  "SELECT name FROM team WHERE key = ?3 AND id <> ?1 UNION ALL"
	                  " SELECT t.name FROM team_alias a JOIN team t ON t.id = a.team_id"
	                  " WHERE lower(a.spelling) = ?3 AND a.team_id <> ?1 LIMIT 1",
	                  team, 0, key, out);
	free(key);
	return rc;
}

/*
 * 1, refused with what (e.g. "a spelling") and the fault, when name is not
 * fit for a name as an import checks one (value_name: its length, no
 * control or invisible character); else 0.
 */
static int
bad_name(sqlite3 *db, const char *name, const char *what, char **msg)
{
	char why[VALUE_WHY];
	const char *text;
	struct value v = {.kind = VALUE_STRING, .string = name};
	if (value_name(&v, &text, why) == 0)
		return 0;
	refuse(db, msg, "%s %s", what, why);
	return 1;
}

/*
 * Rename team to name: its display name, key and slug change (the slug
 * with -2, -3 ... when another team has it), and both the old and the new
 * spelling name it from now on, so files with the old name still import
 * as this team. Refused when name already names another team.
 */
int
correct_rename(sqlite3 *db, const char *origin, int64_t team, const char *name, char **msg)
{
	if (db_begin(db) != 0)
		return db_fail(db, msg);
	char *clean = name_clean(name), *key = name_key(name), *slug = slugify(clean);
	char *old = NULL, *other = NULL, *unique = NULL;
	int rc = -1;
	if (one_text(db, "SELECT name FROM team WHERE id = ?1", team, 0, NULL, &old) < 0) {
		db_fail(db, msg);
		goto out;
	}
	if (old == NULL) {
		refuse(db, msg, "no such team");
		goto out;
	}
	if (*clean == '\0') {
		refuse(db, msg, "a team's new name cannot be empty");
		goto out;
	}
	if (bad_name(db, name, "a team's new name", msg)) /* as an import checks it */
		goto out;
	if (strcmp(clean, old) == 0) {
		refuse(db, msg, "team '%s' is already called that", old);
		goto out;
	}
	if (named_elsewhere(db, team, clean, &other) < 0) {
		db_fail(db, msg);
		goto out;
	}
	if (other != NULL) {
		refuse(
		    db, msg,
		    "'%s' already names team '%s' (tracker teams merge '%s' '%s' makes them one)",
		    clean, other, old, other);
		goto out;
	}
	if (*slug == '\0') {
		free(slug);
		slug = xstrdup("team");
	}
	unique = xstrdup(slug);
	for (int k = 2;; k++) {
		int taken = one_text(db, "SELECT 'taken' FROM team WHERE slug = ?3 AND id <> ?1",
		                     team, 0, unique, &other);
		if (taken < 0) {
			db_fail(db, msg);
			goto out;
		}
		if (taken == 0)
			break;
		free(other);
		other = NULL;
		free(unique);
		unique = xasprintf("%s-%d", slug, k);
	}
	sqlite3_stmt *st =
	    db_prepare(db, "UPDATE team SET name = ?2, key = ?3, slug = ?4 WHERE id = ?1");
	sqlite3_bind_int64(st, 1, team);
	sqlite3_bind_text(st, 2, clean, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, unique, -1, SQLITE_STATIC);
	int step = sqlite3_step(st);
	sqlite3_finalize(st);
	st = db_prepare(
	    db, "INSERT OR IGNORE INTO team_alias (spelling, team_id) VALUES (?2, ?1), (?3, ?1)");
	sqlite3_bind_int64(st, 1, team);
	sqlite3_bind_text(st, 2, old, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, clean, -1, SQLITE_STATIC);
	if (step != SQLITE_DONE || sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_finalize(st);
		db_fail(db, msg);
		goto out;
	}
	sqlite3_finalize(st);
	*msg = xasprintf("renamed team '%s' to '%s' (slug %s); '%s' stays a spelling of it", old,
	                 clean, unique, old);
	char ids[32];
	snprintf(ids, sizeof ids, "team=%lld", (long long)team);
	rc = done(db, origin, "rename", 0, 0, ids, msg);
out:
	free(clean);
	free(key);
	free(slug);
	free(unique);
	free(old);
	free(other);
	return rc;
}

/*
 * Record spelling as another name of team, so that imports and look-ups
 * with it find the team. Refused when it already names this or another
 * team.
 */
int
correct_alias(sqlite3 *db, const char *origin, int64_t team, const char *spelling, char **msg)
{
	if (db_begin(db) != 0)
		return db_fail(db, msg);
	char *clean = name_clean(spelling);
	char *name = NULL, *other = NULL;
	int rc = -1;
	if (one_text(db, "SELECT name FROM team WHERE id = ?1", team, 0, NULL, &name) < 0) {
		db_fail(db, msg);
		goto out;
	}
	if (name == NULL) {
		refuse(db, msg, "no such team");
		goto out;
	}
	if (*clean == '\0') {
		refuse(db, msg, "a spelling cannot be empty");
		goto out;
	}
	if (bad_name(db, spelling, "a spelling", msg))
		goto out;
	if (named_elsewhere(db, team, clean, &other) < 0) {
		db_fail(db, msg);
		goto out;
	}
	if (other != NULL) {
		refuse(db, msg,
		       "'%s' already names team '%s' (tracker teams merge makes two teams one)",
		       clean, other);
		goto out;
	}
	if (named_elsewhere(db, 0, clean, &other) < 0) {
		db_fail(db, msg);
		goto out;
	}
	if (other != NULL) {
		refuse(db, msg, "'%s' is already a spelling of team '%s'", clean, other);
		goto out;
	}
	sqlite3_stmt *st =
	    db_prepare(db, "INSERT INTO team_alias (spelling, team_id) VALUES (?2, ?1)");
	sqlite3_bind_int64(st, 1, team);
	sqlite3_bind_text(st, 2, clean, -1, SQLITE_STATIC);
	int step = sqlite3_step(st);
	sqlite3_finalize(st);
	if (step != SQLITE_DONE) {
		db_fail(db, msg);
		goto out;
	}
	*msg = xasprintf("'%s' is now a spelling of team '%s'", clean, name);
	char ids[32];
	snprintf(ids, sizeof ids, "team=%lld", (long long)team);
	rc = done(db, origin, "alias", 0, 0, ids, msg);
out:
	free(clean);
	free(name);
	free(other);
	return rc;
}
