/*
 * rules.c: rulesets, as match JSON v1 describes them: the placement table,
 * kill points and cap, head-start points, Champion Rush and the ordered
 * tiebreakers. Parsing is strict (unknown keys and wrong types are errors
 * that name the JSON path), the named presets live here, and so does the
 * one per-match points formula every surface uses.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "jsontext.h"
#include "rules.h"
#include "teamkey.h"
#include "util.h"
#include "value.h"

static const char *const tiebreak_names[] = {
    [TB_BOOYAHS] = "booyahs",
    [TB_KILLS] = "kills",
    [TB_PLACEMENT_POINTS] = "placement_points",
    [TB_LAST_PLACEMENT] = "last_placement",
    [TB_AVG_PLACEMENT] = "avg_placement",
    [TB_BEST_MATCH] = "best_match",
    [TB_COUNTED_KILLS] = "counted_kills",
    [TB_COUNTBACK] = "countback",
};
#define NTIEBREAK_NAMES ((int)(sizeof tiebreak_names / sizeof tiebreak_names[0]))

/*
 * The presets: a placement table, 1 point per kill, no cap, no head start,
 * no Champion Rush, the FFWS tiebreakers. Each is named for what it holds
 * (the points only: a stored ruleset called "ffws" may well have Champion
 * Rush); the short names of earlier versions stay as aliases.
 */
static const struct {
	const char *name;  /* preset name */
	const char *alias; /* the name it had before */
	int placement[20]; /* its placement table */
	int nplacement;    /* entries used */
} presets[] = {
    {"ffws-points", "ffws", {12, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0}, 12},
    {"pubgm-points", "pubgm", {15, 12, 10, 8, 6, 4, 2, 1, 1, 1, 1, 1, 0, 0, 0, 0}, 16},
    {"algs-points", "algs", {12, 9, 7, 5, 4, 3, 3, 2, 2, 2, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0}, 20},
};
#define NPRESETS ((int)(sizeof presets / sizeof presets[0]))

/* The name of tiebreaker t, as written in a ruleset ("booyahs"). */
const char *
rules_tiebreak_name(enum tiebreak t)
{
	return (int)t >= 0 && (int)t < NTIEBREAK_NAMES ? tiebreak_names[t] : "?";
}

/*
 * Fill r with the preset called name (or its alias): its placement table,
 * 1 point per kill, no cap, no head start, no Champion Rush, the FFWS
 * tiebreakers; r is named by the preset's name. Returns 1, or 0 when there
 * is no such preset (r untouched). Free r with rules_free().
 */
int
rules_preset(const char *name, struct ruleset *r)
{
	for (int i = 0; i < NPRESETS; i++) {
		if (strcmp(presets[i].name, name) != 0 && strcmp(presets[i].alias, name) != 0)
			continue;
		memset(r, 0, sizeof *r);
		r->name = xstrdup(presets[i].name);
		memcpy(r->placement, presets[i].placement, sizeof presets[i].placement);
		r->nplacement = presets[i].nplacement;
		r->kill_points = 1;
		r->kill_cap = -1;
		r->tiebreak[0] = TB_BOOYAHS;
		r->tiebreak[1] = TB_KILLS;
		r->tiebreak[2] = TB_PLACEMENT_POINTS;
		r->tiebreak[3] = TB_LAST_PLACEMENT;
		r->ntiebreak = 4;
		return 1;
	}
	return 0;
}

/* The presets, for messages and help. */
const char rules_presets[] = "ffws-points (or ffws), pubgm-points (or pubgm), algs-points (or "
                             "algs): a placement table and 1 point per kill, nothing else";

/* Fill r with the defaults of a stage without a ruleset: the ffws-points preset. */
static void
rules_default(struct ruleset *r)
{
	rules_preset("ffws-points", r);
}

/* path joined with key: "ruleset.kill_cap", or key alone at the top. */
static char *
join(const char *path, const char *key)
{
	return path && *path ? xasprintf("%s.%s", path, key) : xstrdup(key);
}

/*
 * Set *err to "PATH: MESSAGE" (or MESSAGE at the top), control characters
 * (a key may hold them) shown as '?'; returns -1.
 */
static int
fail(char **err, const char *path, const char *msg)
{
	*err = path && *path ? xasprintf("%s: %s", path, msg) : xstrdup(msg);
	for (char *c = *err; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7F)
			*c = '?';
	return -1;
}

/*
 * Bounds that keep a team's total in an int. One match is worth at most
 * MAX_PLACE_POINTS + MAX_KILL_POINTS x 1,000 kills (the importer's bound,
 * and MAX_KILL_CAP's) = 101,000 points; a stage holds at most 10,000
 * matches (the importer's bound on match numbers), so 1,010,000,000, and
 * with a head start of MAX_HEADSTART 1,010,100,000 < 2^31 - 1.
 */
