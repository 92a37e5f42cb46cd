/* gzip.h: bodies compressed once for the clients whose Accept-Encoding takes gzip. */
#ifndef TRACKER_GZIP_H
#define TRACKER_GZIP_H

#include <stddef.h>

#define GZIP_MIN 1024 /* bodies shorter than this are sent as they are */

int gzip_body(const char *p, size_t n, char **out, size_t *outn);
int gzip_accepted(const char *accept_encoding);

#endif
