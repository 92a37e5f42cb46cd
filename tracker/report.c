/*
 * report.c: the report model every surface renders: each listing of the
 * CLI, each JSON answer of the API and each export is a report, rows of
 * typed cells under named columns. Cells are added left to right, row
 * after row; a report renders as aligned columns for a person (numbers to
 * the right), as RFC 4180 CSV, or as a JSON array of objects whose values
 * keep their types (numbers stay numbers, missing is null). A report can
 * be sorted by any column and cut to its first rows; the aligned table fits
 * a width by leaving out the columns that say nothing (every cell 0, or
 * equal to another column) and then dropping columns by priority, and can
 * paint cells (movement, champion, zones) in ANSI colours.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "find.h"
#include "report.h"
#include "util.h"

enum kind { CELL_STR, CELL_NUM, CELL_NULL };

struct cell {
	enum kind kind;   /* how JSON and alignment treat it */
	enum paint paint; /* its colour in a table on a terminal */
	char *text;       /* the value as printed; "" for null */
};

struct report {
	const struct report_column *cols; /* the columns, not owned */
	int ncols;                        /* how many */
	struct cell *cells;               /* row-major */
	size_t ncells;                    /* cells added so far */
	size_t cap;                       /* cells allocated */
};

/* A report with the given columns; free with report_free(). */
struct report *
report_new(const struct report_column *cols, int ncols)
{
	struct report *t = xcalloc(1, sizeof *t);
	t->cols = cols;
	t->ncols = ncols;
	return t;
}

static void
add(struct report *t, enum kind kind, char *text)
{
	if (t->ncells == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->cells = xrealloc(t->cells, t->cap * sizeof *t->cells);
	}
	t->cells[t->ncells].kind = kind;
	t->cells[t->ncells].paint = PAINT_NONE;
	t->cells[t->ncells].text = text;
	t->ncells++;
}

void
report_str(struct report *t, const char *s)
{
	if (s == NULL)
		report_null(t);
	else
		add(t, CELL_STR, xstrdup(s));
}

void
report_int(struct report *t, int64_t v)
{
	add(t, CELL_NUM, xasprintf("%lld", (long long)v));
}

/* A real number with the given decimals; NaN is printed as null. */
void
report_real(struct report *t, double v, int decimals)
{
	if (v != v)
		report_null(t);
	else
		add(t, CELL_NUM, xasprintf("%.*f", decimals, v));
}

void
report_null(struct report *t)
{
	add(t, CELL_NULL, xstrdup(""));
}

/* Paint the cell added last. */
void
report_paint(struct report *t, enum paint p)
{
	if (t->ncells)
		t->cells[t->ncells - 1].paint = p;
}

static int
report_rows(const struct report *t)
{
	return (int)(t->ncells / (size_t)t->ncols);
}

/* Whether a user's spelling s names column c: its key or its header, case,
 * spaces, '-' and '_' ignored. */
static int
names_column(const struct report_column *c, const char *s)
{
	const char *cand[] = {c->key, c->header};
	for (int k = 0; k < 2; k++) {
		const char *a = cand[k], *b = s;
		for (;;) {
			while (*a == ' ' || *a == '-' || *a == '_')
				a++;
			while (*b == ' ' || *b == '-' || *b == '_')
				b++;
			if (*a == '\0' || *b == '\0' || (*a | 0x20) != (*b | 0x20))
				break;
			a++, b++;
		}
		if (*a == '\0' && *b == '\0')
			return 1;
	}
	return 0;
}

static const struct report *sorting; /* the report qsort's comparison reads */
static int sort_col, sort_dir;       /* its column, 1 ascending or -1 descending */

/* Rows by the sort column: empty cells last whatever the direction, then
 * by the direction, then in their order before (a stable sort). */