#define MAX_PLACE_POINTS 1000    /* points for one placement */
#define MAX_KILL_POINTS  100     /* points per kill */
#define MAX_KILL_CAP     1000    /* kills counted per team per match */
#define MAX_HEADSTART    100000  /* head-start points, either way */
#define MAX_RUSH         1000000 /* Champion Rush threshold */
#define MAX_RUSH_MATCHES 10000   /* matches Champion Rush can run over */
#define MAX_RANK         10000   /* the last rank of a zone */

/* Store v in *out if it is an integer in [min, max]: 0, or -1 with *err set (value_int). */
static int
integer(const cJSON *v, const char *path, int min, int max, int *out, char **err)
{
	char why[VALUE_WHY];
	struct value x = jsontext_value(v);
	return value_int(&x, min, max, out, why) == 0 ? 0 : fail(err, path, why);
}

/* 0 if v is of kind (an object or an array), else -1 with *err set (value_is). */
static int
kind(const cJSON *v, const char *path, enum value_kind k, char **err)
{
	char why[VALUE_WHY];
	struct value x = jsontext_value(v);
	return value_is(&x, k, why) == 0 ? 0 : fail(err, path, why);
}

/* -1 with *err set for key, which what (e.g. "a ruleset") does not have (keys are its own). */
static int
unknown(const char *path, const char *what, const char *const *keys, int nkeys, char **err)
{
	char why[VALUE_WHY];
	value_unknown_key(what, keys, nkeys, why);
	return fail(err, path, why);
}

static int
parse_placement(const cJSON *v, const char *path, struct ruleset *r, char **err)
{
	if (kind(v, path, VALUE_ARRAY, err) != 0)
		return -1;
	int n = cJSON_GetArraySize(v);
	if (n > RULES_MAX_PLACES)
		return fail(err, path, "more than 64 places");
	int i = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, v)
	{
		char *p = xasprintf("%s[%d]", path, i);
		int rc = integer(e, p, 0, MAX_PLACE_POINTS, &r->placement[i], err);
		free(p);
		if (rc != 0)
			return -1;
		i++;
	}
	r->nplacement = n;
	return 0;
}

static int
parse_headstart(const cJSON *v, const char *path, struct ruleset *r, char **err)
{
	if (cJSON_IsNull(v))
		return 0;
	if (kind(v, path, VALUE_OBJECT, err) != 0)
		return -1;
	const cJSON *e;
	cJSON_ArrayForEach(e, v)
	{
		char *p = join(path, e->string), why[VALUE_WHY];
		int pts, rc = 0;
		char *clean = name_clean(e->string);
		struct value key = {.kind = VALUE_STRING, .string = e->string};
		const char *name;
		if (*clean == '\0')
			rc = fail(err, p, value_empty);
		else if (value_name(&key, &name, why) != 0)
			rc = fail(err, p, why);
		else
			rc = integer(e, p, -MAX_HEADSTART, MAX_HEADSTART, &pts, err);
		for (int i = 0; rc == 0 && i < r->nheadstart; i++) {
			char *a = name_key(r->headstart[i].team), *b = name_key(clean);
			if (strcmp(a, b) == 0)
				rc = fail(err, p, "the team is listed twice");
			free(a);
			free(b);
		}
		free(p);
		if (rc != 0) {
			free(clean);
			return -1;
		}
		r->headstart =
		    xrealloc(r->headstart, (size_t)(r->nheadstart + 1) * sizeof *r->headstart);
		r->headstart[r->nheadstart] = (struct headstart){.team = clean, .points = pts};
		r->nheadstart++;
	}
	return 0;
}

static int
parse_rush(const cJSON *v, const char *path, struct ruleset *r, char **err)
{
	static const char *const keys[] = {"threshold", "max_matches"};
	if (cJSON_IsNull(v))
		return 0;
	if (kind(v, path, VALUE_OBJECT, err) != 0)
		return -1;
	int rc = 0, seen = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, v)
	{
		char *p = join(path, e->string);
		if (strcmp(e->string, "threshold") == 0) {
			seen = 1;
			rc = integer(e, p, 1, MAX_RUSH, &r->rush_threshold, err);
		} else if (strcmp(e->string, "max_matches") == 0) {
			if (!cJSON_IsNull(e))
				rc = integer(e, p, 1, MAX_RUSH_MATCHES, &r->rush_max_matches, err);
		} else
			rc = unknown(p, "champion_rush", keys, 2, err);
		free(p);
		if (rc != 0)
			return -1;
	}
	if (!seen) {
		char *p = join(path, "threshold");
		fail(err, p, value_missing);
		free(p);
		return -1;
	}
	return 0;
}

