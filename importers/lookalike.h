/* lookalike.h: names that look the same but are not (Latin, Greek and Cyrillic look-alikes). */
#ifndef TRACKER_IMPORT_LOOKALIKE_H
#define TRACKER_IMPORT_LOOKALIKE_H

#include "store.h"

char *lookalike_skeleton(const char *name);
void lookalike_warnings(struct store *s);

#endif
