/* a choice between a literal and a value, written raw */
#include "html.h"

void
page(struct buf *b, const char *name, int on)
{
	htmlf(b, "<td%r>", on ? name : "");
}
