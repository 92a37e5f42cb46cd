/*
 * page_error.c: the HTML page of an error response (http_error): the
 * status as the heading, the message (its "did you mean PATH ?" as a
 * link), and a way back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "i18n.h"
#include "pages.h"
#include "util.h"

#define DID_YOU_MEAN "; did you mean /"

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
	const char *dym = strstr(msg, DID_YOU_MEAN);
	size_t end = dym ? strcspn(dym + sizeof DID_YOU_MEAN - 2, " ") : 0;
	if (dym && end > 1) {
		char *head = xasprintf("%.*s", (int)(dym - msg), msg);
		char *path = xasprintf("%.*s", (int)end, dym + sizeof DID_YOU_MEAN - 2);
		htmlf(b,
		      "<h1>%s</h1><p class=\"error\">%s.</p><p class=\"dym\">%s <a "
		      "href=\"%a%a\">%s</a>?</p>",
		      title, head, tr("error.did_you_mean"), path, i18n_q(), path);
		free(head);
		free(path);
	} else
		htmlf(b, "<h1>%s</h1><p class=\"error\">%s</p>", title, msg);
	htmlf(b, "<p><a href=\"/%s\">%s</a></p>", i18n_q(), tr("error.home"));
	html_close(b);
}
