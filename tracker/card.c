/*
 * card.c: the social card, a stage's standings drawn as one self-contained
 * SVG of CARD_WIDTH x CARD_HEIGHT (the 4:5 portrait that feeds show whole):
 * the tournament, the stage, after which match, the Champion Rush status
 * (the champion, or the teams on match point), and the table (rank, team,
 * Booyahs, kills, points; zones as a coloured edge). Fonts are the
 * system's (a list of common families, then sans-serif); nothing refers
 * to anything outside the file. tracker card and GET .../card.svg write it.
 */
#include "card.h"

#define MAX_ROWS 16 /* rows that fit at a size a phone can read */
#define FONTS    "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"

/* Zone colours, by the zone's index in the ruleset (cycled). */
static const char *const zone_colour[] = {"#3fb950", "#d29922", "#58a6ff", "#f85149"};

/* Append s as XML text, at most max characters (UTF-8), with "…" when cut. */
static void
text(struct buf *out, const char *s, int max)
{
	int n = 0;
	for (; *s; s++) {
		if (((unsigned char)*s & 0xC0) != 0x80 && n++ == max) {
			buf_puts(out, "…");
			return;
		}
		switch (*s) {
		case '&':
			buf_puts(out, "&amp;");
			break;
		case '<':
			buf_puts(out, "&lt;");
			break;
		case '>':
			buf_puts(out, "&gt;");
			break;
		case '"':
			buf_puts(out, "&quot;");
			break;
		default:
			buf_putc(out, *s);
		}
	}
}

/* The index of the zone rank r falls in, or -1. */
static int
zone_of(const struct ruleset *r, int rank)
{
	for (int z = 0; z < r->nzones; z++)
		if (rank <= r->zones[z].to)
			return z;
	return -1;
}

/* The status line: the champion, the teams on match point, or the threshold. */
static void
status(const struct standings *s, struct buf *out)
{
	if (s->champion) {
		buf_puts(out, "<text x=\"60\" y=\"330\" font-size=\"40\" font-weight=\"bold\" "
		              "fill=\"#f2cc60\">♛ Champion: ");
		text(out, s->champion, 28);
		buf_printf(out,
		           "</text><text x=\"60\" y=\"375\" font-size=\"28\" fill=\"#c9d1d9\">"
		           "decided in match %d</text>\n",
		           s->decided_in_match);
		return;
	}
	if (s->rules.rush_threshold <= 0)
		return;
	int n = 0;
	for (int i = 0; i < s->nrows; i++)
		n += s->rows[i].rush_since > 0;
	buf_printf(out,
	           "<text x=\"60\" y=\"330\" font-size=\"36\" font-weight=\"bold\" fill=\"%s\">",
	           n ? "#ff7b72" : "#c9d1d9");
	if (n == 0)
		buf_printf(out, "Champion Rush: %d points, then a Booyah", s->rules.rush_threshold);
	else {
		buf_puts(out, "On match point: ");
		for (int i = 0, k = 0; i < s->nrows && k < 3; i++)
			if (s->rows[i].rush_since > 0) {
				buf_puts(out, k++ ? ", " : "");
				text(out, s->rows[i].team, 18);
			}
		if (n > 3)
			buf_printf(out, " +%d", n - 3);
	}
	buf_puts(out, "</text>\n");
}

