/* unit.h: the checks of the C unit tests; each prints "ok NAME" or "not ok NAME: why". */
#ifndef TRACKER_UNIT_H
#define TRACKER_UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_failed;

#define CHECK(name, cond)                                                                          \
	do {                                                                                       \
		if (cond)                                                                          \
			printf("ok %s\n", name);                                                   \
		else {                                                                             \
			printf("not ok %s: %s (%s:%d)\n", name, #cond, __FILE__, __LINE__);         \
			unit_failed = 1;                                                           \
		}                                                                                  \
	} while (0)

#define CHECK_STR(name, want, got)                                                                 \
	do {                                                                                       \
		const char *w_ = (want), *g_ = (got);                                              \
		if (g_ && strcmp(w_, g_) == 0)                                                     \
			printf("ok %s\n", name);                                                   \
		else {                                                                             \
			printf("not ok %s: expected \"%s\", got \"%s\"\n", name, w_,                 \
			       g_ ? g_ : "(null)");                                                \
			unit_failed = 1;                                                           \
		}                                                                                  \
	} while (0)

#endif
