/* buf.h: the one growable byte buffer. */
#ifndef TRACKER_BUF_H
#define TRACKER_BUF_H

#include <stddef.h>

struct buf {
	char *data; /* always NUL-terminated when non-NULL */
	size_t len; /* bytes used, without the NUL */
	size_t cap; /* bytes allocated */
};

void buf_put(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_json_str(struct buf *b, const char *s);
void buf_url(struct buf *b, const char *s);
char *buf_detach(struct buf *b, size_t *len);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);

#endif
