/*
 * cli_rules.c: `tracker rules show` (the ruleset each stage is scored by)
 * and `tracker rules set` (store a preset or a ruleset file as a stage's
 * ruleset, in one transaction; a bad file changes nothing; a head start for
 * a team not imported yet creates the team, with a warning).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "db.h"
#include "log.h"
#include "rules.h"
#include "util.h"

/* The placement table as "12,9,8,...". The caller frees it. */
static char *
placement_text(const struct ruleset *r)
{
	struct buf b = {0};
	for (int i = 0; i < r->nplacement; i++)
		buf_printf(&b, "%s%d", i ? "," : "", r->placement[i]);
	return buf_detach(&b, NULL);
}

/* Head start as "TEAM +N, ...", "" for none. The caller frees it. */
static char *
headstart_text(const struct ruleset *r)
{
	struct buf b = {0};
	for (int i = 0; i < r->nheadstart; i++)
		buf_printf(&b, "%s%s %+d", i ? ", " : "", r->headstart[i].team,
		           r->headstart[i].points);
	return buf_detach(&b, NULL);
}

/* Champion Rush as "160 in 16", "" for none. The caller frees it. */
static char *
rush_text(const struct ruleset *r)
{
	if (r->rush_threshold <= 0)
		return xstrdup("");
	if (r->rush_max_matches <= 0)
		return xasprintf("%d", r->rush_threshold);
	return xasprintf("%d in %d", r->rush_threshold, r->rush_max_matches);
}

/* The tiebreakers as "booyahs,kills,...". The caller frees it. */
static char *
tiebreak_text(const struct ruleset *r)
{
	struct buf b = {0};
	for (int i = 0; i < r->ntiebreak; i++)
		buf_printf(&b, "%s%s", i ? "," : "", rules_tiebreak_name(r->tiebreak[i]));
	return buf_detach(&b, NULL);
}

/* Print the rulesets of one stage (stage > 0) or of every stage of tournament. */
static void
show(const struct command *cmd, sqlite3 *db, int64_t tournament, int64_t stage)
{
	static const struct report_column cols[] = {
	    {"Stage", "stage"},
	    {"Ruleset", "name"},
	    {"Stored", "stored", 1},
	    {"Placement points", "placement_points"},
	    {"Kill pts", "kill_points"},
	    {"Kill cap", "kill_cap", 0, 0, 1},
	    {"Head start", "headstart", 0, 0, 1},
	    {"Champion Rush", "champion_rush", 0, 0, 1},
	    {"Tiebreakers", "tiebreakers"},
	    {"Zones", "zones", 0, 0, 1},
	    {"Head start from", "headstart_from", 0, 0, 1},
	};
	sqlite3_stmt *st = db_prepare(db, "SELECT id, name, ruleset IS NOT NULL FROM stage"
	                                  " WHERE tournament_id = ?1 AND (?2 = 0 OR id = ?2)"
	                                  " ORDER BY id");
	if (st == NULL)
		die("%s", db_error());
	sqlite3_bind_int64(st, 1, tournament);
	sqlite3_bind_int64(st, 2, stage);
	struct report *t = report_new(cols, (int)(sizeof cols / sizeof cols[0]));
	struct buf json = {0};
	buf_putc(&json, '[');
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ruleset r;
		char *err;
		const char *name = (const char *)sqlite3_column_text(st, 1);
		if (rules_for_stage(db, sqlite3_column_int64(st, 0), &r, &err) != 0)
			die("%s", err);
		buf_puts(&json, json.len > 1 ? ",\n{\"stage\":" : "\n{\"stage\":");
		buf_json_str(&json, name);
		buf_printf(&json, ",\"stored\":%s,\"ruleset\":",
		           sqlite3_column_int(st, 2) ? "true" : "false");
		rules_json(&r, &json);
		buf_putc(&json, '}');
		char *cells[] = {placement_text(&r), headstart_text(&r),   rush_text(&r),
		                 tiebreak_text(&r),  rules_zones_text(&r), rules_carry_text(&r)};
		report_str(t, name);
		report_str(t, r.name);
		report_str(t, sqlite3_column_int(st, 2) ? "yes" : "no (the default)");
		report_str(t, cells[0]);
		report_int(t, r.kill_points);
		if (r.kill_cap >= 0)
			report_int(t, r.kill_cap);
		else
			report_null(t);
		report_str(t, cells[1]);
		report_str(t, cells[2]);
		report_str(t, cells[3]);
		report_str(t, cells[4]);
		report_str(t, cells[5]);
		for (int i = 0; i < 6; i++)
			free(cells[i]);
		rules_free(&r);
	}
	if (db_end(db, st, rc) != 0)
		die("%s", db_error());
	buf_puts(&json, json.len > 1 ? "\n]\n" : "]\n");
	if (cli.format == FORMAT_JSON)
		cli_print_json(cmd, &json);
	else
		cli_print(t);
	if (cli.format == FORMAT_TABLE)
		cli_say("Presets (--preset, --ruleset): %s.", rules_presets);
	buf_free(&json);
	report_free(t);
}

