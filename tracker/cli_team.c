/* tracker/cli_team.c: placeholder until the command is written. */
#include "cli.h"
#include "util.h"

int
cmd_team(const struct command *cmd, int argc, char **argv)
{
	(void)cmd, (void)argc, (void)argv;
	die("team: not written yet");
}
