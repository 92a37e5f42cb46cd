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
static int cmd_complete(const struct command *, int, char **);

static const struct command commands[] = {
    {"import", cmd_import,
     "import [--replace] [--new-team T]... [--new-stage S]... [--format csv|json]"
     " [--tournament T] [--stage S] [--max-file MB] FILE...",
     "Import match JSON v1 or CSV files (- reads standard input).",
     "  --replace          store matches, rulesets, rosters and adjustments whose\n"
     "                     content differs from the stored ones\n"
     "  --new-team TEAM    let TEAM, which no stage has seen, join a stage that has\n"
     "                     matches and no declared roster\n"
     "  --new-stage STAGE  create STAGE though its name is near one the tournament\n"
     "                     has\n"
     "  --format FMT       csv or json (default): how to read standard input and\n"
     "                     files whose name ends in none of .csv, .tsv, .json\n"
     "  --tournament T     the tournament of CSV rows without a tournament column\n"
     "  --stage S          the stage of CSV rows without a stage column (given with\n"
     "                     the columns too, every row must name the same)\n"
     "  --max-file MB      refuse files over MB MiB (default 64; 1 to 4096); reading\n"
     "                     a JSON file takes about 10 times its size in memory\n",
     1},
    {"tournaments", cmd_tournaments, "tournaments",
     "List tournaments, their stages and match counts.", NULL},
    {"matches", cmd_matches,
     "matches [--tournament T] --stage S | matches --team TEAM [--stage S] [--map M]"
     " [--day D | --days A-B]",
     "A stage's matches, or a team's own with its rank after each.",
     "  --tournament T     tournament name or slug (default: the only one)\n"
     "  --stage S          stage name or slug (with --team: default every stage; all)\n"
     "  --team TEAM        that team's matches: placement, kills, points, total and\n"
     "                     rank in the stage after each\n"
     "  --map M            with --team: on map M only\n"
     "  --day D            with --team: on day D of the stage only\n"
     "  --days A-B         with --team: on days A to B\n"},
    {"match", cmd_match, "match [--tournament T] --stage S N",
     "One match's whole lobby: placements, kills, points, players.",
     "  --tournament T     tournament name or slug (default: the only one)\n"
     "  --stage S          stage name or slug\n"},
    {"compare", cmd_compare, "compare TEAM TEAM [--tournament T] [--stage S]",
     "Two teams head to head in the lobbies both played.",
     "  --tournament T     tournament name or slug (default: the only one)\n"
     "  --stage S          one stage (default: every stage; all)\n"},
    {"teams", cmd_teams, "teams", "List teams with their aliases and matches played.", NULL},
    {"standings", cmd_standings,
     "standings [--tournament T] --stage S [--group G] [--after N] [--day D | --days A-B]"
     " [--map M] [--ruleset NAME|FILE]",
     "A stage's standings as the organizer announces them.",
     "  --tournament T     tournament name or slug (default: the only one)\n"
     "  --stage S          stage name or slug; all: each stage of the tournament\n"
     "  --group G          rank only group G's teams, on all their matches in the\n"
     "                     stage\n"
     "  --after N          as of match N, with rank movement since the match before;\n"
     "                     0: before the first match (head starts, adjustments from 0)\n"
     "  --day D            only the matches of day D (no head starts, adjustments or\n"
     "                     Champion Rush: what those matches made)\n"
     "  --days A-B         only the matches of days A to B (likewise)\n"
     "  --map M            only the matches on map M (likewise)\n"
     "  --ruleset R        what-if: the placement table, kill points, kill cap and\n"
     "                     tiebreakers of preset R (ffws-points, pubgm-points,\n"
     "                     algs-points, or ffws, pubgm, algs) or ruleset file R; head\n"
     "                     starts, adjustments and Champion Rush stay the stage's\n"},
    {"scenarios", cmd_scenarios, "scenarios [--tournament T] --stage S [--after N]",
     "Who has clinched, can still reach or is out of the title and each zone, and what it needs.",
     "  --tournament T     tournament name or slug (default: the only one)\n"
     "  --stage S          stage name or slug\n"
     "  --after N          as of match N (0: before the first)\n"},
    {"maps", cmd_maps,
     "maps [--team TEAM]... [--tournament T] [--stage S] [--map M] [--day D | --days A-B]"
     " [--all]",
     "Per-team, per-map performance: where each team is strong.",
     "  --team TEAM        one team; again for more (ranks stay among every team)\n"
     "  --tournament T     tournament name or slug (default: the only one)\n"
     "  --stage S          one stage (default: every stage of the tournament; all)\n"
     "  --map M            one map, the teams by their rank on it\n"
     "  --day D            day D of a stage only\n"
     "  --days A-B         days A to B only\n"
     "  --all              every tournament\n"},
    {"team", cmd_team,
     "team TEAM [--tournament T] [--stage S] [--day D | --days A-B] [--map M] [--table T]",
     "A coach's page: standings, maps, last 10 matches, players.",
     "  --tournament T     tournament name or slug (default: every tournament)\n"
     "  --stage S          one stage (default: every stage; all)\n"
     "  --day D            only the matches of day D (standings rows then without head\n"
     "                     starts, adjustments or Champion Rush)\n"
     "  --days A-B         only the matches of days A to B (likewise)\n"
     "  --map M            only the matches on map M (likewise)\n"
     "  --table T          only that table: standings, maps, matches or players (needed\n"
     "                     by --format csv, which writes one table)\n"},
    {"players", cmd_players,
     "players [--tournament T] [--stage S] [--team T] [--map M] [--day D | --days A-B]"
     " [--player P] [--by-team]",
     "Player numbers: matches, kills, damage, assists, MVPs.",
     "  --tournament T     tournament name or slug (default: the only one)\n"
     "  --stage S          one stage (default: every stage; all)\n"
     "  --team T           one team\n"
     "  --map M            one map\n"
     "  --day D            day D of a stage only\n"
     "  --days A-B         days A to B only\n"
     "  --player P         that player's rows only\n"
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
     "  --listen ADDR:PORT where to listen (default 127.0.0.1:8080; port 0: any free\n"
     "                     one)\n"
     "  --token-file FILE  the write tokens (POST /api/v1/matches, /desk): one\n"
     "                     NAME TOKEN per line, 16 characters or more (else\n"
     "                     $TRACKER_TOKEN, named env; with neither, writes are off)\n"
     "  --secure-cookie    mark the /desk session cookie Secure (behind HTTPS)\n"
     "  --max-connections N\n"
     "                     connections at once (default 12000); near it, idle ones\n"
     "                     are closed, of the addresses holding the most first\n"
     "  --per-ip N         connections at once from one address (default 200)\n"
     "  --trust-proxy ADDR a proxy (ADDR or ADDR/BITS; repeated, or a comma list)\n"
     "                     whose X-Forwarded-For names the client, for --per-ip\n"
     "  --timeout SECONDS  idle connection timeout (default 30)\n"
     "  --request-timeout SECONDS\n"
     "                     time a request may take to arrive whole (default 30)\n"
     "  --max-body BYTES   largest POST body (default 1048576)\n"
     "  --max-header BYTES largest request line and headers, roughly (default 8192;\n"
     "                     431 past it)\n"
     "  --max-streams N    live event streams at once (default 10000, at most 5/6\n"
     "                     of --max-connections); a client that leaves frees its\n"
     "                     stream at once (TCP keepalive: within 5 s when it\n"
     "                     vanished)\n"
     "  --publish URL      also POST every update to this nchan publisher location\n"
     "                     (http://HOST:PORT/PATH), for nginx to fan out\n"
     "  --render-timeout SECONDS\n"
     "                     time a page's database reads may take (default 10, from\n"
     "                     0.01; then 503)\n"
     "  --stream-write-timeout SECONDS\n"
     "                     close a stream whose client has not drained what it was\n"
     "                     sent for that long (default 60)\n"
     "  --threads N        worker threads (default 2; a slow page holds at most all\n"
     "                     but one)\n"
     "  --cache-mb N       memory for rendered pages and their gzip twins, in MiB\n"
     "                     (default 64; the least recently used go first)\n",
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
    {"export", cmd_export, "export [--tournament T] --stage S --format json|csv|wikitext",
     "Write a stage out: match JSON v1 (all of it), match CSV, or Liquipedia wikitext.",
     "  --tournament T     tournament name or slug (default: the only one)\n"
     "  --stage S          stage name or slug\n"
     "  --format FMT       json, csv or wikitext\n",
     1},
    {"card", cmd_card, "card [--tournament T] --stage S [--after N] [--png FILE]",
     "Draw the standings as a 1080x1350 social card: SVG, or PNG through rsvg-convert.",
     "  --tournament T     tournament name or slug (default: the only one)\n"
     "  --stage S          stage name or slug\n"
     "  --after N          as of match N\n"
     "  --png FILE         write a PNG to FILE (needs rsvg-convert: librsvg2-bin)\n",
     1},
    {"help", cmd_help, "help [COMMAND]", "List the commands, or show one's help.", NULL},
    /* hidden (no summary): what bash completion asks for */
    {"test-complete", cmd_complete, "test-complete commands|options COMMAND|stages|teams|maps",
     NULL, NULL, 1},
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
	fputs(
	    "usage: tracker [--db FILE] COMMAND [OPTIONS]\n       tracker --version\n\ncommands:\n",
	    fp);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (commands[i].summary) {
			char *line = xasprintf("  %-18s %s", commands[i].name, commands[i].summary);
			cli_wrap(fp, line, 80, 21, 0);
			free(line);
		}
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
	if (argc > 1 && argv[1][0] != '-') {
		const struct command *c = lookup(argv[1]);
		if (c == NULL)
			die_usage("no command '%s' (tracker help lists them)", argv[1]);
		char *hargv[] = {argv[1], "--help", NULL};
		return c->fn(c, 2, hargv);
	}
	overview(stdout);
	return 0;
}

/* tracker test-complete WHAT: the words bash completion offers, one a line:
 * the commands, a command's options, or the stages, teams or maps stored. */
static int
cmd_complete(const struct command *cmd, int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "commands") == 0) {
		for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
			if (commands[i].summary)
				printf("%s\n", commands[i].name);
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "options") == 0) {
		const struct command *c = lookup(argv[2]);
		char *names[64];
		int n = c ? cli_options_of(c, names, 64) : 0;
		for (int i = 0; i < n; i++) {
			printf("%s\n", names[i]);
			free(names[i]);
		}
		return 0;
	}
	if (argc == 2) {
		sqlite3 *db = cli_db();
		cli_complete_names(db, argv[1]);
		sqlite3_close(db);
		return 0;
	}
	cli_usage(cmd, "what to complete?");
}

