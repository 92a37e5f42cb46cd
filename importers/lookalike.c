/*
 * lookalike.c: a new team or player whose name looks like one already there
 * ("LΟUD" with a Greek Omicron, "L0UD" with a zero, beside "LOUD") is most
 * likely a typo or a trick, and would be ranked as a team of its own. Each
 * name is folded to a skeleton (what it looks like: a small table of
 * Latin, Greek and Cyrillic letters and digits that look alike, case and
 * white space folded); a new name whose skeleton is an existing name's is
 * stored all the same, with a warning naming both.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "lookalike.h"
#include "util.h"

/* Letters that look like a Latin one, sorted by code point: what they look like. */
static const struct alike {
	unsigned from;
	char to;
} alike[] = {
    {0x0131, 'i'}, {0x0391, 'a'}, {0x0392, 'b'}, {0x0395, 'e'}, {0x0396, 'z'}, {0x0397, 'h'},
    {0x0399, 'l'}, {0x039A, 'k'}, {0x039C, 'm'}, {0x039D, 'n'}, {0x039F, 'o'}, {0x03A1, 'p'},
    {0x03A4, 't'}, {0x03A5, 'y'}, {0x03A7, 'x'}, {0x03B1, 'a'}, {0x03B3, 'y'}, {0x03B9, 'i'},
    {0x03BA, 'k'}, {0x03BD, 'v'}, {0x03BF, 'o'}, {0x03C1, 'p'}, {0x03C5, 'u'}, {0x03C7, 'x'},
    {0x03F2, 'c'}, {0x03F3, 'j'}, {0x0405, 's'}, {0x0406, 'l'}, {0x0408, 'j'}, {0x0410, 'a'},
    {0x0412, 'b'}, {0x0415, 'e'}, {0x041A, 'k'}, {0x041C, 'm'}, {0x041D, 'h'}, {0x041E, 'o'},
    {0x0420, 'p'}, {0x0421, 'c'}, {0x0422, 't'}, {0x0423, 'y'}, {0x0425, 'x'}, {0x0430, 'a'},
    {0x0435, 'e'}, {0x043E, 'o'}, {0x0440, 'p'}, {0x0441, 'c'}, {0x0443, 'y'}, {0x0445, 'x'},
    {0x0455, 's'}, {0x0456, 'i'}, {0x0458, 'j'}, {0x04AE, 'y'}, {0x04AF, 'y'}, {0x04BB, 'h'},
    {0x04C0, 'l'}, {0x04CF, 'l'}, {0x0501, 'd'}, {0x051A, 'q'}, {0x051B, 'q'}, {0x051C, 'w'},
    {0x051D, 'w'},
};

/* What code point c looks like as a lowercase ASCII letter or digit, or 0: none of them. */
static char
looks(unsigned c)
{
	if (c >= 0xFF01 && c <= 0xFF5E) /* fullwidth ASCII */
		c -= 0xFEE0;
	if (c < 0x80) /* 0 and O, 1, I, l and | */
		return c == '0'                           ? 'o'
		       : c == '1' || c == 'I' || c == '|' ? 'l'
		                                          : (char)tolower((int)c);
	size_t lo = 0, hi = sizeof alike / sizeof *alike;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c < alike[mid].from)
			hi = mid;
		else if (c > alike[mid].from)
			lo = mid + 1;
		else
			return alike[mid].to;
	}
	return 0;
}

/*
 * The skeleton of name (valid UTF-8): every character as what it looks
 * like (looks(); others as they are), white space folded as name_clean()
 * does. Two names with one skeleton look the same. The caller frees it.
 */
char *
lookalike_skeleton(const char *name)
{
	char *clean = name_clean(name);
	struct buf b = {0};
	for (const char *p = clean; *p;) {
		const char *at = p;
		char c = looks(utf8_next(&p));
		if (c)
			buf_putc(&b, c);
		else
			buf_put(&b, at, (size_t)(p - at));
	}
	free(clean);
	return b.data ? b.data : xstrdup("");
}

/*
 * Append to why where names a and b (which have one skeleton) differ: the
 * first character of a that is not b's, with its code point.
 */
static void
difference(const char *a, const char *b, struct buf *why)
{
	while (*a && *b) {
		const char *x = a, *y = b;
		unsigned ca = utf8_next(&a), cb = utf8_next(&b);
		if (ca != cb && (ca > 0x7F || cb > 0x7F || tolower((int)ca) != tolower((int)cb))) {
			buf_printf(why, "'%.*s' is U+%04X, not '%.*s'", (int)(a - x), x, ca,
			           (int)(b - y), y);
			return;
		}
	}
}

struct known {
	int64_t id; /* the team's or player's row */
	char *name; /* its name as stored */
	char *skel; /* lookalike_skeleton(name) */
};

/* The rows (id, name) statement i returns for arg, with their skeletons; *n of them. */
static struct known *
load(struct store *s, enum stmt i, int64_t arg, int *n)
{
	sqlite3_stmt *st = s->st[i];
	struct known *v = xmalloc(sizeof *v);
	int cap = 1;
	*n = 0;
	sqlite3_bind_int64(st, 1, arg);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*n == cap)
			v = xrealloc(v, (size_t)(cap *= 2) * sizeof *v);
		char *name = xstrdup((const char *)sqlite3_column_text(st, 1));
		v[(*n)++] =
		    (struct known){sqlite3_column_int64(st, 0), name, lookalike_skeleton(name)};
	}
	sqlite3_reset(st);
	return v;
}

