/*
 * i18n.c: the pages in English, Brazilian Portuguese, Indonesian, Spanish
 * and Thai. Every string a page shows is a key of web/i18n/LANG.txt
 * (`key = text` lines, `#` comments), embedded at build time
 * (tracker/embed.awk); a text is a format whose conversions (%s, %d, %'d,
 * %lld, %'lld, %+d, %.Nf, %%) are the same, in the same order, in every
 * catalog, as i18n_check makes sure. %d is digits alone (a match number);
 * %'d groups thousands and %.Nf has the decimal mark, in the locale (1,234.5
 * in English and Thai; 1.234,5 in the others); dates too. A message
 * (tracker/msg.h: a key and its arguments) is said the same way, in a
 * page's language or, plain, in the CLI's English. The language of the request
 * a thread answers is set once (i18n_use, by http_handle) so that the page
 * code and htmlf need not carry it; what tr() returns lives until
 * i18n_done().
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "embed.h"
#include "i18n.h"
#include "util.h"

/* The languages, in enum order: the code, and the catalog's file name. */
static const char *const codes[I18N_NLANGS] = {"en", "pt-BR", "id", "es", "th"};

/* The "?lang=" and "&lang=" suffixes of each language, for links (literals). */
static const char *const queries[I18N_NLANGS] = {"?lang=en", "?lang=pt-BR", "?lang=id", "?lang=es",
                                                 "?lang=th"};
static const char *const amps[I18N_NLANGS] = {"&lang=en", "&lang=pt-BR", "&lang=id", "&lang=es",
                                              "&lang=th"};

struct entry {
	const char *key;  /* "stage.board.team" */
	const char *text; /* its format */
};

struct catalog {
	char *copy;      /* the file's text, cut into keys and texts */
	struct entry *e; /* entries, by key */
	int n;           /* entries used */
};

static struct catalog catalogs[I18N_NLANGS];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* The request a thread is answering: its language, whether the URL chose it, its own URL. */
static _Thread_local struct {
	int lang;       /* I18N_* */
	int in_url;     /* 1: ?lang= chose it, and links keep it */
	char *self;     /* path and the query arguments that change the page, lang aside */
	char **strs;    /* what tr() returned, freed by i18n_done */
	int nstrs, cap; /* entries used, allocated */
} ctx;

static int
by_key(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->key, ((const struct entry *)b)->key);
}

/*
 * Parse data (catalog name, for messages) into c: a `key = text` per line,
 * blank lines and `#` comments skipped. Each fault (a line that is not
 * `key = text`, a key given twice) is a line of report. Returns the faults.
 */
static int
parse(const char *name, const char *data, struct catalog *c, struct buf *report)
{
	int faults = 0, line = 0;
	c->copy = xstrdup(data);
	c->n = 0;
	c->e = NULL;
	int cap = 0;
	for (char *p = c->copy, *next; p && *p; p = next) {
		line++;
		next = strchr(p, '\n');
		if (next)
			*next++ = '\0';
		if (*p == '\0' || *p == '#')
			continue;
		char *eq = strstr(p, " = ");
		if (eq == NULL || eq == p || strcspn(p, " \t") != (size_t)(eq - p)) {
			if (report)
				buf_printf(report, "%s:%d: expected 'key = text'\n", name, line);
			faults++;
			continue;
		}
		*eq = '\0';
		if (c->n == cap) {
			cap = cap ? 2 * cap : 256;
			c->e = xrealloc(c->e, (size_t)cap * sizeof *c->e);
		}
		c->e[c->n++] = (struct entry){p, eq + 3};
	}
	if (c->n)
		qsort(c->e, (size_t)c->n, sizeof *c->e, by_key);
	for (int i = 1; i < c->n; i++)
		if (strcmp(c->e[i].key, c->e[i - 1].key) == 0) {
			if (report)
				buf_printf(report, "%s: key '%s' given twice\n", name, c->e[i].key);
			faults++;
		}
	return faults;
}

