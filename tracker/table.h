/* table.h: rows of typed cells, printed aligned, as CSV or as JSON. */
#ifndef TRACKER_TABLE_H
#define TRACKER_TABLE_H

#include <stdint.h>
#include <stdio.h>

#include "buf.h"

enum format { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON };

struct column {
	const char *header; /* heading of the aligned table and of CSV */
	const char *key;    /* key in JSON objects */
};

struct table;

struct table *table_new(const struct column *cols, int ncols);
void table_str(struct table *t, const char *s);
void table_int(struct table *t, int64_t v);
void table_real(struct table *t, double v, int decimals);
void table_null(struct table *t);
int table_rows(const struct table *t);
void table_render(const struct table *t, enum format f, struct buf *out);
void table_print(const struct table *t, enum format f, FILE *fp);
void table_free(struct table *t);

#endif