static int
parse_tiebreakers(const cJSON *v, const char *path, struct ruleset *r, char **err)
{
	if (kind(v, path, VALUE_ARRAY, err) != 0)
		return -1;
	int i = 0, rc = 0;
	const cJSON *e;
	r->ntiebreak = 0;
	cJSON_ArrayForEach(e, v)
	{
		char *p = xasprintf("%s[%d]", path, i++), why[VALUE_WHY];
		int t = 0;
		struct value x = jsontext_value(e);
		if (value_enum(&x, tiebreak_names, NTIEBREAK_NAMES, &t, why) != 0)
			rc = fail(err, p, why);
		for (int j = 0; rc == 0 && j < r->ntiebreak; j++)
			if (r->tiebreak[j] == (enum tiebreak)t)
				rc = fail(err, p, "the tiebreaker is listed twice");
		free(p);
		if (rc != 0)
			return -1;
		r->tiebreak[r->ntiebreak++] = (enum tiebreak)t;
	}
	return 0;
}

/* The string v, fit for a name and not empty, as a fresh name_clean() copy in *out: 0, or -1. */
static int
label(const cJSON *v, const char *path, char **out, char **err)
{
	char why[VALUE_WHY];
	const char *text;
	struct value x = jsontext_value(v);
	if (value_name(&x, &text, why) != 0)
		return fail(err, path, why);
	*out = name_clean(text);
	if (**out != '\0')
		return 0;
	free(*out);
	*out = NULL;
	return fail(err, path, value_empty);
}

/*
 * Sort object v's members into got[] by keys[] (all of them required),
 * failing on an unknown or missing key (what has the keys: "a zone").
 */
static int
fields(const cJSON *v, const char *path, const char *what, const char *const *keys, int nkeys,
       const cJSON **got, char **err)
{
	if (kind(v, path, VALUE_OBJECT, err) != 0)
		return -1;
	for (int i = 0; i < nkeys; i++)
		got[i] = NULL;
	const cJSON *e;
	cJSON_ArrayForEach(e, v)
	{
		int i = 0;
		while (i < nkeys && strcmp(keys[i], e->string) != 0)
			i++;
		if (i < nkeys) {
			got[i] = e;
			continue;
		}
		char *p = join(path, e->string);
		unknown(p, what, keys, nkeys, err);
		free(p);
		return -1;
	}
	for (int i = 0; i < nkeys; i++)
		if (got[i] == NULL) {
			char *p = join(path, keys[i]);
			fail(err, p, value_missing);
			free(p);
			return -1;
		}
	return 0;
}

static int
parse_zones(const cJSON *v, const char *path, struct ruleset *r, char **err)
{
	static const char *const keys[] = {"to", "label"};
	if (cJSON_IsNull(v))
		return 0;
	if (kind(v, path, VALUE_ARRAY, err) != 0)
		return -1;
	if (cJSON_GetArraySize(v) > RULES_MAX_PLACES)
		return fail(err, path, "more than 64 zones");
	int i = 0, rc = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, v)
	{
		char *p = xasprintf("%s[%d]", path, i++), *q = NULL;
		const cJSON *got[2];
		struct zone z = {0};
		rc = fields(e, p, "a zone", keys, 2, got, err);
		if (rc == 0) {
			q = join(p, "to");
			rc = integer(got[0], q, 1, MAX_RANK, &z.to, err);
		}
		if (rc == 0 && r->nzones > 0 && z.to <= r->zones[r->nzones - 1].to) {
			char msg[80];
			snprintf(msg, sizeof msg, "must be more than the zone before's %d, got %d",
			         r->zones[r->nzones - 1].to, z.to);
			rc = fail(err, q, msg);
		}
		free(q);
		if (rc == 0) {
			q = join(p, "label");
			rc = label(got[1], q, &z.label, err);
			free(q);
		}
		free(p);
		if (rc != 0)
			return -1;
		r->zones = xrealloc(r->zones, (size_t)(r->nzones + 1) * sizeof *r->zones);
		r->zones[r->nzones++] = z;
	}
	return 0;
}

