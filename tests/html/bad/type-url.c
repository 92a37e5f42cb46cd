/* a number for %p */
#include "html.h"

void
page(struct buf *b, long long id)
{
	htmlf(b, "<a href=\"/teams/%p\">", id);
}
