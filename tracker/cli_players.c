/* tracker/cli_players.c: placeholder until the command is written. */
#include "cli.h"
#include "util.h"

int
cmd_players(const struct command *cmd, int argc, char **argv)
{
	(void)cmd, (void)argc, (void)argv;
	die("players: not written yet");
}
