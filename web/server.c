/* web/server.c: placeholder until the command is written. */
#include "cli.h"
#include "util.h"

int
cmd_serve(const struct command *cmd, int argc, char **argv)
{
	(void)cmd, (void)argc, (void)argv;
	die("serve: not written yet");
}
