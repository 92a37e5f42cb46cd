/*
 * csv.c: the match CSV reader (docs/match-csv.md): what a spreadsheet
 * exports, or a person pastes from one, one row per team (or per player)
 * per match, read into the struct doc that json.c fills too, so that the
 * checks, the store and their wording are the same. The text is split into
 * cells (RFC 4180, strictly: comma, semicolon or tab as the header row
 * tells, the byte order mark, LF or CRLF), the header names the columns,
 * and each row's cells are checked with value.c's wording; messages name
 * the line and the column ("final.csv:14: kills: must be at least 0, got -1").
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "doc.h"
#include "import.h"
#include "util.h"
#include "value.h"

enum col {
	C_TOURNAMENT,
	C_STAGE,
	C_MATCH,
	C_DAY,
	C_MAP,
	C_PLAYED_AT,
	C_TEAM,
	C_PLACEMENT,
	C_KILLS,
	C_STATUS,
	C_PLAYER,
	C_PLAYER_KILLS,
	C_DAMAGE,
	C_ASSISTS,
	C_MVP,
	C_COUNT
};

static const char *const colname[C_COUNT] = {
    "tournament", "stage",  "match",  "day",          "map",    "played_at", "team", "placement",
    "kills",      "status", "player", "player_kills", "damage", "assists",   "mvp"};

static const char *const status_name[] = {
    [DOC_PLAYED] = "played", [DOC_DQ] = "dq", [DOC_FORFEIT] = "forfeit"};

struct row {
	int line;     /* the line it starts on */
	size_t first; /* index of its first cell in csv.cells */
	int n;        /* cells */
};

struct cresult {
	int line;    /* the line of the team's first row in the match */
	int row;     /* that row's index */
	char *key;   /* name_key() of the team */
	int bad;     /* 1: that row's team cells were wrong (no comparing) */
	int *plines; /* the line of each player entry */
	int cap;     /* entries allocated, in plines and in the result's players */
};

struct cmatch {
	int line;            /* the line of the match's first row */
	int row;             /* that row's index */
	int bad;             /* 1: its first row's match cells were wrong (no comparing) */
	struct cresult *res; /* per result of the match */
	int nres, cap;       /* used, allocated */
};

struct csv {
	char *text;                 /* the cells' text, unescaped, each NUL-terminated */
	char **cells;               /* every cell, row after row */
	size_t ncells, cap;         /* used, allocated */
	struct row *rows;           /* the rows, header first */
	int nrows, caprows;         /* used, allocated */
	int col[C_COUNT];           /* the cell of each column in a row; -1: no such column */
	int cur;                    /* the line of the row being read; 0: none */
	struct cmatch *m;           /* per d->matches entry */
	int capm;                   /* allocated */
	const char *last[2];        /* the last row's tournament and stage cells (or NULL), */
	int last_stage;             /* and its stage: rows of one stage name it once; -1: none */
	const char *named[C_COUNT]; /* per column, the last cell found a good name, or NULL */
	const char *last_team;      /* the last row's team cell, when it has a result: */
	int last_m, last_r;         /* that result (a team's rows follow one another) */
};

/*
 * Where match m, result r, player entry p and key are, as csv.h's
 * ":LINE: COLUMN": the row that gave them, or the row being read when m is
 * -1.
 */
static void
csv_locate(const struct doc *d, int m, int r, int p, const char *key, struct buf *b)
{
	const struct csv *c = d->keep;
	int line = c->cur;
	if (m >= 0 && m < d->nmatches) {
		const struct cmatch *x = &c->m[m];
		line = x->line;
		if (r >= 0 && r < x->nres) {
			line = x->res[r].line;
			if (p >= 0 && p < d->matches[m].results[r].nplayers)
				line = x->res[r].plines[p];
		}
	}
	if (line > 0)
		buf_printf(b, ":%d", line);
	if (key)
		buf_printf(b, "%s%.60s", line > 0 ? ": " : "", key);
}