static int
cmp_rows(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;
	const struct cell *ca =
	    &sorting->cells[(size_t)a * (size_t)sorting->ncols + (size_t)sort_col];
	const struct cell *cb =
	    &sorting->cells[(size_t)b * (size_t)sorting->ncols + (size_t)sort_col];
	int d = (ca->kind == CELL_NULL) - (cb->kind == CELL_NULL);
	if (d == 0 && ca->kind != CELL_NULL) {
		if (ca->kind == CELL_NUM && cb->kind == CELL_NUM) {
			double va = strtod(ca->text, NULL), vb = strtod(cb->text, NULL);
			d = sort_dir * ((va > vb) - (va < vb));
		} else
			d = sort_dir * strcasecmp(ca->text, cb->text);
	}
	return d ? d : (a > b) - (a < b);
}

/*
 * Sort the rows by the column the user named (its key or header; a leading
 * '-' reverses): numbers most first, a lower-is-better column and text
 * lowest first, empty cells last. Returns 0, or -1 with *err set (free()
 * it) when no column has that name, with the nearest names.
 */
int
report_sort(struct report *t, const char *column, char **err)
{
	int rev = column[0] == '-', c;
	const char *name = column + rev;
	for (c = 0; c < t->ncols && !names_column(&t->cols[c], name); c++)
		;
	if (c == t->ncols) {
		const char **keys = xcalloc((size_t)t->ncols, sizeof *keys);
		int near[3], n;
		for (int i = 0; i < t->ncols; i++)
			keys[i] = t->cols[i].key;
		n = find_nearest(name, (const char *const *)keys, t->ncols, near, 3);
		struct buf b = {0};
		buf_printf(&b, "--sort: no column '%s' here", name);
		for (int i = 0; i < n; i++)
			buf_printf(&b, "%s'%s'", i ? " or " : " (did you mean ", keys[near[i]]);
		buf_puts(&b, n ? "?)" : "");
		buf_puts(&b, "; the columns: ");
		for (int i = 0; i < t->ncols; i++)
			buf_printf(&b, "%s%s", i ? ", " : "", keys[i]);
		*err = xstrndup(b.data, b.len);
		buf_free(&b);
		free(keys);
		return -1;
	}
	int nrows = report_rows(t);
	int *idx = xcalloc((size_t)(nrows ? nrows : 1), sizeof *idx);
	for (int r = 0; r < nrows; r++)
		idx[r] = r;
	int numeric = 0;
	for (int r = 0; r < nrows && !numeric; r++)
		numeric = t->cells[(size_t)r * (size_t)t->ncols + (size_t)c].kind == CELL_NUM;
	sorting = t;
	sort_col = c;
	sort_dir = (numeric && !t->cols[c].low) ? -1 : 1;
	if (rev)
		sort_dir = -sort_dir;
	qsort(idx, (size_t)nrows, sizeof *idx, cmp_rows);
	struct cell *cells = xcalloc(t->cap ? t->cap : 1, sizeof *cells);
	for (int r = 0; r < nrows; r++)
		memcpy(&cells[(size_t)r * (size_t)t->ncols],
		       &t->cells[(size_t)idx[r] * (size_t)t->ncols],
		       (size_t)t->ncols * sizeof *cells);
	free(t->cells);
	t->cells = cells;
	free(idx);
	return 0;
}

/* Keep the first n rows. */
void
report_top(struct report *t, int n)
{
	if (n < 0 || n >= report_rows(t))
		return;
	for (size_t i = (size_t)n * (size_t)t->ncols; i < t->ncells; i++)
		free(t->cells[i].text);
	t->ncells = (size_t)n * (size_t)t->ncols;
}

/* Display width of a UTF-8 string: one column per code point. */
static size_t
width(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			w++;
	return w;
}

static void
pad(struct buf *out, size_t n)
{
	while (n--)
		buf_putc(out, ' ');
}

/* Whether column c says nothing a person needs: every cell 0 or empty
 * (zero_hides), every cell its usual text, or equal in every row to its
 * same_as column. */
