/*
 * cli_team.c: `tracker team TEAM`: a coach's one page about a team: its
 * standings row in each stage, its per-map table, its last 10 matches and
 * its players, every number from the same functions as the other commands.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "db.h"
#include "maps.h"
#include "players.h"
#include "standings.h"
#include "util.h"

/* The team's row in each stage it played (of tournament; 0: every one). */
static struct table *
stage_rows(sqlite3 *db, int64_t team, int64_t tournament, struct buf *json)
{
	static const struct column cols[] = {
	    {"Tournament", "tournament"},
	    {"Stage", "stage"},
	    {"Rank", "rank"},
	    {"Of", "teams"},
	    {"M", "matches"},
	    {"Booyahs", "booyahs"},
	    {"Kills", "kills"},
	    {"Total", "points"},
	    {"Avg place", "avg_placement"},
	    {"Tiebreak", "tiebreak"},
	    {"Champion", "champion"},
	};
	struct table *t = table_new(cols, (int)(sizeof cols / sizeof cols[0]));
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT s.id FROM stage s WHERE (?2 = 0 OR s.tournament_id = ?2) AND EXISTS"
	        " (SELECT 1 FROM match m JOIN result r ON r.match_id = m.id"
	        "  WHERE m.stage_id = s.id AND r.team_id = ?1) ORDER BY s.tournament_id, s.id");
	sqlite3_bind_int64(st, 1, team);
	sqlite3_bind_int64(st, 2, tournament);
	buf_putc(json, '[');
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct standings s;
		char *err;
		if (standings_compute(db, sqlite3_column_int64(st, 0), NULL, 0, &s, &err) != 0)
			die("%s", err);
		for (int i = 0; i < s.nrows; i++) {
			const struct standing *r = &s.rows[i];
			if (r->team_id != team)
				continue;
			table_str(t, s.tournament);
			table_str(t, s.stage);
			table_int(t, r->rank);
			table_int(t, s.nrows);
			table_int(t, r->matches);
			table_int(t, r->booyahs);
			table_int(t, r->kills);
			table_int(t, r->points);
			table_real(t, r->avg_placement, 2);
			table_str(t, r->tiebreak);
			table_str(t, s.champion_id == team ? "yes" : "");
			buf_puts(json, n++ ? ",\n{\"tournament\":" : "\n{\"tournament\":");
			buf_json_str(json, s.tournament);
			buf_puts(json, ",\"stage\":");
			buf_json_str(json, s.stage);
			buf_printf(json,
			           ",\"rank\":%d,\"teams\":%d,\"matches\":%d,\"booyahs\":%d,"
			           "\"kills\":%d,\"placement_points\":%d,\"kill_points\":%d,"
			           "\"headstart\":%d,\"points\":%d,\"champion\":%s}",
			           r->rank, s.nrows, r->matches, r->booyahs, r->kills,
			           r->placement_points, r->kill_points, r->headstart, r->points,
			           s.champion_id == team ? "true" : "false");
		}
		standings_free(&s);
	}
	sqlite3_finalize(st);
	buf_puts(json, n ? "\n]" : "]");
	return t;
}

/* The team's last 10 matches, most recent first, points under each
 * stage's own ruleset. */
static struct table *
last_matches(sqlite3 *db, int64_t team, int64_t tournament, struct buf *json)
{
	static const struct column cols[] = {
	    {"Stage", "stage"},         {"Match", "match"}, {"Map", "map"},
	    {"Placement", "placement"}, {"Kills", "kills"}, {"Points", "points"},
	};
	struct table *t = table_new(cols, (int)(sizeof cols / sizeof cols[0]));
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT s.id, s.name, m.number, m.map, r.placement, r.kills"
	        " FROM result r JOIN match m ON m.id = r.match_id JOIN stage s ON s.id = m.stage_id"
	        " WHERE r.team_id = ?1 AND (?2 = 0 OR s.tournament_id = ?2)"
	        " ORDER BY s.tournament_id DESC, s.id DESC, m.number DESC LIMIT 10");
	sqlite3_bind_int64(st, 1, team);
	sqlite3_bind_int64(st, 2, tournament);
	struct ruleset r = {0};
	int64_t rstage = 0;
	int n = 0;
	buf_putc(json, '[');
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t stage = sqlite3_column_int64(st, 0);
		char *err;
		if (stage != rstage) {
			rules_free(&r);
			if (rules_for_stage(db, stage, &r, &err) != 0)
				die("%s", err);
			rstage = stage;
		}
		const char *sname = (const char *)sqlite3_column_text(st, 1);
		const char *map = (const char *)sqlite3_column_text(st, 3);
		int number = sqlite3_column_int(st, 2), place = sqlite3_column_int(st, 4);
		int kills = sqlite3_column_int(st, 5);
		int pts = rules_match_points(&r, place, kills, NULL, NULL);
		table_str(t, sname);
		table_int(t, number);
		table_str(t, map);
		table_int(t, place);
		table_int(t, kills);
		table_int(t, pts);
		buf_puts(json, n++ ? ",\n{\"stage\":" : "\n{\"stage\":");
		buf_json_str(json, sname);
		buf_printf(json, ",\"match\":%d,\"map\":", number);
		buf_json_str(json, map);
		buf_printf(json, ",\"placement\":%d,\"kills\":%d,\"points\":%d}", place, kills,
		           pts);
	}
	rules_free(&r);
	sqlite3_finalize(st);
	buf_puts(json, n ? "\n]" : "]");
	return t;
}

