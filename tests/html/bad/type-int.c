/* a string for %d */
#include "html.h"

void
page(struct buf *b, const char *name)
{
	htmlf(b, "<td>%d</td>", name);
}