/* Append the card of s to out. */
void
card_svg(const struct standings *s, struct buf *out)
{
	buf_printf(out,
	           "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
	           "viewBox=\"0 0 %d %d\" font-family=\"" FONTS "\">\n"
	           "<rect width=\"%d\" height=\"%d\" fill=\"#0d1117\"/>"
	           "<rect width=\"%d\" height=\"12\" fill=\"#f0883e\"/>\n",
	           CARD_WIDTH, CARD_HEIGHT, CARD_WIDTH, CARD_HEIGHT, CARD_WIDTH, CARD_HEIGHT,
	           CARD_WIDTH);
	buf_puts(out, "<text x=\"60\" y=\"100\" font-size=\"36\" fill=\"#8b949e\">");
	text(out, s->tournament, 44);
	buf_puts(out, "</text>\n<text x=\"60\" y=\"180\" font-size=\"64\" font-weight=\"bold\" "
	              "fill=\"#f0f6fc\">");
	text(out, s->stage, 26);
	buf_puts(out, "</text>\n<text x=\"60\" y=\"240\" font-size=\"34\" fill=\"#c9d1d9\">");
	if (s->after_match == 0)
		buf_puts(out, "Before the first match");
	else
		buf_printf(out, "After match %d · %d of %d matches played", s->after_match,
		           s->matches_played, s->total_matches);
	buf_puts(out, "</text>\n");
	status(s, out);

	int n = s->nrows < MAX_ROWS ? s->nrows : MAX_ROWS, top = 470;
	int h = n && 770 / n < 62 ? 770 / n : 62; /* 16 rows: 48 px */
	buf_printf(out,
	           "<g font-size=\"26\" fill=\"#8b949e\"><text x=\"60\" y=\"%d\">#</text>"
	           "<text x=\"140\" y=\"%d\">Team</text>"
	           "<text x=\"760\" y=\"%d\" text-anchor=\"end\">Booyahs</text>"
	           "<text x=\"890\" y=\"%d\" text-anchor=\"end\">Kills</text>"
	           "<text x=\"1020\" y=\"%d\" text-anchor=\"end\">Pts</text></g>\n",
	           top - 20, top - 20, top - 20, top - 20, top - 20);
	for (int i = 0; i < n; i++) {
		const struct standing *r = &s->rows[i];
		int y = top + i * h, z = zone_of(&s->rules, r->rank);
		buf_printf(
		    out,
		    "<g font-size=\"32\"><rect x=\"40\" y=\"%d\" width=\"1000\" height=\"%d\" "
		    "rx=\"6\" fill=\"%s\"/>",
		    y, h - 6, i % 2 ? "#161b22" : "#1c2230");
		if (z >= 0)
			buf_printf(
			    out, "<rect x=\"40\" y=\"%d\" width=\"10\" height=\"%d\" fill=\"%s\"/>",
			    y, h - 6, zone_colour[z % 4]);
		int base = y + h / 2 + 5;
		buf_printf(out,
		           "<text x=\"60\" y=\"%d\" fill=\"#f0f6fc\" font-weight=\"bold\">%d</text>"
		           "<text x=\"140\" y=\"%d\" fill=\"%s\">",
		           base, r->rank, base,
		           r->team_id == s->champion_id ? "#f2cc60" : "#f0f6fc");
		if (r->team_id == s->champion_id)
			buf_puts(out, "♛ ");
		text(out, r->team, 24);
		if (r->rush_since > 0 && r->team_id != s->champion_id)
			buf_puts(out, " <tspan fill=\"#ff7b72\" font-size=\"24\">MP</tspan>");
		buf_printf(
		    out,
		    "</text><text x=\"760\" y=\"%d\" fill=\"#c9d1d9\" text-anchor=\"end\">%d</text>"
		    "<text x=\"890\" y=\"%d\" fill=\"#c9d1d9\" text-anchor=\"end\">%d</text>"
		    "<text x=\"1020\" y=\"%d\" fill=\"#f0f6fc\" font-weight=\"bold\" "
		    "text-anchor=\"end\">%d</text></g>\n",
		    base, r->booyahs, base, r->kills, base, r->points);
	}
	int y = top + n * h + 40;
	if (s->nrows > n)
		buf_printf(out,
		           "<text x=\"60\" y=\"%d\" font-size=\"28\" fill=\"#8b949e\">+%d more "
		           "team%s</text>\n",
		           y, s->nrows - n, s->nrows - n > 1 ? "s" : "");
	for (int z = 0; z < s->rules.nzones && z < 4; z++) {
		buf_printf(out,
		           "<rect x=\"%d\" y=\"1268\" width=\"20\" height=\"20\" fill=\"%s\"/>"
		           "<text x=\"%d\" y=\"1286\" font-size=\"24\" fill=\"#c9d1d9\">",
		           60 + 245 * z, zone_colour[z], 90 + 245 * z);
		text(out, s->rules.zones[z].label, 14);
		buf_puts(out, "</text>");
	}
	buf_puts(out, "\n<text x=\"1020\" y=\"1320\" font-size=\"22\" fill=\"#6e7681\" "
	              "text-anchor=\"end\">tracker</text>\n</svg>\n");
}
