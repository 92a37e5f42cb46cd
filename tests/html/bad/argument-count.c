/* a conversion without its argument */
#include "html.h"

void
page(struct buf *b, int n)
{
	htmlf(b, "<td>%d</td><td>%d</td>", n);
}
