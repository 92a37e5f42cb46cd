/*
 * test-rules.c: ruleset parsing (errors name the JSON path, bounds keep
 * totals in an int), presets, the per-match points, and rules_diff.
 */
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "unit.h"
#include "util.h"

/* Rulesets that must be rejected, with the exact message. */
static const struct {
	const char *json, *err;
} bad[] = {
    {"[]", "ruleset: expected an object, got an array"},
    {"{\"placement_points\":[12,9,-1]}", "ruleset.placement_points[2]: must be at least 0, got -1"},
    {"{\"placement_points\":[12,9,8,7.5]}",
     "ruleset.placement_points[3]: expected an integer, got 7.5"},
    {"{\"placement_points\":{\"1\":12}}",
     "ruleset.placement_points: expected an array, got an object"},
    {"{\"kill_points\":\"1\"}", "ruleset.kill_points: expected an integer, got a string (\"1\")"},
    {"{\"kill_cap\":-2}", "ruleset.kill_cap: must be at least 0, got -2"},
    {"{\"colour\":\"red\"}",
     "ruleset.colour: unknown key (a ruleset has name, placement_points, kill_points, kill_cap, "
     "headstart, champion_rush and tiebreakers)"},
    {"{\"tiebreakers\":[\"kills\",\"coin_toss\"]}",
     "ruleset.tiebreakers[1]: expected one of booyahs, kills, placement_points, last_placement, "
     "avg_placement, best_match, counted_kills, countback, got a string (\"coin_toss\")"},
    {"{\"tiebreakers\":[\"kills\",\"kills\"]}",
     "ruleset.tiebreakers[1]: the tiebreaker is listed twice"},
    {"{\"champion_rush\":{\"max_matches\":8}}",
     "ruleset.champion_rush.threshold: required key is missing"},
    {"{\"champion_rush\":{\"threshold\":0}}",
     "ruleset.champion_rush.threshold: must be at least 1, got 0"},
    {"{\"champion_rush\":{\"threshold\":80,\"matches\":8}}",
     "ruleset.champion_rush.matches: unknown key (champion_rush has threshold and max_matches)"},
    {"{\"headstart\":{\"LOS\":\"ten\"}}",
     "ruleset.headstart.LOS: expected an integer, got a string (\"ten\")"},
    {"{\"headstart\":{\"LOS\":3,\"los\":4}}", "ruleset.headstart.los: the team is listed twice"},
    {"{\"name\":7}", "ruleset.name: expected a string, got 7"},
    {"{\"placement_points\":[1001]}",
     "ruleset.placement_points[0]: must be at most 1000, got 1001"},
    {"{\"kill_points\":101}", "ruleset.kill_points: must be at most 100, got 101"},
    {"{\"kill_cap\":1001}", "ruleset.kill_cap: must be at most 1000, got 1001"},
    {"{\"headstart\":{\"LOS\":-100001}}",
     "ruleset.headstart.LOS: must be at least -100000, got -100001"},
    {"{\"champion_rush\":{\"threshold\":1000001}}",
     "ruleset.champion_rush.threshold: must be at most 1000000, got 1000001"},
    {"{\"champion_rush\":{\"threshold\":9,\"max_matches\":10001}}",
     "ruleset.champion_rush.max_matches: must be at most 10000, got 10001"},
    {"{\"name\":\"a\\u001bb\"}",
     "ruleset.name: must not hold control characters, got U+001B at byte 1"},
    {"{\"zones\":{\"to\":12}}", "ruleset.zones: expected an array, got an object"},
    {"{\"zones\":[{\"to\":12}]}", "ruleset.zones[0].label: required key is missing"},
    {"{\"zones\":[{\"to\":0,\"label\":\"x\"}]}", "ruleset.zones[0].to: must be at least 1, got 0"},
    {"{\"zones\":[{\"to\":4,\"label\":\"x\"},{\"to\":4,\"label\":\"y\"}]}",
     "ruleset.zones[1].to: must be more than the zone before's 4, got 4"},
    {"{\"zones\":[{\"to\":4,\"label\":\" \"}]}", "ruleset.zones[0].label: must not be empty"},
    {"{\"zones_per_group\":1}", "ruleset.zones_per_group: expected true or false, got 1"},
    {"{\"headstart_from\":\"Point Rush\"}",
     "ruleset.headstart_from: expected an object, got a string (\"Point Rush\")"},
    {"{\"headstart_from\":{\"stage\":\"Point Rush\",\"by_rank\":[10,\"8\"]}}",
     "ruleset.headstart_from.by_rank[1]: expected an integer, got a string (\"8\")"},
    {"{\"headstart_from\":{\"stage\":\"Point Rush\",\"by_rank\":[10],\"top\":8}}",
     "ruleset.headstart_from.top: unknown key (headstart_from has stage and by_rank)"},
    {"{\"headstart_from\":{\"stage\":\"\",\"by_rank\":[10]}}",
     "ruleset.headstart_from.stage: must not be empty"},
};

