/*
 * json.c: the match JSON v1 reader. A document is checked byte by byte
 * (UTF-8, JSON syntax, nothing after the value, jsontext.c), then every
 * member is validated (types, ranges, required and unknown keys, value.c's
 * wording) into a struct doc without touching the database; messages name
 * the JSON path. doc_import (doc.c) stores a document without errors.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "import.h"
#include "json.h"
#include "jsontext.h"
#include "rules.h"
#include "util.h"
#include "value.h"

/*
 * Where match m, result r, player entry p and key are in the document, as a
 * JSON path: "matches[3].results[7].kills" in a stage file, "[3].match" in
 * an array of matches, "results[7]" in a single match object.
 */
static void
json_locate(const struct doc *d, int m, int r, int p, const char *key, struct buf *b)
{
	size_t path = b->len;
	if (m >= 0 && d->kind == DOC_STAGE_FILE)
		buf_printf(b, "matches[%d]", m);
	else if (m >= 0 && d->kind == DOC_MATCH_ARRAY)
		buf_printf(b, "[%d]", m);
	if (r >= 0)
		buf_printf(b, "%sresults[%d]", b->len > path ? "." : "", r);
	if (p >= 0)
		buf_printf(b, ".players[%d]", p);
	if (key)
		buf_printf(b, "%s%.60s", b->len > path ? "." : "", key);
}

/* Report why at match m, result r, player entry p, key: -1. */
static int
bad_value(struct doc *d, int m, int r, int p, const char *key, const char *why)
{
	doc_report(d, 0, m, r, p, key, "%s", why);
	return -1;
}

/* Store v in *out if it is an integer in [min, max]: 0, or -1 reported. */
static int
int_value(struct doc *d, int m, int r, int p, const char *key, const cJSON *v, int min, int max,
          int *out)
{
	char why[VALUE_WHY];
	struct value x = jsontext_value(v);
	return value_int(&x, min, max, out, why) == 0 ? 0 : bad_value(d, m, r, p, key, why);
}

/* An optional integer in [min, max]: -1 in *out when absent or null; 0, or -1 reported. */
static int
opt_int(struct doc *d, int m, int r, int p, const char *key, const cJSON *v, int min, int max,
        int *out)
{
	*out = -1;
	if (v == NULL || cJSON_IsNull(v))
		return 0;
	return int_value(d, m, r, p, key, v, min, max, out);
}

/* Store v's text in *out if it is a string fit for a free text (value_text): 0, or -1 reported. */
static int
text_value(struct doc *d, int m, int r, int p, const char *key, const cJSON *v, const char **out)
{
	char why[VALUE_WHY];
	struct value x = jsontext_value(v);
	return value_text(&x, out, why) == 0 ? 0 : bad_value(d, m, r, p, key, why);
}

/* Store v's text in *out if it is a string fit for a name (value_name): 0, or -1 reported. */
static int
name_value(struct doc *d, int m, int r, int p, const char *key, const cJSON *v, const char **out)
{
	char why[VALUE_WHY];
	struct value x = jsontext_value(v);
	return value_name(&x, out, why) == 0 ? 0 : bad_value(d, m, r, p, key, why);
}

/* 0 if v is an object (kind VALUE_OBJECT) or an array (VALUE_ARRAY), else -1 reported. */
static int
want(struct doc *d, int m, int r, int p, const char *key, const cJSON *v, enum value_kind kind)
{
	char why[VALUE_WHY];
	struct value x = jsontext_value(v);
	return value_is(&x, kind, why) == 0 ? 0 : bad_value(d, m, r, p, key, why);
}

/* 1 if text holds nothing but white space. */
static int
blank(const char *text)
{
	while (*text && isspace((unsigned char)*text))
		text++;
	return *text == '\0';
}

/* "PREFIX.KEY" in out (n bytes), or KEY alone when prefix is NULL; returns out. */
static const char *
at(char *out, size_t n, const char *prefix, const char *key)
{
	if (prefix)
		snprintf(out, n, "%s.%.60s", prefix, key);
	else
		snprintf(out, n, "%.60s", key);
	return out;
}

