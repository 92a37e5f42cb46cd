/* html.h: writing HTML safely: escaping by context, and the frame every page shares. */
#ifndef TRACKER_HTML_H
#define TRACKER_HTML_H

#include "buf.h"

void html_text(struct buf *b, const char *s);
void html_attr(struct buf *b, const char *s);
void url_arg(struct buf *b, const char *s);
void html_raw(struct buf *b, const char *s);
void html_open(struct buf *b, const char *title, const char *events);
void html_close(struct buf *b);

#endif
