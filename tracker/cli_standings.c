/* tracker/cli_standings.c: placeholder until the command is written. */
#include "cli.h"
#include "util.h"

int
cmd_standings(const struct command *cmd, int argc, char **argv)
{
	(void)cmd, (void)argc, (void)argv;
	die("standings: not written yet");
}
