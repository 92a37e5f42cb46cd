/*
 * html.c: the only way text gets into a page. Each helper escapes for one
 * context: html_text for element content, html_attr for a quoted attribute
 * value (SVG's included), url_arg for one path segment or query value;
 * html_raw writes the program's own markup unchanged and is never given a
 * value from the database or the request. Also the frame (head, header,
 * footer) every page shares.
 */
#include <string.h>

#include "html.h"

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

/* Append s, escaping &, < and > : for text between tags. */
void
html_text(struct buf *b, const char *s)
{
	escape(b, s, 0);
}

/* Append s for a double-quoted attribute value: &, <, >, " and ' escaped. */
void
html_attr(struct buf *b, const char *s)
{
	escape(b, s, 1);
}

/*
 * Append s percent-encoded for one URL path segment or query value: every
 * byte but letters, digits, '-', '.', '_' and '~' becomes %XX. The result
 * is also safe inside a quoted attribute.
 */
void
url_arg(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p))
			buf_putc(b, (char)*p);
		else {
			char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			buf_put(b, e, 3);
		}
	}
}

/* Append the program's own markup s unchanged. Never a value from outside. */
void
html_raw(struct buf *b, const char *s)
{
	buf_puts(b, s);
}

/*
 * Open a page: doctype, head with the stylesheet and script from /static/,
 * the site header, and <main>. events, when not NULL, is the event-stream
 * URL the page's script listens to for live updates.
 */
void
html_open(struct buf *b, const char *title, const char *events)
{
	html_raw(b, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
	            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	            "<meta name=\"color-scheme\" content=\"light dark\">"
	            "<link rel=\"icon\" href=\"data:,\"><title>");
	html_text(b, title);
	html_raw(b, " · tracker</title><link rel=\"stylesheet\" href=\"/static/style.css\">"
	            "<script src=\"/static/app.js\" defer></script></head>\n<body");
	if (events) {
		html_raw(b, " data-events=\"");
		html_attr(b, events);
		html_raw(b, "\"");
	}
	html_raw(b, "><header><a class=\"home\" href=\"/\">tracker</a></header>\n<main>");
}

/* Close what html_open opened. */
void
html_close(struct buf *b)
{
	html_raw(b, "</main>\n<footer>Free Fire esports stats · <a href=\"/api/v1/tournaments\">"
	            "JSON API</a></footer>\n</body></html>\n");
}