/*
 * Sort obj's members into got[i] by keys[i]; every one of the nreq first
 * keys is required (jsontext_parse has refused keys given twice). Reports
 * unknown keys (what has the keys: "a result") and missing ones, at
 * "PREFIX.KEY" when prefix is not NULL, and returns their number.
 */
static int
members(struct doc *d, int m, int r, int p, const char *prefix, const cJSON *obj,
        const char *const *keys, int nkeys, int nreq, const cJSON **got, const char *what)
{
	char key[128];
	int bad = 0;
	for (int i = 0; i < nkeys; i++)
		got[i] = NULL;
	for (const cJSON *k = obj->child; k; k = k->next) {
		int i = 0;
		while (i < nkeys && strcmp(k->string, keys[i]) != 0)
			i++;
		if (i == nkeys) {
			char why[VALUE_WHY];
			value_unknown_key(what, keys, nkeys, why);
			bad_value(d, m, r, p, at(key, sizeof key, prefix, k->string), why);
			bad++;
		} else
			got[i] = k;
	}
	for (int i = 0; i < nreq; i++)
		if (got[i] == NULL) {
			bad_value(d, m, r, p, at(key, sizeof key, prefix, keys[i]), value_missing);
			bad++;
		}
	return bad;
}

/* Validate player entry p of result r of match m into *out: 0, or -1 reported. */
static int
parse_player(struct doc *d, int m, int r, int p, const cJSON *v, struct doc_player *out)
{
	static const char *const keys[] = {"name", "kills", "damage", "assists", "mvp"};
	const cJSON *got[5];
	const char *name = NULL;
	int bad = 0;
	if (want(d, m, r, p, NULL, v, VALUE_OBJECT) != 0)
		return -1;
	bad |= members(d, m, r, p, NULL, v, keys, 5, 2, got, "a player") != 0;
	if (got[0] && name_value(d, m, r, p, "name", got[0], &name) == 0)
		bad |= (out->spell = doc_player(d, m, r, p, "name", name)) < 0;
	if (got[1])
		bad |= int_value(d, m, r, p, "kills", got[1], 0, MAX_KILLS, &out->kills) != 0;
	bad |= opt_int(d, m, r, p, "damage", got[2], 0, MAX_DAMAGE, &out->damage) != 0;
	bad |= opt_int(d, m, r, p, "assists", got[3], 0, MAX_ASSISTS, &out->assists) != 0;
	bad |= opt_int(d, m, r, p, "mvp", got[4], 0, MAX_MVP, &out->mvp) != 0;
	return bad ? -1 : 0;
}

/* Validate result r of match m into *out: 0, or -1 reported. */
static int
parse_result(struct doc *d, int m, int r, const cJSON *v, struct doc_result *out)
{
	static const char *const keys[] = {"team", "placement", "kills", "players", "status"};
	static const char *const status[] = {
	    [DOC_PLAYED] = "played", [DOC_DQ] = "dq", [DOC_FORFEIT] = "forfeit"};
	const cJSON *got[5];
	int bad = 0, st = DOC_PLAYED;
	if (want(d, m, r, -1, NULL, v, VALUE_OBJECT) != 0)
		return -1;
	bad |= members(d, m, r, -1, NULL, v, keys, 5, 1, got, "a result") != 0;
	if (got[4] && !cJSON_IsNull(got[4])) {
		char why[VALUE_WHY];
		struct value x = jsontext_value(got[4]);
		if (value_enum(&x, status, 3, &st, why) != 0)
			bad |= bad_value(d, m, r, -1, "status", why) != 0;
	}
	out->status = (enum doc_status)st;
	if (got[0] && name_value(d, m, r, -1, "team", got[0], &out->team) == 0)
		bad |= (out->spell = doc_team(d, m, r, out->team)) < 0;
	/* placement and kills: required when the team played, else optional */
	if (st != DOC_PLAYED) {
		bad |= opt_int(d, m, r, -1, "placement", got[1], 1, MAX_PLACEMENT,
		               &out->placement) != 0;
		bad |= opt_int(d, m, r, -1, "kills", got[2], 0, MAX_KILLS, &out->kills) != 0;
	} else {
		for (int k = 1; k <= 2; k++)
			if (got[k] == NULL)
				bad |= bad_value(d, m, r, -1, keys[k], value_missing) != 0;
		if (got[1])
			bad |= int_value(d, m, r, -1, "placement", got[1], 1, MAX_PLACEMENT,
			                 &out->placement) != 0;
		if (got[2])
			bad |=
			    int_value(d, m, r, -1, "kills", got[2], 0, MAX_KILLS, &out->kills) != 0;
	}
	if (got[3] && !cJSON_IsNull(got[3])) {
		if (want(d, m, r, -1, "players", got[3], VALUE_ARRAY) != 0)
			return -1;
		int n = cJSON_GetArraySize(got[3]), p = 0;
		out->players = xcalloc((size_t)n, sizeof *out->players);
		for (const cJSON *e = got[3]->child; e; e = e->next, p++)
			bad |= parse_player(d, m, r, p, e, &out->players[p]) != 0;
		out->nplayers = n;
	}
	return bad ? -1 : 0;
}