/*
 * Store r as stage's ruleset in one transaction: its text without head
 * starts, which go by team (rules_store_headstarts; a team no import has
 * named is created, with a warning). Dies when it cannot.
 */
static void
set(sqlite3 *db, int64_t stage, const struct ruleset *r)
{
	struct buf b = {0};
	rules_json(r, &b);
	char *made = xcalloc((size_t)(r->nheadstart ? r->nheadstart : 1), 1);
	if (db_begin(db) != 0)
		die("rules set: %s", sqlite3_errmsg(db));
	sqlite3_stmt *st = db_prepare(
	    db, "UPDATE stage SET ruleset = json_remove(?1, '$.headstart') WHERE id = ?2");
	int rc = SQLITE_ERROR;
	if (st) {
		sqlite3_bind_text(st, 1, b.data, (int)b.len, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, stage);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
	}
	if (rc == SQLITE_DONE &&
	    log_write(db, NULL, "rules", 0, stage, NULL, "ruleset %s", r->name))
		rc = SQLITE_ERROR;
	if (rc != SQLITE_DONE || rules_store_headstarts(db, stage, r, made) < 0 ||
	    db_commit(db) != 0) {
		char *msg = xstrdup(sqlite3_errmsg(db));
		db_rollback(db);
		die("rules set: %s", msg);
	}
	for (int i = 0; i < r->nheadstart; i++)
		if (made[i])
			warnmsg("ruleset.headstart: '%s' is not a known team: added as a new team",
			        r->headstart[i].team);
	free(made);
	buf_free(&b);
}

int
cmd_rules(const struct command *cmd, int argc, char **argv)
{
	static const struct option opts[] = {{"tournament", required_argument, NULL, 't'},
	                                     {"stage", required_argument, NULL, 's'},
	                                     {"preset", required_argument, NULL, 'p'},
	                                     {"file", required_argument, NULL, 'f'},
	                                     CLI_COMMON_OPTIONS};
	const char *targ = NULL, *sarg = NULL, *preset = NULL, *file = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 't')
			targ = optarg;
		else if (c == 's')
			sarg = optarg;
		else if (c == 'p')
			preset = optarg;
		else if (c == 'f')
			file = optarg;
		else
			cli_option(cmd, c, optarg);
	}
	if (optind >= argc)
		cli_usage(cmd, "say show or set");
	const char *verb = argv[optind];
	if (optind + 1 < argc)
		cli_usage(cmd, "unexpected argument '%s'", argv[optind + 1]);
	if (strcmp(verb, "show") == 0) {
		if (preset || file)
			cli_usage(cmd, "--preset and --file go with rules set");
		sqlite3 *db = cli_db();
		int64_t t = cli_tournament(db, targ);
		show(cmd, db, t, sarg ? cli_stage(db, t, sarg) : 0);
		sqlite3_close(db);
		return 0;
	}
	if (strcmp(verb, "set") != 0)
		cli_usage(cmd, "'%s': say show or set", verb);
	if (sarg == NULL)
		cli_usage(cmd, "rules set needs --stage");
	if ((preset == NULL) == (file == NULL))
		cli_usage(cmd, "rules set needs one of --preset NAME or --file FILE");
	struct ruleset r;
	char *err;
	if (preset && !rules_preset(preset, &r))
		die("--preset: no preset named '%s' (presets: %s)", preset, rules_presets);
	if (file && rules_load(file, &r, &err) != 0)
		die("%s", err);
	sqlite3 *db = cli_db();
	int64_t t = cli_tournament(db, targ);
	int64_t stage = cli_stage(db, t, sarg);
	set(db, stage, &r);
	printf("%s: ruleset %s stored\n", sarg, r.name);
	rules_free(&r);
	sqlite3_close(db);
	return 0;
}
