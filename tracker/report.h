/* report.h: the report model every surface renders: typed cells under columns, aligned, CSV or
 * JSON. */
#ifndef TRACKER_REPORT_H
#define TRACKER_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "buf.h"

enum format { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON };

struct report_column {
	const char *header;  /* heading of the aligned table */
	const char *key;     /* key in JSON objects and heading of CSV */
	int drop;            /* 0: always in the table; else dropped when the table does not fit
	                        its width, the highest first */
	int low;             /* 1: lower is better (a rank): --sort puts the lowest first */
	int zero_hides;      /* 1: left out of the table when every cell is 0 or empty */
	const char *same_as; /* key of a column this one is left out for when equal in every row */
	const char *usual;   /* left out of the table when every cell is this text ("played") */
};

enum paint { PAINT_NONE, PAINT_UP, PAINT_DOWN, PAINT_CHAMPION, PAINT_ZONE };

struct report_view {
	int width; /* columns the table must fit in; 0: no limit */
	int wide;  /* 1: every column, none dropped or left out */
	int color; /* 1: ANSI colours for painted cells */
};

struct report;

struct report *report_new(const struct report_column *cols, int ncols);
void report_str(struct report *t, const char *s);
void report_int(struct report *t, int64_t v);
void report_real(struct report *t, double v, int decimals);
void report_null(struct report *t);
void report_paint(struct report *t, enum paint p);
int report_sort(struct report *t, const char *column, char **err);
void report_top(struct report *t, int n);
void report_render(const struct report *t, enum format f, struct buf *out);
void report_render_view(const struct report *t, enum format f, const struct report_view *v,
                        struct buf *out);
void report_free(struct report *t);

#endif