/*
 * Validate match object v, the m-th of the document, into d->matches[m].
 * standalone: it carries its tournament and stage. 0, or -1 reported.
 */
static int
parse_match(struct doc *d, int m, const cJSON *v, int standalone)
{
	static const char *const keys[] = {"tournament", "stage", "match",     "results",
	                                   "map",        "day",   "played_at", "void"};
	const cJSON *all[8], **got = all + 2;
	struct doc_match *out = &d->matches[m];
	const char *t = NULL, *s = NULL, *str = NULL;
	char why[VALUE_WHY];
	int bad = 0;
	out->day = -1;
	if (want(d, m, -1, -1, NULL, v, VALUE_OBJECT) != 0)
		return -1;
	bad |= members(d, m, -1, -1, NULL, v, standalone ? keys : keys + 2, standalone ? 8 : 6,
	               standalone ? 4 : 2, standalone ? all : got, "a match") != 0;
	if (standalone) {
		if (all[0] && all[1] && name_value(d, m, -1, -1, "tournament", all[0], &t) == 0 &&
		    name_value(d, m, -1, -1, "stage", all[1], &s) == 0) {
			out->stage = doc_stage(d, m, t, s);
			bad |= out->stage < 0;
		} else
			bad = 1;
	}
	if (got[0])
		bad |= int_value(d, m, -1, -1, "match", got[0], 1, MAX_MATCH, &out->number) != 0;
	/* a map absent, null or "" is unknown */
	if (got[2] && !cJSON_IsNull(got[2]) && name_value(d, m, -1, -1, "map", got[2], &str) == 0) {
		out->map = name_clean(str);
		if (*out->map == '\0') {
			free(out->map);
			out->map = NULL;
		}
	} else if (got[2] && !cJSON_IsNull(got[2]))
		bad = 1;
	bad |= opt_int(d, m, -1, -1, "day", got[3], 1, MAX_DAY, &out->day) != 0;
	if (got[4] && !cJSON_IsNull(got[4])) {
		struct value x = jsontext_value(got[4]);
		if (value_datetime(&x, &out->played_at, why) != 0)
			bad |= bad_value(d, m, -1, -1, "played_at", why) != 0;
	}
	if (got[5] && !cJSON_IsNull(got[5])) {
		if (text_value(d, m, -1, -1, "void", got[5], &out->voided) != 0)
			bad = 1;
		else if (blank(out->voided))
			bad |=
			    bad_value(d, m, -1, -1, "void",
			              "must not be empty: it says why the match was annulled") != 0;
	}
	if (got[1] && want(d, m, -1, -1, "results", got[1], VALUE_ARRAY) == 0) {
		int n = cJSON_GetArraySize(got[1]), r = 0;
		if (n == 0 && out->voided == NULL)
			bad |= bad_value(d, m, -1, -1, "results",
			                 "must not be empty: a match has one result per team") != 0;
		out->results = xcalloc((size_t)(n ? n : 1), sizeof *out->results);
		for (const cJSON *e = got[1]->child; e; e = e->next, r++)
			bad |= parse_result(d, m, r, e, &out->results[r]) != 0;
		out->nresults = n;
	}
	return bad ? -1 : 0;
}

