/*
 * util.c: allocation that aborts on out-of-memory, the fatal-error helpers of
 * the CLI, and the functions that turn a display name into its slug and into
 * the key under which spellings of one name are the same entity.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Abort with a message: there is no sensible way on from out-of-memory. */
static _Noreturn void
oom(void)
{
	fputs("tracker: out of memory\n", stderr);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t count, size_t n)
{
	void *p = calloc(count ? count : 1, n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

/* Copy of the first n bytes of s, NUL-terminated; the caller frees it. */
char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* printf into fresh memory; the caller frees it. */
char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom();
	char *p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

static void
vmsg(const char *prefix, const char *fmt, va_list ap)
{
	fputs(prefix, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

/* A data error of a CLI command: message on stderr, exit status 1. */
void
die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg("tracker: ", fmt, ap);
	va_end(ap);
	exit(1);
}

/* A usage error of a CLI command: message on stderr, exit status 2. */
void
die_usage(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg("tracker: ", fmt, ap);
	va_end(ap);
	exit(2);
}

void
warnmsg(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg("tracker: warning: ", fmt, ap);
	va_end(ap);
}

/*
 * The slug of a name: ASCII letters and digits lowercased, every run of other
 * bytes turned into one '-', none at either end ("LOUD SNICKERS" ->
 * "loud-snickers"). The caller frees it. A name with no letter or digit has
 * the empty slug.
 */
char *
slugify(const char *name)
{
	size_t n = strlen(name);
	char *s = xmalloc(n + 1), *o = s;
	int dash = 0;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (isalnum(*p) && *p < 0x80) {
			if (dash && o > s)
				*o++ = '-';
			dash = 0;
			*o++ = (char)tolower(*p);
		} else
			dash = 1;
	}
	*o = '\0';
	return s;
}

/*
 * The display form of a name: white space trimmed at both ends and every
 * inner run of it turned into one space. The caller frees it.
 */
char *
name_clean(const char *name)
{
	char *s = xmalloc(strlen(name) + 1), *o = s;
	int space = 0;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (isspace(*p)) {
			space = 1;
			continue;
		}
		if (space && o > s)
			*o++ = ' ';
		space = 0;
		*o++ = (char)*p;
	}
	*o = '\0';
	return s;
}

/*
 * The identity key of a team or player name: name_clean() with ASCII letters
 * lowercased, so "RRQ Kazu", "RRQ KAZU" and " rrq  kazu " are one key. The
 * caller frees it.
 */
char *
name_key(const char *name)
{
	char *s = name_clean(name);
	for (char *p = s; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return s;
}

/* 1 if the n bytes at s are well-formed UTF-8 without NUL, else 0. */
int
utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n;
	while (p < e) {
		unsigned c = *p++;
		int more;
		unsigned min;
		if (c == 0)
			return 0;
		if (c < 0x80)
			continue;
		else if ((c & 0xE0) == 0xC0)
			more = 1, min = 0x80, c &= 0x1F;
		else if ((c & 0xF0) == 0xE0)
			more = 2, min = 0x800, c &= 0x0F;
		else if ((c & 0xF8) == 0xF0)
			more = 3, min = 0x10000, c &= 0x07;
		else
			return 0;
		if (e - p < more)
			return 0;
		while (more--) {
			if ((*p & 0xC0) != 0x80)
				return 0;
			c = (c << 6) | (*p++ & 0x3F);
		}
		if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			return 0;
	}
	return 1;
}

/*
 * The code point of the well-formed UTF-8 sequence at *s (utf8_valid),
 * advancing *s past it.
 */
unsigned
utf8_next(const char **s)
{
	const unsigned char *p = (const unsigned char *)*s;
	unsigned c = *p++;
	int more = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
	if (more)
		c &= 0x3Fu >> more;
	while (more-- && (*p & 0xC0) == 0x80)
		c = (c << 6) | (*p++ & 0x3F);
	*s = (const char *)p;
	return c;
}
