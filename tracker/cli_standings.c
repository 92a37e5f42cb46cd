/*
 * cli_standings.c: `tracker standings`: a stage's standings (or one
 * group's) as the organizer announces them (Champion Rush included), as of
 * any match or before the first, under the stage's ruleset or with another
 * one's scoring for a what-if; the header says what they are after, how the
 * champion was decided, and the notes of standings_get.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "db.h"
#include "scenarios.h"
#include "standings.h"
#include "util.h"

/* Whether any row of s has a group, a dq or forfeit, a zone. */
static int
any_row(const struct standings *s, int what)
{
	for (int i = 0; i < s->nrows; i++)
		if ((what == 'g' && s->rows[i].group) || (what == 'd' && s->rows[i].dq) ||
		    (what == 'z' && s->rows[i].zone))
			return 1;
	return 0;
}

/* Team's adjustments in s as one cell: "-5 after match 2: late to lobby; ...". */
static char *
adjustment_reasons(const struct standings *s, int64_t team)
{
	struct buf b = {0};
	for (int i = 0; i < s->nadj; i++)
		if (s->adj[i].team_id == team)
			buf_printf(&b, "%s%+d after match %d: %s", b.len ? "; " : "",
			           s->adj[i].points, s->adj[i].after_match, s->adj[i].reason);
	return buf_detach(&b, NULL);
}

/*
 * The table a person reads (words: the champion's and movement cells as
 * words) or CSV. Group, DQ/FF, Adj and Zone columns only when the stage has
 * groups, dq or forfeit results, adjustments or zones. CSV, which has no
 * header lines, says in a Champion column how the champion was decided and
 * in an Adj reasons column why each adjusted total is.
 */
static struct report *
build_table(const struct standings *s, int words)
{
	static struct report_column cols[21];
	int n = 0, group = any_row(s, 'g'), dq = any_row(s, 'd'), zone = any_row(s, 'z');
	/* header, key, drop (to fit a narrow terminal, highest first), lower is better,
	   left out when all 0, left out when equal to */
	cols[n++] = (struct report_column){"Rank", "rank", 0, 1};
	cols[n++] = (struct report_column){"Team", "team"};
	if (group)
		cols[n++] = (struct report_column){"Group", "group", 3};
	cols[n++] = (struct report_column){"M", "matches", 8};
	if (dq)
		cols[n++] = (struct report_column){"DQ/FF", "dq", 5};
	cols[n++] = (struct report_column){"Booyahs", "booyahs", 4};
	cols[n++] = (struct report_column){"Kills", "kills", 6};
	cols[n++] = (struct report_column){"Place pts", "placement_points", 7};
	cols[n++] = (struct report_column){"Kill pts", "kill_points", 9, 0, 0, "kills"};
	cols[n++] = (struct report_column){"Head start", "headstart", 10, 0, 1};
	if (s->nadj)
		cols[n++] = (struct report_column){"Adj", "adjustment", 3, 0, 1};
	cols[n++] = (struct report_column){"Total", "points"};
	cols[n++] = (struct report_column){"Avg place", "avg_placement", 11, 1};
	cols[n++] = (struct report_column){"Last", "last_placement", 12, 1};
	cols[n++] = (struct report_column){"Tiebreak", "tiebreak", 13, 0, 1};
	cols[n++] = (struct report_column){"Rush", "rush_since", 2, 0, 1};
	cols[n++] = (struct report_column){"Prev", "prev_rank", 14, 1};
	cols[n++] = (struct report_column){"Move", "movement", 1};
	if (zone)
		cols[n++] = (struct report_column){"Zone", "zone", 2};
	if (!words && s->champion_id)
		cols[n++] = (struct report_column){"Champion", "champion"};
	if (!words && s->nadj)
		cols[n++] = (struct report_column){"Adj reasons", "adjustment_reasons"};
	char *how = words ? NULL : standings_decided(s);
	struct report *t = report_new(cols, n);
	for (int i = 0; i < s->nrows; i++) {
		const struct standing *r = &s->rows[i];
		report_int(t, r->rank);
		report_str(t, r->team);
		if (r->team_id == s->champion_id)
			report_paint(t, PAINT_CHAMPION);
		if (group)
			report_str(t, r->group);
		report_int(t, r->matches);
		if (dq)
			report_int(t, r->dq);
		report_int(t, r->booyahs);
		report_int(t, r->kills);
		report_int(t, r->placement_points);
		report_int(t, r->kill_points);
		report_int(t, r->headstart);
		if (s->nadj && words && r->adjustment) {
			char *w = xasprintf("%+d", r->adjustment);
			report_str(t, w);
			free(w);
		} else if (s->nadj)
			report_int(t, r->adjustment);
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
			report_paint(t, PAINT_CHAMPION);
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
			report_paint(t, d > 0 ? PAINT_UP : d < 0 ? PAINT_DOWN : PAINT_NONE);
			free(w);
		} else {
			report_int(t, r->prev_rank);
			report_int(t, r->prev_rank - r->rank);
		}
		if (zone) {
			report_str(t, r->zone);
			report_paint(t, PAINT_ZONE);
		}
		if (!words && s->champion_id)
			report_str(t, r->team_id == s->champion_id ? how : NULL);
		if (!words && s->nadj) {
			char *why = adjustment_reasons(s, r->team_id);
			report_str(t, why);
			free(why);
		}
	}
	free(how);
	return t;
}

