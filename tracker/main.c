/*
 * main.c: the command table of `tracker` and the dispatch to it. Every
 * command lives in a file of its own and parses its own options.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util.h"

static int cmd_help(const struct command *, int, char **);

static const struct command commands[] = {
    {"import", cmd_import,
     "import [--replace] [--new-team T]... [--new-stage S]... [--format csv|json] [--tournament T]"
     " [--stage S] FILE...",
     "Import match JSON v1 or CSV files (- reads standard input); one transaction per file.",
     "  --replace          store matches, rulesets, rosters and adjustments whose content\n"
     "                     differs from the stored ones\n"
     "  --new-team TEAM    let TEAM, which no stage has seen, join a stage that has matches\n"
     "                     and no declared roster\n"
     "  --new-stage STAGE  create STAGE though its name is near one the tournament has\n"
     "  --format FMT       csv or json (default): how to read standard input and files\n"
     "                     whose name ends in none of .csv, .tsv, .json\n"
     "  --tournament T     the tournament of CSV rows without a tournament column\n"
     "  --stage S          the stage of CSV rows without a stage column (given with the\n"
     "                     columns too, every row must name the same)\n",
     1},
    {"tournaments", cmd_tournaments, "tournaments",
     "List tournaments, their stages and match counts.", NULL},
    {"matches", cmd_matches, "matches [--tournament T] --stage S",
     "List a stage's matches: number, day, map, Booyah team and its kills, lobby kills.",
     "  --tournament T     tournament name or slug (default: the only one)\n"
     "  --stage S          stage name or slug\n"},
    {"teams", cmd_teams, "teams", "List teams with their aliases and matches played.", NULL},
    {"standings", cmd_standings,
     "standings [--tournament T] --stage S [--group G] [--after N] [--ruleset NAME|FILE]",
     "Standings of a stage as the organizer announces them, Champion Rush included.",
     "  --tournament T     tournament name or slug (default: the only one)\n"
     "  --stage S          stage name or slug\n"
     "  --group G          rank only group G's teams, on all their matches in the stage\n"
     "  --after N          as of match N, with rank movement since the match before;\n"
     "                     0: before the first match (head starts, adjustments from 0)\n"
     "  --ruleset R        what-if: the placement table, kill points, kill cap and\n"
     "                     tiebreakers of preset R (ffws-points, pubgm-points,\n"
     "                     algs-points, or ffws, pubgm, algs) or ruleset file R; head\n"
     "                     starts, adjustments and Champion Rush stay the stage's\n"},
    {"maps", cmd_maps, "maps [--team TEAM] [--tournament T] [--stage S] [--map M] [--all]",
     "Per-team, per-map performance: where each team is strong.",
     "  --team TEAM        one team\n"
     "  --tournament T     tournament name or slug (default: the only one)\n"
     "  --stage S          one stage (default: every stage of the tournament)\n"
     "  --map M            one map\n"
     "  --all              every tournament\n"},
    {"team", cmd_team, "team TEAM [--tournament T]",
     "A coach's page: standings rows, maps, last 10 matches, players.",
     "  --tournament T     tournament name or slug (default: every tournament)\n"},
    {"players", cmd_players,
     "players [--tournament T] [--stage S] [--team T] [--map M] [--by-team]",
     "Player numbers: matches, kills, damage, assists, MVPs, sorted by kills.",
     "  --tournament T     tournament name or slug (default: the only one)\n"
     "  --stage S          one stage\n"
     "  --team T           one team\n"
     "  --map M            one map\n"
     "  --by-team          a row per player and team (default: one per player, with\n"
     "                     every team it played for)\n"},
    {"rules", cmd_rules,
     "rules show [--tournament T] [--stage S] | rules set [--tournament T] --stage S "
     "(--preset NAME | --file RULES.json)",
     "Show or set the ruleset a stage is scored by.",
     "  --tournament T     tournament name or slug (default: the only one)\n"
     "  --stage S          stage name or slug\n"
     "  --preset NAME      ffws-points, pubgm-points or algs-points (or ffws, pubgm,\n"
     "                     algs): a placement table and 1 point per kill, nothing else\n"
     "  --file FILE        a ruleset object in match JSON v1\n"},
    {"serve", cmd_serve, "serve [--listen ADDR:PORT] [--token-file FILE] [limits]",
     "Serve the leaderboards, the JSON API and live updates over HTTP.",
     "  --listen ADDR:PORT where to listen (default 127.0.0.1:8080; port 0: any free one)\n"
     "  --token-file FILE  the write tokens (POST /api/v1/matches, /desk): one\n"
     "                     NAME TOKEN per line, 16 characters or more (else\n"
     "                     $TRACKER_TOKEN, named env; with neither, writes are off)\n"
     "  --secure-cookie    mark the /desk session cookie Secure (behind HTTPS)\n"
     "  --max-connections N\n"
     "                     connections at once (default 1000)\n"
     "  --per-ip N         connections at once from one address (default 200)\n"
     "  --timeout SECONDS  idle connection timeout (default 30)\n"
     "  --request-timeout SECONDS\n"
     "                     time a request may take to arrive whole (default 30)\n"
     "  --max-body BYTES   largest POST body (default 1048576)\n"
     "  --max-header BYTES largest request line and headers, roughly (default 8192; 431 past it)\n"
     "  --max-streams N    live event streams at once (default 256)\n"
     "  --threads N        worker threads (default 2)\n",
     1},
    {"void", cmd_void, "void [--tournament T] --stage S N --reason TEXT",
     "Void match N of a stage: it stays stored and counts for nothing.",
     "  --tournament T     tournament name or slug (default: the only one)\n"
     "  --stage S          stage name or slug\n"
     "  --reason TEXT      why it does not count (shown with the standings)\n",
     1},
    {"unvoid", cmd_void, "unvoid [--tournament T] --stage S N", "Make a voided match count again.",
     "  --tournament T     tournament name or slug (default: the only one)\n"
     "  --stage S          stage name or slug\n",
     1},
    {"stages remove", cmd_remove, "stages remove [--tournament T] --stage S [--force]",
     "Remove a stage created by mistake; refused while it holds matches unless --force.",
     "  --tournament T     tournament name or slug (default: the only one)\n"
     "  --stage S          stage name or slug\n"
     "  --force            remove its matches too, after a backup beside the database\n",
     1},
    {"tournaments remove", cmd_remove, "tournaments remove T [--force]",
     "Remove a tournament and its stages; refused while it holds matches unless --force.",
     "  --force            remove its matches too, after a backup beside the database\n", 1},
    {"teams merge", cmd_merge, "teams merge FROM INTO",
     "Make two teams one: FROM's results, spellings, head starts, adjustments go to INTO.", NULL,
     1},
    {"teams rename", cmd_rename, "teams rename TEAM NEW",
     "Rename a team (name, slug); the old name stays a spelling of it.", NULL, 1},
    {"teams alias", cmd_alias, "teams alias TEAM SPELLING",
     "Record another spelling of a team, so imports with it find the team.", NULL, 1},
    {"players merge", cmd_merge, "players merge FROM INTO",
     "Make two players one: FROM's results and spellings go to INTO.", NULL, 1},
    {"log", cmd_log, "log [--tournament T] [--stage S] [--limit N]",
     "The audit log, newest first: time, origin, action, what changed.",
     "  --tournament T     one tournament's writes\n"
     "  --stage S          one stage's writes\n"
     "  --limit N          the last N writes\n"},
    {"backup", cmd_backup, "backup [--force] FILE",
     "Copy the database consistently, even while a server or an import writes to it.",
     "  --force            replace FILE if it exists\n", 1},
    {"help", cmd_help, "help [COMMAND]", "List the commands, or show one's help.", NULL},
};

static const struct command *
lookup(const char *name)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* The two-word command "NAME SUB" (teams merge), or NULL; it goes before NAME alone. */
static const struct command *
lookup2(const char *name, const char *sub)
{
	char both[64];
	if (snprintf(both, sizeof both, "%s %s", name, sub) >= (int)sizeof both)
		return NULL;
	return lookup(both);
}

