/* tracker/cli_import.c: placeholder until the command is written. */
#include "cli.h"
#include "util.h"

int
cmd_import(const struct command *cmd, int argc, char **argv)
{
	(void)cmd, (void)argc, (void)argv;
	die("import: not written yet");
}
