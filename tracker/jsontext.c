/*
 * jsontext.c: JSON text as a user gives it (a match file, a ruleset file, a
 * POST body), checked the same way for every one of them: not empty,
 * well-formed UTF-8 without NUL bytes, exactly one JSON value with only
 * white space after it, no \u0000 escape (cJSON would end the string
 * there), and no object naming a key twice (cJSON would keep
 * both and a lookup would silently pick one). Each problem is one message
 * that says where it is: a byte, line and column, or a JSON path.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "jsontext.h"
#include "util.h"
#include "value.h"

/* Line and column (both from 1, the column in bytes) of byte off of data. */
static void
line_col(const char *data, size_t off, int *line, int *col)
{
	*line = 1;
	size_t bol = 0;
	for (size_t i = 0; i < off; i++)
		if (data[i] == '\n')
			(*line)++, bol = i + 1;
	*col = (int)(off - bol) + 1;
}

/*
 * NULL if data is non-empty, well-formed UTF-8 without NUL bytes; else the
 * problem (the caller frees it). expected names what an empty text lacks.
 */
static char *
check_bytes(const char *data, size_t len, const char *expected)
{
	size_t i = 0;
	while (i < len && data[i] && strchr(" \t\r\n", data[i]))
		i++;
	if (i == len)
		return xasprintf("empty document: expected %s", expected);
	if (utf8_valid(data, len))
		return NULL;
	for (i = 0; i < len;) {
		unsigned char c = (unsigned char)data[i];
		size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
		if (n > len - i)
			n = len - i;
		if (!utf8_valid(data + i, n))
			break;
		i += n;
	}
	int line, col;
	line_col(data, i, &line, &col);
	return xasprintf("%s at byte %zu (line %d, column %d)",
	                 data[i] ? "invalid UTF-8" : "NUL byte (not allowed in JSON text)", i, line,
	                 col);
}

/* 1 if data stops inside a string or with an object or array still open. */
static int
cut_short(const char *data, size_t len)
{
	int depth = 0, str = 0;
	for (size_t i = 0; i < len; i++) {
		char c = data[i];
		if (str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				str = 0;
		} else if (c == '"')
			str = 1;
		else if (c == '{' || c == '[')
			depth++;
		else if (c == '}' || c == ']')
			depth--;
	}
	return str || depth > 0;
}

/*
 * Parse data as one JSON value with nothing but white space after it.
 * Returns the tree (the caller frees it with cJSON_Delete), or NULL with
 * *err set to the problem (the caller frees it).
 */
static cJSON *
parse(const char *data, size_t len, char **err)
{
	const char *end = NULL;
	int line, col;
	cJSON *root = cJSON_ParseWithLengthOpts(data, len, &end, 0);
	size_t off = end && end >= data && (size_t)(end - data) <= len ? (size_t)(end - data) : 0;
	if (root == NULL) {
		if (cut_short(data, len)) {
			line_col(data, len, &line, &col);
			*err =
			    xasprintf("truncated JSON: the text ends at line %d, column %d, inside "
			              "an unfinished string, object or array",
			              line, col);
		} else {
			line_col(data, off, &line, &col);
			*err = xasprintf("invalid JSON at line %d, column %d (byte %zu)", line, col,
			                 off);
		}
		return NULL;
	}
	while (off < len && data[off] && strchr(" \t\r\n", data[off]))
		off++;
	if (off < len) {
		line_col(data, off, &line, &col);
		*err = xasprintf("trailing garbage after the JSON value at byte %zu (line %d, "
		                 "column %d)",
		                 off, line, col);
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}

/*
 * The offset of the first \u0000 escape in a string of data (JSON text
 * cJSON has accepted), or len when there is none: cJSON would silently end
 * the string there. In JSON text every backslash is in a string and starts
 * an escape of which it is the first byte, so the escapes are found from
 * one backslash to the next, the string's own bounds aside.
 */
static size_t
nul_escape(const char *data, size_t len)
{
	const char *p = data, *e = data + len;
	while ((p = memchr(p, '\\', (size_t)(e - p))) != NULL && e - p >= 6) {
		if (memcmp(p + 1, "u0000", 5) == 0)
			return (size_t)(p - data);
		p += 2;
	}
	return len;
}

struct member {
	const char *key; /* the member's key (in the tree) */
	int pos;         /* its position in the object */
};

/* Compare two members by key, then position, for qsort. */
static int
by_key(const void *a, const void *b)
{
	const struct member *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->pos > y->pos) - (x->pos < y->pos);
}

/*
 * The key of v's members given twice, the first one to be given again
 * (its second time), or NULL. A small object is compared pair by pair; a
 * larger one is sorted, which keeps an object of n keys O(n log n).
 */
