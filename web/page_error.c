/*
 * page_error.c: the HTML page of an error response (http_error): the
 * status as the heading, the message (its "did you mean PATH ?" as a
 * link), and a way back, in the page's language.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "i18n.h"
#include "pages.h"
#include "util.h"

/*
 * Append the error page for status and msg to b: the heading ("404 Not
 * Found", "404 Página não encontrada") and msg in the page's language (the
 * handler's http_fail_tr), its "did you mean PATH ?" (http_fail_near) as
 * a link in that language too: a path of this site (not "//host"), since
 * a query value the message quotes may hold the words too.
 */
void
page_error(struct buf *b, int status, const char *msg)
{
	char key[32];
	snprintf(key, sizeof key, "error.%d", status);
	const char *title = tr("error.title", status, tr(key));
	const char *dym = strstr(msg, HTTP_DID_YOU_MEAN);
	const char *path = dym ? dym + strlen(HTTP_DID_YOU_MEAN) : NULL;
	size_t end = path ? strcspn(path, " ") : 0;
	if (path && path[0] == '/' && path[1] != '/' && path[1] != '\\' && end > 1) {
		char *head = xasprintf("%.*s", (int)(dym - msg), msg);
		char *near = xasprintf("%.*s", (int)end, path);
		html_open(b, title, head, NULL);
		htmlf(b,
		      "<h1>%s</h1><p class=\"error\">%s.</p><p class=\"dym\">%s <a "
		      "href=\"%a%a\">%s</a>?</p>",
		      title, head, tr("error.did_you_mean"), near, i18n_q(), near);
		free(head);
		free(near);
	} else {
		html_open(b, title, msg, NULL);
		htmlf(b, "<h1>%s</h1><p class=\"error\">%s</p>", title, msg);
	}
	htmlf(b, "<p><a href=\"/%s\">%s</a></p>", i18n_q(), tr("error.home"));
	html_close(b);
}
