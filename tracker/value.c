/*
 * value.c: the faults a value read from a file can have, each worded once
 * for every reader (the match importer, rulesets, a CSV reader). A check
 * takes a value already typed by its reader, returns 0 when it is good, and
 * otherwise -1 with why set to the problem alone ("must be at most 1000,
 * got 1001"); the reader prefixes where it is.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "value.h"

const char value_missing[] = "required key is missing";
const char value_missing_column[] = "required column is missing";
const char value_empty[] = "must not be empty";

/* A short description of v for a message ("a string (\"3\")", "2.5", "an array"). */
static const char *
describe(const struct value *v, char *out, size_t n)
{
	switch (v->kind) {
	case VALUE_STRING: {
		size_t k = strlen(v->string);
		if (k > 40) /* cut on a character boundary */
			for (k = 40; k > 0 && ((unsigned char)v->string[k] & 0xC0) == 0x80; k--)
				;
		snprintf(out, n, "a string (\"%.*s%s\")", (int)k, v->string,
		         v->string[k] ? "..." : "");
		break;
	}
	case VALUE_NUMBER:
		snprintf(out, n, "%.15g", v->number);
		break;
	case VALUE_BOOL:
		snprintf(out, n, "%s", v->truth ? "true" : "false");
		break;
	case VALUE_NULL:
		snprintf(out, n, "null");
		break;
	case VALUE_ARRAY:
		snprintf(out, n, "an array");
		break;
	default:
		snprintf(out, n, "an object");
	}
	return out;
}

/* "expected WHAT, got DESCRIPTION" into why, for a value of the wrong type; returns -1. */
int
value_expected(const struct value *v, const char *what, char *why)
{
	char got[80];
	snprintf(why, VALUE_WHY, "expected %s, got %s", what, describe(v, got, sizeof got));
	return -1;
}

/* Store v in *out if it is an integer in [min, max]: 0, or -1 with why set. */
int
value_int(const struct value *v, int min, int max, int *out, char *why)
{
	double x = v->number;
	if (v->kind != VALUE_NUMBER || !isfinite(x) || x != floor(x))
		return value_expected(v, "an integer", why);
	if (x < min)
		snprintf(why, VALUE_WHY, "must be at least %d, got %.15g", min, x);
	else if (x > max)
		snprintf(why, VALUE_WHY, "must be at most %d, got %.15g", max, x);
	else {
		*out = (int)x;
		return 0;
	}
	return -1;
}

/* Store v's text in *out if it is a string: 0, or -1 with why set. */
int
value_string(const struct value *v, const char **out, char *why)
{
	if (v->kind != VALUE_STRING)
		return value_expected(v, "a string", why);
	*out = v->string;
	return 0;
}

/*
 * Store v's text in *out if it is a string of at most max characters (code
 * points, white space folded: spaces at either end left out, a run of them
 * one) without a control character (U+0000-U+001F, U+007F-U+009F) or an
 * invisible one (utf8_invisible()): 0, or -1 with why set.
 */
static int
text_of(const struct value *v, int max, const char **out, char *why)
{
	if (value_string(v, out, why) != 0)
		return -1;
	const char *s = *out, *p = s;
	unsigned prev = 0;
	long n = 0, spaces = 0;
	while (*p) {
		const char *at = p;
		unsigned c = (unsigned char)*p;
		const char *what = NULL;
		if (c >= 0x20 && c < 0x7F) /* printable ASCII, most of any name: seen */
			p++;
		else {
			c = utf8_next(&p);
			what = c < 0x20 || (c >= 0x7F && c <= 0x9F) ? "" : utf8_invisible(prev, c);
		}
		if (what && *what == '\0') {
			snprintf(why, VALUE_WHY,
			         "must not hold control characters, got U+%04X at byte %d", c,
			         (int)(at - s));
			return -1;
		}
		if (what) {
			snprintf(why, VALUE_WHY,
			         "must not hold invisible characters, got U+%04X (%s) at byte %d",
			         c, what, (int)(at - s));
			return -1;
		}
		if (c == ' ') {
			spaces += n > 0;
		} else {
			n += 1 + (spaces > 0);
			spaces = 0;
		}
		prev = c;
	}
	if (n > max) {
		snprintf(why, VALUE_WHY, "must be at most %d characters, got %ld", max, n);
		return -1;
	}
	return 0;
}

