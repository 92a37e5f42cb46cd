/* markup through the plain printf */
#include "html.h"

void
page(struct buf *b, const char *name)
{
	buf_printf(b, "<b>%s</b>", name);
}