static int
parse_headstart_from(const cJSON *v, const char *path, struct ruleset *r, char **err)
{
	static const char *const keys[] = {"stage", "by_rank"};
	const cJSON *got[2];
	if (cJSON_IsNull(v))
		return 0;
	if (fields(v, path, "headstart_from", keys, 2, got, err) != 0)
		return -1;
	char *p = join(path, "stage");
	int rc = label(got[0], p, &r->headstart_from, err);
	free(p);
	p = join(path, "by_rank");
	if (rc == 0)
		rc = kind(got[1], p, VALUE_ARRAY, err);
	int n = rc == 0 ? cJSON_GetArraySize(got[1]) : 0;
	if (rc == 0 && n == 0)
		rc = fail(err, p, value_empty);
	else if (rc == 0 && n > RULES_MAX_PLACES)
		rc = fail(err, p, "more than 64 places");
	if (rc == 0) {
		r->headstart_by_rank = xcalloc((size_t)n, sizeof *r->headstart_by_rank);
		int i = 0;
		const cJSON *e;
		cJSON_ArrayForEach(e, got[1])
		{
			char *q = xasprintf("%s[%d]", p, i);
			rc = integer(e, q, -MAX_HEADSTART, MAX_HEADSTART, &r->headstart_by_rank[i],
			             err);
			free(q);
			if (rc != 0)
				break;
			r->nheadstart_by_rank = ++i;
		}
	}
	free(p);
	return rc;
}

/*
 * Parse the ruleset object obj found at JSON path (e.g. "ruleset"; "" at
 * the top of a file) into r. Keys missing from obj keep the FFWS defaults,
 * but the name: a ruleset without one (or with null) is named "custom".
 * Returns 0, or -1 with *err set to "PATH: problem" (free() it) and r
 * empty. On success free r with rules_free().
 */
int
rules_parse(const cJSON *obj, const char *path, struct ruleset *r, char **err)
{
	static const char *const keys[] = {"name",       "placement_points", "kill_points",
	                                   "kill_cap",   "headstart",        "champion_rush",
	                                   "tiebreakers"};
	rules_default(r);
	free(r->name);
	r->name = NULL;
	*err = NULL;
	if (kind(obj, path, VALUE_OBJECT, err) != 0)
		goto bad;
	const cJSON *e;
	cJSON_ArrayForEach(e, obj)
	{
		char *p = join(path, e->string);
		int rc = 0;
		const char *k = e->string;
		if (strcmp(k, "name") == 0) {
			char why[VALUE_WHY];
			const char *name;
			struct value x = jsontext_value(e);
			free(r->name);
			r->name = NULL;
			if (!cJSON_IsNull(e) && value_name(&x, &name, why) != 0)
				rc = fail(err, p, why);
			else if (!cJSON_IsNull(e))
				r->name = xstrdup(name);
		} else if (strcmp(k, "placement_points") == 0)
			rc = parse_placement(e, p, r, err);
		else if (strcmp(k, "kill_points") == 0)
			rc = integer(e, p, 0, MAX_KILL_POINTS, &r->kill_points, err);
		else if (strcmp(k, "kill_cap") == 0) {
			r->kill_cap = -1;
			if (!cJSON_IsNull(e))
				rc = integer(e, p, 0, MAX_KILL_CAP, &r->kill_cap, err);
		} else if (strcmp(k, "headstart") == 0)
			rc = parse_headstart(e, p, r, err);
		else if (strcmp(k, "champion_rush") == 0)
			rc = parse_rush(e, p, r, err);
		else if (strcmp(k, "tiebreakers") == 0)
			rc = parse_tiebreakers(e, p, r, err);
		else if (strcmp(k, "zones") == 0)
			rc = parse_zones(e, p, r, err);
		else if (strcmp(k, "zones_per_group") == 0) {
			char why[VALUE_WHY];
			struct value x = jsontext_value(e);
			if (value_bool(&x, &r->zones_per_group, why) != 0)
				rc = fail(err, p, why);
		} else if (strcmp(k, "headstart_from") == 0)
			rc = parse_headstart_from(e, p, r, err);
		else
			rc =
			    unknown(p, "a ruleset", keys, (int)(sizeof keys / sizeof keys[0]), err);
		free(p);
		if (rc != 0)
			goto bad;
	}
	if (r->name == NULL)
		r->name = xstrdup("custom");
	return 0;
bad:
	rules_free(r);
	return -1;
}

/*
 * Read a ruleset object from file, its text checked as a match file's is
 * (jsontext_parse). by_file: a ruleset without a name is named after the
 * file rather than "custom". Returns 0, or -1 with *err set to a message
 * that starts with the file name (free() it).
 */