static int
says_nothing(const struct report *t, int c)
{
	const struct report_column *col = &t->cols[c];
	int other = -1, nrows = report_rows(t);
	for (int i = 0; col->same_as && i < t->ncols; i++)
		if (strcmp(t->cols[i].key, col->same_as) == 0)
			other = i;
	if (!col->zero_hides && !col->usual && other < 0)
		return 0;
	for (int r = 0; r < nrows; r++) {
		const char *s = t->cells[(size_t)r * (size_t)t->ncols + (size_t)c].text;
		if (col->zero_hides && *s && strcmp(s, "0") != 0)
			return 0;
		if (col->usual && strcmp(s, col->usual) != 0)
			return 0;
		if (!col->zero_hides && !col->usual &&
		    strcmp(s, t->cells[(size_t)r * (size_t)t->ncols + (size_t)other].text) != 0)
			return 0;
	}
	return 1;
}

static const char *const ansi[] = {
    [PAINT_UP] = "\033[32m",         /* green */
    [PAINT_DOWN] = "\033[31m",       /* red */
    [PAINT_CHAMPION] = "\033[1;33m", /* bold yellow */
    [PAINT_ZONE] = "\033[36m",       /* cyan */
};

/* Append s cut to at most w display columns (the last one an ellipsis when cut). */
static void
put_cut(struct buf *out, const char *s, size_t w)
{
	if (width(s) <= w) {
		buf_puts(out, s);
		return;
	}
	size_t n = 0;
	for (const char *p = s; *p; p++) {
		if (((unsigned char)*p & 0xC0) != 0x80 && n++ == w - 1)
			break;
		buf_putc(out, *p);
	}
	buf_puts(out, "\u2026");
}

/* The table as one record per row, "Header: value" lines cut to the width,
 * for a table that no dropping makes fit. */
static void
render_records(const struct report *t, const struct report_view *v, struct buf *out)
{
	size_t hw = 0;
	int nrows = report_rows(t);
	for (int c = 0; c < t->ncols; c++)
		if (width(t->cols[c].header) > hw)
			hw = width(t->cols[c].header);
	for (int r = 0; r < nrows; r++) {
		if (r)
			buf_putc(out, '\n');
		for (int c = 0; c < t->ncols; c++) {
			const struct cell *cell =
			    &t->cells[(size_t)r * (size_t)t->ncols + (size_t)c];
			if (!v->wide && (says_nothing(t, c) || *cell->text == '\0'))
				continue;
			buf_puts(out, t->cols[c].header);
			buf_putc(out, ':');
			pad(out, hw - width(t->cols[c].header) + 1);
			size_t room = (size_t)v->width > hw + 6 ? (size_t)v->width - hw - 2 : 4;
			if (v->color && cell->paint)
				buf_puts(out, ansi[cell->paint]);
			put_cut(out, cell->text, room);
			if (v->color && cell->paint)
				buf_puts(out, "\033[0m");
			buf_putc(out, '\n');
		}
	}
}

