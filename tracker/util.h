/* util.h: memory that never fails, fatal errors, names and slugs. */
#ifndef TRACKER_UTIL_H
#define TRACKER_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void die_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void warnmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

char *slugify(const char *name);
char *name_key(const char *name);
char *name_clean(const char *name);
int utf8_valid(const char *s, size_t n);
unsigned utf8_next(const char **s);
const char *utf8_invisible(unsigned prev, unsigned c);

char *term_safe(const char *s, int lines);
void term_vprintf(FILE *fp, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void term_printf(FILE *fp, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