static int
load(const char *file, int by_file, struct ruleset *r, char **err)
{
	struct buf b = {0};
	char chunk[8192], *msg = NULL;
	size_t n;
	int rc = -1;
	cJSON *root = NULL;
	memset(r, 0, sizeof *r);
	FILE *fp = fopen(file, "rb");
	if (fp == NULL) {
		*err = xasprintf("%s: cannot open: %s", file, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_put(&b, chunk, n);
	int bad = ferror(fp);
	fclose(fp);
	if (bad) {
		*err = xasprintf("%s: cannot read", file);
		goto out;
	}
	root = jsontext_parse(b.data, b.len, "a ruleset object", &msg);
	if (root == NULL || rules_parse(root, "", r, &msg) != 0) {
		*err = xasprintf("%s: %s", file, msg);
		goto out;
	}
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(root, "name");
	if (by_file && (name == NULL || cJSON_IsNull(name))) {
		free(r->name);
		r->name = xstrdup(file);
	}
	rc = 0;
out:
	free(msg);
	cJSON_Delete(root);
	buf_free(&b);
	return rc;
}

/*
 * Read a ruleset object from file; one without a name is named "custom".
 * Returns 0, or -1 with *err set to a message that starts with the file
 * name (free() it).
 */
int
rules_load(const char *file, struct ruleset *r, char **err)
{
	return load(file, 0, r, err);
}

/*
 * The ruleset arg names: a preset's name, else a ruleset file (named after
 * the file when it has no name of its own). Returns 0, or -1 with *err set
 * (free() it).
 */
int
rules_named(const char *arg, struct ruleset *r, char **err)
{
	*err = NULL;
	if (rules_preset(arg, r))
		return 0;
	if (strchr(arg, '/') == NULL && strchr(arg, '.') == NULL && access(arg, F_OK) != 0) {
		*err = xasprintf("no preset or file named '%s' (presets: %s)", arg, rules_presets);
		return -1;
	}
	return load(arg, 1, r, err);
}

/*
 * Append the head starts stored for stage (table headstart) to r, each
 * named by its team's name and carrying its id, by points then name.
 * Returns 0, or -1 with *err set (free() it).
 */
static int
stored_headstarts(sqlite3 *db, int64_t stage, struct ruleset *r, char **err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT t.name, h.team_id, h.points FROM headstart h"
	                                  " JOIN team t ON t.id = h.team_id WHERE h.stage_id = ?1"
	                                  " ORDER BY h.points DESC, t.name");
	int rc;
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, stage);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r->headstart =
		    xrealloc(r->headstart, (size_t)(r->nheadstart + 1) * sizeof *r->headstart);
		r->headstart[r->nheadstart++] = (struct headstart){
		    .team = db_text(st, 0),
		    .team_id = sqlite3_column_int64(st, 1),
		    .points = sqlite3_column_int(st, 2),
		};
	}
	if (db_end(db, st, rc) == 0)
		return 0;
fail:
	*err = xstrdup(db_error());
	return -1;
}

/*
 * The ruleset stage is scored by: its stored one with its head starts (by
 * team, stored_headstarts), or the FFWS defaults when it has none. Returns
 * 0, or -1 with *err set (free() it) and r empty: the stage is missing,
 * its stored ruleset does not parse, or the database cannot be read.
 */
int
rules_for_stage(sqlite3 *db, int64_t stage, struct ruleset *r, char **err)
{
	int rc = -1;
	memset(r, 0, sizeof *r);
	*err = NULL;
	sqlite3_stmt *st = db_prepare(db, "SELECT ruleset, name FROM stage WHERE id = ?1");
	if (st == NULL) {
		*err = xstrdup(db_error());
		return -1;
	}
	sqlite3_bind_int64(st, 1, stage);
	int step = sqlite3_step(st);
	if (step != SQLITE_ROW) {
		*err = step == SQLITE_DONE ? xasprintf("no stage with id %lld", (long long)stage)
		                           : (db_error_set(db), xstrdup(db_error()));
		goto out;
	}
	const char *text = (const char *)sqlite3_column_text(st, 0);
	if (text == NULL) {
		rules_default(r);
		rc = 0;
		goto out;
	}
	cJSON *root = cJSON_Parse(text);
	char *msg = NULL;
	if (root == NULL)
		*err = xasprintf("stage '%s': its stored ruleset is not valid JSON",
		                 sqlite3_column_text(st, 1));
	else if (rules_parse(root, "ruleset", r, &msg) != 0)
		*err = xasprintf("stage '%s': %s", sqlite3_column_text(st, 1), msg);
	else if (stored_headstarts(db, stage, r, err) != 0)
		rules_free(r);
	else
		rc = 0;
	free(msg);
	cJSON_Delete(root);
out:
	sqlite3_finalize(st);
	return rc;
}

