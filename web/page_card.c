/*
 * page_card.c: GET /t/{tournament}/{stage}/card.svg[?after=N]: the social
 * card of the stage (tracker/card.c), the pages' og:image.
 */
#include "card.h"
#include "pages.h"
#include "stage.h"

void
page_card(const struct http_req *req, struct http_out *out)
{
	struct standings s;
	if (!stage_standings(req, out, 1, 0, &s))
		return;
	out->type = "image/svg+xml";
	card_svg(&s, &out->body);
	standings_free(&s);
}
