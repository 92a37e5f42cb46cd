/* a value appended unescaped beside htmlf */
#include "html.h"

void
page(struct buf *b, const char *name)
{
	htmlf(b, "<b>");
	buf_puts(b, name);
	htmlf(b, "</b>");
}