/* Validate adjustment i of the stage file (v) into *a: 0, or -1 reported. */
static int
parse_adjustment(struct doc *d, int i, const cJSON *v, struct doc_adjustment *a)
{
	static const char *const keys[] = {"team", "points", "after_match", "reason"};
	const cJSON *got[4];
	char pre[32], key[128];
	snprintf(pre, sizeof pre, "adjustments[%d]", i);
	if (want(d, -1, -1, -1, pre, v, VALUE_OBJECT) != 0)
		return -1;
	int bad = members(d, -1, -1, -1, pre, v, keys, 4, 4, got, "an adjustment") != 0;
	if (got[0] &&
	    name_value(d, -1, -1, -1, at(key, sizeof key, pre, "team"), got[0], &a->team) == 0)
		bad |= (a->spell = doc_name(d, key, a->team)) < 0;
	if (got[1] &&
	    int_value(d, -1, -1, -1, at(key, sizeof key, pre, "points"), got[1], -MAX_ADJUST,
	              MAX_ADJUST, &a->points) == 0 &&
	    a->points == 0)
		bad |= bad_value(d, -1, -1, -1, key,
		                 "must not be 0: an adjustment adds or takes points") != 0;
	if (got[2])
		bad |= int_value(d, -1, -1, -1, at(key, sizeof key, pre, "after_match"), got[2], 0,
		                 MAX_MATCH, &a->after_match) != 0;
	if (got[3] &&
	    text_value(d, -1, -1, -1, at(key, sizeof key, pre, "reason"), got[3], &a->reason) ==
	        0 &&
	    blank(a->reason))
		bad |= bad_value(d, -1, -1, -1, key, value_empty) != 0;
	return bad || a->points == 0 || a->reason == NULL ? -1 : 0;
}

/*
 * Add team (a name value at key) to stage 0's declared roster, in group
 * (or NULL): a team already there takes the group; one given twice in
 * teams, or in two groups, is an error. 0, or -1 reported.
 */
static int
roster_add(struct doc *d, const char *key, const cJSON *v, const char *group)
{
	struct doc_stage *g = &d->stages[0];
	const char *team;
	int sp;
	if (name_value(d, -1, -1, -1, key, v, &team) != 0 || (sp = doc_name(d, key, team)) < 0)
		return -1;
	int e = d->teams.sps[sp].entity, i = 0;
	while (i < g->nroster && d->teams.sps[g->roster[i].spell].entity != e)
		i++;
	if (i < g->nroster) {
		const struct doc_member *was = &g->roster[i];
		if (group == NULL || was->group)
			return bad_value(d, -1, -1, -1, key,
			                 was->group ? "the team is in another group already"
			                            : "the team is listed twice");
		g->roster[i].group = group;
		return 0;
	}
	g->roster = xrealloc(g->roster, (size_t)(g->nroster + 1) * sizeof *g->roster);
	g->roster[g->nroster++] = (struct doc_member){team, sp, group};
	return 0;
}

/*
 * Validate the stage file's teams (array of names) and groups (object of
 * group name to array of names) into stage 0's declared roster: 0, or -1
 * reported.
 */
static int
parse_roster(struct doc *d, const cJSON *teams, const cJSON *groups)
{
	char key[128];
	int bad = 0, i = 0;
	d->stages[0].has_roster = 1;
	if (teams && want(d, -1, -1, -1, "teams", teams, VALUE_ARRAY) != 0)
		bad = 1;
	else if (teams)
		for (const cJSON *e = teams->child; e; e = e->next, i++) {
			snprintf(key, sizeof key, "teams[%d]", i);
			bad |= roster_add(d, key, e, NULL) != 0;
		}
	if (groups && want(d, -1, -1, -1, "groups", groups, VALUE_OBJECT) != 0)
		return -1;
	for (const cJSON *grp = groups ? groups->child : NULL; grp; grp = grp->next) {
		char why[VALUE_WHY];
		const char *name;
		struct value x = {.kind = VALUE_STRING, .string = grp->string};
		at(key, sizeof key, "groups", grp->string);
		if (value_name(&x, &name, why) != 0) {
			bad |= bad_value(d, -1, -1, -1, key, why) != 0;
			continue;
		}
		if (want(d, -1, -1, -1, key, grp, VALUE_ARRAY) != 0) {
			bad = 1;
			continue;
		}
		/* a group has a name and teams */
		if (blank(name) || grp->child == NULL)
			bad |= bad_value(d, -1, -1, -1, key, value_empty) != 0;
		i = 0;
		for (const cJSON *e = grp->child; e; e = e->next, i++) {
			char item[160];
			snprintf(item, sizeof item, "%s[%d]", key, i);
			bad |= roster_add(d, item, e, name) != 0;
		}
	}
	if (bad == 0 && d->stages[0].nroster == 0)
		bad = bad_value(d, -1, -1, -1, teams ? "teams" : "groups", value_empty) != 0;
	return bad ? -1 : 0;
}