/* Print one section: a heading and a table for a person, a blank line
 * between CSV blocks. */
static void
section(const char *title, const struct table *t, int first)
{
	if (cli.format == FORMAT_TABLE)
		printf("%s%s\n", first ? "" : "\n", title);
	else if (!first)
		printf("\n");
	cli_print(t);
}

int
cmd_team(const struct command *cmd, int argc, char **argv)
{
	static const struct option opts[] = {{"tournament", required_argument, NULL, 't'},
	                                     CLI_COMMON_OPTIONS};
	const char *targ = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 't')
			targ = optarg;
		else
			cli_option(cmd, c, optarg);
	}
	if (optind >= argc)
		cli_usage(cmd, "name a team");
	if (optind + 1 < argc)
		cli_usage(cmd, "unexpected argument '%s' (quote a name with spaces)",
		          argv[optind + 1]);
	sqlite3 *db = cli_db();
	int64_t team = cli_team(db, argv[optind]);
	int64_t tournament = targ ? cli_tournament(db, targ) : 0;
	sqlite3_stmt *st = db_prepare(db, "SELECT name, slug FROM team WHERE id = ?1");
	sqlite3_bind_int64(st, 1, team);
	sqlite3_step(st);
	char *name = db_text(st, 0), *slug = db_text(st, 1);
	sqlite3_finalize(st);

	struct buf js = {0}, jm = {0}, jl = {0}, jp = {0};
	struct table *ts = stage_rows(db, team, tournament, &js);
	struct maps_query mq = {.tournament = tournament, .team = team};
	struct map_row *maps;
	int nmaps, nplayers;
	char *err;
	if (maps_compute(db, &mq, &maps, &nmaps, &err) != 0)
		die("%s", err);
	maps_json(maps, nmaps, &jm);
	struct table *tm = maps_table(maps, nmaps, cli.format == FORMAT_TABLE);
	struct table *tl = last_matches(db, team, tournament, &jl);
	struct players_query pq = {.tournament = tournament, .team = team};
	struct player_row *players;
	players_compute(db, &pq, &players, &nplayers);
	players_json(players, nplayers, &jp);
	struct table *tp = players_table(players, nplayers);

	if (cli.format == FORMAT_JSON) {
		struct buf b = {0};
		buf_puts(&b, "{\"team\":");
		buf_json_str(&b, name);
		buf_puts(&b, ",\"slug\":");
		buf_json_str(&b, slug);
		buf_printf(&b,
		           ",\"standings\":%s,\"maps\":%s,\"last_matches\":%s,\"players\":%s}\n",
		           js.data, jm.len ? jm.data : "[]", jl.data, jp.len ? jp.data : "[]");
		fwrite(b.data, 1, b.len, stdout);
		buf_free(&b);
	} else {
		if (cli.format == FORMAT_TABLE)
			printf("%s\n\n", name);
		section("Standings", ts, 1);
		section("Maps (points per match; vs own avg: against its average over all maps)",
		        tm, 0);
		section("Last 10 matches", tl, 0);
		section("Players", tp, 0);
	}
	table_free(ts);
	table_free(tm);
	table_free(tl);
	table_free(tp);
	maps_free(maps, nmaps);
	players_free(players, nplayers);
	buf_free(&js);
	buf_free(&jm);
	buf_free(&jl);
	buf_free(&jp);
	free(name);
	free(slug);
	sqlite3_close(db);
	return 0;
}
