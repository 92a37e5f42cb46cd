/* test-rules.c: ruleset parsing (errors name the JSON path), presets, and the per-match points. */
#include <stdlib.h>

#include "rules.h"
#include "unit.h"
#include "util.h"

/* Rulesets that must be rejected, with the exact message. */
static const struct {
	const char *json, *err;
} bad[] = {
    {"[]", "ruleset: expected a ruleset object"},
    {"{\"placement_points\":[12,9,-1]}",
     "ruleset.placement_points[2]: expected a non-negative integer"},
    {"{\"placement_points\":[12,9,8,7.5]}",
     "ruleset.placement_points[3]: expected a non-negative integer"},
    {"{\"placement_points\":{\"1\":12}}",
     "ruleset.placement_points: expected an array of non-negative integers"},
    {"{\"kill_points\":\"1\"}", "ruleset.kill_points: expected a non-negative integer"},
    {"{\"kill_cap\":-2}", "ruleset.kill_cap: expected a non-negative integer or null"},
    {"{\"colour\":\"red\"}",
     "ruleset.colour: unknown key (name, placement_points, kill_points, kill_cap, headstart, "
     "champion_rush, tiebreakers)"},
    {"{\"tiebreakers\":[\"kills\",\"coin_toss\"]}",
     "ruleset.tiebreakers[1]: expected one of booyahs, kills, placement_points, last_placement, "
     "avg_placement, best_match"},
    {"{\"tiebreakers\":[\"kills\",\"kills\"]}", "ruleset.tiebreakers[1]: tiebreaker listed twice"},
    {"{\"champion_rush\":{\"max_matches\":8}}", "ruleset.champion_rush.threshold: missing"},
    {"{\"champion_rush\":{\"threshold\":0}}",
     "ruleset.champion_rush.threshold: expected a positive integer"},
    {"{\"champion_rush\":{\"threshold\":80,\"matches\":8}}",
     "ruleset.champion_rush.matches: unknown key (threshold, max_matches)"},
    {"{\"headstart\":{\"LOS\":\"ten\"}}", "ruleset.headstart.LOS: expected an integer (points)"},
    {"{\"headstart\":{\"LOS\":3,\"los\":4}}", "ruleset.headstart.los: team listed twice"},
    {"{\"name\":7}", "ruleset.name: expected a string"},
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
	rules_free(&r);
	cJSON_Delete(j);
}

/* Presets, from the organizers' published tables. */
static void
presets(void)
{
	struct ruleset r;
	CHECK("preset-unknown", rules_preset("nope", &r) == 0);
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
	defaults();
	presets();
	return unit_failed;
}