/* The text of key in c, or NULL. */
static const char *
lookup(const struct catalog *c, const char *key)
{
	struct entry k = {key, NULL};
	const struct entry *e = c->n ? bsearch(&k, c->e, (size_t)c->n, sizeof *c->e, by_key) : NULL;
	return e ? e->text : NULL;
}

/* The catalog embedded for lang's code, or NULL. */
static const char *
embedded(int lang)
{
	for (int i = 0; i < embed_ncatalogs; i++)
		if (strcmp(embed_catalogs[i].name, codes[lang]) == 0)
			return embed_catalogs[i].data;
	return NULL;
}

static void
load(void)
{
	for (int l = 0; l < I18N_NLANGS; l++) {
		const char *data = embedded(l);
		parse(codes[l], data ? data : "", &catalogs[l], NULL);
	}
}

/* The code of lang ("pt-BR"). */
const char *
i18n_code(int lang)
{
	return codes[lang >= 0 && lang < I18N_NLANGS ? lang : I18N_EN];
}

/*
 * The text of key in lang's catalog; the English one where that catalog
 * lacks it (i18n_check makes sure none does), and the key itself where
 * English lacks it too. Lives as long as the program.
 */
const char *
i18n_text(int lang, const char *key)
{
	pthread_once(&once, load);
	const char *t = lookup(&catalogs[lang >= 0 && lang < I18N_NLANGS ? lang : I18N_EN], key);
	if (t == NULL)
		t = lookup(&catalogs[I18N_EN], key);
	return t ? t : key;
}

/*
 * The language tag names, compared without case: a language's code
 * ("pt-BR"), or its primary subtag alone or with any region ("pt",
 * "pt-PT", "es-419", "en-GB", "in" for Indonesian as it once was). -1 when
 * none.
 */
int
i18n_find(const char *tag)
{
	static const char *const primary[I18N_NLANGS] = {"en", "pt", "id", "es", "th"};
	size_t n = strcspn(tag, "-_");
	for (int l = 0; l < I18N_NLANGS; l++)
		if (strcasecmp(tag, codes[l]) == 0)
			return l;
	if (n == 2 && strncasecmp(tag, "in", 2) == 0)
		return I18N_ID;
	for (int l = 0; l < I18N_NLANGS; l++)
		if (n == 2 && strncasecmp(tag, primary[l], 2) == 0)
			return l;
	return -1;
}

/*
 * The language an Accept-Language value (may be NULL) prefers: the one of
 * highest q among those i18n_find knows (the first of equal q), q=0 being
 * a refusal; English when it names none.
 */
int
i18n_negotiate(const char *accept)
{
	int best = I18N_EN;
	double bestq = 0;
	for (const char *p = accept; p && *p;) {
		p += strspn(p, " \t,");
		size_t n = strcspn(p, ",");
		char item[64];
		if (n > 0 && n < sizeof item) {
			memcpy(item, p, n);
			item[n] = '\0';
			double q = 1;
			char *semi = strchr(item, ';');
			if (semi) {
				*semi = '\0';
				const char *qs = strstr(semi + 1, "q=");
				if (qs)
					q = strtod(qs + 2, NULL);
			}
			item[strcspn(item, " \t")] = '\0';
			int l = i18n_find(item);
			if (l >= 0 && q > bestq) {
				best = l;
				bestq = q;
			}
		}
		p += n;
	}
	return best;
}

/* Append v with prec decimals to b in lang's way: grouped thousands, its decimal mark. */
void
i18n_number(struct buf *b, int lang, double v, int prec)
{
	int comma = lang == I18N_PT_BR || lang == I18N_ID || lang == I18N_ES;
	char s[64];
	snprintf(s, sizeof s, "%.*f", prec, v);
	const char *p = s;
	if (*p == '-' || *p == '+')
		buf_putc(b, *p++);
	size_t digits = strcspn(p, ".");
	for (size_t i = 0; i < digits; i++) {
		if (i > 0 && (digits - i) % 3 == 0)
			buf_putc(b, comma ? '.' : ',');
		buf_putc(b, p[i]);
	}
	if (p[digits] == '.') {
		buf_putc(b, comma ? ',' : '.');
		buf_puts(b, p + digits + 1);
	}
}

