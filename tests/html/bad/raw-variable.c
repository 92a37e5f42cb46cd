/* a value written raw */
#include "html.h"

void
page(struct buf *b, const char *name)
{
	htmlf(b, "<b>%r</b>", name);
}
