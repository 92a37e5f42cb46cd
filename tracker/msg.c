/*
 * msg.c: sentences as data. A note of the standings, what a team needs in
 * the scenarios, a line of the match-point story is a key of the catalogs
 * (web/i18n/LANG.txt) with its arguments, so that one sentence is said in
 * English by the CLI and the JSON API (en.txt, numbers as digits alone) and
 * in the reader's language by the pages (i18n_msg).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "i18n.h"
#include "msg.h"
#include "util.h"

/* The n texts items joined as a list argument holds them: each followed by '\n'. */
static char *
joined(const char *const *items, int n)
{
	struct buf b = {0};
	for (int i = 0; i < n; i++) {
		buf_puts(&b, items[i] ? items[i] : "");
		buf_putc(&b, '\n');
	}
	return b.data ? buf_detach(&b, NULL) : xstrdup("");
}

/*
 * The message key (count -1, or the count that picks key.one or key.other)
 * with the arguments types names, one letter each: d an int, L a long, s a
 * text (copied; NULL is ""), l and o a list (const char *const *texts, int
 * n; copied) joined by commas or with "or", n numbers (const int *, int n)
 * joined by commas, m a struct msg (taken over).
 * Free it with msg_free().
 */
struct msg
msg_of(const char *key, int count, const char *types, ...)
{
	struct msg m = {.key = key, .count = count};
	va_list ap;
	va_start(ap, types);
	for (const char *t = types; *t && m.nargs < MSG_MAX_ARGS; t++) {
		struct msg_arg *a = &m.arg[m.nargs++];
		if (*t == 'd' || *t == 'L') {
			a->type = MSG_INT;
			a->n = *t == 'd' ? va_arg(ap, int) : va_arg(ap, long);
		} else if (*t == 's') {
			const char *s = va_arg(ap, const char *);
			a->type = MSG_STR;
			a->s = xstrdup(s ? s : "");
		} else if (*t == 'n') {
			const int *nums = va_arg(ap, const int *);
			int n = va_arg(ap, int);
			struct buf b = {0};
			for (int i = 0; i < n; i++)
				buf_printf(&b, "%d\n", nums[i]);
			a->type = MSG_LIST;
			a->s = b.data ? buf_detach(&b, NULL) : xstrdup("");
		} else if (*t == 'l' || *t == 'o') {
			const char *const *items = va_arg(ap, const char *const *);
			int n = va_arg(ap, int);
			a->type = *t == 'l' ? MSG_LIST : MSG_OR;
			a->s = joined(items, n);
		} else {
			a->type = MSG_MSG;
			a->m = xmalloc(sizeof *a->m);
			*a->m = va_arg(ap, struct msg);
		}
	}
	va_end(ap);
	return m;
}

/* m in English as the CLI and the API say it (numbers as digits alone); free() it. */
char *
msg_english(const struct msg *m)
{
	struct buf b = {0};
	i18n_msg(&b, I18N_EN, 1, m);
	return b.data ? buf_detach(&b, NULL) : xstrdup("");
}

/* Append the n messages m as a JSON array of their English texts (the API's "notes"). */
void
msg_json_array(const struct msg *m, int n, struct buf *out)
{
	buf_putc(out, '[');
	for (int i = 0; i < n; i++) {
		char *text = msg_english(&m[i]);
		if (i)
			buf_putc(out, ',');
		buf_json_str(out, text);
		free(text);
	}
	buf_putc(out, ']');
}

/* Free what m holds (not m itself). */
void
msg_free(struct msg *m)
{
	for (int i = 0; i < m->nargs; i++) {
		free(m->arg[i].s);
		if (m->arg[i].m) {
			msg_free(m->arg[i].m);
			free(m->arg[i].m);
		}
	}
	m->nargs = 0;
}