/* Free what the reader kept (struct csv), as doc.keep_free. */
static void
csv_free(void *keep)
{
	struct csv *c = keep;
	for (int m = 0; m < c->capm; m++) {
		for (int r = 0; r < c->m[m].nres; r++)
			free(c->m[m].res[r].key), free(c->m[m].res[r].plines);
		free(c->m[m].res);
	}
	free(c->m);
	free(c->rows);
	free(c->cells);
	free(c->text);
	free(c);
}

/* Report why on the row being read, at column key (or NULL): -1. */
static int
bad(struct doc *d, const char *key, const char *why)
{
	doc_report(d, 0, -1, -1, -1, key, "%s", why);
	return -1;
}

/* 1 if s holds nothing but spaces. */
static int
blank(const char *s)
{
	while (*s == ' ')
		s++;
	return *s == '\0';
}

/* Add the cell at offset off of c->text to the row being split. */
static void
add_cell(struct csv *c, size_t off)
{
	if (c->ncells == c->cap)
		c->cells =
		    xrealloc(c->cells, (c->cap = c->cap ? 2 * c->cap : 256) * sizeof *c->cells);
	c->cells[c->ncells++] = (char *)(uintptr_t)off; /* an offset until the text is whole */
	c->rows[c->nrows - 1].n++;
}

/*
 * Report why for the cell being split: at its column, named by the header
 * row when that row is whole. Returns -1.
 */
static int
split_fail(struct doc *d, struct csv *c, const char *why)
{
	const char *key = NULL;
	if (c->nrows > 1 && c->rows[c->nrows - 1].n < c->rows[0].n)
		key = c->text + (uintptr_t)c->cells[c->rows[c->nrows - 1].n];
	doc_report(d, 0, -1, -1, -1, key && *key ? key : NULL, "%s", why);
	return -1;
}

/*
 * The separator the header row (from data + i) tells: tab if it holds one
 * outside quotes, else semicolon if it holds one, else comma.
 */
static char
separator(const char *data, size_t i, size_t len)
{
	int q = 0, semi = 0;
	for (; i < len && (q || data[i] != '\n'); i++)
		if (data[i] == '"')
			q = !q;
		else if (!q && data[i] == '\t')
			return '\t';
		else if (!q && data[i] == ';')
			semi = 1;
	return semi ? ';' : ',';
}

/*
 * Split the len bytes of data (from i, after any byte order mark) into rows
 * of cells, RFC 4180 strictly: a cell in quotes may hold the separator, line
 * breaks and "" for a quote; a quote elsewhere, an unclosed quote, text
 * after a closing quote and a carriage return without a line feed are
 * errors (reported; -1). Cells are trimmed of spaces.
 */
static int
split(struct doc *d, struct csv *c, const char *data, size_t i, size_t len)
{
	char sep = separator(data, i, len), *t = c->text = xmalloc(len + 1);
	size_t w = 0;
	int line = 1;
	unsigned char stop[256] = {0}; /* what ends an unquoted cell's text, or is refused in it */
	stop[(unsigned char)sep] = stop['\n'] = stop['\r'] = stop['"'] = 1;
	while (i < len) {
		if (c->nrows == c->caprows)
			c->rows = xrealloc(c->rows,
			                   (size_t)(c->caprows = c->caprows ? 2 * c->caprows : 64) *
			                       sizeof *c->rows);
		c->rows[c->nrows++] = (struct row){line, c->ncells, 0};
		for (;;) {
			size_t start = w;
			c->cur = line;
			if (i < len && data[i] == '"') {
				int open = line;
				for (i++;; i++) {
					if (i == len) {
						c->cur = open;
						return split_fail(
						    d, c,
						    "a quote opens a cell that it never closes");
					}
					if (data[i] == '"' && i + 1 < len && data[i + 1] == '"')
						t[w++] = data[i++];
					else if (data[i] == '"')
						break;
					else {
						line += data[i] == '\n';
						t[w++] = data[i];
					}
				}
				i++;
				if (i < len && data[i] != sep && data[i] != '\n' && data[i] != '\r')
					return split_fail(
					    d, c,
					    "text after the closing quote of a cell (a quote in "
					    "a quoted cell is written \"\")");
			} else {
				while (i < len && !stop[(unsigned char)data[i]])
					t[w++] = data[i++];
				if (i < len && data[i] == '"')
					return split_fail(
					    d, c,
					    "a quote inside a cell that does not start with "
					    "one (quote the whole cell, the quote written "
					    "\"\")");
			}
			if (i < len && data[i] == '\r' && (i + 1 == len || data[i + 1] != '\n'))
				return split_fail(d, c,
				                  "a carriage return without a line feed after it");
			while (w > start && t[w - 1] == ' ')
				w--;
			size_t lead = start;
			while (lead < w && t[lead] == ' ')
				lead++;
			t[w++] = '\0';
			add_cell(c, lead);
			if (i < len && data[i] == sep) {
				i++;
				continue;
			}
			i += i < len && data[i] == '\r';
			if (i < len && data[i] == '\n')
				i++, line++;
			break;
		}
	}
	for (size_t k = 0; k < c->ncells; k++)
		c->cells[k] = t + (uintptr_t)c->cells[k];
	return 0;
}