/*
 * Append played_at (ISO 8601 as given: "2026-03-01T14:30:00-03:00" or a
 * date alone) to b as lang's pattern (keys date.day and date.time: {d}
 * day, {dd} on two digits, {m} month number on two, {b} month name, {Y}
 * year, {BE} Buddhist-era year, {H} and {M} the time as given). A value that does not start with
 * YYYY-MM-DD is written as it is.
 */
void
i18n_date(struct buf *b, int lang, const char *at)
{
	int y, mo, d, h = -1, mi = -1;
	if (sscanf(at, "%4d-%2d-%2d", &y, &mo, &d) != 3 || mo < 1 || mo > 12) {
		buf_puts(b, at);
		return;
	}
	if (strlen(at) >= 16 && (at[10] == 'T' || at[10] == ' '))
		sscanf(at + 11, "%2d:%2d", &h, &mi);
	const char *pat = i18n_text(lang, h >= 0 ? "date.time" : "date.day");
	for (const char *p = pat; *p; p++) {
		char key[16];
		if (*p != '{' || strchr(p, '}') == NULL) {
			buf_putc(b, *p);
			continue;
		}
		size_t n = strcspn(p + 1, "}");
		if (n >= sizeof key)
			n = sizeof key - 1;
		memcpy(key, p + 1, n);
		key[n] = '\0';
		p += n + 1;
		if (strcmp(key, "d") == 0)
			buf_printf(b, "%d", d);
		else if (strcmp(key, "dd") == 0)
			buf_printf(b, "%02d", d);
		else if (strcmp(key, "m") == 0)
			buf_printf(b, "%02d", mo);
		else if (strcmp(key, "b") == 0) {
			snprintf(key, sizeof key, "month.%d", mo);
			buf_puts(b, i18n_text(lang, key));
		} else if (strcmp(key, "Y") == 0)
			buf_printf(b, "%d", y);
		else if (strcmp(key, "BE") == 0)
			buf_printf(b, "%d", y + 543);
		else if (strcmp(key, "H") == 0)
			buf_printf(b, "%02d", h);
		else if (strcmp(key, "M") == 0)
			buf_printf(b, "%02d", mi);
	}
}

/* The conversions of fmt, each as written ("%s", "%.1f"), one after another, into out. */
static void
conversions(const char *fmt, char *out, size_t size)
{
	size_t n = 0;
	out[0] = '\0';
	for (const char *p = strchr(fmt, '%'); p; p = strchr(p, '%')) {
		size_t len = 1 + strspn(p + 1, "+'.0123456789l");
		if (p[len] != '\0')
			len++;
		if (n + len + 2 < size) {
			memcpy(out + n, p, len);
			n += len;
			out[n++] = ' ';
			out[n] = '\0';
		}
		p += len;
	}
}

/*
 * Check catalogs texts[0..I18N_NLANGS) (NULL: the embedded ones): each
 * parses, has every key of the English one and no other, and gives each
 * key the conversions the English text has, in its order. Each fault is a
 * line of report. Returns the number of faults.
 */
int
i18n_check(const char *const texts[], struct buf *report)
{
	struct catalog c[I18N_NLANGS];
	int faults = 0;
	for (int l = 0; l < I18N_NLANGS; l++) {
		const char *data = texts ? texts[l] : embedded(l);
		if (data == NULL) {
			buf_printf(report, "%s: no catalog\n", codes[l]);
			faults++;
		}
		faults += parse(codes[l], data ? data : "", &c[l], report);
	}
	for (int l = 1; l < I18N_NLANGS; l++) {
		for (int i = 0; i < c[0].n; i++) {
			const char *t = lookup(&c[l], c[0].e[i].key);
			char want[256], got[256];
			if (t == NULL) {
				buf_printf(report, "%s: no key '%s'\n", codes[l], c[0].e[i].key);
				faults++;
				continue;
			}
			conversions(c[0].e[i].text, want, sizeof want);
			conversions(t, got, sizeof got);
			if (strcmp(want, got) != 0) {
				buf_printf(report, "%s: '%s' has conversions '%s', English '%s'\n",
				           codes[l], c[0].e[i].key, got, want);
				faults++;
			}
		}
		for (int i = 0; i < c[l].n; i++)
			if (lookup(&c[0], c[l].e[i].key) == NULL) {
				buf_printf(report, "%s: key '%s' is not in English\n", codes[l],
				           c[l].e[i].key);
				faults++;
			}
	}
	for (int l = 0; l < I18N_NLANGS; l++) {
		free(c[l].copy);
		free(c[l].e);
	}
	return faults;
}