static void
parse_errors(void)
{
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cJSON *j = cJSON_Parse(bad[i].json);
		struct ruleset r;
		char *err = NULL, name[64];
		snprintf(name, sizeof name, "parse-error-%zu", i);
		CHECK(name, rules_parse(j, "ruleset", &r, &err) == -1);
		CHECK_STR(name, bad[i].err, err);
		free(err);
		cJSON_Delete(j);
	}
}

/* A full ruleset parses field by field and writes back out as the same JSON. */
static void
parse_full(void)
{
	const char *text =
	    "{\"name\":\"custom\",\"placement_points\":[10,6,5],\"kill_points\":2,"
	    "\"kill_cap\":10,\"headstart\":{\"RRQ Kazu\":10},\"champion_rush\":{\"threshold\":80,"
	    "\"max_matches\":8},\"tiebreakers\":[\"best_match\",\"avg_placement\"]}";
	cJSON *j = cJSON_Parse(text);
	struct ruleset r;
	char *err = NULL;
	CHECK("full-parses", rules_parse(j, "ruleset", &r, &err) == 0 && err == NULL);
	CHECK_STR("full-name", "custom", r.name);
	CHECK("full-placement", r.nplacement == 3 && r.placement[0] == 10 && r.placement[2] == 5);
	CHECK("full-kills", r.kill_points == 2 && r.kill_cap == 10);
	CHECK("full-headstart", r.nheadstart == 1 && r.headstart[0].points == 10);
	CHECK_STR("full-headstart-team", "RRQ Kazu", r.headstart[0].team);
	CHECK("full-rush", r.rush_threshold == 80 && r.rush_max_matches == 8);
	CHECK("full-tiebreak", r.ntiebreak == 2 && r.tiebreak[0] == TB_BEST_MATCH &&
	                           r.tiebreak[1] == TB_AVG_PLACEMENT);
	struct buf b = {0};
	rules_json(&r, &b);
	CHECK_STR("full-roundtrip", text, b.data);
	buf_free(&b);
	struct ruleset copy;
	rules_copy(&copy, &r);
	rules_free(&r);
	CHECK_STR("copy-survives-free", "RRQ Kazu", copy.headstart[0].team);
	rules_free(&copy);
	cJSON_Delete(j);
}

/* The additions (zones, headstart_from, the new tiebreakers) parse and write back out alike. */
static void
parse_additions(void)
{
	const char *text =
	    "{\"name\":\"ko\",\"placement_points\":[12,9],\"kill_points\":1,\"kill_cap\":null,"
	    "\"headstart\":{},\"champion_rush\":null,\"tiebreakers\":[\"counted_kills\","
	    "\"countback\"],\"zones\":[{\"to\":12,\"label\":\"Second Stage\"},{\"to\":14,"
	    "\"label\":\"Relegated\"}],\"zones_per_group\":true,\"headstart_from\":{\"stage\":"
	    "\"Point Rush\",\"by_rank\":[10,8,6,5,4,3,2,1]}}";
	cJSON *j = cJSON_Parse(text);
	struct ruleset r;
	char *err = NULL;
	CHECK("additions-parse", rules_parse(j, "ruleset", &r, &err) == 0 && err == NULL);
	CHECK("additions-tiebreak", r.ntiebreak == 2 && r.tiebreak[0] == TB_COUNTED_KILLS &&
	                                r.tiebreak[1] == TB_COUNTBACK);
	CHECK("additions-zones", r.nzones == 2 && r.zones[0].to == 12 && r.zones[1].to == 14 &&
	                             r.zones_per_group == 1);
	CHECK_STR("additions-zone-label", "Relegated", r.zones[1].label);
	CHECK_STR("additions-from", "Point Rush", r.headstart_from);
	CHECK("additions-by-rank", r.nheadstart_by_rank == 8 && r.headstart_by_rank[0] == 10 &&
	                               r.headstart_by_rank[7] == 1);
	struct buf b = {0};
	rules_json(&r, &b);
	CHECK_STR("additions-roundtrip", text, b.data);
	buf_free(&b);
	char *z = rules_zones_text(&r), *c = rules_carry_text(&r);
	CHECK_STR("additions-zones-text", "1-12 Second Stage, 13-14 Relegated", z);
	CHECK_STR("additions-carry-text", "Point Rush: 10,8,6,5,4,3,2,1", c);
	free(z);
	free(c);
	rules_free(&r);
	cJSON_Delete(j);
}

