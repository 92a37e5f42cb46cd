/*
 * test-value.c: the wording of each fault a value can have (value.c), the
 * same for every reader: integers at and past their bounds, strings cut
 * for a message on a character boundary, names with control characters,
 * the one-of, unknown-key and unknown-column lists.
 */
#include "unit.h"
#include "value.h"

static struct value
num(double x)
{
	return (struct value){.kind = VALUE_NUMBER, .number = x};
}

static struct value
str(const char *s)
{
	return (struct value){.kind = VALUE_STRING, .string = s};
}

int
main(void)
{
	char why[VALUE_WHY];
	int n = -1;
	struct value v = num(1000);
	CHECK("int-at-max", value_int(&v, 0, 1000, &n, why) == 0 && n == 1000);
	v = num(1001);
	CHECK("int-over", value_int(&v, 0, 1000, &n, why) == -1 && n == 1000);
	CHECK_STR("int-over-why", "must be at most 1000, got 1001", why);
	v = num(-1);
	value_int(&v, 0, 1000, &n, why);
	CHECK_STR("int-under-why", "must be at least 0, got -1", why);
	v = num(2.5);
	value_int(&v, 0, 1000, &n, why);
	CHECK_STR("int-fraction-why", "expected an integer, got 2.5", why);
	v = str("3");
	value_int(&v, 0, 1000, &n, why);
	CHECK_STR("int-string-why", "expected an integer, got a string (\"3\")", why);
	v = (struct value){.kind = VALUE_NULL};
	value_int(&v, 0, 1000, &n, why);
	CHECK_STR("int-null-why", "expected an integer, got null", why);

	/* 39 ASCII bytes, then a 2-byte character over byte 40: the cut leaves it out whole */
	v = str("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xc3\xa9zzz");
	value_int(&v, 0, 1, &n, why);
	CHECK_STR(
	    "cut-on-a-character",
	    "expected an integer, got a string (\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...\")",
	    why);
	/* nothing but continuation bytes (a tree no UTF-8 check saw): the cut stops at the start */
	v = str(
	    "\xb5\xb5\xb5\xb5\xb5\xb5\xb5\xb5\xb5\xb5\xb5\xb5\xb5\xb5\xb5\xb5\xb5\xb5\xb5\xb5"
	    "\xb5\xb5\xb5\xb5\xb5\xb5\xb5\xb5\xb5\xb5\xb5\xb5\xb5\xb5\xb5\xb5\xb5\xb5\xb5\xb5\xb5");
	value_int(&v, 0, 1, &n, why);
	CHECK_STR("cut-at-the-start", "expected an integer, got a string (\"...\")", why);

	const char *name = NULL;
	v = str("a\tb");
	CHECK("name-control", value_name(&v, &name, why) == -1);
	CHECK_STR("name-control-why", "must not hold control characters, got U+0009 at byte 1",
	          why);
	v = str("LOS");
	CHECK("name-ok", value_name(&v, &name, why) == 0 && strcmp(name, "LOS") == 0);
	/* names: at most 64 characters, counted in code points with white space folded */
	static const struct {
		const char *in, *why; /* why: NULL when the name is good */
	} names[] = {
	    {"ทีมไทย ยอดเยี่ยม", NULL}, /* Thai, with its marks */
	    {"Pão de Açúcar", NULL}, /* Portuguese accents */
	    {"❤️ FC", NULL},     /* U+FE0F after a symbol */
	    {"LOUD\u200B",
	     "must not hold invisible characters, got U+200B (a zero width space) at byte 4"},
	    {"LO\u200DUD",
	     "must not hold invisible characters, got U+200D (a zero width joiner) at byte 2"},
	    {"\uFEFFLOS",
	     "must not hold invisible characters, got U+FEFF (a byte order mark) at byte 0"},
	    {"LOS\u202E",
	     "must not hold invisible characters, got U+202E (a bidi control) at byte 3"},
	    {"A\u00A0B",
	     "must not hold invisible characters, got U+00A0 (a no-break space) at byte 1"},
	    {"LOS\uFE0F",
	     "must not hold invisible characters, got U+FE0F (a variation selector) at byte 3"},
	    {"L\u00ADOS",
	     "must not hold invisible characters, got U+00AD (a soft hyphen) at byte 1"},
	    {"x\U000E0041", "must not hold invisible characters, got U+E0041 (a tag or variation "
	                    "selector) at byte 1"},
	    {"x\xC2\x85", "must not hold control characters, got U+0085 at byte 1"},
	    {"x\x1b[31m", "must not hold control characters, got U+001B at byte 1"},
	    /* 64 x "ã" (128 bytes) is 64 characters; spaces around and doubled fold away */
	    {"  ããããããããããããããããããããããããããããããããããããããããããããããããããããããããããããããããã  ",
	     "must be at most 64 characters, got 65"},
	    {"  ãããããããããããããããããããããããããããããããããããããããããããããããããããããããããããããããã  ", NULL},
	    {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  b", NULL},
	    {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b",
	     "must be at most 64 characters, got 66"},
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		char label[64];
		snprintf(label, sizeof label, "name case %zu", i);
		v = str(names[i].in);
		why[0] = '\0';
		int rc = value_name(&v, &name, why);
		CHECK(label, rc == (names[i].why ? -1 : 0));
		if (names[i].why)
			CHECK_STR(label, names[i].why, why);
	}
	/* free texts: 500 characters */
	static char text[502];
	memset(text, 'x', 501);
	v = str(text);
	CHECK("text-over", value_text(&v, &name, why) == -1);
	CHECK_STR("text-over-why", "must be at most 500 characters, got 501", why);
	text[500] = '\0';
	CHECK("text-at-max", value_text(&v, &name, why) == 0);

	static const char *const status[] = {"played", "dq", "forfeit"};
	v = str("dq");
	CHECK("enum-ok", value_enum(&v, status, 3, &n, why) == 0 && n == 1);
	v = str("out");
	value_enum(&v, status, 3, &n, why);
	CHECK_STR("enum-why", "expected one of played, dq, forfeit, got a string (\"out\")", why);

	v = (struct value){.kind = VALUE_BOOL, .truth = 1};
	CHECK("bool-ok", value_bool(&v, &n, why) == 0 && n == 1);
	v = str("yes");
	value_bool(&v, &n, why);
	CHECK_STR("bool-why", "expected true or false, got a string (\"yes\")", why);

	static const char *const keys[] = {"to", "label", "colour"};
	value_unknown_key("a zone", keys, 1, why);
	CHECK_STR("keys-one", "unknown key (a zone has to)", why);
	value_unknown_key("a zone", keys, 2, why);
	CHECK_STR("keys-two", "unknown key (a zone has to and label)", why);
	value_unknown_key("a zone", keys, 3, why);
	CHECK_STR("keys-three", "unknown key (a zone has to, label and colour)", why);
	value_unknown_column("a zone", keys, 2, why);
	CHECK_STR("columns-two", "unknown column (a zone has to and label)", why);

	v = str("2025-11-15T14:00:00+07:00");
	CHECK("datetime-ok", value_datetime(&v, &name, why) == 0);
	v = str("2025-13-15");
	value_datetime(&v, &name, why);
	CHECK_STR("datetime-why",
	          "expected an ISO 8601 date and time such as 2025-11-15T14:00:00+07:00, got "
	          "'2025-13-15'",
	          why);
	return unit_failed;
}