/*
 * The request this thread now answers is in lang; in_url: ?lang= chose it
 * (links keep it); self: its path and the query that changes the page,
 * lang aside, URL-encoded (the language switcher's links), or NULL.
 */
void
i18n_use(int lang, int in_url, const char *self)
{
	ctx.lang = lang >= 0 && lang < I18N_NLANGS ? lang : I18N_EN;
	ctx.in_url = in_url;
	free(ctx.self);
	ctx.self = self ? xstrdup(self) : NULL;
}

/* The request is answered: free what tr() returned, back to English. */
void
i18n_done(void)
{
	for (int i = 0; i < ctx.nstrs; i++)
		free(ctx.strs[i]);
	free(ctx.strs);
	ctx.strs = NULL;
	ctx.nstrs = ctx.cap = 0;
	i18n_use(I18N_EN, 0, NULL);
}

/* The language of the request this thread answers (English outside one). */
int
i18n_lang(void)
{
	return ctx.lang;
}

/* What a link without a query adds to keep the language: "?lang=pt-BR", or "". */
const char *
i18n_q(void)
{
	return ctx.in_url ? queries[ctx.lang] : "";
}

/* What a link with a query adds to keep the language: "&lang=pt-BR", or "". */
const char *
i18n_amp(void)
{
	return ctx.in_url ? amps[ctx.lang] : "";
}

/* The request's own URL, the language aside ("/t/a/b?after=3"). */
const char *
i18n_self(void)
{
	return ctx.self ? ctx.self : "/";
}

/* Where format() takes its arguments from: tr()'s, or a message's. */
struct args {
	va_list *ap;         /* tr()'s arguments, or NULL */
	const struct msg *m; /* else the message's */
	int next;            /* its next argument */
	int plain;           /* 1: %'d as digits alone (the CLI's and the API's English) */
};

/* The next argument as a number: tr()'s a long long (ll) or an int. */
static long long
arg_int(struct args *a, int ll)
{
	if (a->ap)
		return ll ? va_arg(*a->ap, long long) : va_arg(*a->ap, int);
	if (a->next >= a->m->nargs)
		return 0;
	return a->m->arg[a->next++].n;
}

static void format(struct buf *b, int lang, const char *fmt, struct args *a);

/* Append the next argument as a text to b: tr()'s string, or the message's argument in lang. */
static void
arg_str(struct buf *b, int lang, struct args *a)
{
	if (a->ap) {
		const char *s = va_arg(*a->ap, const char *);
		buf_puts(b, s ? s : "");
		return;
	}
	if (a->next >= a->m->nargs)
		return;
	const struct msg_arg *x = &a->m->arg[a->next++];
	if (x->type == MSG_INT)
		buf_printf(b, "%lld", x->n);
	else if (x->type == MSG_STR)
		buf_puts(b, x->s);
	else if (x->type == MSG_MSG)
		i18n_msg(b, lang, a->plain, x->m);
	else { /* a list: "a, b" or "a, b or c" */
		int n = 0, k = 0;
		for (const char *p = x->s; *p; p++)
			n += *p == '\n';
		for (const char *p = x->s; *p; p += strcspn(p, "\n") + 1) {
			k++;
			if (k > 1)
				buf_puts(b, x->type == MSG_OR && k == n ? i18n_text(lang, "list.or")
				                                        : ", ");
			buf_put(b, p, strcspn(p, "\n"));
		}
	}
}

