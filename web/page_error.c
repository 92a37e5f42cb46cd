/*
 * page_error.c: the HTML page of an error response (http_error): the
 * status as the heading, the message, and a way back.
 */
#include <stdio.h>

#include "html.h"
#include "i18n.h"
#include "pages.h"

/*
 * Append the error page for status and msg to b: the heading ("404 Not
 * Found", "404 Página não encontrada") in the page's language; msg as the
 * handler wrote it.
 */
void
page_error(struct buf *b, int status, const char *msg)
{
	char key[32];
	snprintf(key, sizeof key, "error.%d", status);
	const char *title = tr("error.title", status, tr(key));
	html_open(b, title, msg, NULL);
	htmlf(b, "<h1>%s</h1><p class=\"error\">%s</p><p><a href=\"/%s\">%s</a></p>", title, msg,
	      i18n_q(), tr("error.home"));
	html_close(b);
}