/*
 * Store r's head starts as stage's, replacing the ones it had, within the
 * caller's transaction. A head start names its team as an import does (by
 * name_key(), teamkey_id; rules_parse has refused two names with one key);
 * a team no row has yet is created, and made[i]
 * set to 1 for it (made: NULL, or r->nheadstart flags the caller cleared).
 * Returns the number of teams created, or -1 on a database error
 * (sqlite3_errmsg tells).
 */
int
rules_store_headstarts(sqlite3 *db, int64_t stage, const struct ruleset *r, char *made)
{
	sqlite3_stmt *del = db_prepare(db, "DELETE FROM headstart WHERE stage_id = ?1");
	sqlite3_stmt *add = db_prepare(db, "INSERT INTO headstart (stage_id, team_id, points)"
	                                   " VALUES (?1, ?2, ?3)");
	int created = del && add ? 0 : -1;
	sqlite3_bind_int64(del, 1, stage);
	if (created == 0 && sqlite3_step(del) != SQLITE_DONE)
		created = -1;
	for (int i = 0; created >= 0 && i < r->nheadstart; i++) {
		int64_t id;
		int rc = teamkey_id(db, r->headstart[i].team, &id);
		if (rc < 0) {
			created = -1;
			break;
		}
		if (rc == 2) {
			created++;
			if (made)
				made[i] = 1;
		}
		sqlite3_bind_int64(add, 1, stage);
		sqlite3_bind_int64(add, 2, id);
		sqlite3_bind_int(add, 3, r->headstart[i].points);
		if (sqlite3_step(add) != SQLITE_DONE)
			created = -1;
		sqlite3_reset(add);
	}
	sqlite3_finalize(del);
	sqlite3_finalize(add);
	return created;
}

/*
 * Points a team earns for one match: placement points from the table (0
 * beyond it) and kill points (kills capped by the ruleset's cap). Stores
 * both parts when the pointers are non-NULL; returns their sum.
 */
int
rules_match_points(const struct ruleset *r, int placement, int kills, int *place_pts, int *kill_pts)
{
	int pp = placement >= 1 && placement <= r->nplacement ? r->placement[placement - 1] : 0;
	if (r->kill_cap >= 0 && kills > r->kill_cap)
		kills = r->kill_cap;
	int kp = kills * r->kill_points;
	if (place_pts)
		*place_pts = pp;
	if (kill_pts)
		*kill_pts = kp;
	return pp + kp;
}

/* Append r as a match JSON v1 ruleset object, which rules_parse reads back. */
void
rules_json(const struct ruleset *r, struct buf *out)
{
	buf_puts(out, "{\"name\":");
	if (r->name)
		buf_json_str(out, r->name);
	else
		buf_puts(out, "null");
	buf_puts(out, ",\"placement_points\":[");
	for (int i = 0; i < r->nplacement; i++)
		buf_printf(out, "%s%d", i ? "," : "", r->placement[i]);
	buf_printf(out, "],\"kill_points\":%d,\"kill_cap\":", r->kill_points);
	if (r->kill_cap >= 0)
		buf_printf(out, "%d", r->kill_cap);
	else
		buf_puts(out, "null");
	buf_puts(out, ",\"headstart\":{");
	for (int i = 0; i < r->nheadstart; i++) {
		if (i)
			buf_putc(out, ',');
		buf_json_str(out, r->headstart[i].team);
		buf_printf(out, ":%d", r->headstart[i].points);
	}
	buf_puts(out, "},\"champion_rush\":");
	if (r->rush_threshold > 0) {
		buf_printf(out, "{\"threshold\":%d,\"max_matches\":", r->rush_threshold);
		if (r->rush_max_matches > 0)
			buf_printf(out, "%d}", r->rush_max_matches);
		else
			buf_puts(out, "null}");
	} else
		buf_puts(out, "null");
	buf_puts(out, ",\"tiebreakers\":[");
	for (int i = 0; i < r->ntiebreak; i++) {
		if (i)
			buf_putc(out, ',');
		buf_json_str(out, rules_tiebreak_name(r->tiebreak[i]));
	}
	buf_putc(out, ']');
	for (int i = 0; i < r->nzones; i++) {
		buf_puts(out, i ? ",{\"to\":" : ",\"zones\":[{\"to\":");
		buf_printf(out, "%d,\"label\":", r->zones[i].to);
		buf_json_str(out, r->zones[i].label);
		buf_puts(out, i + 1 < r->nzones ? "}" : "}]");
	}
	if (r->zones_per_group)
		buf_puts(out, ",\"zones_per_group\":true");
	if (r->headstart_from) {
		buf_puts(out, ",\"headstart_from\":{\"stage\":");
		buf_json_str(out, r->headstart_from);
		buf_puts(out, ",\"by_rank\":[");
		for (int i = 0; i < r->nheadstart_by_rank; i++)
			buf_printf(out, "%s%d", i ? "," : "", r->headstart_by_rank[i]);
		buf_puts(out, "]}");
	}
	buf_putc(out, '}');
}

