/*
 * cli_standings.c: `tracker standings`: a stage's standings as the organizer
 * announces them (Champion Rush included), as of any match, under the
 * stage's ruleset or another one for a what-if.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "standings.h"
#include "util.h"

/* The table a person reads: the champion's and movement cells as words. */
static struct report *
build_table(const struct standings *s, int words)
{
	static const struct report_column cols[] = {
	    {"Rank", "rank"},
	    {"Team", "team"},
	    {"M", "matches"},
	    {"Booyahs", "booyahs"},
	    {"Kills", "kills"},
	    {"Place pts", "placement_points"},
	    {"Kill pts", "kill_points"},
	    {"Head start", "headstart"},
	    {"Total", "points"},
	    {"Avg place", "avg_placement"},
	    {"Last", "last_placement"},
	    {"Tiebreak", "tiebreak"},
	    {"Rush", "rush_since"},
	    {"Prev", "prev_rank"},
	    {"Move", "movement"},
	};
	struct report *t = report_new(cols, (int)(sizeof cols / sizeof cols[0]));
	for (int i = 0; i < s->nrows; i++) {
		const struct standing *r = &s->rows[i];
		report_int(t, r->rank);
		report_str(t, r->team);
		report_int(t, r->matches);
		report_int(t, r->booyahs);
		report_int(t, r->kills);
		report_int(t, r->placement_points);
		report_int(t, r->kill_points);
		report_int(t, r->headstart);
		report_int(t, r->points);
		report_real(t, r->avg_placement, 2);
		if (r->last_placement)
			report_int(t, r->last_placement);
		else
			report_null(t);
		report_str(t, r->tiebreak);
		if (words && r->team_id == s->champion_id) {
			char *w = r->rush_since ? xasprintf("champion m%d (since m%d)",
			                                    s->decided_in_match, r->rush_since)
			                        : xasprintf("champion m%d", s->decided_in_match);
			report_str(t, w);
			free(w);
		} else if (words && r->rush_since) {
			char *w = xasprintf("m%d", r->rush_since);
			report_str(t, w);
			free(w);
		} else if (r->rush_since)
			report_int(t, r->rush_since);
		else
			report_null(t);
		if (r->prev_rank == 0) {
			report_null(t);
			report_null(t);
		} else if (words) {
			int d = r->prev_rank - r->rank;
			char *w = d ? xasprintf("%+d", d) : xstrdup("=");
			report_int(t, r->prev_rank);
			report_str(t, w);
			free(w);
		} else {
			report_int(t, r->prev_rank);
			report_int(t, r->prev_rank - r->rank);
		}
	}
	return t;
}

int
cmd_standings(const struct command *cmd, int argc, char **argv)
{
	static const struct option opts[] = {{"tournament", required_argument, NULL, 't'},
	                                     {"stage", required_argument, NULL, 's'},
	                                     {"after", required_argument, NULL, 'a'},
	                                     {"ruleset", required_argument, NULL, 'r'},
	                                     CLI_COMMON_OPTIONS};
	const char *targ = NULL, *sarg = NULL, *rarg = NULL;
	int after = 0, c;
	char *end, *err;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 't')
			targ = optarg;
		else if (c == 's')
			sarg = optarg;
		else if (c == 'r')
			rarg = optarg;
		else if (c == 'a') {
			long v = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || v < 1 || v > 1000000)
				cli_usage(cmd, "--after: '%s' is not a match number", optarg);
			after = (int)v;
		} else
			cli_option(cmd, c, optarg);
	}
	if (optind < argc)
		cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
	if (sarg == NULL)
		cli_usage(cmd, "--stage is required");

	struct ruleset what_if, *rules = NULL;
	if (rarg) {
		if (rules_named(rarg, &what_if, &err) != 0)
			die("--ruleset: %s", err);
		rules = &what_if;
	}
	sqlite3 *db = cli_db();
	int64_t stage = cli_stage(db, cli_tournament(db, targ), sarg);
	struct standings s;
	double t0 = cli_clock();
	if (standings_compute(db, stage, rules, after, &s, &err) != 0)
		die("%s", err);
	cli_timing("query", t0);

	if (cli.format == FORMAT_JSON) {
		struct buf b = {0};
		standings_json(&s, &b);
		fwrite(b.data, 1, b.len, stdout);
		buf_free(&b);
	} else {
		if (cli.format == FORMAT_TABLE) {
			printf("%s / %s: after match %d of %d, ruleset %s%s\n", s.tournament,
			       s.stage, s.after_match, s.total_matches,
			       s.rules.name ? s.rules.name : "(unnamed)",
			       rules ? " (what-if; the stored ruleset is unchanged)" : "");
			if (s.rules.rush_threshold > 0)
				printf("Champion Rush: %d points, then a Booyah",
				       s.rules.rush_threshold);
			if (s.rules.rush_threshold > 0 && s.rules.rush_max_matches > 0)
				printf(", within %d matches", s.rules.rush_max_matches);
			if (s.rules.rush_threshold > 0)
				printf("\n");
			if (s.champion)
				printf("Champion: %s, decided in match %d\n", s.champion,
				       s.decided_in_match);
			printf("\n");
		}
		struct report *t = build_table(&s, cli.format == FORMAT_TABLE);
		cli_print(t);
		report_free(t);
	}
	standings_free(&s);
	if (rules)
		rules_free(rules);
	sqlite3_close(db);
	return 0;
}
