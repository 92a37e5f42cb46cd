/*
 * fuzz_rules.c: libFuzzer driver for the ruleset parser. Each input is parsed
 * as JSON; a JSON value goes through rules_parse as a stage's "ruleset"
 * would. A ruleset it accepts is written back as JSON with rules_json, which
 * must parse again to the same ruleset, and scores every placement from 0 to
 * past the table with a few kill counts. A refusal must come with a message.
 * Built by tests/fuzz/run.sh with clang -fsanitize=fuzzer, and by `make test`
 * with tests/fuzz/replay.c instead of libFuzzer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

/* Stop the run with why: libFuzzer and the replay both report an abort. */
static void
fail(const char *why)
{
	fprintf(stderr, "fuzz_rules: %s\n", why);
	abort();
}

/* Score placements 0..nplacement+1 with kills from none to more than a lobby holds. */
static void
score(const struct ruleset *r)
{
	static const int kills[] = {0, 1, 7, 99};
	for (int p = 0; p <= r->nplacement + 1; p++)
		for (size_t k = 0; k < sizeof kills / sizeof kills[0]; k++) {
			int pp = -1, kp = -1;
			rules_match_points(r, p, kills[k], &pp, &kp);
		}
}

/* Whether two parsed rulesets say the same thing. */
static int
same(const struct ruleset *a, const struct ruleset *b)
{
	if (a->nplacement != b->nplacement || a->kill_points != b->kill_points ||
	    a->kill_cap != b->kill_cap || a->nheadstart != b->nheadstart ||
	    a->rush_threshold != b->rush_threshold || a->rush_max_matches != b->rush_max_matches ||
	    a->ntiebreak != b->ntiebreak)
		return 0;
	if ((a->name == NULL) != (b->name == NULL) || (a->name && strcmp(a->name, b->name)))
		return 0;
	for (int i = 0; i < a->nplacement; i++)
		if (a->placement[i] != b->placement[i])
			return 0;
	for (int i = 0; i < a->ntiebreak; i++)
		if (a->tiebreak[i] != b->tiebreak[i])
			return 0;
	for (int i = 0; i < a->nheadstart; i++)
		if (a->headstart[i].points != b->headstart[i].points ||
		    strcmp(a->headstart[i].team, b->headstart[i].team))
			return 0;
	if (a->nzones != b->nzones || a->zones_per_group != b->zones_per_group ||
	    a->nheadstart_by_rank != b->nheadstart_by_rank ||
	    (a->headstart_from == NULL) != (b->headstart_from == NULL) ||
	    (a->headstart_from && strcmp(a->headstart_from, b->headstart_from)))
		return 0;
	for (int i = 0; i < a->nzones; i++)
		if (a->zones[i].to != b->zones[i].to ||
		    strcmp(a->zones[i].label, b->zones[i].label))
			return 0;
	for (int i = 0; i < a->nheadstart_by_rank; i++)
		if (a->headstart_by_rank[i] != b->headstart_by_rank[i])
			return 0;
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	cJSON *obj = cJSON_ParseWithLength((const char *)data, len);
	if (!obj)
		return 0;
	struct ruleset r, again;
	char *err = NULL;
	memset(&r, 0, sizeof r);
	if (rules_parse(obj, "ruleset", &r, &err) != 0) {
		if (!err || !*err)
			fail("a ruleset was refused without a message");
		free(err);
		cJSON_Delete(obj);
		return 0;
	}
	if (err)
		fail("an accepted ruleset came with a message");
	score(&r);

	struct buf out = {0};
	rules_json(&r, &out);
	cJSON *back = out.data ? cJSON_ParseWithLength(out.data, out.len) : NULL;
	if (!back)
		fail("rules_json wrote what is not JSON");
	memset(&again, 0, sizeof again);
	if (rules_parse(back, "ruleset", &again, &err) != 0) {
		fprintf(stderr, "%s\n%s\n", out.data, err ? err : "");
		fail("rules_json wrote a ruleset rules_parse refuses");
	}
	if (!same(&r, &again)) {
		fprintf(stderr, "%s\n", out.data);
		fail("rules_json and rules_parse do not round-trip");
	}
	rules_free(&again);
	cJSON_Delete(back);
	buf_free(&out);
	rules_free(&r);
	cJSON_Delete(obj);
	return 0;
}