static void
overview(FILE *fp)
{
	fputs("usage: tracker [--db FILE] COMMAND [OPTIONS]\n\ncommands:\n", fp);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(fp, "  %-18s %s\n", commands[i].name, commands[i].summary);
	fputs("\ntracker COMMAND --help shows a command's options.\n", fp);
}

static int
cmd_help(const struct command *cmd, int argc, char **argv)
{
	(void)cmd;
	const struct command *c2 = argc > 2 ? lookup2(argv[1], argv[2]) : NULL;
	if (c2) {
		char *hargv[] = {argv[2], "--help", NULL};
		return c2->fn(c2, 2, hargv);
	}
	if (argc > 1) {
		const struct command *c = lookup(argv[1]);
		if (c == NULL)
			die_usage("no command '%s' (tracker help lists them)", argv[1]);
		char *hargv[] = {argv[1], "--help", NULL};
		return c->fn(c, 2, hargv);
	}
	overview(stdout);
	return 0;
}

int
main(int argc, char **argv)
{
	int i = 1;
	while (i < argc && strncmp(argv[i], "--db", 4) == 0) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			cli.db = argv[i + 1];
			i += 2;
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			cli.db = argv[i] + 5;
			i++;
		} else
			die_usage("--db needs a FILE");
	}
	if (i >= argc) {
		overview(stderr);
		return 2;
	}
	if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
		overview(stdout);
		return 0;
	}
	const struct command *c2 = i + 1 < argc ? lookup2(argv[i], argv[i + 1]) : NULL;
	if (c2)
		return c2->fn(c2, argc - i - 1, argv + i + 1);
	const struct command *c = lookup(argv[i]);
	if (c == NULL) {
		fprintf(stderr, "tracker: no command '%s'\n", argv[i]);
		overview(stderr);
		return 2;
	}
	return c->fn(c, argc - i, argv + i);
}