/* The zones as "1-12 Second Stage, 13-14 Relegated", "" for none. The caller frees it. */
char *
rules_zones_text(const struct ruleset *r)
{
	struct buf b = {0};
	for (int i = 0; i < r->nzones; i++) {
		int from = i ? r->zones[i - 1].to + 1 : 1;
		buf_printf(&b, "%s%d", i ? ", " : "", from);
		if (r->zones[i].to > from)
			buf_printf(&b, "-%d", r->zones[i].to);
		buf_printf(&b, " %s", r->zones[i].label);
	}
	return buf_detach(&b, NULL);
}

/* The head start taken from another stage as "Point Rush: 10,8,6", "" for none. Free it. */
char *
rules_carry_text(const struct ruleset *r)
{
	struct buf b = {0};
	if (r->headstart_from) {
		buf_printf(&b, "%s: ", r->headstart_from);
		for (int i = 0; i < r->nheadstart_by_rank; i++)
			buf_printf(&b, "%s%d", i ? "," : "", r->headstart_by_rank[i]);
	}
	return buf_detach(&b, NULL);
}

/* The placement table as "[12,9,...]" without its trailing zeros (places beyond score 0). */
static char *
table_text(const struct ruleset *r)
{
	int n = r->nplacement;
	while (n > 0 && r->placement[n - 1] == 0)
		n--;
	struct buf b = {0};
	buf_putc(&b, '[');
	for (int i = 0; i < n; i++)
		buf_printf(&b, "%s%d", i ? "," : "", r->placement[i]);
	buf_putc(&b, ']');
	return buf_detach(&b, NULL);
}

/* The tiebreakers as "[booyahs,kills,...]". The caller frees it. */
static char *
tiebreakers_text(const struct ruleset *r)
{
	struct buf b = {0};
	buf_putc(&b, '[');
	for (int i = 0; i < r->ntiebreak; i++)
		buf_printf(&b, "%s%s", i ? "," : "", rules_tiebreak_name(r->tiebreak[i]));
	buf_putc(&b, ']');
	return buf_detach(&b, NULL);
}

/* n as text, or "null" when it is below min (no cap, no Champion Rush). */
static const char *
num_text(int n, int min, char *out, size_t size)
{
	if (n < min)
		return "null";
	snprintf(out, size, "%d", n);
	return out;
}

/* The head-start points r gives team (by name_key), or INT_MIN when none. */
static int
headstart_of(const struct ruleset *r, const char *team)
{
	char *key = name_key(team);
	int pts = INT_MIN;
	for (int i = 0; pts == INT_MIN && i < r->nheadstart; i++) {
		char *k = name_key(r->headstart[i].team);
		if (strcmp(k, key) == 0)
			pts = r->headstart[i].points;
		free(k);
	}
	free(key);
	return pts;
}

/* "FIELD: A, OTHER B" with the head start difference of team, or NULL when none. */
static char *
headstart_diff(const struct ruleset *a, const struct ruleset *b, const char *team,
               const char *other)
{
	int x = headstart_of(a, team), y = headstart_of(b, team);
	if (x == y)
		return NULL;
	char s[16] = "none", t[16] = "none";
	if (x != INT_MIN)
		snprintf(s, sizeof s, "%d", x);
	if (y != INT_MIN)
		snprintf(t, sizeof t, "%d", y);
	return xasprintf("headstart.%s: %s, %s %s", team, s, other, t);
}

/*
 * The first difference in meaning between rulesets a and b: NULL when they
 * score alike and carry the same name, else "FIELD: A, OTHER B"
 * ("kill_points: 2, stored 1", other labelling b). Head starts compare by
 * team key in any order, placement tables without their trailing zeros.
 * The caller frees it.
 */