/* Free n entries of v and v. */
static void
unload(struct known *v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i].name), free(v[i].skel);
	free(v);
}

/*
 * Warn at match m, result r, player p about entity e of n (team: 1) when
 * its name looks like one of the k names of v: another team or player,
 * stored before this document or created earlier in it. 1 if it warned.
 */
static int
compare(struct store *s, int team, int e, const struct known *v, int k, int m, int r, int p)
{
	struct names *n = team ? &s->d->teams : &s->d->players;
	const struct names_entity *x = &n->ents[e];
	const char *name = n->sps[x->first].text;
	char *skel = lookalike_skeleton(name);
	int warned = 0;
	for (int i = 0; i < k && !warned; i++) {
		if (v[i].id == x->id || strcmp(v[i].skel, skel) != 0)
			continue;
		int later = 0; /* created in this document after e: its own turn warns */
		for (int j = e + 1; j < n->nents && !later; j++)
			later = n->ents[j].first >= 0 && n->ents[j].id == v[i].id;
		if (later)
			continue;
		struct buf why = {0};
		difference(name, v[i].name, &why);
		doc_report(s->d, 1, m, r, p,
		           team                     ? "team"
		           : s->d->kind == DOC_ROWS ? "player"
		                                    : "name",
		           "'%s' looks like '%s', another %s (%s): stored as a new %s", name,
		           v[i].name, team ? "team" : "player", why.data ? why.data : "",
		           team ? "team" : "player");
		buf_free(&why);
		warned = 1;
	}
	free(skel);
	return warned;
}

/*
 * Where the document first names entity e of its teams (team: 1) or
 * players in stage i (any stage: -1): *m, *r, *p (-1 when not part of
 * it). 0 when no match names it (a roster's team).
 */
static int
first_seen(const struct doc *d, int team, int e, int i, int *m, int *r, int *p)
{
	const struct names *n = team ? &d->teams : &d->players;
	for (*m = 0; *m < d->nmatches; (*m)++) {
		const struct doc_match *g = &d->matches[*m];
		for (*r = 0; (i < 0 || g->stage == i) && *r < g->nresults; (*r)++) {
			const struct doc_result *x = &g->results[*r];
			*p = -1;
			if (team && n->sps[x->spell].entity == e)
				return 1;
			for (*p = 0; !team && *p < x->nplayers; (*p)++)
				if (n->sps[x->players[*p].spell].entity == e)
					return 1;
		}
	}
	*m = *r = *p = -1;
	return 0;
}

/* A new player and where the document first names it, with the team it plays for there. */
struct pick {
	int64_t team; /* the team's row */
	int e;        /* the player's entity */
	int m, r, p;  /* match, result, player entry */
};

/* Compare two picks by team, then entity, for qsort. */
static int
by_team(const void *a, const void *b)
{
	const struct pick *x = a, *y = b;
	if (x->team != y->team)
		return x->team < y->team ? -1 : 1;
	return (x->e > y->e) - (x->e < y->e);
}

/*
 * Warn about every team and player the document created whose name looks
 * like another's: a team like a team of the tournament of a stage it plays
 * in (its matches' and rosters'), a player like a player of the team it
 * first plays for. Runs once the document's matches are written.
 */
void
lookalike_warnings(struct store *s)
{
	struct doc *d = s->d;
	int m, r, p, k;
	char *warned = xcalloc((size_t)d->teams.nents + 1, 1); /* once, whatever its stages */
	for (int i = 0; i < d->nstages; i++) {
		struct known *v = NULL;
		for (int e = 0; e < d->teams.nents; e++) {
			const struct names_entity *x = &d->teams.ents[e];
			if (warned[e] || x->first < 0 || x->id <= 0 ||
			    (!first_seen(d, 1, e, i, &m, &r, &p) && !d->stages[i].has_roster))
				continue;
			if (v == NULL)
				v = load(s, S_LOOK_TEAMS, d->stages[i].id, &k);
			warned[e] = (char)compare(s, 1, e, v, k, m, r, -1);
		}
		if (v)
			unload(v, k);
	}
	free(warned);
	/* the new players by the team they first play for, each team's players loaded once */
	struct pick *v = xmalloc(((size_t)d->players.nents + 1) * sizeof *v);
	int n = 0;
	for (int e = 0; e < d->players.nents; e++) {
		const struct names_entity *x = &d->players.ents[e];
		if (x->first < 0 || x->id <= 0 || !first_seen(d, 0, e, -1, &m, &r, &p))
			continue;
		const struct doc_result *res = &d->matches[m].results[r];
		v[n++] =
		    (struct pick){d->teams.ents[d->teams.sps[res->spell].entity].id, e, m, r, p};
	}
	qsort(v, (size_t)n, sizeof *v, by_team);
	struct known *known = NULL;
	for (int i = 0; i < n; i++) {
		if (i == 0 || v[i].team != v[i - 1].team) {
			if (known)
				unload(known, k);
			known = load(s, S_LOOK_PLAYERS, v[i].team, &k);
		}
		compare(s, 0, v[i].e, known, k, v[i].m, v[i].r, v[i].p);
	}
	if (known)
		unload(known, k);
	free(v);
}