int
main(int argc, char **argv)
{
	int i = 1;
	while (i < argc && strncmp(argv[i], "--db", 4) == 0) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			cli_set_db(argv[i + 1]);
			i += 2;
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			cli_set_db(argv[i] + 5);
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
	if (strcmp(argv[i], "--version") == 0) {
		printf("tracker %s\n", TRACKER_VERSION);
		return 0;
	}
	const struct command *c2 = i + 1 < argc ? lookup2(argv[i], argv[i + 1]) : NULL;
	if (c2) {
		cli.argv = argv + i + 1;
		return c2->fn(c2, argc - i - 1, argv + i + 1);
	}
	const struct command *c = lookup(argv[i]);
	if (c == NULL) {
		const char *names[sizeof commands / sizeof commands[0]];
		for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
			names[k] = commands[k].name;
		const char *near =
		    cli_suggest(argv[i], names, (int)(sizeof names / sizeof names[0]));
		if (near)
			term_printf(stderr, "tracker: no command '%s' (did you mean '%s'?)\n",
			            argv[i], near);
		else {
			term_printf(stderr, "tracker: no command '%s'\n", argv[i]);
			overview(stderr);
		}
		return 2;
	}
	cli.argv = argv + i;
	return c->fn(c, argc - i, argv + i);
}
