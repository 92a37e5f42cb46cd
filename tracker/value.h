/*
 * value.h: what is wrong with one value a reader found (a JSON member, a
 * CSV cell), one wording per fault. Where the value is (a JSON path, a
 * file:line:column) is the reader's to say.
 */
#ifndef TRACKER_VALUE_H
#define TRACKER_VALUE_H

#include <stddef.h>

enum value_kind { VALUE_NULL, VALUE_BOOL, VALUE_NUMBER, VALUE_STRING, VALUE_ARRAY, VALUE_OBJECT };

struct value {
	enum value_kind kind; /* what the reader found */
	double number;        /* VALUE_NUMBER: its value */
	int truth;            /* VALUE_BOOL: 1 true, 0 false */
	const char *string;   /* VALUE_STRING: its text (not owned) */
};

#define VALUE_WHY      400 /* bytes a message needs */
#define VALUE_NAME_MAX 64  /* characters (code points) in a name */
#define VALUE_TEXT_MAX 500 /* characters in a free text: a reason, a source */

int value_expected(const struct value *v, const char *what, char *why);
int value_int(const struct value *v, int min, int max, int *out, char *why);
int value_bool(const struct value *v, int *out, char *why);
int value_string(const struct value *v, const char **out, char *why);
int value_name(const struct value *v, const char **out, char *why);
int value_text(const struct value *v, const char **out, char *why);
int value_datetime(const struct value *v, const char **out, char *why);
int value_is(const struct value *v, enum value_kind kind, char *why);
int value_enum(const struct value *v, const char *const *names, int n, int *out, char *why);
void value_unknown_key(const char *what, const char *const *keys, int nkeys, char *why);
void value_unknown_column(const char *what, const char *const *cols, int ncols, char *why);

extern const char value_missing[];        /* a required key is not there */
extern const char value_missing_column[]; /* a required column is not there */
extern const char value_empty[];          /* a name is empty after white space is folded */

#endif