/* Keys left out keep the FFWS defaults; the default is the FFWS table. */
static void
defaults(void)
{
	cJSON *j = cJSON_Parse("{\"kill_points\":2}");
	struct ruleset r;
	char *err = NULL;
	CHECK("partial-parses", rules_parse(j, "ruleset", &r, &err) == 0);
	CHECK("partial-keeps-table", r.nplacement == 12 && r.placement[0] == 12 &&
	                                 r.placement[1] == 9 && r.placement[9] == 1 &&
	                                 r.placement[10] == 0);
	CHECK("partial-kill-points", r.kill_points == 2 && r.kill_cap == -1);
	CHECK("partial-tiebreakers",
	      r.ntiebreak == 4 && r.tiebreak[0] == TB_BOOYAHS && r.tiebreak[1] == TB_KILLS &&
	          r.tiebreak[2] == TB_PLACEMENT_POINTS && r.tiebreak[3] == TB_LAST_PLACEMENT);
	CHECK("partial-no-rush", r.rush_threshold == 0);
	CHECK_STR("partial-name-custom", "custom", r.name);
	rules_free(&r);
	cJSON_Delete(j);
}

/* rules_diff of the ruleset text a against text b: NULL or the first difference. */
static char *
diff(const char *a, const char *b)
{
	cJSON *ja = cJSON_Parse(a), *jb = cJSON_Parse(b);
	struct ruleset ra, rb;
	char *err = NULL, *d = NULL;
	if (rules_parse(ja, "", &ra, &err) == 0 && rules_parse(jb, "", &rb, &err) == 0) {
		d = rules_diff(&ra, &rb, "stored");
		rules_free(&rb);
		rules_free(&ra);
	} else
		d = err;
	cJSON_Delete(ja);
	cJSON_Delete(jb);
	return d;
}

