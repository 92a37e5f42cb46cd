/*
 * report.c: the report model every surface renders: each listing of the
 * CLI, each JSON answer of the API and each export is a report, rows of
 * typed cells under named columns. Cells are added left to right, row
 * after row; a report renders as aligned columns for a person (numbers to
 * the right), as RFC 4180 CSV, or as a JSON array of objects whose values
 * keep their types (numbers stay numbers, missing is null).
 */
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "util.h"

enum kind { CELL_STR, CELL_NUM, CELL_NULL };

struct cell {
	enum kind kind; /* how JSON and alignment treat it */
	char *text;     /* the value as printed; "" for null */
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

int
report_rows(const struct report *t)
{
	return (int)(t->ncells / (size_t)t->ncols);
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

static void
render_aligned(const struct report *t, struct buf *out)
{
	size_t *w = xcalloc((size_t)t->ncols, sizeof *w);
	int nrows = report_rows(t);
	for (int c = 0; c < t->ncols; c++)
		w[c] = width(t->cols[c].header);
	for (size_t i = 0; i < (size_t)nrows * (size_t)t->ncols; i++) {
		size_t cw = width(t->cells[i].text);
		if (cw > w[i % (size_t)t->ncols])
			w[i % (size_t)t->ncols] = cw;
	}
	for (int r = -1; r < nrows; r++) {
		for (int c = 0; c < t->ncols; c++) {
			const char *s = t->cols[c].header;
			int right = 0;
			if (r >= 0) {
				const struct cell *cell =
				    &t->cells[(size_t)r * (size_t)t->ncols + (size_t)c];
				s = cell->text;
				right = cell->kind == CELL_NUM;
			}
			size_t gap = w[c] - width(s);
			if (c > 0)
				buf_puts(out, "  ");
			if (right)
				pad(out, gap);
			buf_puts(out, s);
			if (!right && c < t->ncols - 1)
				pad(out, gap);
		}
		buf_putc(out, '\n');
	}
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

/* Append the report to out in format f. */
void
report_render(const struct report *t, enum format f, struct buf *out)
{
	if (f == FORMAT_CSV)
		render_csv(t, out);
	else if (f == FORMAT_JSON)
		render_json(t, out);
	else
		render_aligned(t, out);
}

void
report_print(const struct report *t, enum format f, FILE *fp)
{
	struct buf b = {0};
	report_render(t, f, &b);
	fwrite(b.data, 1, b.len, fp);
	buf_free(&b);
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
