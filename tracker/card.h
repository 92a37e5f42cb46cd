/* card.h: the social card: a stage's standings as a 1080x1350 SVG. */
#ifndef TRACKER_CARD_H
#define TRACKER_CARD_H

#include "buf.h"
#include "standings.h"

#define CARD_WIDTH  1080
#define CARD_HEIGHT 1350

void card_svg(const struct standings *s, struct buf *out);

#endif
