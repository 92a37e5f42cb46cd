/*
 * test-i18n.c: the pages' catalogs and the locale. Every embedded catalog
 * has every key of the English one, no other, and the same conversions in
 * the same order (i18n_check), and i18n_check finds each kind of fault in
 * catalogs made for it; Accept-Language and ?lang= values to languages;
 * numbers and dates as each language writes them; messages in a page's
 * language and in the CLI's English.
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "msg.h"
#include "unit.h"

/*
 * A catalog check that should fail: the catalogs (en first), a line the
 * report must hold, and the faults it counts.
 */
struct bad {
	const char *name;
	const char *texts[I18N_NLANGS];
	const char *message;
	int faults;
};

#define OK_REST "a = A %d\nb = B %s\n", "a = A %d\nb = B %s\n", "a = A %d\nb = B %s\n"

static const struct bad bads[] = {
    {"missing key", {"a = A %d\nb = B %s\n", "a = Á %d\n", OK_REST}, "pt-BR: no key 'b'\n", 1},
    {"extra key",
     {"a = A %d\nb = B %s\n", "a = Á %d\nb = B %s\nc = C\n", OK_REST},
     "pt-BR: key 'c' is not in English\n",
     1},
    {"conversions swapped",
     {"a = %s has %d\n", "a = %d para %s\n", "a = %s X %d\n", "a = %s X %d\n", "a = %s X %d\n"},
     "pt-BR: 'a' has conversions '%d %s ', English '%s %d '\n",
     1},
    {"grouping differs",
     {"a = A %d\nb = B %s\n", "a = A %'d\nb = B %s\n", OK_REST},
     "pt-BR: 'a' has conversions '%'d ', English '%d '\n",
     1},
    {"no ' = ' (and so no key b)",
     {"a = A %d\nb = B %s\n", "a = A %d\nb=B %s\n", OK_REST},
     "pt-BR:2: expected 'key = text'\n",
     2},
    {"key twice",
     {"a = A %d\nb = B %s\n", "a = A %d\nb = B %s\na = A %d\n", OK_REST},
     "pt-BR: key 'a' given twice\n",
     1},
};

/* Accept-Language values and ?lang= tags, with the language each must give. */
static const struct {
	const char *accept;
	const char *want;
} accepts[] = {
    {NULL, "en"},
    {"", "en"},
    {"pt-BR,pt;q=0.9", "pt-BR"},
    {"pt", "pt-BR"},
    {"pt-PT", "pt-BR"},
    {"es-419,es;q=0.9,en;q=0.8", "es"},
    {"en-US,en;q=0.9,th;q=0.8", "en"},
    {"fr-FR,fr;q=0.9,th;q=0.5", "th"},
    {"fr, id;q=0.3, es;q=0.7", "es"},
    {"in-ID", "id"},
    {"pt-BR;q=0, es", "es"},
    {"de, fr", "en"},
    {"TH", "th"},
    {"*", "en"},
};

/* Numbers: language, value, decimals, as written. */
static const struct {
	int lang;
	double v;
	int prec;
	const char *want;
} numbers[] = {
    {I18N_EN, 1234.5, 1, "1,234.5"},       {I18N_TH, 1234.5, 1, "1,234.5"},
    {I18N_PT_BR, 1234.5, 1, "1.234,5"},    {I18N_ID, 1234.5, 1, "1.234,5"},
    {I18N_ES, 1234.5, 1, "1.234,5"},       {I18N_PT_BR, 208, 0, "208"},
    {I18N_PT_BR, 1234567, 0, "1.234.567"}, {I18N_EN, -1234, 0, "-1,234"},
    {I18N_EN, -5.25, 2, "-5.25"},          {I18N_ES, 0.5, 2, "0,50"},
};

/* Dates (played_at as stored): language, value, as written. */
static const struct {
	int lang;
	const char *at;
	const char *want;
} dates[] = {
    {I18N_EN, "2026-03-01T14:30:00-03:00", "Mar 1, 2026, 14:30"},
    {I18N_PT_BR, "2026-03-01T14:30:00-03:00", "01/03/2026, 14:30"},
    {I18N_ES, "2026-03-01", "01/03/2026"},
    {I18N_ID, "2026-05-09 19:05", "9 Mei 2026, 19.05"},
    {I18N_TH, "2026-03-01", "1 มี.ค. 2569"},
    {I18N_EN, "soon", "soon"},
};

