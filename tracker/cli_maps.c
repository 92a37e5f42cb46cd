/* tracker/cli_maps.c: placeholder until the command is written. */
#include "cli.h"
#include "util.h"

int
cmd_maps(const struct command *cmd, int argc, char **argv)
{
	(void)cmd, (void)argc, (void)argv;
	die("maps: not written yet");
}