/* Validate the stage file's top-level object (but its matches). 0, or -1 reported. */
static int
parse_stage_file(struct doc *d, const cJSON *root, const cJSON **matches, const cJSON **ruleset)
{
	static const char *const keys[] = {"tournament", "stage",       "matches", "source",
	                                   "ruleset",    "adjustments", "teams",   "groups"};
	const cJSON *got[8];
	const char *t = NULL, *s = NULL;
	int bad = members(d, -1, -1, -1, NULL, root, keys, 8, 2, got, "a stage file") != 0;
	if (got[0] && got[1] && name_value(d, -1, -1, -1, "tournament", got[0], &t) == 0 &&
	    name_value(d, -1, -1, -1, "stage", got[1], &s) == 0)
		bad |= doc_stage(d, -1, t, s) < 0;
	else
		bad = 1;
	if (got[3] && !cJSON_IsNull(got[3]) && d->nstages == 1)
		bad |= text_value(d, -1, -1, -1, "source", got[3], &d->stages[0].source) != 0;
	if (got[4] && !cJSON_IsNull(got[4])) {
		if (want(d, -1, -1, -1, "ruleset", got[4], VALUE_OBJECT) != 0)
			bad = 1;
		else
			*ruleset = got[4];
	}
	/* a file may hold only adjustments (or only a roster) for its stage */
	const cJSON *adjust = got[5] && !cJSON_IsNull(got[5]) ? got[5] : NULL;
	const cJSON *teams = got[6] && !cJSON_IsNull(got[6]) ? got[6] : NULL;
	const cJSON *groups = got[7] && !cJSON_IsNull(got[7]) ? got[7] : NULL;
	if (adjust && want(d, -1, -1, -1, "adjustments", adjust, VALUE_ARRAY) != 0)
		bad = 1;
	else if (adjust && cJSON_GetArraySize(adjust) > MAX_ADJUSTS)
		bad |= bad_value(d, -1, -1, -1, "adjustments", "more than 1000 adjustments") != 0;
	else if (adjust && d->nstages == 1) {
		struct doc_stage *g = &d->stages[0];
		int i = 0;
		g->has_adjust = 1;
		g->adjust = xcalloc((size_t)cJSON_GetArraySize(adjust) + 1, sizeof *g->adjust);
		for (const cJSON *e = adjust->child; e; e = e->next, i++)
			bad |= parse_adjustment(d, i, e, &g->adjust[i]) != 0;
		g->nadjust = i;
	}
	if ((teams || groups) && d->nstages == 1)
		bad |= parse_roster(d, teams, groups) != 0;
	if (got[2] && want(d, -1, -1, -1, "matches", got[2], VALUE_ARRAY) == 0)
		*matches = got[2];
	else if (got[2])
		bad = 1;
	else if (!adjust && !teams && !groups)
		bad |= bad_value(d, -1, -1, -1, "matches", value_missing) != 0;
	return bad ? -1 : 0;
}

/*
 * Parse ruleset (a stage file's) in full (rules.c) into stage 0's rules,
 * and the text to store for it: the object as given, without its head
 * starts (stored by team, store.c). Errors are reported.
 */