/* rules_diff compares meaning, not text, and names the first field that differs. */
static void
diffs(void)
{
	static const struct {
		const char *a, *b, *want; /* two rulesets and their difference, NULL: none */
	} cases[] = {
	    {"{\"name\":\"x\",\"kill_points\":1,\"kill_cap\":null}",
	     "{\"kill_cap\":null,\"name\":\"x\",\"headstart\":{},\"champion_rush\":null}", NULL},
	    {"{\"placement_points\":[12,9,8,7,6,5,4,3,2,1,0,0]}",
	     "{\"placement_points\":[12,9,8,7,6,5,4,3,2,1]}", NULL},
	    {"{\"headstart\":{\"LOS\":3,\"RRQ Kazu\":2}}",
	     "{\"headstart\":{\"rrq  kazu\":2,\"los\":3}}", NULL},
	    {"{\"kill_points\":2}", "{\"kill_points\":1}", "kill_points: 2, stored 1"},
	    {"{\"name\":\"a\"}", "{\"name\":\"b\"}", "name: a, stored b"},
	    {"{}", "{\"name\":\"ffws\"}", "name: custom, stored ffws"},
	    {"{\"placement_points\":[12,9]}", "{\"placement_points\":[12,8]}",
	     "placement_points: [12,9], stored [12,8]"},
	    {"{\"kill_cap\":10}", "{}", "kill_cap: 10, stored null"},
	    {"{\"headstart\":{\"LOS\":3}}", "{\"headstart\":{\"LOS\":4}}",
	     "headstart.LOS: 3, stored 4"},
	    {"{}", "{\"headstart\":{\"LOS\":4}}", "headstart.LOS: none, stored 4"},
	    {"{\"champion_rush\":{\"threshold\":160}}", "{}",
	     "champion_rush.threshold: 160, stored null"},
	    {"{\"champion_rush\":{\"threshold\":160,\"max_matches\":16}}",
	     "{\"champion_rush\":{\"threshold\":160}}",
	     "champion_rush.max_matches: 16, stored null"},
	    {"{\"tiebreakers\":[\"kills\",\"booyahs\"]}",
	     "{\"tiebreakers\":[\"booyahs\",\"kills\"]}",
	     "tiebreakers: [kills,booyahs], stored [booyahs,kills]"},
	    {"{\"zones\":[{\"to\":12,\"label\":\"Out\"}]}", "{}", "zones: 1-12 Out, stored none"},
	    {"{\"zones\":[{\"to\":1,\"label\":\"Champion\"}]}",
	     "{\"zones\":[{\"to\":2,\"label\":\"Champion\"}]}",
	     "zones: 1 Champion, stored 1-2 Champion"},
	    {"{\"zones_per_group\":true}", "{\"zones_per_group\":false}",
	     "zones_per_group: true, stored false"},
	    {"{\"headstart_from\":{\"stage\":\"Point Rush\",\"by_rank\":[3,1]}}",
	     "{\"headstart_from\":{\"stage\":\"point-rush\",\"by_rank\":[3,1]}}", NULL},
	    {"{\"headstart_from\":{\"stage\":\"Point Rush\",\"by_rank\":[3,1]}}",
	     "{\"headstart_from\":{\"stage\":\"Point Rush\",\"by_rank\":[3,2]}}",
	     "headstart_from: Point Rush: 3,1, stored Point Rush: 3,2"},
	    {"{}", "{\"headstart_from\":null,\"zones\":null}", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char name[64], *d = diff(cases[i].a, cases[i].b);
		snprintf(name, sizeof name, "diff-%zu", i);
		if (cases[i].want)
			CHECK_STR(name, cases[i].want, d);
		else
			CHECK(name, d == NULL);
		free(d);
	}
}

/* Presets, from the organizers' published tables. */
static void
presets(void)
{
	struct ruleset r;
	CHECK("preset-unknown", rules_preset("nope", &r) == 0);
	/* each preset is named for what it holds; the old names are aliases */
	CHECK("preset-alias", rules_preset("ffws", &r) == 1 && strcmp(r.name, "ffws-points") == 0 &&
	                          r.rush_threshold == 0);
	rules_free(&r);
	CHECK("preset-named", rules_preset("algs-points", &r) == 1 && r.placement[2] == 7);
	rules_free(&r);
	CHECK("preset-pubgm", rules_preset("pubgm", &r) == 1);
	/* 15,12,10,8,6,4,2,1,1,1,1,1,0,0,0,0 */
	CHECK("pubgm-table", r.nplacement == 16 && r.placement[0] == 15 && r.placement[2] == 10 &&
	                         r.placement[6] == 2 && r.placement[11] == 1 &&
	                         r.placement[12] == 0 && r.kill_points == 1);
	rules_free(&r);
	CHECK("preset-algs", rules_preset("algs", &r) == 1);
	/* 12,9,7,5,4,3,3,2,2,2,1,1,1,1,1,0... */
	CHECK("algs-table", r.placement[0] == 12 && r.placement[2] == 7 && r.placement[6] == 3 &&
	                        r.placement[9] == 2 && r.placement[14] == 1 &&
	                        r.placement[15] == 0 && r.kill_points == 1);
	rules_free(&r);
	CHECK("preset-ffws", rules_preset("ffws", &r) == 1);
	CHECK("ffws-table", r.nplacement == 12 && r.placement[0] == 12 && r.placement[3] == 7 &&
	                        r.placement[9] == 1 && r.placement[11] == 0);
	/* match points: 3rd place with 5 kills = 8 + 5; beyond the table = kills only */
	int pp, kp;
	CHECK("points-3rd", rules_match_points(&r, 3, 5, &pp, &kp) == 13 && pp == 8 && kp == 5);
	CHECK("points-beyond-table", rules_match_points(&r, 20, 2, &pp, &kp) == 2 && pp == 0);
	r.kill_cap = 10;
	r.kill_points = 2;
	/* 14 kills capped at 10, 2 points each, plus 12 for the Booyah */
	CHECK("points-capped", rules_match_points(&r, 1, 14, &pp, &kp) == 32 && kp == 20);
	rules_free(&r);
}

int
main(void)
{
	parse_errors();
	parse_full();
	parse_additions();
	defaults();
	diffs();
	presets();
	return unit_failed;
}