/* The cell of column k in row w, or NULL when the file has no such column. */
static const char *
cell(const struct csv *c, const struct row *w, enum col k)
{
	return c->col[k] < 0 ? NULL : c->cells[w->first + (size_t)c->col[k]];
}

/*
 * Read the header row: each cell a column name (any case, any order) of
 * colname[], none twice, the required ones there (the stage's unless
 * given apart, d->opt). 0, or -1 reported.
 */
static int
header(struct doc *d, struct csv *c)
{
	const struct row *h = &c->rows[0];
	int err = 0;
	char why[VALUE_WHY];
	c->cur = h->line;
	for (int k = 0; k < C_COUNT; k++)
		c->col[k] = -1;
	for (int i = 0; i < h->n; i++) {
		char *name = c->cells[h->first + (size_t)i];
		for (char *p = name; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		int k = 0;
		while (k < C_COUNT && strcmp(name, colname[k]) != 0)
			k++;
		if (*name == '\0') {
			snprintf(why, sizeof why,
			         "column %d has no name (a header names every column)", i + 1);
			err = bad(d, NULL, why);
		} else if (k == C_COUNT) {
			value_unknown_column("a match CSV", colname, C_COUNT, why);
			err = bad(d, name, why);
		} else if (c->col[k] >= 0)
			err = bad(d, name, "column given twice");
		else
			c->col[k] = i;
	}
	if (err)
		return -1;
	static const enum col need[] = {C_MATCH, C_TEAM, C_PLACEMENT, C_KILLS};
	for (size_t i = 0; i < sizeof need / sizeof *need; i++)
		if (c->col[need[i]] < 0)
			err = bad(d, colname[need[i]], value_missing_column);
	if (c->col[C_TOURNAMENT] < 0 && d->opt->tournament == NULL)
		err = bad(d, "tournament",
		          "required column is missing (or give it apart from the file: "
		          "tracker import --tournament, ?tournament= in a POST)");
	if (c->col[C_STAGE] < 0 && d->opt->stage == NULL)
		err = bad(d, "stage",
		          "required column is missing (or give it apart from the file: tracker "
		          "import --stage, ?stage= in a POST)");
	if (c->col[C_PLAYER] >= 0 && c->col[C_PLAYER_KILLS] < 0)
		err = bad(d, "player_kills", value_missing_column);
	for (int k = C_PLAYER_KILLS; k <= C_MVP; k++)
		if (c->col[k] >= 0 && c->col[C_PLAYER] < 0)
			err = bad(d, colname[k],
			          "needs the player column (each row is then one player's)");
	return err;
}

/* The cell text s as a typed value: a number when it is one ("-3", "2.5"), else a string. */
static struct value
typed(const char *s)
{
	const char *p = s + (*s == '-' || *s == '+');
	struct value v = {.kind = VALUE_STRING, .string = s};
	if (!isdigit((unsigned char)*p))
		return v;
	const char *digits = p;
	uint64_t n = 0;
	while (isdigit((unsigned char)*p))
		n = 10 * n + (uint64_t)(*p++ - '0');
	if (*p == '\0' && p - digits <= 15) /* an integer, exact in a double: strtod's value */
		return (struct value){.kind = VALUE_NUMBER,
		                      .number = *s == '-' ? -(double)n : (double)n};
	if (*p == '.' && isdigit((unsigned char)p[1]))
		for (p++; isdigit((unsigned char)*p);)
			p++;
	if (*p == '\0')
		v = (struct value){.kind = VALUE_NUMBER, .number = strtod(s, NULL)};
	return v;
}

/*
 * The integer in [min, max] in column k of row w into *out; an empty cell
 * (or no such column) is -1 in *out unless required. 0, or -1 reported.
 */
static int
int_cell(struct doc *d, const struct csv *c, const struct row *w, enum col k, int min, int max,
         int required, int *out)
{
	const char *s = cell(c, w, k);
	char why[VALUE_WHY];
	*out = -1;
	if (s == NULL || *s == '\0')
		return required ? bad(d, colname[k], value_empty) : 0;
	int n = 0;
	const char *p = s;
	while (*p >= '0' && *p <= '9' && p - s < 9) /* most cells: a few digits, in range */
		n = 10 * n + (*p++ - '0');
	if (*p == '\0' && n >= min && n <= max) {
		*out = n;
		return 0;
	}
	struct value v = typed(s); /* the rest as value_int reads (and refuses) them */
	return value_int(&v, min, max, out, why) == 0 ? 0 : bad(d, colname[k], why);
}

/*
 * The name in column k of row w (value_name) into *out, NULL when absent: 0,
 * or -1 reported. A cell that holds the text last found good in its column
 * (a match's and a team's cells repeat on each of their rows) is that name.
 */
static int
name_cell(struct doc *d, const struct csv *c, const struct row *w, enum col k, const char **out)
{
	struct csv *memo = d->keep;
	const char *s = cell(c, w, k);
	char why[VALUE_WHY];
	struct value v = {.kind = VALUE_STRING, .string = s};
	*out = s;
	if (s == NULL || (memo->named[k] && strcmp(memo->named[k], s) == 0))
		return 0;
	*out = NULL;
	if (value_name(&v, out, why) != 0)
		return bad(d, colname[k], why);
	memo->named[k] = s;
	return 0;
}

/* What a row says about its match. */
struct match_cells {
	int day;               /* -1: not given */
	char *map;             /* name_clean()'d; NULL: unknown */
	const char *played_at; /* or NULL */
};

/* Row w's day, map and played_at into *x: 0, or -1 reported. */
static int
match_cells(struct doc *d, const struct csv *c, const struct row *w, struct match_cells *x)
{
	const char *map, *at = cell(c, w, C_PLAYED_AT);
	char why[VALUE_WHY];
	int err = int_cell(d, c, w, C_DAY, 1, MAX_DAY, 0, &x->day);
	x->map = NULL;
	x->played_at = NULL;
	if (name_cell(d, c, w, C_MAP, &map) != 0)
		err = -1;
	else if (map && (x->map = name_clean(map)) && *x->map == '\0') {
		free(x->map);
		x->map = NULL;
	}
	struct value v = {.kind = VALUE_STRING, .string = at};
	if (at && *at && value_datetime(&v, &x->played_at, why) != 0)
		err = bad(d, "played_at", why);
	return err;
}

/* What a row says about its team in the match. */
struct team_cells {
	enum doc_status status; /* played, dq or forfeit */
	int placement, kills;   /* -1: not given (dq, forfeit) */
};

/* Row w's status, placement and kills into *x: 0, or -1 reported. */
static int
team_cells(struct doc *d, const struct csv *c, const struct row *w, struct team_cells *x)
{
	const char *s = cell(c, w, C_STATUS);
	char why[VALUE_WHY];
	int st = DOC_PLAYED, err = 0;
	struct value v = {.kind = VALUE_STRING, .string = s};
	int known = !s || !*s;
	for (int i = 0; !known && i < 3; i++)
		if (strcasecmp(s, status_name[i]) == 0)
			st = i, known = 1;
	if (!known && value_enum(&v, status_name, 3, &st, why) != 0)
		err = bad(d, "status", why);
	x->status = (enum doc_status)st;
	int need = st == DOC_PLAYED && known; /* a refused status says nothing of them */
	err |= int_cell(d, c, w, C_PLACEMENT, 1, MAX_PLACEMENT, need, &x->placement);
	err |= int_cell(d, c, w, C_KILLS, 0, MAX_KILLS, need, &x->kills);
	return err ? -1 : 0;
}

/*
 * Report that column k of the row being read says otherwise than on row
 * first (line of that row), for what must agree (a match's or a team's).
 */
static void
disagree(struct doc *d, const struct csv *c, const struct row *w, int first, enum col k,
         const char *what)
{
	const char *here = cell(c, w, k), *there = cell(c, &c->rows[first], k);
	doc_report(d, 0, -1, -1, -1, colname[k], "'%s' here, '%s' on line %d (%s must agree)", here,
	           there, c->rows[first].line, what);
}

/* 1 if a and b (either may be NULL) hold the same text or are both NULL. */
static int
same_text(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/*
 * The stage of row w: its tournament and stage cells, or the ones given
 * apart (d->opt) when there are no such columns (or the cell is empty);
 * given both ways they must name the same. Its index in d->stages, or -1 reported.
 */
static int
row_stage(struct doc *d, const struct csv *c, const struct row *w)
{
	const char *t, *s, *given[2] = {d->opt->tournament, d->opt->stage};
	if (name_cell(d, c, w, C_TOURNAMENT, &t) != 0 || name_cell(d, c, w, C_STAGE, &s) != 0)
		return -1;
	/* an empty cell is no stage given when one is given apart */
	t = t && *t == '\0' && given[0] ? NULL : t;
	s = s && *s == '\0' && given[1] ? NULL : s;
	const char *cells[2] = {t, s};
	for (int k = 0; k < 2; k++) {
		if (cells[k] == NULL || given[k] == NULL)
			continue;
		char *a = slugify(cells[k]), *b = slugify(given[k]);
		int same = strcmp(a, b) == 0;
		free(a), free(b);
		if (!same) {
			doc_report(d, 0, -1, -1, -1, colname[k],
			           "'%s' here, while the %s given with the file is '%s'", cells[k],
			           colname[k], given[k]);
			return -1;
		}
	}
	struct csv *memo = d->keep; /* the stage of the row before, when it names the same */
	if (memo->last_stage >= 0 && same_text(memo->last[0], t) && same_text(memo->last[1], s))
		return memo->last_stage;
	int i = doc_stage(d, -1, t ? t : given[0], s ? s : given[1]);
	memo->last[0] = t, memo->last[1] = s, memo->last_stage = i;
	return i;
}

/* The index of match number in stage, a new one for row index wi when there is none. */
static int
row_match(struct doc *d, struct csv *c, int wi, int stage, int number, int *fresh)
{
	for (int m = d->nmatches - 1; m >= 0; m--)
		if (d->matches[m].stage == stage && d->matches[m].number == number) {
			*fresh = 0;
			return m;
		}
	if (d->nmatches == c->capm) {
		int cap = c->capm ? 2 * c->capm : 16;
		d->matches = xrealloc(d->matches, (size_t)cap * sizeof *d->matches);
		c->m = xrealloc(c->m, (size_t)cap * sizeof *c->m);
		memset(c->m + c->capm, 0, (size_t)(cap - c->capm) * sizeof *c->m);
		c->capm = cap;
	}
	int m = d->nmatches++;
	d->matches[m] = (struct doc_match){.stage = stage, .number = number, .day = -1};
	c->m[m].line = c->rows[wi].line;
	c->m[m].row = wi;
	*fresh = 1;
	if (d->stages[stage].at < 0)
		d->stages[stage].at = m;
	return m;
}

/* A new result of match m for row index wi, team key key (taken): its index. */
static int
new_result(struct doc *d, struct csv *c, int m, int wi, char *key)
{
	struct doc_match *g = &d->matches[m];
	struct cmatch *x = &c->m[m];
	if (x->nres == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 16;
		g->results = xrealloc(g->results, (size_t)x->cap * sizeof *g->results);
		x->res = xrealloc(x->res, (size_t)x->cap * sizeof *x->res);
	}
	int r = x->nres++;
	g->results[r] = (struct doc_result){.spell = -1};
	g->nresults = x->nres;
	x->res[r] = (struct cresult){.line = c->rows[wi].line, .row = wi, .key = key};
	return r;
}

/*
 * Row wi's player (per-player files): a new entry of result r of match m,
 * checked. An empty player cell gives no entry (the row is the team's
 * alone), and then no player numbers either.
 */
static void
row_player(struct doc *d, struct csv *c, int wi, int m, int r)
{
	const struct row *w = &c->rows[wi];
	struct doc_result *x = &d->matches[m].results[r];
	struct cresult *y = &c->m[m].res[r];
	const char *name;
	if (name_cell(d, c, w, C_PLAYER, &name) != 0)
		return;
	if (*name == '\0') {
		for (int k = C_PLAYER_KILLS; k <= C_MVP; k++)
			if (cell(c, w, k) && *cell(c, w, k))
				bad(d, "player", "must not be empty: the row gives player numbers");
		return;
	}
	if (x->nplayers == y->cap) {
		y->cap = y->cap ? 2 * y->cap : 4;
		x->players = xrealloc(x->players, (size_t)y->cap * sizeof *x->players);
		y->plines = xrealloc(y->plines, (size_t)y->cap * sizeof *y->plines);
	}
	int p = x->nplayers++;
	struct doc_player *q = &x->players[p];
	y->plines[p] = w->line;
	*q = (struct doc_player){.spell = -1};
	int err = int_cell(d, c, w, C_PLAYER_KILLS, 0, MAX_KILLS, 1, &q->kills);
	err |= int_cell(d, c, w, C_DAMAGE, 0, MAX_DAMAGE, 0, &q->damage);
	err |= int_cell(d, c, w, C_ASSISTS, 0, MAX_ASSISTS, 0, &q->assists);
	err |= int_cell(d, c, w, C_MVP, 0, MAX_MVP, 0, &q->mvp);
	q->spell = doc_player(d, m, r, p, "player", name);
}

/*
 * Read row wi into d: its stage, its match (the first row of a match gives
 * day, map and played_at; later ones must agree), its team (in a
 * per-player file the team's later rows must agree with its first) and
 * its player. Errors are reported.
 */
static void
read_row(struct doc *d, struct csv *c, int wi)
{
	const struct row *w = &c->rows[wi];
	struct match_cells mc;
	struct team_cells tc;
	const char *team;
	int number, fresh, per_player = c->col[C_PLAYER] >= 0;
	int stage = row_stage(d, c, w);
	if (stage < 0 || int_cell(d, c, w, C_MATCH, 1, MAX_MATCH, 1, &number) != 0)
		return;
	int mbad = match_cells(d, c, w, &mc) != 0;
	int m = row_match(d, c, wi, stage, number, &fresh);
	struct doc_match *g = &d->matches[m];
	if (fresh) {
		g->day = mc.day, g->map = mc.map, g->played_at = mc.played_at;
		c->m[m].bad = mbad;
		mc.map = NULL;
	} else if (!mbad && !c->m[m].bad) {
		int first = c->m[m].row;
		if (g->day != mc.day)
			disagree(d, c, w, first, C_DAY, "the rows of a match");
		if (!same_text(g->map, mc.map))
			disagree(d, c, w, first, C_MAP, "the rows of a match");
		if (!same_text(g->played_at, mc.played_at))
			disagree(d, c, w, first, C_PLAYED_AT, "the rows of a match");
	}
	free(mc.map);
	if (name_cell(d, c, w, C_TEAM, &team) != 0)
		return;
	int tbad = team_cells(d, c, w, &tc) != 0;
	char *key = NULL;
	int r = -1;
	if (per_player && c->last_team && c->last_m == m && strcmp(c->last_team, team) == 0)
		r = c->last_r; /* the row before's team: its key, so its result */
	else
		key = name_key(team);
	for (int k = 0; per_player && key && k < c->m[m].nres && r < 0; k++)
		if (strcmp(c->m[m].res[k].key, key) == 0 && *key)
			r = k;
	/* the next row's memo: a result found by a key that is not empty */
	c->last_team = r >= 0 || *key ? team : NULL;
	if (r < 0) {
		r = new_result(d, c, m, wi, key);
		struct doc_result *x = &g->results[r];
		x->team = team;
		x->status = tc.status, x->placement = tc.placement, x->kills = tc.kills;
		x->spell = doc_team(d, m, r, team);
		c->m[m].res[r].bad = tbad;
	} else {
		const struct doc_result *x = &g->results[r];
		int first = c->m[m].res[r].row;
		free(key);
		tbad |= c->m[m].res[r].bad;
		if (!tbad && x->status != tc.status)
			disagree(d, c, w, first, C_STATUS, "the rows of a team in a match");
		else if (!tbad && x->placement != tc.placement)
			disagree(d, c, w, first, C_PLACEMENT, "the rows of a team in a match");
		else if (!tbad && x->kills != tc.kills)
			disagree(d, c, w, first, C_KILLS, "the rows of a team in a match");
	}
	c->last_m = m, c->last_r = r;
	if (per_player)
		row_player(d, c, wi, m, r);
}

/* 1 if every cell of row w is empty. */
static int
empty_row(const struct csv *c, const struct row *w)
{
	for (int i = 0; i < w->n; i++)
		if (!blank(c->cells[w->first + (size_t)i]))
			return 0;
	return 1;
}

/*
 * Report where the len bytes of data stop being UTF-8 (or hold a NUL
 * byte): the line, and the byte.
 */
static void
bad_bytes(struct doc *d, struct csv *c, const char *data, size_t len)
{
	size_t i = 0;
	c->cur = 1;
	while (i < len) {
		unsigned char b = (unsigned char)data[i];
		size_t n = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 4;
		if (n > len - i || !utf8_valid(data + i, n))
			break;
		c->cur += b == '\n';
		i += n;
	}
	doc_report(d, 0, -1, -1, -1, NULL, "%s at byte %zu",
	           data[i] ? "invalid UTF-8" : "NUL byte (not allowed in a CSV file)", i);
}

/* Read match CSV text into d (a doc_reader). */
static void
read_csv(struct doc *d, const char *data, size_t len)
{
	struct csv *c = xcalloc(1, sizeof *c);
	c->last_stage = -1;
	size_t i = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	d->keep = c;
	d->keep_free = csv_free;
	d->locate = csv_locate;
	d->kind = DOC_ROWS;
	if (!utf8_valid(data, len)) {
		bad_bytes(d, c, data, len);
		return;
	}
	size_t k = i;
	while (k < len && strchr(" \t\r\n", data[k]))
		k++;
	if (k == len) {
		doc_report(
		    d, 0, -1, -1, -1, NULL,
		    "empty document: expected a header row, then one row per team per match");
		return;
	}
	if (split(d, c, data, i, len) != 0 || header(d, c) != 0) {
		c->cur = 0;
		return;
	}
	int n = c->nrows;
	while (n > 1 && empty_row(c, &c->rows[n - 1]))
		n--;
	int ncols = c->rows[0].n;
	for (int wi = 1; wi < n; wi++) {
		const struct row *w = &c->rows[wi];
		c->cur = w->line;
		if (empty_row(c, w))
			bad(d, NULL, "an empty row (only empty rows at the end are ignored)");
		else if (w->n != ncols)
			doc_report(d, 0, -1, -1, -1, NULL,
			           "%d cells, but the header row has %d columns", w->n, ncols);
		else
			read_row(d, c, wi);
	}
	c->cur = 0;
	if (n == 1)
		doc_report(d, 0, -1, -1, -1, NULL,
		           "no rows after the header: expected one row per team per match");
}

int
import_csv(sqlite3 *db, const char *name, const char *data, size_t len,
           const struct import_options *opt, struct import_stats *st, struct buf *msgs)
{
	return doc_import(db, name, data, len, opt, read_csv, st, msgs);
}