static const char *
twice(const cJSON *v)
{
	int n = 0;
	for (const cJSON *e = v->child; e; e = e->next)
		n++;
	if (n < 2)
		return NULL;
	if (n <= 16) {
		for (const cJSON *b = v->child->next; b; b = b->next)
			for (const cJSON *a = v->child; a != b; a = a->next)
				if (a->string[0] == b->string[0] &&
				    strcmp(a->string, b->string) == 0)
					return b->string;
		return NULL;
	}
	struct member *m = xmalloc((size_t)n * sizeof *m);
	int i = 0, dup = -1;
	for (const cJSON *e = v->child; e; e = e->next, i++)
		m[i] = (struct member){e->string, i};
	qsort(m, (size_t)n, sizeof *m, by_key);
	for (i = 1; i < n; i++)
		if (strcmp(m[i].key, m[i - 1].key) == 0 && (dup < 0 || m[i].pos < m[dup].pos))
			dup = i;
	const char *key = dup >= 0 ? m[dup].key : NULL;
	free(m);
	return key;
}

/*
 * Set path to the JSON path of the first key given twice in v or below it
 * (objects' own keys before their members'); returns 1 if there is one,
 * else 0 with path untouched. Nothing is formatted unless there is one:
 * the path is put together from the key up as the search returns.
 */
static int
repeated(const cJSON *v, struct buf *path)
{
	const char *key = cJSON_IsObject(v) ? twice(v) : NULL;
	if (key) {
		buf_printf(path, "%.60s", key);
		return 1;
	}
	int i = 0;
	for (const cJSON *e = v->child; e; e = e->next, i++) {
		if (e->child == NULL || !repeated(e, path))
			continue;
		/* this member's step in front of the path below it */
		struct buf step = {0};
		if (cJSON_IsObject(v))
			buf_printf(&step, "%.60s", e->string);
		else
			buf_printf(&step, "[%d]", i);
		if (path->len && path->data[0] != '[')
			buf_putc(&step, '.');
		buf_puts(&step, path->len ? path->data : "");
		buf_free(path);
		*path = step;
		return 1;
	}
	return 0;
}

/*
 * Parse len bytes of data (NUL-terminated or not) as one JSON document:
 * non-empty (expected says what an empty one lacks: "a ruleset object"),
 * UTF-8 without NUL bytes, one value with only white space after it, no
 * string with a \u0000 escape, no object with a key given twice. Returns the tree (the caller frees
 * it with cJSON_Delete), or NULL with *err set to the one-line problem ("invalid UTF-8 at byte 3
 * (line 1, column 4)", "matches[0].kills: key given twice"); the caller frees *err.
 */
cJSON *
jsontext_parse(const char *data, size_t len, const char *expected, char **err)
{
	*err = check_bytes(data, len, expected);
	if (*err)
		return NULL;
	cJSON *root = parse(data, len, err);
	if (root == NULL)
		return NULL;
	size_t nul = nul_escape(data, len);
	struct buf path = {0};
	if (nul < len) {
		int line, col;
		line_col(data, nul, &line, &col);
		*err = xasprintf("\\u0000 (NUL) at byte %zu (line %d, column %d): not allowed in a "
		                 "string",
		                 nul, line, col);
		cJSON_Delete(root);
		root = NULL;
	} else if (repeated(root, &path)) {
		for (size_t i = 0; i < path.len; i++)
			if ((unsigned char)path.data[i] < 0x20 || path.data[i] == 0x7F)
				path.data[i] = '?';
		*err = xasprintf("%.*s: key given twice", (int)path.len, path.data);
		cJSON_Delete(root);
		root = NULL;
	}
	buf_free(&path);
	return root;
}

/*
 * 1 if the len bytes of data pass the checks jsontext_parse makes of the
 * bytes (not empty, UTF-8 without NUL, no \u0000 escape), else 0: for a
 * reader that parses a large text piece by piece (jsontext_part) and falls
 * back to jsontext_parse, for its message, when a piece does not parse.
 */
int
jsontext_sound(const char *data, size_t len)
{
	char *err = check_bytes(data, len, "");
	free(err);
	return err == NULL && nul_escape(data, len) == len;
}

/*
 * The tree of the one JSON value the len bytes of data hold (white space
 * around it allowed) when it parses and names no key twice, else NULL (the
 * caller frees the tree with cJSON_Delete).
 */
cJSON *
jsontext_part(const char *data, size_t len)
{
	const char *end = NULL;
	cJSON *v = cJSON_ParseWithLengthOpts(data, len, &end, 0);
	size_t off = v && end ? (size_t)(end - data) : 0;
	while (v && off < len && strchr(" \t\r\n", data[off]))
		off++;
	struct buf path = {0};
	if (v && (off < len || repeated(v, &path))) {
		cJSON_Delete(v);
		v = NULL;
	}
	buf_free(&path);
	return v;
}

/* v (NULL: a key left out, taken as null) as the value value.c checks. */
struct value
jsontext_value(const cJSON *v)
{
	if (v == NULL || cJSON_IsNull(v))
		return (struct value){.kind = VALUE_NULL};
	if (cJSON_IsBool(v))
		return (struct value){.kind = VALUE_BOOL, .truth = cJSON_IsTrue(v)};
	if (cJSON_IsNumber(v))
		return (struct value){.kind = VALUE_NUMBER, .number = v->valuedouble};
	if (cJSON_IsString(v))
		return (struct value){.kind = VALUE_STRING, .string = v->valuestring};
	return (struct value){.kind = cJSON_IsArray(v) ? VALUE_ARRAY : VALUE_OBJECT};
}
