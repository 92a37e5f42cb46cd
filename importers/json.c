/*
 * json.c: the match JSON v1 importer's front half. A document is checked
 * byte by byte (UTF-8, JSON syntax, nothing after the value), then validated
 * completely into a struct doc (types, ranges, required and unknown keys,
 * duplicate teams, players and match numbers) without touching the
 * database; only a document without errors is handed to doc_store()
 * (store.c), which writes it in one transaction.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "json.h"
#include "jsontext.h"
#include "rules.h"
#include "util.h"

#define MAX_SHOWN 25 /* errors written per document; the rest are counted */

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

/*
 * Append one message line to d->msgs: "NAME: PATH: problem", PATH built from
 * the match m, result r, player entry p (each -1 when not part of it) and
 * key (or NULL). warn: a warning, else an error. Control characters in the
 * text become '?', so a message is always one line.
 */
void
doc_report(struct doc *d, int warn, int m, int r, int p, const char *key, const char *fmt, ...)
{
	if (warn)
		d->warnings++;
	else if (d->errors++ >= MAX_SHOWN)
		return;
	struct buf *b = d->msgs;
	size_t start = b->len;
	buf_printf(b, "%s: ", d->name);
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
	if (b->len > path)
		buf_puts(b, ": ");
	if (warn)
		buf_puts(b, "warning: ");
	char small[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	buf_puts(b, small);
	for (size_t i = start; i < b->len; i++)
		if ((unsigned char)b->data[i] < 0x20)
			b->data[i] = '?';
	buf_putc(b, '\n');
}

/* A short description of v for a message ("a string (\"3\")", "2.5", "an array"). */
static const char *
describe(const cJSON *v, char *out, size_t n)
{
	if (cJSON_IsString(v)) {
		size_t k = strlen(v->valuestring);
		if (k > 40) /* cut on a character boundary */
			for (k = 40; ((unsigned char)v->valuestring[k] & 0xC0) == 0x80; k--)
				;
		snprintf(out, n, "a string (\"%.*s%s\")", (int)k, v->valuestring,
		         v->valuestring[k] ? "..." : "");
	} else if (cJSON_IsNumber(v))
		snprintf(out, n, "%.15g", v->valuedouble);
	else if (cJSON_IsBool(v))
		snprintf(out, n, "%s", cJSON_IsTrue(v) ? "true" : "false");
	else if (cJSON_IsNull(v))
		snprintf(out, n, "null");
	else if (cJSON_IsArray(v))
		snprintf(out, n, "an array");
	else
		snprintf(out, n, "an object");
	return out;
}

/* Store v in *out if it is an integer in [min, max]: 0, or -1 reported. */
static int
int_value(struct doc *d, int m, int r, int p, const char *key, const cJSON *v, int min, int max,
          int *out)
{
	char what[80];
	double x = v->valuedouble;
	if (!cJSON_IsNumber(v) || !isfinite(x) || x != floor(x)) {
		doc_report(d, 0, m, r, p, key, "expected an integer, got %s",
		           describe(v, what, sizeof what));
		return -1;
	}
	if (x < min) {
		doc_report(d, 0, m, r, p, key, "must be %s, got %.15g",
		           min == 1 ? "a positive integer" : "0 or more", x);
		return -1;
	}
	if (x > max) {
		doc_report(d, 0, m, r, p, key, "must be at most %d, got %.15g", max, x);
		return -1;
	}
	*out = (int)x;
	return 0;
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

/* Store v's text in *out if it is a string: 0, or -1 reported. */
static int
str_value(struct doc *d, int m, int r, int p, const char *key, const cJSON *v, const char **out)
{
	char what[80];
	if (!cJSON_IsString(v)) {
		doc_report(d, 0, m, r, p, key, "expected a string, got %s",
		           describe(v, what, sizeof what));
		return -1;
	}
	*out = v->valuestring;
	return 0;
}

/*
 * Store v's text in *out if it is a string without control characters
 * (U+0000-U+001F, U+007F), which a name shown in a terminal must not hold:
 * 0, or -1 reported.
 */
static int
name_value(struct doc *d, int m, int r, int p, const char *key, const cJSON *v, const char **out)
{
	if (str_value(d, m, r, p, key, v, out) != 0)
		return -1;
	for (const unsigned char *c = (const unsigned char *)*out; *c; c++)
		if (*c < 0x20 || *c == 0x7F) {
			doc_report(d, 0, m, r, p, key,
			           "must not hold control characters, got U+%04X at byte %d", *c,
			           (int)(c - (const unsigned char *)*out));
			return -1;
		}
	return 0;
}

/*
 * Sort obj's members into got[i] by keys[i]; every one of the nreq first
 * keys is required (jsontext_parse has refused keys given twice). Reports
 * unknown and missing keys (what lists the keys allowed) and returns their
 * number.
 */
static int
members(struct doc *d, int m, int r, int p, const cJSON *obj, const char *const *keys, int nkeys,
        int nreq, const cJSON **got, const char *what)
{
	int bad = 0;
	for (int i = 0; i < nkeys; i++)
		got[i] = NULL;
	for (const cJSON *k = obj->child; k; k = k->next) {
		int i = 0;
		while (i < nkeys && strcmp(k->string, keys[i]) != 0)
			i++;
		if (i == nkeys) {
			doc_report(d, 0, m, r, p, k->string, "unknown key (%s)", what);
			bad++;
		} else
			got[i] = k;
	}
	for (int i = 0; i < nreq; i++)
		if (got[i] == NULL) {
			doc_report(d, 0, m, r, p, keys[i], "required key is missing");
			bad++;
		}
	return bad;
}

/* "expected an object" for v unless it is one: 0, or -1 reported. */
static int
want_object(struct doc *d, int m, int r, int p, const char *key, const cJSON *v)
{
	char what[80];
	if (cJSON_IsObject(v))
		return 0;
	doc_report(d, 0, m, r, p, key, "expected an object, got %s",
	           describe(v, what, sizeof what));
	return -1;
}

/* "expected an array" for v unless it is one: 0, or -1 reported. */
static int
want_array(struct doc *d, int m, int r, int p, const char *key, const cJSON *v)
{
	char what[80];
	if (cJSON_IsArray(v))
		return 0;
	doc_report(d, 0, m, r, p, key, "expected an array, got %s", describe(v, what, sizeof what));
	return -1;
}

/* Read digits: n of them from *s into *v, advancing *s. 1 if there were n, else 0. */
static int
digits(const char **s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++, (*s)++) {
		if (**s < '0' || **s > '9')
			return 0;
		*v = *v * 10 + (**s - '0');
	}
	return 1;
}

/*
 * 1 if s is an ISO 8601 date, or date and time: 2025-11-15,
 * 2025-11-15T14:00, 2025-11-15T14:00:00.5+07:00, ...Z; else 0.
 */
static int
iso8601(const char *s)
{
	int y, mo, dd, h, mi, sec;
	if (!digits(&s, 4, &y) || *s++ != '-' || !digits(&s, 2, &mo) || *s++ != '-' ||
	    !digits(&s, 2, &dd) || mo < 1 || mo > 12 || dd < 1 || dd > 31)
		return 0;
	if (*s == '\0')
		return 1;
	if ((*s != 'T' && *s != ' ') || (s++, !digits(&s, 2, &h)) || *s++ != ':' ||
	    !digits(&s, 2, &mi) || h > 23 || mi > 59)
		return 0;
	if (*s == ':') {
		s++;
		if (!digits(&s, 2, &sec) || sec > 60)
			return 0;
		if (*s == '.' || *s == ',') {
			s++;
			if (*s < '0' || *s > '9')
				return 0;
			while (*s >= '0' && *s <= '9')
				s++;
		}
	}
	if (*s == 'Z')
		return s[1] == '\0';
	if (*s == '+' || *s == '-') {
		s++;
		if (!digits(&s, 2, &h) || h > 23)
			return 0;
		if (*s == ':')
			s++;
		if (!digits(&s, 2, &mi) || mi > 59)
			return 0;
	}
	return *s == '\0';
}

/*
 * The index in d->stages of the stage named by tournament and stage (added
 * when new), or -1 reported. m and keys[] place the names for messages.
 */
static int
stage_index(struct doc *d, int m, const char *tournament, const char *stage)
{
	char *t = name_clean(tournament), *ts = slugify(t);
	char *s = name_clean(stage), *ss = slugify(s);
	int bad = 0;
	if (*ts == '\0') {
		doc_report(d, 0, m, -1, -1, "tournament",
		           "'%s' has no letter or digit to name it by", tournament);
		bad = 1;
	}
	if (*ss == '\0') {
		doc_report(d, 0, m, -1, -1, "stage", "'%s' has no letter or digit to name it by",
		           stage);
		bad = 1;
	}
	int i = 0;
	while (!bad && i < d->nstages &&
	       (strcmp(d->stages[i].tslug, ts) != 0 || strcmp(d->stages[i].slug, ss) != 0))
		i++;
	if (bad || i < d->nstages) {
		free(t), free(ts), free(s), free(ss);
		return bad ? -1 : i;
	}
	d->stages = xrealloc(d->stages, (size_t)(d->nstages + 1) * sizeof *d->stages);
	d->stages[i] = (struct doc_stage){.tournament = t, .tslug = ts, .name = s, .slug = ss};
	d->nstages++;
	return i;
}

/* Validate player entry p of result r of match m into *out: 0, or -1 reported. */
static int
parse_player(struct doc *d, int m, int r, int p, const cJSON *v, struct doc_player *out)
{
	static const char *const keys[] = {"name", "kills", "damage", "assists", "mvp"};
	const cJSON *got[5];
	const char *name = NULL;
	int bad = 0;
	if (want_object(d, m, r, p, NULL, v) != 0)
		return -1;
	bad |= members(d, m, r, p, v, keys, 5, 2, got,
	               "a player has name, kills, damage, assists and mvp") != 0;
	if (got[0] && name_value(d, m, r, p, "name", got[0], &name) == 0) {
		out->spell = names_intern(&d->players, name);
		if (out->spell < 0) {
			doc_report(d, 0, m, r, p, "name", "must not be empty");
			bad = 1;
		} else {
			struct names_entity *e =
			    &d->players.ents[d->players.sps[out->spell].entity];
			if (e->stamp == m + 1) {
				doc_report(d, 0, m, r, p, "name",
				           "player '%s' is already in this match (results[%d]."
				           "players[%d])",
				           name, e->where_r, e->where_p);
				bad = 1;
			}
			e->stamp = m + 1, e->where_r = r, e->where_p = p;
		}
	}
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
	static const char *const keys[] = {"team", "placement", "kills", "players"};
	const cJSON *got[4];
	int bad = 0;
	if (want_object(d, m, r, -1, NULL, v) != 0)
		return -1;
	bad |= members(d, m, r, -1, v, keys, 4, 3, got,
	               "a result has team, placement, kills and players") != 0;
	if (got[0] && name_value(d, m, r, -1, "team", got[0], &out->team) == 0) {
		out->spell = names_intern(&d->teams, out->team);
		if (out->spell < 0) {
			doc_report(d, 0, m, r, -1, "team", "must not be empty");
			bad = 1;
		} else {
			struct names_entity *e = &d->teams.ents[d->teams.sps[out->spell].entity];
			if (e->stamp == m + 1) {
				doc_report(d, 0, m, r, -1, "team",
				           "team '%s' is already in this match (results[%d])",
				           out->team, e->where_r);
				bad = 1;
			}
			e->stamp = m + 1, e->where_r = r;
		}
	}
	if (got[1])
		bad |= int_value(d, m, r, -1, "placement", got[1], 1, MAX_PLACEMENT,
		                 &out->placement) != 0;
	if (got[2])
		bad |= int_value(d, m, r, -1, "kills", got[2], 0, MAX_KILLS, &out->kills) != 0;
	if (got[3] && !cJSON_IsNull(got[3])) {
		if (want_array(d, m, r, -1, "players", got[3]) != 0)
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
	static const char *const keys[] = {"tournament", "stage", "match",    "map",
	                                   "results",    "day",   "played_at"};
	const cJSON *all[7], **got = all + 2;
	struct doc_match *out = &d->matches[m];
	const char *t = NULL, *s = NULL, *str = NULL;
	int bad = 0;
	out->day = -1;
	if (want_object(d, m, -1, -1, NULL, v) != 0)
		return -1;
	bad |= members(d, m, -1, -1, v, standalone ? keys : keys + 2, standalone ? 7 : 5,
	               standalone ? 5 : 3, standalone ? all : got,
	               standalone ? "a match has tournament, stage, match, map, results, day "
	                            "and played_at"
	                          : "a match has match, map, results, day and played_at") != 0;
	if (standalone) {
		if (all[0] && all[1] && name_value(d, m, -1, -1, "tournament", all[0], &t) == 0 &&
		    name_value(d, m, -1, -1, "stage", all[1], &s) == 0) {
			out->stage = stage_index(d, m, t, s);
			bad |= out->stage < 0;
		} else
			bad = 1;
	}
	if (got[0])
		bad |= int_value(d, m, -1, -1, "match", got[0], 1, MAX_MATCH, &out->number) != 0;
	if (got[1] && name_value(d, m, -1, -1, "map", got[1], &str) == 0) {
		out->map = name_clean(str);
		if (*out->map == '\0') {
			doc_report(d, 0, m, -1, -1, "map", "must not be empty");
			bad = 1;
		}
	}
	bad |= opt_int(d, m, -1, -1, "day", got[3], 1, MAX_DAY, &out->day) != 0;
	if (got[4] && !cJSON_IsNull(got[4]) &&
	    str_value(d, m, -1, -1, "played_at", got[4], &out->played_at) == 0 &&
	    !iso8601(out->played_at)) {
		doc_report(d, 0, m, -1, -1, "played_at",
		           "expected an ISO 8601 date and time such as "
		           "2025-11-15T14:00:00+07:00, got '%s'",
		           out->played_at);
		bad = 1;
	}
	if (got[2] && want_array(d, m, -1, -1, "results", got[2]) == 0) {
		int n = cJSON_GetArraySize(got[2]), r = 0;
		if (n == 0) {
			doc_report(d, 0, m, -1, -1, "results",
			           "must not be empty: a match has one result per team");
			bad = 1;
		}
		out->results = xcalloc((size_t)n, sizeof *out->results);
		for (const cJSON *e = got[2]->child; e; e = e->next, r++)
			bad |= parse_result(d, m, r, e, &out->results[r]) != 0;
		out->nresults = n;
	}
	return bad ? -1 : 0;
}

/* Compare two matches by stage, number, then position, for qsort. */
static int
by_number(const void *a, const void *b)
{
	const struct doc_match *x = *(const struct doc_match *const *)a;
	const struct doc_match *y = *(const struct doc_match *const *)b;
	if (x->stage != y->stage)
		return x->stage < y->stage ? -1 : 1;
	if (x->number != y->number)
		return x->number < y->number ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Report every match number that appears twice in one stage of the document. */
static void
check_numbers(struct doc *d)
{
	struct doc_match **v = xmalloc((size_t)d->nmatches * sizeof *v);
	for (int i = 0; i < d->nmatches; i++)
		v[i] = &d->matches[i];
	qsort(v, (size_t)d->nmatches, sizeof *v, by_number);
	for (int i = 1; i < d->nmatches; i++)
		if (v[i]->number > 0 && v[i]->number == v[i - 1]->number &&
		    v[i]->stage == v[i - 1]->stage)
			doc_report(d, 0, (int)(v[i] - d->matches), -1, -1, "match",
			           "match number %d appears twice in this document (also %s[%d])",
			           v[i]->number, d->kind == DOC_STAGE_FILE ? "matches" : "",
			           (int)(v[i - 1] - d->matches));
	free(v);
}

/* Validate the stage file's top-level object (but its matches). 0, or -1 reported. */
static int
parse_stage_file(struct doc *d, const cJSON *root, const cJSON **matches)
{
	static const char *const keys[] = {"tournament", "stage", "matches", "source", "ruleset"};
	const cJSON *got[5];
	const char *t = NULL, *s = NULL;
	int bad = members(d, -1, -1, -1, root, keys, 5, 3, got,
	                  "a stage file has tournament, stage, matches, source and ruleset") != 0;
	if (got[0] && got[1] && name_value(d, -1, -1, -1, "tournament", got[0], &t) == 0 &&
	    name_value(d, -1, -1, -1, "stage", got[1], &s) == 0)
		bad |= stage_index(d, -1, t, s) < 0;
	else
		bad = 1;
	if (got[3] && !cJSON_IsNull(got[3]) && d->nstages == 1)
		bad |= str_value(d, -1, -1, -1, "source", got[3], &d->stages[0].source) != 0;
	if (got[4] && !cJSON_IsNull(got[4])) {
		if (want_object(d, -1, -1, -1, "ruleset", got[4]) != 0)
			bad = 1;
		else if (d->nstages == 1)
			d->stages[0].ruleset = got[4];
	}
	if (got[2] && want_array(d, -1, -1, -1, "matches", got[2]) == 0)
		*matches = got[2];
	else
		bad = 1;
	return bad ? -1 : 0;
}

/* Validate the whole document root into d; errors are counted in d->errors. */
static void
parse_doc(struct doc *d, const cJSON *root)
{
	char what[80];
	const cJSON *list = root;
	if (cJSON_IsObject(root) && (cJSON_GetObjectItemCaseSensitive(root, "matches") ||
	                             (!cJSON_GetObjectItemCaseSensitive(root, "match") &&
	                              !cJSON_GetObjectItemCaseSensitive(root, "results")))) {
		d->kind = DOC_STAGE_FILE;
		list = NULL;
		if (parse_stage_file(d, root, &list) != 0 && list == NULL)
			return;
	} else if (cJSON_IsObject(root)) {
		d->kind = DOC_MATCH;
		d->matches = xcalloc(1, sizeof *d->matches);
		d->nmatches = 1;
		parse_match(d, 0, root, 1);
		return;
	} else if (cJSON_IsArray(root)) {
		d->kind = DOC_MATCH_ARRAY;
		if (root->child == NULL) {
			doc_report(d, 0, -1, -1, -1, NULL,
			           "empty array: expected match objects to import");
			return;
		}
	} else {
		doc_report(d, 0, -1, -1, -1, NULL,
		           "expected a stage file object, a match object or an array of match "
		           "objects, got %s",
		           describe(root, what, sizeof what));
		return;
	}
	int n = cJSON_GetArraySize(list), m = 0;
	d->matches = xcalloc((size_t)n, sizeof *d->matches);
	for (const cJSON *e = list->child; e; e = e->next, m++) {
		d->nmatches = m + 1;
		parse_match(d, m, e, d->kind == DOC_MATCH_ARRAY);
	}
	check_numbers(d);
}

/* Parse each stage's ruleset in full (rules.c) into its rules; errors are reported. */
static void
check_rulesets(struct doc *d)
{
	for (int i = 0; i < d->nstages; i++) {
		struct ruleset rs;
		char *err = NULL;
		if (d->stages[i].ruleset == NULL)
			continue;
		if (rules_parse(d->stages[i].ruleset, "ruleset", &rs, &err) != 0) {
			doc_report(d, 0, -1, -1, -1, NULL, "%s", err);
			free(err);
		} else {
			d->stages[i].rules = xmalloc(sizeof rs);
			*d->stages[i].rules = rs;
		}
	}
}

/* Free what d holds (not d itself, nor the cJSON tree its pointers point into). */
static void
doc_free(struct doc *d)
{
	for (int m = 0; m < d->nmatches; m++) {
		for (int r = 0; r < d->matches[m].nresults; r++)
			free(d->matches[m].results[r].players);
		free(d->matches[m].results);
		free(d->matches[m].map);
	}
	free(d->matches);
	for (int i = 0; i < d->nstages; i++) {
		free(d->stages[i].tournament);
		free(d->stages[i].tslug);
		free(d->stages[i].name);
		free(d->stages[i].slug);
		if (d->stages[i].rules)
			rules_free(d->stages[i].rules);
		free(d->stages[i].rules);
	}
	free(d->stages);
	names_free(&d->teams);
	names_free(&d->players);
}

int
import_json(sqlite3 *db, const char *name, const char *data, size_t len, int replace,
            struct import_stats *st, struct buf *msgs)
{
	struct doc d = {.name = name, .msgs = msgs, .replace = replace, .db = db};
	cJSON *root = NULL;
	int rc = -1;
	st->files++;
	char *err = NULL;
	root = jsontext_parse(data, len, "a match JSON v1 object or array", &err);
	if (root == NULL) {
		doc_report(&d, 0, -1, -1, -1, NULL, "%s", err);
		free(err);
		goto out;
	}
	parse_doc(&d, root);
	if (d.errors == 0)
		check_rulesets(&d);
	if (d.errors == 0 && doc_store(&d) == 0)
		rc = 0;
out:
	if (d.errors > MAX_SHOWN)
		buf_printf(msgs, "%s: %d more errors not shown\n", name, d.errors - MAX_SHOWN);
	if (rc == 0) {
		st->matches_added += d.n.matches_added;
		st->matches_unchanged += d.n.matches_unchanged;
		st->matches_replaced += d.n.matches_replaced;
		st->teams_added += d.n.teams_added;
		st->players_added += d.n.players_added;
	} else
		st->files_failed++;
	st->warnings += d.warnings;
	doc_free(&d);
	cJSON_Delete(root);
	return rc;
}