static void
parse_ruleset(struct doc *d, const cJSON *ruleset)
{
	struct ruleset rs;
	char *err = NULL;
	if (rules_parse(ruleset, "ruleset", &rs, &err) != 0) {
		doc_report(d, 0, -1, -1, -1, NULL, "%s", err);
		free(err);
		return;
	}
	d->stages[0].rules = xmalloc(sizeof rs);
	*d->stages[0].rules = rs;
	cJSON *text = cJSON_Duplicate(ruleset, 1);
	cJSON_DeleteItemFromObjectCaseSensitive(text, "headstart");
	d->stages[0].ruleset = cJSON_PrintUnformatted(text);
	cJSON_Delete(text);
}

/*
 * The list of matches of a document read piece by piece: element k of it
 * is data[at[2k]] to data[at[2k + 1]] (read_parts).
 */
struct parts {
	const char *data; /* the whole text */
	size_t *at;       /* where each element starts and ends */
	int n, cap;       /* elements, allocated */
};

static void own_strings(struct doc *d, int m);

/*
 * Validate the whole document root into d; errors are counted in d->errors.
 * parts: the document's list of matches when root holds it empty (each
 * element parsed, validated and freed in turn), or NULL. Returns 0, or -1
 * when an element of parts does not parse (nothing reported: the caller
 * reads the whole text again for its message).
 */
static int
parse_doc(struct doc *d, const cJSON *root, const struct parts *parts)
{
	char why[VALUE_WHY];
	const cJSON *list = root, *ruleset = NULL;
	if (cJSON_IsObject(root) && (cJSON_GetObjectItemCaseSensitive(root, "matches") ||
	                             (!cJSON_GetObjectItemCaseSensitive(root, "match") &&
	                              !cJSON_GetObjectItemCaseSensitive(root, "results")))) {
		d->kind = DOC_STAGE_FILE;
		list = NULL;
		if (parse_stage_file(d, root, &list, &ruleset) != 0 && d->nstages != 1)
			return 0;
	} else if (cJSON_IsObject(root)) {
		d->kind = DOC_MATCH;
		d->matches = xcalloc(1, sizeof *d->matches);
		d->nmatches = 1;
		parse_match(d, 0, root, 1);
		return 0;
	} else if (cJSON_IsArray(root)) {
		d->kind = DOC_MATCH_ARRAY;
		if (parts ? parts->n == 0 : root->child == NULL) {
			doc_report(d, 0, -1, -1, -1, NULL,
			           "empty array: expected match objects to import");
			return 0;
		}
	} else {
		struct value x = jsontext_value(root);
		value_expected(
		    &x, "a stage file object, a match object or an array of match objects", why);
		bad_value(d, -1, -1, -1, NULL, why);
		return 0;
	}
	int n = parts && list ? parts->n : list ? cJSON_GetArraySize(list) : 0;
	d->matches = xcalloc((size_t)(n ? n : 1), sizeof *d->matches);
	const cJSON *e = list && !parts ? list->child : NULL;
	for (int m = 0; m < n; m++, e = e ? e->next : NULL) {
		cJSON *piece = NULL;
		if (parts) {
			piece = jsontext_part(parts->data + parts->at[2 * m],
			                      parts->at[2 * m + 1] - parts->at[2 * m]);
			if (piece == NULL)
				return -1;
		}
		d->nmatches = m + 1;
		parse_match(d, m, piece ? piece : e, d->kind == DOC_MATCH_ARRAY);
		if (piece) { /* its strings copied, its tree freed: one match's tree at a time */
			own_strings(d, m);
			cJSON_Delete(piece);
		}
	}
	if (ruleset && d->errors == 0 && d->nstages == 1)
		parse_ruleset(d, ruleset);
	return 0;
}

/*
 * The strings d points to in the reader's memory (the tree): where each
 * pointer is, *count of them; those of match m, or (m -1) those of the
 * stages, or (m -2) all.
 */
