/* markup from a variable as the format */
#include "html.h"

void
page(struct buf *b, const char *markup)
{
	htmlf(b, markup);
}