/* The lines above the table: what it is after, Champion Rush, the notes. */
static void
print_header(const struct standings *s, const char *filter)
{
	char *label = standings_label(s);
	cli_say("%s / %s%s%s: %s, ruleset %s%s", s->tournament, s->stage,
	        s->group ? ", group " : "", s->group ? s->group : "", label, s->rules.name,
	        s->what_if ? " (what-if; the stored ruleset is unchanged)" : "");
	free(label);
	if (s->rules.rush_threshold > 0 && s->rules.rush_max_matches > 0)
		cli_say("Champion Rush: %d points, then a Booyah, within %d match%s",
		        s->rules.rush_threshold, s->rules.rush_max_matches,
		        s->rules.rush_max_matches > 1 ? "es" : "");
	else if (s->rules.rush_threshold > 0)
		cli_say("Champion Rush: %d points, then a Booyah", s->rules.rush_threshold);
	char *how = standings_decided(s);
	if (how)
		cli_say("Champion: %s, %s", s->champion, how);
	free(how);
	cli_story(s);
	if (s->filtered)
		cli_say("Only the %d match%s %s: head starts, adjustments and Champion Rush "
		        "left out",
		        s->matches_played, s->matches_played == 1 ? "" : "es", filter);
	cli_say_msgs(s->notes, s->nnotes);
	printf("\n");
}

/* One stage's standings as a table (its header above) or CSV. */
static void
print_one(const struct standings *s, const struct standings_opts *o, const char *map)
{
	struct report *t = build_table(s, cli.format == FORMAT_TABLE);
	cli_shape(t);
	if (cli.format == FORMAT_TABLE) {
		char *days = cli_days_text(o->day_from, o->day_to);
		char *filter = xasprintf("%s%s%s%s", *days ? "of " : "", days,
		                         map ? (*days ? " on " : "on ") : "", map ? map : "");
		print_header(s, filter);
		free(filter);
		free(days);
	}
	cli_print(t);
	report_free(t);
}

int
cmd_standings(const struct command *cmd, int argc, char **argv)
{
	static const struct option opts[] = {{"tournament", required_argument, NULL, 't'},
	                                     {"stage", required_argument, NULL, 's'},
	                                     {"after", required_argument, NULL, 'a'},
	                                     {"ruleset", required_argument, NULL, 'r'},
	                                     {"group", required_argument, NULL, 'g'},
	                                     {"day", required_argument, NULL, 'd'},
	                                     {"days", required_argument, NULL, 'd'},
	                                     {"map", required_argument, NULL, 'm'},
	                                     CLI_COMMON_OPTIONS};
	const char *marg = NULL;
	const char *targ = NULL, *sarg = NULL, *rarg = NULL;
	struct standings_opts o = {.after = -1};
	int c;
	char *end, *err;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 't')
			targ = optarg;
		else if (c == 's')
			sarg = optarg;
		else if (c == 'r')
			rarg = optarg;
		else if (c == 'g')
			o.group = optarg;
		else if (c == 'd')
			cli_days(cmd, optarg, &o.day_from, &o.day_to);
		else if (c == 'm')
			marg = optarg;
		else if (c == 'a') {
			long v = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || v < 0 || v > 1000000)
				cli_usage(cmd, "--after: '%s' is not a match number (or 0)",
				          optarg);
			o.after = (int)v;
		} else
			cli_option(cmd, c, optarg);
	}
	if (optind < argc)
		cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
	if (sarg == NULL)
		cli_usage(cmd, "--stage is required");

	struct ruleset what_if;
	if (rarg) {
		if (rules_named(rarg, &what_if, &err) != 0)
			die("--ruleset: %s", err);
		o.rules = &what_if;
	}
	sqlite3 *db = cli_db();
	int64_t tournament = cli_tournament(db, targ);
	char *map = marg ? cli_map(db, marg) : NULL;
	o.map = map;
	int64_t *stages = NULL;
	int nstages = 0;
	if (strcmp(sarg, "all") == 0) { /* each stage of the tournament, in order */
		sqlite3_stmt *st =
		    db_prepare(db, "SELECT id FROM stage WHERE tournament_id = ?1 ORDER BY id");
		sqlite3_bind_int64(st, 1, tournament);
		while (sqlite3_step(st) == SQLITE_ROW) {
			stages = xrealloc(stages, (size_t)(nstages + 1) * sizeof *stages);
			stages[nstages++] = sqlite3_column_int64(st, 0);
		}
		sqlite3_finalize(st);
	} else {
		stages = xmalloc(sizeof *stages);
		stages[nstages++] = cli_stage(db, tournament, sarg);
	}
	struct buf json = {0};
	for (int i = 0; i < nstages; i++) {
		struct standings s;
		double t0 = cli_clock();
		if (standings_get(db, stages[i], &o, &s, &err) != 0)
			die("%s", err);
		cli_timing("query", t0);
		if (cli.format == FORMAT_JSON) {
			/* one stage: its object; all: an array of them */
			buf_puts(&json, nstages == 1 ? "" : i ? ",\n" : "[\n");
			standings_json(&s, &json);
		} else {
			if (i > 0)
				printf("\n");
			print_one(&s, &o, map);
		}
		standings_free(&s);
	}
	if (cli.format == FORMAT_JSON) {
		if (nstages != 1)
			buf_puts(&json, "]\n");
		cli_print_json(cmd, &json);
	}
	free(stages);
	free(map);
	if (rarg)
		rules_free(&what_if);
	sqlite3_close(db);
	return 0;
}