static void
render_aligned(const struct report *t, const struct report_view *v, struct buf *out)
{
	size_t *w = xcalloc((size_t)t->ncols, sizeof *w);
	int *show = xcalloc((size_t)t->ncols, sizeof *show);
	int nrows = report_rows(t), nshow = 0, last = -1;
	for (int c = 0; c < t->ncols; c++) {
		w[c] = width(t->cols[c].header);
		show[c] = v->wide || !says_nothing(t, c);
	}
	for (size_t i = 0; i < (size_t)nrows * (size_t)t->ncols; i++) {
		size_t cw = width(t->cells[i].text);
		if (cw > w[i % (size_t)t->ncols])
			w[i % (size_t)t->ncols] = cw;
	}
	/* drop columns, the highest drop first (the rightmost of equals), until it fits */
	for (;;) {
		size_t total = 0;
		int worst = -1;
		nshow = 0;
		for (int c = 0; c < t->ncols; c++) {
			if (!show[c])
				continue;
			total += w[c] + (nshow++ ? 2 : 0);
			if (t->cols[c].drop &&
			    (worst < 0 || t->cols[c].drop >= t->cols[worst].drop))
				worst = c;
		}
		if (v->width <= 0 || v->wide || total <= (size_t)v->width)
			break;
		if (worst < 0) {
			/* nothing left to drop: cut the widest column when that leaves it
			   8 wide, else a record per row */
			int widest = 0;
			for (int c = 0; c < t->ncols; c++)
				if (show[c] && w[c] > w[widest])
					widest = c;
			size_t over = total - (size_t)v->width;
			if (w[widest] < over + 8) {
				render_records(t, v, out);
				free(show);
				free(w);
				return;
			}
			w[widest] -= over;
			break;
		}
		show[worst] = 0;
	}
	for (int c = 0; c < t->ncols; c++)
		if (show[c])
			last = c;
	for (int r = -1; r < nrows; r++) {
		int first = 1;
		for (int c = 0; c < t->ncols; c++) {
			if (!show[c])
				continue;
			const char *s = t->cols[c].header;
			int right = 0;
			enum paint paint = PAINT_NONE;
			if (r >= 0) {
				const struct cell *cell =
				    &t->cells[(size_t)r * (size_t)t->ncols + (size_t)c];
				s = cell->text;
				right = cell->kind == CELL_NUM;
				paint = v->color ? cell->paint : PAINT_NONE;
			}
			size_t sw = width(s) < w[c] ? width(s) : w[c];
			if (!first)
				buf_puts(out, "  ");
			first = 0;
			if (right)
				pad(out, w[c] - sw);
			if (paint)
				buf_puts(out, ansi[paint]);
			put_cut(out, s, w[c]);
			if (paint)
				buf_puts(out, "\033[0m");
			if (!right && c < last)
				pad(out, w[c] - sw);
		}
		buf_putc(out, '\n');
	}
	free(show);
	free(w);
}

static void
csv_field(struct buf *out, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_puts(out, s);
		return;
	}
	buf_putc(out, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(out, '"');
		buf_putc(out, *s);
	}
	buf_putc(out, '"');
}

static void
render_csv(const struct report *t, struct buf *out)
{
	int nrows = report_rows(t);
	for (int r = -1; r < nrows; r++) {
		for (int c = 0; c < t->ncols; c++) {
			if (c > 0)
				buf_putc(out, ',');
			if (r < 0)
				csv_field(out, t->cols[c].key);
			else
				csv_field(out,
				          t->cells[(size_t)r * (size_t)t->ncols + (size_t)c].text);
		}
		buf_puts(out, "\r\n");
	}
}

static void
render_json(const struct report *t, struct buf *out)
{
	int nrows = report_rows(t);
	buf_putc(out, '[');
	for (int r = 0; r < nrows; r++) {
		buf_puts(out, r ? ",\n{" : "\n{");
		for (int c = 0; c < t->ncols; c++) {
			const struct cell *cell =
			    &t->cells[(size_t)r * (size_t)t->ncols + (size_t)c];
			if (c > 0)
				buf_putc(out, ',');
			buf_json_str(out, t->cols[c].key);
			buf_putc(out, ':');
			if (cell->kind == CELL_STR)
				buf_json_str(out, cell->text);
			else if (cell->kind == CELL_NUM)
				buf_puts(out, cell->text);
			else
				buf_puts(out, "null");
		}
		buf_putc(out, '}');
	}
	buf_puts(out, nrows ? "\n]\n" : "]\n");
}

/* Append the report to out in format f, the table as view v says (NULL:
 * every column, no width limit, no colour). */
void
report_render_view(const struct report *t, enum format f, const struct report_view *v,
                   struct buf *out)
{
	static const struct report_view all = {0, 1, 0};
	if (f == FORMAT_CSV)
		render_csv(t, out);
	else if (f == FORMAT_JSON)
		render_json(t, out);
	else
		render_aligned(t, v ? v : &all, out);
}

/* Append the report to out in format f, every column. */
void
report_render(const struct report *t, enum format f, struct buf *out)
{
	report_render_view(t, f, NULL, out);
}

void
report_free(struct report *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->ncells; i++)
		free(t->cells[i].text);
	free(t->cells);
	free(t);
}
