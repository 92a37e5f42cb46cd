/* tracker/cli_rules.c: placeholder until the command is written. */
#include "cli.h"
#include "util.h"

int
cmd_rules(const struct command *cmd, int argc, char **argv)
{
	(void)cmd, (void)argc, (void)argv;
	die("rules: not written yet");
}