/* Format fmt with a's arguments into b: the catalog's conversions, numbers in lang's way. */
static void
format(struct buf *b, int lang, const char *fmt, struct args *a)
{
	for (const char *p = fmt; *p;) {
		size_t n = strcspn(p, "%");
		buf_put(b, p, n);
		p += n;
		if (*p++ == '\0')
			break;
		int plus = *p == '+';
		p += plus;
		int group = *p == '\'' && !a->plain;
		p += *p == '\'';
		int prec = 0;
		if (p[0] == '.' && p[1] >= '0' && p[1] <= '9') {
			prec = p[1] - '0';
			p += 2;
		}
		if (strncmp(p, "lld", 3) == 0 || *p == 'd') {
			int ll = *p == 'l';
			p += ll ? 3 : 1;
			long long v = arg_int(a, ll);
			if (plus && v > 0)
				buf_putc(b, '+');
			if (group)
				i18n_number(b, lang, (double)v, 0);
			else
				buf_printf(b, "%lld", v);
		} else if (*p == 'f') {
			p++;
			double v = a->ap ? va_arg(*a->ap, double) : (double)arg_int(a, 0);
			if (plus && v > 0)
				buf_putc(b, '+');
			i18n_number(b, lang, v, prec);
		} else if (*p == 's') {
			p++;
			arg_str(b, lang, a);
		} else if (*p == '%') {
			p++;
			buf_putc(b, '%');
		} else
			break;
	}
}

/* key.one into k when n is 1, else key.other (trn's and a message's plurals). */
static void
plural_key(char k[128], const char *key, int n)
{
	snprintf(k, 128, "%s.%s", key, n == 1 ? "one" : "other");
}

/* The text of m's key (key.one or key.other by its count) in lang. */
static const char *
msg_text(int lang, const struct msg *m)
{
	if (m->count < 0)
		return i18n_text(lang, m->key);
	char k[128];
	plural_key(k, m->key, m->count);
	return i18n_text(lang, k);
}

/*
 * Append m in lang to b: its key's text with its arguments, a list's
 * words and the messages it holds in lang too; plain: %'d as digits alone,
 * as the CLI and the API write numbers.
 */
void
i18n_msg(struct buf *b, int lang, int plain, const struct msg *m)
{
	struct args a = {.m = m, .plain = plain};
	format(b, lang, msg_text(lang, m), &a);
}

/* Keep s until i18n_done; returns it. */
static const char *
keep(char *s)
{
	if (ctx.nstrs == ctx.cap) {
		ctx.cap = ctx.cap ? 2 * ctx.cap : 64;
		ctx.strs = xrealloc(ctx.strs, (size_t)ctx.cap * sizeof *ctx.strs);
	}
	return ctx.strs[ctx.nstrs++] = s;
}

/*
 * The text of key in the request's language, formatted with the arguments
 * its conversions take (numbers in the locale): plain text, for htmlf's %s
 * or %a. Lives until i18n_done().
 */
const char *
tr(const char *key, ...)
{
	va_list ap;
	va_start(ap, key);
	const char *s = vtr(key, ap);
	va_end(ap);
	return s;
}

/* tr() with its arguments in ap. */
const char *
vtr(const char *key, va_list ap)
{
	struct buf b = {0};
	va_list copy;
	va_copy(copy, ap);
	struct args a = {.ap = &copy};
	format(&b, ctx.lang, i18n_text(ctx.lang, key), &a);
	va_end(copy);
	return keep(b.data ? buf_detach(&b, NULL) : xstrdup(""));
}

/* m in the request's language, as tr() says a key. Lives until i18n_done(). */
const char *
trm(const struct msg *m)
{
	struct buf b = {0};
	i18n_msg(&b, ctx.lang, 0, m);
	return keep(b.data ? buf_detach(&b, NULL) : xstrdup(""));
}

/* tr() of key.one when n is 1, else of key.other; n is not an argument of its own. */
const char *
trn(const char *key, int n, ...)
{
	char k[128];
	plural_key(k, key, n);
	va_list ap;
	va_start(ap, n);
	const char *s = vtr(k, ap);
	va_end(ap);
	return s;
}