char *
rules_diff(const struct ruleset *a, const struct ruleset *b, const char *other)
{
	char s[16], t[16], *x, *y, *d = NULL;
	const char *an = a->name ? a->name : "null", *bn = b->name ? b->name : "null";
	if (strcmp(an, bn) != 0)
		return xasprintf("name: %s, %s %s", an, other, bn);
	x = table_text(a), y = table_text(b);
	if (strcmp(x, y) != 0)
		d = xasprintf("placement_points: %s, %s %s", x, other, y);
	free(x), free(y);
	if (d)
		return d;
	if (a->kill_points != b->kill_points)
		return xasprintf("kill_points: %d, %s %d", a->kill_points, other, b->kill_points);
	if ((a->kill_cap < 0 ? -1 : a->kill_cap) != (b->kill_cap < 0 ? -1 : b->kill_cap))
		return xasprintf("kill_cap: %s, %s %s", num_text(a->kill_cap, 0, s, 16), other,
		                 num_text(b->kill_cap, 0, t, 16));
	for (int i = 0; d == NULL && i < a->nheadstart; i++)
		d = headstart_diff(a, b, a->headstart[i].team, other);
	for (int i = 0; d == NULL && i < b->nheadstart; i++)
		d = headstart_diff(a, b, b->headstart[i].team, other);
	if (d)
		return d;
	if ((a->rush_threshold > 0 ? a->rush_threshold : 0) !=
	    (b->rush_threshold > 0 ? b->rush_threshold : 0))
		return xasprintf("champion_rush.threshold: %s, %s %s",
		                 num_text(a->rush_threshold, 1, s, 16), other,
		                 num_text(b->rush_threshold, 1, t, 16));
	if (a->rush_threshold > 0 && (a->rush_max_matches > 0 ? a->rush_max_matches : 0) !=
	                                 (b->rush_max_matches > 0 ? b->rush_max_matches : 0))
		return xasprintf("champion_rush.max_matches: %s, %s %s",
		                 num_text(a->rush_max_matches, 1, s, 16), other,
		                 num_text(b->rush_max_matches, 1, t, 16));
	x = tiebreakers_text(a), y = tiebreakers_text(b);
	if (strcmp(x, y) != 0)
		d = xasprintf("tiebreakers: %s, %s %s", x, other, y);
	free(x), free(y);
	if (d)
		return d;
	x = rules_zones_text(a), y = rules_zones_text(b);
	if (strcmp(x, y) != 0)
		d = xasprintf("zones: %s, %s %s", *x ? x : "none", other, *y ? y : "none");
	free(x), free(y);
	if (d)
		return d;
	if (a->zones_per_group != b->zones_per_group)
		return xasprintf("zones_per_group: %s, %s %s",
		                 a->zones_per_group ? "true" : "false", other,
		                 b->zones_per_group ? "true" : "false");
	/* the stage by its slug, as the importer finds it */
	char *sa = slugify(a->headstart_from ? a->headstart_from : "");
	char *sb = slugify(b->headstart_from ? b->headstart_from : "");
	int same = strcmp(sa, sb) == 0 && a->nheadstart_by_rank == b->nheadstart_by_rank;
	for (int i = 0; same && i < a->nheadstart_by_rank; i++)
		same = a->headstart_by_rank[i] == b->headstart_by_rank[i];
	free(sa), free(sb);
	if (same)
		return NULL;
	x = rules_carry_text(a), y = rules_carry_text(b);
	d = xasprintf("headstart_from: %s, %s %s", *x ? x : "none", other, *y ? y : "none");
	free(x), free(y);
	return d;
}

/* Fill dst with a deep copy of src; free it with rules_free(). */
void
rules_copy(struct ruleset *dst, const struct ruleset *src)
{
	*dst = *src;
	dst->name = src->name ? xstrdup(src->name) : NULL;
	dst->headstart =
	    xcalloc((size_t)(src->nheadstart ? src->nheadstart : 1), sizeof *dst->headstart);
	for (int i = 0; i < src->nheadstart; i++) {
		dst->headstart[i] = src->headstart[i];
		dst->headstart[i].team = xstrdup(src->headstart[i].team);
	}
	dst->zones = xcalloc((size_t)(src->nzones ? src->nzones : 1), sizeof *dst->zones);
	for (int i = 0; i < src->nzones; i++) {
		dst->zones[i].to = src->zones[i].to;
		dst->zones[i].label = xstrdup(src->zones[i].label);
	}
	dst->headstart_from = src->headstart_from ? xstrdup(src->headstart_from) : NULL;
	dst->headstart_by_rank =
	    xcalloc((size_t)(src->nheadstart_by_rank ? src->nheadstart_by_rank : 1),
	            sizeof *dst->headstart_by_rank);
	for (int i = 0; i < src->nheadstart_by_rank; i++)
		dst->headstart_by_rank[i] = src->headstart_by_rank[i];
}

/* Free what r holds (not r itself) and leave it empty. */
void
rules_free(struct ruleset *r)
{
	free(r->name);
	for (int i = 0; i < r->nheadstart; i++)
		free(r->headstart[i].team);
	free(r->headstart);
	for (int i = 0; i < r->nzones; i++)
		free(r->zones[i].label);
	free(r->zones);
	free(r->headstart_from);
	free(r->headstart_by_rank);
	memset(r, 0, sizeof *r);
}
