/* a printf width htmlf does not have */
#include "html.h"

void
page(struct buf *b, int n)
{
	htmlf(b, "<td>%5d</td>", n);
}
