/* test-util.c: slugs, name keys and UTF-8 checks, as tables of cases. */
#include <stdlib.h>

#include "buf.h"
#include "unit.h"
#include "util.h"

static const struct {
	const char *in, *slug, *key;
} names[] = {
    {"FFWS Brazil 2026 Split 1", "ffws-brazil-2026-split-1", "ffws brazil 2026 split 1"},
    {"LOUD SNICKERS", "loud-snickers", "loud snickers"},
    {" rrq  kazu ", "rrq-kazu", "rrq kazu"},
    {"RRQ KAZU", "rrq-kazu", "rrq kazu"},
    {"Grand Final", "grand-final", "grand final"},
    {"Tom & \"Jerry\"", "tom-jerry", "tom & \"jerry\""},
    {"--x--", "x", "--x--"},
    {"Fúria\tGG", "f-ria-gg", "fúria gg"},
    {"", "", ""},
};

static const struct {
	const char *s;
	int valid;
} utf8[] = {
    {"plain", 1},        {"Fúria", 1},
    {"\xe2\x82\xac", 1}, {"\xf0\x9f\x94\xa5", 1},
    {"\xc3", 0},         {"\xc0\xaf", 0},
    {"\xed\xa0\x80", 0}, {"\xff", 0},
    {"\xe2\x82", 0},     {"\xf4\x90\x80\x80", 0},
};

int
main(void)
{
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char *s = slugify(names[i].in), *k = name_key(names[i].in);
		char label[128];
		snprintf(label, sizeof label, "slugify(\"%s\")", names[i].in);
		CHECK_STR(label, names[i].slug, s);
		snprintf(label, sizeof label, "name_key(\"%s\")", names[i].in);
		CHECK_STR(label, names[i].key, k);
		free(s);
		free(k);
	}
	for (size_t i = 0; i < sizeof utf8 / sizeof utf8[0]; i++) {
		char label[64];
		snprintf(label, sizeof label, "utf8_valid case %zu", i);
		CHECK(label, utf8_valid(utf8[i].s, strlen(utf8[i].s)) == utf8[i].valid);
	}
	struct buf b = {0};
	buf_json_str(&b, "<script>\"a\\b\"\n</script>");
	CHECK_STR("buf_json_str escapes quotes, controls and HTML",
	          "\"\\u003cscript\\u003e\\\"a\\\\b\\\"\\n\\u003c/script\\u003e\"", b.data);
	buf_free(&b);
	/* term_safe: what reaches a terminal holds no byte it would act on */
	static const struct {
		const char *in, *out;
		int lines;
	} term[] = {
	    {"plain São.json", "plain São.json", 0},
	    {"a\033[31mred\033]0;t\007.json", "a\\x1B[31mred\\x1B]0;t\\x07.json", 0},
	    {"csi \302\233 del \177", "csi \\u009B del \\x7F", 0},
	    {"bidi \u202Eabc\u2066", "bidi \\u202Eabc\\u2066", 0},
	    {"bad \377\300\200 cut \342\202", "bad \\xFF\\xC0\\x80 cut \\xE2\\x82", 0},
	    {"two\nlines\n", "two\\x0Alines\\x0A", 0},
	    {"two\nlines\n", "two\nlines\n", 1},
	    {"ทีมไทย ❤️", "ทีมไทย ❤️", 0},
	};
	for (size_t i = 0; i < sizeof term / sizeof term[0]; i++) {
		char label[64], *safe = term_safe(term[i].in, term[i].lines);
		snprintf(label, sizeof label, "term_safe case %zu", i);
		CHECK_STR(label, term[i].out, safe);
		free(safe);
	}
	return unit_failed;
}