static const char ***
held(struct doc *d, int m, int *count)
{
	int n = 0, cap = 16;
	const char ***v = xmalloc((size_t)cap * sizeof *v);
#define HOLD(p)                                                                                    \
	do {                                                                                       \
		if ((p) != NULL) {                                                                 \
			if (n == cap)                                                              \
				v = xrealloc(v, (size_t)(cap *= 2) * sizeof *v);                   \
			v[n++] = &(p);                                                             \
		}                                                                                  \
	} while (0)
	for (int k = m == -1 ? d->nmatches
	             : m < 0 ? 0
	                     : m;
	     k < d->nmatches && (m < 0 || k == m); k++) {
		struct doc_match *g = &d->matches[k];
		HOLD(g->played_at);
		HOLD(g->voided);
		for (int r = 0; r < g->nresults; r++)
			HOLD(g->results[r].team);
	}
	for (int i = 0; m < 0 && i < d->nstages; i++) {
		struct doc_stage *g = &d->stages[i];
		HOLD(g->source);
		for (int k = 0; k < g->nadjust; k++) {
			HOLD(g->adjust[k].team);
			HOLD(g->adjust[k].reason);
		}
		for (int k = 0; k < g->nroster; k++) {
			HOLD(g->roster[k].team);
			HOLD(g->roster[k].group);
		}
	}
#undef HOLD
	*count = n;
	return v;
}

/* The blocks of strings a document copied out of its trees (doc.keep). */
struct pool {
	char **blocks;
	int n, cap;
};

/* Free a pool, as doc.keep_free. */
static void
pool_free(void *keep)
{
	struct pool *p = keep;
	for (int i = 0; i < p->n; i++)
		free(p->blocks[i]);
	free(p->blocks);
	free(p);
}

/*
 * Copy the strings d points to in a tree (held(): match m's, the stages'
 * or all) into one block of d's pool, so that the tree (a cJSON node is
 * some 64 bytes for each value of the file, many times the text) is freed
 * as soon as it is read, not held while the document is stored.
 */
static void
own_strings(struct doc *d, int m)
{
	int n;
	const char ***v = held(d, m, &n);
	size_t size = 1;
	for (int i = 0; i < n; i++)
		size += strlen(*v[i]) + 1;
	char *block = xmalloc(size), *o = block;
	for (int i = 0; i < n; i++) {
		size_t k = strlen(*v[i]) + 1;
		memcpy(o, *v[i], k);
		*v[i] = o;
		o += k;
	}
	free(v);
	struct pool *p = d->keep;
	if (p == NULL) {
		d->keep = p = xcalloc(1, sizeof *p);
		d->keep_free = pool_free;
	}
	if (p->n == p->cap)
		p->blocks = xrealloc(p->blocks, (size_t)(p->cap = p->cap ? 2 * p->cap : 16) *
		                                    sizeof *p->blocks);
	p->blocks[p->n++] = block;
}

/* The index after the JSON string at data[i] (a quote), or len when it does not end. */
static size_t
past_string(const char *data, size_t i, size_t len)
{
	for (i++; i < len; i++)
		if (data[i] == '\\')
			i++;
		else if (data[i] == '"')
			return i + 1;
	return len;
}

/*
 * Where the document's list of matches opens ('['): the top-level array,
 * or the top-level object's "matches" member; len when there is none the
 * scan finds (quotes and depth alone: the parse tells what is JSON).
 */
static size_t
find_list(const char *data, size_t len)
{
	size_t i = 0;
	int depth = 0;
	while (i < len && strchr(" \t\r\n", data[i]))
		i++;
	if (i < len && data[i] == '[')
		return i;
	if (memmem(data + i, len - i, "\"matches\"", 9) == NULL) /* a single match, a roster */
		return len;
	for (; i < len; i++) {
		char c = data[i];
		if (c == '"') {
			size_t e = past_string(data, i, len), k = e;
			if (depth == 1 && e - i == 9 && memcmp(data + i, "\"matches\"", 9) == 0) {
				while (k < len && strchr(" \t\r\n", data[k]))
					k++;
				if (k < len && data[k] == ':')
					for (k++; k < len && strchr(" \t\r\n", data[k]);)
						k++;
				if (k < len && data[k] == '[')
					return k;
			}
			i = e - 1;
		} else if (c == '[' || c == '{')
			depth++;
		else if (c == ']' || c == '}')
			depth--;
	}
	return len;
}