/*
 * Store v's text in *out if it is a string fit for a name (a tournament,
 * stage, team, player, map, group, label): at most VALUE_NAME_MAX
 * characters, nothing a terminal would act on or a reader cannot see
 * (text_of): 0, or -1 with why set.
 */
int
value_name(const struct value *v, const char **out, char *why)
{
	return text_of(v, VALUE_NAME_MAX, out, why);
}

/*
 * Store v's text in *out if it is a string fit for a free text shown beside
 * the numbers (a void's or an adjustment's reason, a stage's source): as a
 * name (text_of), at most VALUE_TEXT_MAX characters: 0, or -1 with why set.
 */
int
value_text(const struct value *v, const char **out, char *why)
{
	return text_of(v, VALUE_TEXT_MAX, out, why);
}

/* Store v in *out (1 true, 0 false) if it is true or false: 0, or -1 with why set. */
int
value_bool(const struct value *v, int *out, char *why)
{
	if (v->kind != VALUE_BOOL)
		return value_expected(v, "true or false", why);
	*out = v->truth;
	return 0;
}

/* 0 if v is of kind (an object or an array), else -1 with why set. */
int
value_is(const struct value *v, enum value_kind kind, char *why)
{
	if (v->kind == kind)
		return 0;
	return value_expected(v, kind == VALUE_OBJECT ? "an object" : "an array", why);
}

/*
 * Store in *out the index in names (n of them) of the string v: 0, or -1
 * with why set to "expected one of A, B, C, got ...".
 */
int
value_enum(const struct value *v, const char *const *names, int n, int *out, char *why)
{
	for (int i = 0; v->kind == VALUE_STRING && i < n; i++)
		if (strcmp(names[i], v->string) == 0) {
			*out = i;
			return 0;
		}
	char list[VALUE_WHY / 2];
	size_t len = 0;
	list[0] = '\0';
	for (int i = 0; i < n && len < sizeof list; i++)
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "",
		                        names[i]);
	char what[VALUE_WHY / 2 + 16];
	snprintf(what, sizeof what, "one of %s", list);
	return value_expected(v, what, why);
}

/* "unknown NOUN (WHAT has K1, K2 and KN)" into why. */
static void
unknown(const char *noun, const char *what, const char *const *keys, int nkeys, char *why)
{
	size_t len = (size_t)snprintf(why, VALUE_WHY, "unknown %s (%s has ", noun, what);
	for (int i = 0; i < nkeys && len < VALUE_WHY; i++)
		len += (size_t)snprintf(why + len, VALUE_WHY - len, "%s%s",
		                        i == 0           ? ""
		                        : i == nkeys - 1 ? " and "
		                                         : ", ",
		                        keys[i]);
	if (len < VALUE_WHY)
		snprintf(why + len, VALUE_WHY - len, ")");
}

/*
 * "unknown key (WHAT has K1, K2 and KN)" into why: the message for a key
 * that what (e.g. "a result") does not have; keys lists the ones it has.
 */
void
value_unknown_key(const char *what, const char *const *keys, int nkeys, char *why)
{
	unknown("key", what, keys, nkeys, why);
}

/* "unknown column (WHAT has C1, C2 and CN)" into why: a table's column that what lacks. */
void
value_unknown_column(const char *what, const char *const *cols, int ncols, char *why)
{
	unknown("column", what, cols, ncols, why);
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

/* Store v's text in *out if it is an ISO 8601 date, or date and time: 0, or -1 with why set. */
int
value_datetime(const struct value *v, const char **out, char *why)
{
	if (value_string(v, out, why) != 0)
		return -1;
	if (iso8601(*out))
		return 0;
	snprintf(
	    why, VALUE_WHY,
	    "expected an ISO 8601 date and time such as 2025-11-15T14:00:00+07:00, got '%.200s'",
	    *out);
	return -1;
}
