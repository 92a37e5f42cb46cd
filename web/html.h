/* html.h: writing HTML: htmlf, whose conversions each escape for one context, and the page frame.
 */
#ifndef TRACKER_HTML_H
#define TRACKER_HTML_H

#include <stdint.h>

#include "buf.h"

/* HTMLF_CHECK (tests/t-html.sh only): the compiler checks the argument types as printf's. */
#ifdef HTMLF_CHECK
__attribute__((format(printf, 2, 3)))
#endif
void
htmlf(struct buf *b, const char *fmt, ...);
void html_open(struct buf *b, const char *title, const char *desc, const char *events);
void html_open_live(struct buf *b, const char *title, const char *desc, uint64_t version);
void html_close(struct buf *b);

#endif