int
main(void)
{
	struct buf report = {0};
	int faults = i18n_check(NULL, &report);
	CHECK_STR("the embedded catalogs: every key, the same conversions", "",
	          report.data ? report.data : "");
	CHECK("the embedded catalogs: no fault", faults == 0);
	buf_free(&report);

	for (size_t i = 0; i < sizeof bads / sizeof bads[0]; i++) {
		struct buf r = {0};
		int n = i18n_check(bads[i].texts, &r);
		char name[96];
		snprintf(name, sizeof name, "bad catalog: %s: reported", bads[i].name);
		CHECK(name,
		      n == bads[i].faults && r.data && strstr(r.data, bads[i].message) != NULL);
		if (!(n == bads[i].faults && r.data && strstr(r.data, bads[i].message)))
			printf("# got %d: %s", n, r.data ? r.data : "(nothing)\n");
		buf_free(&r);
	}

	for (size_t i = 0; i < sizeof accepts / sizeof accepts[0]; i++) {
		char name[128];
		snprintf(name, sizeof name, "Accept-Language: %s",
		         accepts[i].accept ? accepts[i].accept : "(none)");
		CHECK_STR(name, accepts[i].want, i18n_code(i18n_negotiate(accepts[i].accept)));
	}
	CHECK("?lang=pt-br is pt-BR", i18n_find("pt-br") == I18N_PT_BR);
	CHECK("?lang=fr is none", i18n_find("fr") == -1);
	CHECK("?lang= is none", i18n_find("") == -1);
	CHECK("?lang=english is none", i18n_find("english") == -1);

	for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
		struct buf b = {0};
		i18n_number(&b, numbers[i].lang, numbers[i].v, numbers[i].prec);
		char name[64];
		snprintf(name, sizeof name, "number %s %s", i18n_code(numbers[i].lang),
		         numbers[i].want);
		CHECK_STR(name, numbers[i].want, b.data);
		buf_free(&b);
	}
	for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
		struct buf b = {0};
		i18n_date(&b, dates[i].lang, dates[i].at);
		char name[96];
		snprintf(name, sizeof name, "date %s %s", i18n_code(dates[i].lang), dates[i].at);
		CHECK_STR(name, dates[i].want, b.data);
		buf_free(&b);
	}

	/* tr: the request's language, numbers grouped by %'d only, .one/.other by the count. */
	i18n_use(I18N_PT_BR, 1, "/t/a/b");
	CHECK_STR("tr in pt-BR, %'d grouped, %d not",
	          "LOS lidera com 1.208 pontos após a partida 1000",
	          tr("lead.leads", "LOS", 1208, 1000));
	CHECK_STR("trn one", "1 partida jogada", trn("home.played", 1, 1));
	CHECK_STR("trn other", "16 partidas jogadas", trn("home.played", 16, 16));
	CHECK_STR("links keep ?lang= chosen in the URL", "?lang=pt-BR", i18n_q());
	i18n_done();
	CHECK_STR("after the request: English", "en", i18n_code(i18n_lang()));
	CHECK_STR("after the request: links add nothing", "", i18n_q());
	/* messages (a key and its arguments): the pages' words and numbers, the CLI's English */
	struct msg reach = msg_of("scen.reach", -1, "LL", 1208L, 1300L);
	i18n_use(I18N_PT_BR, 1, "/");
	CHECK_STR("message in pt-BR: its words, 1.208 grouped",
	          "1.208 pontos para chegar a 1.300, depois um Booyah", trm(&reach));
	char *en = msg_english(&reach);
	CHECK_STR("message in the CLI's English: digits alone",
	          "1208 points to reach 1300, then a Booyah", en);
	free(en);
	msg_free(&reach);
	static const char *const three[] = {"LOS", "LOUD SNICKERS", "FLUXO"};
	struct msg point = msg_of("story.point", -1, "do", 160, three, 3);
	i18n_use(I18N_ES, 1, "/");
	CHECK_STR(
	    "message in es: a list with its 'or'",
	    "En match point (160 puntos): el próximo Booyah de LOS, LOUD SNICKERS o FLUXO gana "
	    "el título",
	    trm(&point));
	en = msg_english(&point);
	CHECK_STR("message in English: the list",
	          "On match point (160 points): the next Booyah by "
	          "LOS, LOUD SNICKERS or FLUXO wins the title",
	          en);
	free(en);
	msg_free(&point);
	struct msg ahead =
	    msg_of("scen.ahead", -1, "ms", msg_of("scen.points", 1, "L", 1L), "INTZ");
	i18n_use(I18N_PT_BR, 1, "/");
	CHECK_STR("message in pt-BR: a message in it, .one by its count",
	          "1 ponto à frente de INTZ, a primeira equipe de fora", trm(&ahead));
	msg_free(&ahead);
	i18n_done();
	i18n_use(I18N_TH, 0, "/");
	CHECK_STR("a language from the header: links add nothing", "", i18n_amp());
	i18n_done();
	return unit_failed;
}
