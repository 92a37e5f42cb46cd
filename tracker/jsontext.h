/* jsontext.h: JSON text as a user gives it, checked before its meaning is. */
#ifndef TRACKER_JSONTEXT_H
#define TRACKER_JSONTEXT_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "value.h"

cJSON *jsontext_parse(const char *data, size_t len, const char *expected, char **err);
int jsontext_sound(const char *data, size_t len);
cJSON *jsontext_part(const char *data, size_t len);
struct value jsontext_value(const cJSON *v);

#endif