/* Add data[a] to data[b] to p, unless it is the blank inside of an empty list. */
static void
add_part(struct parts *p, size_t a, size_t b, int last)
{
	size_t k = a;
	while (k < b && strchr(" \t\r\n", p->data[k]))
		k++;
	if (last && p->n == 0 && k == b)
		return;
	if (2 * p->n + 2 > p->cap)
		p->at =
		    xrealloc(p->at, (size_t)(p->cap = p->cap ? 2 * p->cap : 256) * sizeof *p->at);
	p->at[2 * p->n] = a;
	p->at[2 * p->n + 1] = b;
	p->n++;
}

/* Split the list at data[i] ('[') into p's elements: the index of its ']', or len. */
static size_t
split_list(struct parts *p, size_t i, size_t len)
{
	const char *data = p->data;
	size_t start = i + 1;
	int depth = 0;
	for (; i < len; i++) {
		char c = data[i];
		if (c == '"')
			i = past_string(data, i, len) - 1;
		else if (c == '[' || c == '{')
			depth++;
		else if ((c == ']' || c == '}') && --depth == 0) {
			add_part(p, start, i, 1);
			return i;
		} else if (c == ',' && depth == 1) {
			add_part(p, start, i, 0);
			start = i + 1;
		}
	}
	return len;
}

/*
 * Read the len bytes of data into d match by match: the document without
 * its list of matches first, then each match parsed, validated and freed
 * in turn, so that a large file never has a tree of all of it (a tree is
 * some 8 times its text). Returns 0, or -1 with d as it was when the text
 * does not split so or a piece does not parse: the whole text is read
 * then, for the message jsontext_parse gives.
 */
static int
read_parts(struct doc *d, const char *data, size_t len)
{
	struct parts p = {.data = data};
	size_t open = find_list(data, len), close = open < len ? split_list(&p, open, len) : len;
	cJSON *root = NULL;
	if (close < len) {
		struct buf rest = {0}; /* what is before the list, [], what is after it */
		buf_put(&rest, data, open);
		buf_puts(&rest, "[]");
		buf_put(&rest, data + close + 1, len - close - 1);
		root = jsontext_part(rest.data, rest.len);
		buf_free(&rest);
	}
	size_t mark = d->msgs->len;
	int rc = root ? parse_doc(d, root, &p) : -1;
	if (rc == 0)
		own_strings(d, -1);
	cJSON_Delete(root);
	free(p.at);
	if (rc != 0 && root) { /* back to d as it was */
		doc_free(d);
		*d = (struct doc){.name = d->name,
		                  .msgs = d->msgs,
		                  .opt = d->opt,
		                  .db = d->db,
		                  .locate = d->locate};
		d->msgs->len = mark;
		if (d->msgs->data)
			d->msgs->data[mark] = '\0';
	}
	return rc;
}

/* Read match JSON v1 text into d (a doc_reader): piece by piece (read_parts), or whole. */
static void
read_json(struct doc *d, const char *data, size_t len)
{
	char *err = NULL;
	d->locate = json_locate;
	/* a text without a list of matches (a single match) is small: read whole */
	if (find_list(data, len) < len && jsontext_sound(data, len) &&
	    read_parts(d, data, len) == 0)
		return;
	cJSON *root = jsontext_parse(data, len, "a match JSON v1 object or array", &err);
	if (root == NULL) {
		doc_report(d, 0, -1, -1, -1, NULL, "%s", err);
		free(err);
		return;
	}
	parse_doc(d, root, NULL);
	own_strings(d, -2);
	cJSON_Delete(root);
}

int
import_json(sqlite3 *db, const char *name, const char *data, size_t len, int replace,
            struct import_stats *st, struct buf *msgs)
{
	struct import_options opt = {.replace = replace};
	return doc_import(db, name, data, len, &opt, read_json, st, msgs);
}

/* import_json with the options opt (--replace, --new-team). */
int
import_json_with(sqlite3 *db, const char *name, const char *data, size_t len,
                 const struct import_options *opt, struct import_stats *st, struct buf *msgs)
{
	return doc_import(db, name, data, len, opt, read_json, st, msgs);
}
