/*
 * page_error.c: the HTML page of an error response (http_error): the
 * status as the heading, the message, and a way back.
 */
#include "html.h"
#include "pages.h"

/* Append the error page for title ("404 Not Found") and msg to b. */
void
page_error(struct buf *b, const char *title, const char *msg)
{
	html_open(b, title, NULL);
	htmlf(b, "<h1>%s</h1><p class=\"error\">%s</p><p><a href=\"/\">All tournaments</a></p>",
	      title, msg);
	html_close(b);
}
