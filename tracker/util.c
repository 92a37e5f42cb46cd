/*
 * util.c: allocation that aborts on out-of-memory, the fatal-error helpers of
 * the CLI, and the functions that turn a display name into its slug and into
 * the key under which spellings of one name are the same entity.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
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
	term_vprintf(stderr, fmt, ap);
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

#define LOW8  0x0101010101010101u /* 1 in each byte of a word */
#define HIGH8 0x8080808080808080u /* each byte's high bit */

/* 1 if the n bytes at s are well-formed UTF-8 without NUL, else 0. */
int
utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n;
	while (p < e) {
		/* eight ASCII bytes at a time: no high bit, no zero byte */
		uint64_t w;
		while (e - p >= 8 && (memcpy(&w, p, 8), (w & HIGH8) == 0) &&
		       ((w - LOW8) & ~w & HIGH8) == 0)
			p += 8;
		if (p == e)
			break;
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

/*
 * Characters a reader cannot see, which no name may hold (value.c) and no
 * message shows as they are (term_safe): format characters ( Unicode's Cf: zero width ones, joiners, bidi
 * controls, the byte order mark; spaces other than U+0020; fillers that
 * print as nothing; noncharacters), with which "LOUD" and "LOUD" + U+200B
 * would be two teams that look the same. Sorted by code point.
 */
static const struct hidden {
	unsigned lo, hi;  /* code points */
	const char *what; /* for the message */
} hidden[] = {
    {0x00A0, 0x00A0, "a no-break space"},
    {0x00AD, 0x00AD, "a soft hyphen"},
    {0x034F, 0x034F, "a combining grapheme joiner"},
    {0x0600, 0x0605, "a format character"},
    {0x061C, 0x061C, "a bidi control"},
    {0x06DD, 0x06DD, "a format character"},
    {0x070F, 0x070F, "a format character"},
    {0x0890, 0x0891, "a format character"},
    {0x08E2, 0x08E2, "a format character"},
    {0x115F, 0x1160, "a filler"},
    {0x1680, 0x1680, "a space other than U+0020"},
    {0x17B4, 0x17B5, "an invisible vowel"},
    {0x180B, 0x180F, "a variation selector"},
    {0x2000, 0x200A, "a space other than U+0020"},
    {0x200B, 0x200B, "a zero width space"},
    {0x200C, 0x200C, "a zero width non-joiner"},
    {0x200D, 0x200D, "a zero width joiner"},
    {0x200E, 0x200F, "a bidi control"},
    {0x2028, 0x2029, "a line or paragraph separator"},
    {0x202A, 0x202E, "a bidi control"},
    {0x202F, 0x202F, "a space other than U+0020"},
    {0x205F, 0x205F, "a space other than U+0020"},
    {0x2060, 0x2060, "a word joiner"},
    {0x2061, 0x2065, "an invisible operator"},
    {0x2066, 0x2069, "a bidi control"},
    {0x206A, 0x206F, "a format character"},
    {0x3000, 0x3000, "a space other than U+0020"},
    {0x3164, 0x3164, "a filler"},
    {0xFDD0, 0xFDEF, "a noncharacter"},
    {0xFE00, 0xFE0F, "a variation selector"},
    {0xFEFF, 0xFEFF, "a byte order mark"},
    {0xFFA0, 0xFFA0, "a filler"},
    {0xFFF0, 0xFFFB, "a format character"},
    {0x110BD, 0x110BD, "a format character"},
    {0x110CD, 0x110CD, "a format character"},
    {0x13430, 0x1343F, "a format character"},
    {0x1BCA0, 0x1BCA3, "a format character"},
    {0x1D173, 0x1D17A, "a format character"},
    {0xE0000, 0xE0FFF, "a tag or variation selector"},
};

/* What code point c is when hidden[] holds it ("a zero width space"), or NULL. */
static const char *
hidden_as(unsigned c)
{
	if (c < hidden[0].lo) /* ASCII and C1 controls, most of any name */
		return NULL;
	if ((c & 0xFFFE) == 0xFFFE)
		return "a noncharacter";
	size_t lo = 0, hi = sizeof hidden / sizeof *hidden;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c < hidden[mid].lo)
			hi = mid;
		else if (c > hidden[mid].hi)
			lo = mid + 1;
		else
			return hidden[mid].what;
	}
	return NULL;
}

/*
 * What code point c, after code point prev (0 at the start), is when one
 * cannot see it ("a zero width space"; hidden[]), or NULL: a character one
 * sees (or a control character, which is not in hidden[]). A variation
 * selector after a symbol (U+2000 and above, as the U+FE0F of an emoji)
 * is part of what one sees.
 */
const char *
utf8_invisible(unsigned prev, unsigned c)
{
	const char *what = hidden_as(c);
	if (what && (c & ~0xFu) == 0xFE00 && prev >= 0x2000 && !hidden_as(prev))
		return NULL;
	return what;
}

/*
 * A copy of s fit for a terminal: every control character (C0, DEL, C1:
 * ESC and CSI included, which a terminal would act on), byte that is not
 * UTF-8 and invisible character (utf8_invisible: bidi controls would
 * reorder the line) written as an escape, \x1B or \u202E, the rest as it
 * is; lines: keep line feeds (a message of several lines). The caller
 * frees it.
 */
char *
term_safe(const char *s, int lines)
{
	size_t n = strlen(s), o = 0;
	char *out = xmalloc(10 * n + 1);
	unsigned prev = 0;
	for (const char *p = s; *p;) {
		const unsigned char c = (unsigned char)*p;
		size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		if (strnlen(p, len) < len || !utf8_valid(p, len)) {
			o += (size_t)sprintf(out + o, "\\x%02X", c);
			p++;
			prev = 0;
			continue;
		}
		const char *at = p;
		unsigned cp = utf8_next(&p);
		if ((cp < 0x20 && !(lines && cp == '\n')) || cp == 0x7F)
			o += (size_t)sprintf(out + o, "\\x%02X", cp);
		else if ((cp >= 0x80 && cp <= 0x9F) || utf8_invisible(prev, cp))
			o += (size_t)sprintf(out + o, cp > 0xFFFF ? "\\U%08X" : "\\u%04X", cp);
		else {
			memcpy(out + o, at, (size_t)(p - at));
			o += (size_t)(p - at);
		}
		prev = cp;
	}
	out[o] = '\0';
	return out;
}

/* printf to fp through term_safe (line feeds kept): for messages that hold what a user gave. */
void
term_vprintf(FILE *fp, const char *fmt, va_list ap)
{
	char *raw = NULL;
	if (vasprintf(&raw, fmt, ap) < 0)
		oom();
	char *safe = term_safe(raw, 1);
	fputs(safe, fp);
	free(safe);
	free(raw);
}

/* term_vprintf with its arguments. */
void
term_printf(FILE *fp, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	term_vprintf(fp, fmt, ap);
	va_end(ap);
}
