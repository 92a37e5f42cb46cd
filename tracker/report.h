/* report.h: the report model every surface renders: typed cells under columns, aligned, CSV or
 * JSON. */
#ifndef TRACKER_REPORT_H
#define TRACKER_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "buf.h"

enum format { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON };

struct report_column {
	const char *header; /* heading of the aligned table and of CSV */
	const char *key;    /* key in JSON objects */
};

struct report;

struct report *report_new(const struct report_column *cols, int ncols);
void report_str(struct report *t, const char *s);
void report_int(struct report *t, int64_t v);
void report_real(struct report *t, double v, int decimals);
void report_null(struct report *t);
int report_rows(const struct report *t);
void report_render(const struct report *t, enum format f, struct buf *out);
void report_print(const struct report *t, enum format f, FILE *fp);
void report_free(struct report *t);

#endif
