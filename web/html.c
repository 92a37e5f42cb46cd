/*
 * html.c: the only way text gets into a page: htmlf, a printf whose
 * conversions each escape for one context, so the format string, a
 * literal, says what every value is. Also the frame (head, header, footer)
 * every page shares.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "html.h"
#include "i18n.h"

/* Append s with &, < and > escaped, and " and ' too when attr. */
static void
escape(struct buf *b, const char *s, int attr)
{
	const char *run = s;
	for (; *s; s++) {
		const char *rep;
		switch (*s) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = attr ? "&quot;" : NULL;
			break;
		case '\'':
			rep = attr ? "&#39;" : NULL;
			break;
		default:
			rep = NULL;
		}
		if (rep == NULL)
			continue;
		buf_put(b, run, (size_t)(s - run));
		buf_puts(b, rep);
		run = s + 1;
	}
	buf_put(b, run, (size_t)(s - run));
}

/*
 * Append fmt to b with its conversions filled in, each escaped for its
 * context:
 *   %s   text between tags: &, < and > escaped
 *   %a   a double-quoted attribute value (SVG's included): &, <, >, " and '
 *   %p   one URL path segment or query value, percent-encoded (buf_url)
 *   %j   a JSON string literal, safe inside <script> too (buf_json_str)
 *   %r   raw: the program's own markup, unchanged; only ever a literal
 *   %d   int; %lld long long; %llu unsigned long long
 *   %f   double, with an optional + flag and precision: %.1f, %+.1f
 *   '    with %d, %lld or %f (%'d, %'.1f): the number in the page's
 *        language (i18n_number: 1.234,5 in Portuguese); without it, as C
 *        writes it (for markup: coordinates, counts in attributes)
 *   %%   a percent sign
 * The string conversions take a const char *, NULL taken as "". A
 * conversion not in this list ends the output; tests/t-html.sh refuses
 * such a format, a format that is not a literal, and a %r given anything
 * but literals.
 */
void
htmlf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	for (const char *p = fmt; *p;) {
		size_t n = strcspn(p, "%");
		buf_put(b, p, n);
		p += n;
		if (*p++ == '\0')
			break;
		int plus = *p == '+';
		p += plus;
		int loc = *p == '\'';
		p += loc;
		int prec = -1;
		if (p[0] == '.' && p[1] >= '0' && p[1] <= '9') {
			prec = p[1] - '0';
			p += 2;
		}
		int ll = strncmp(p, "ll", 2) == 0;
		p += 2 * ll;
		char c = *p++;
		if (c == 'f' && !ll) {
			double v = va_arg(ap, double);
			if (loc && plus && v >= 0)
				buf_putc(b, '+');
			if (loc)
				i18n_number(b, i18n_lang(), v, prec < 0 ? 6 : prec);
			else
				buf_printf(b, plus ? "%+.*f" : "%.*f", prec < 0 ? 6 : prec, v);
			continue;
		}
		if (loc && c == 'd' && !plus && prec < 0) {
			i18n_number(b, i18n_lang(),
			            ll ? (double)va_arg(ap, long long) : (double)va_arg(ap, int),
			            0);
			continue;
		}
		if (loc)
			break;
		if (plus || prec >= 0 || (ll && c != 'd' && c != 'u'))
			break;
		if (ll && c == 'd')
			buf_printf(b, "%lld", va_arg(ap, long long));
		else if (ll)
			buf_printf(b, "%llu", va_arg(ap, unsigned long long));
		else if (c == 'd')
			buf_printf(b, "%d", va_arg(ap, int));
		else if (c == '%')
			buf_putc(b, '%');
		else if (c && strchr("sapjr", c)) {
			const char *s = va_arg(ap, const char *);
			if (s == NULL)
				s = "";
			if (c == 's' || c == 'a')
				escape(b, s, c == 'a');
			else if (c == 'p')
				buf_url(b, s);
			else if (c == 'j')
				buf_json_str(b, s);
			else
				buf_puts(b, s);
		} else
			break;
	}
	va_end(ap);
}

/*
 * Open a page: doctype, head with the stylesheet and script from /static/
 * and the share preview (og:title the title, og:description desc: who
 * leads, in the page's language; og:image a stage page's card), the
 * site header with the language
 * switcher (links to this URL with ?lang=, so each language is a page of
 * its own, cacheable), and <main>. events, when not NULL, is the
 * event-stream URL the page's script listens to for live updates.
 */
void
html_open(struct buf *b, const char *title, const char *desc, const char *events)
{
	int lang = i18n_lang();
	const char *self = i18n_self();
	if (desc == NULL || *desc == '\0')
		desc = tr("frame.description");
	htmlf(b,
	      "<!doctype html>\n<html lang=\"%a\"><head><meta charset=\"utf-8\">"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	      "<meta name=\"color-scheme\" content=\"light dark\">"
	      "<link rel=\"icon\" href=\"data:,\"><title>%s · tracker</title>"
	      "<meta name=\"description\" content=\"%a\">"
	      "<meta property=\"og:type\" content=\"website\">"
	      "<meta property=\"og:site_name\" content=\"tracker\">"
	      "<meta property=\"og:title\" content=\"%a\">"
	      "<meta property=\"og:description\" content=\"%a\">"
	      "<meta property=\"og:locale\" content=\"%a\">"
	      "<meta name=\"twitter:card\" content=\"summary\">"
	      "<link rel=\"stylesheet\" href=\"/static/style.css\">"
	      "<script src=\"/static/app.js\" defer></script>",
	      i18n_code(lang), title, desc, title, desc, i18n_text(lang, "frame.og_locale"));
	char t[256], st[256]; /* a stage page (its events URL names the stage): its card */
	if (events && sscanf(events, "/api/v1/tournaments/%255[^/]/stages/%255[^/]/", t, st) == 2)
		htmlf(b, "<meta property=\"og:image\" content=\"/t/%p/%p/card.svg\">", t, st);
	htmlf(b, "</head>\n<body");
	if (events)
		htmlf(b,
		      " data-events=\"%a\" data-w-live=\"%a\" data-w-off=\"%a\" "
		      "data-w-refused=\"%a\"",
		      events, tr("live.updated"), tr("live.off"), tr("live.refused"));
	htmlf(b,
	      "><header><a class=\"home\" href=\"/%s\">tracker</a><nav class=\"langs\" "
	      "aria-label=\"%a\">",
	      i18n_q(), tr("frame.languages"));
	for (int l = 0; l < I18N_NLANGS; l++)
		htmlf(b, "<a%r href=\"%a%a%a\" hreflang=\"%a\" lang=\"%a\">%s</a>",
		      l == lang ? " class=\"on\" aria-current=\"true\"" : "", self,
		      strchr(self, '?') ? "&lang=" : "?lang=", i18n_code(l), i18n_code(l),
		      i18n_code(l), i18n_text(l, "lang.name"));
	htmlf(b, "</nav></header>\n<main>");
}

/*
 * html_open for a page that is live on the whole database's event stream
 * (GET /api/v1/events), rendered at data version version.
 */
void
html_open_live(struct buf *b, const char *title, const char *desc, uint64_t version)
{
	struct buf events = {0};
	htmlf(&events, "/api/v1/events?since=%llu", (unsigned long long)version);
	html_open(b, title, desc, events.data);
	buf_free(&events);
}

/* Close what html_open opened. */
void
html_close(struct buf *b)
{
	htmlf(b,
	      "</main>\n<footer>%s · <a href=\"/api/v1/tournaments\">JSON API</a></footer>\n"
	      "</body></html>\n",
	      tr("frame.footer"));
}
