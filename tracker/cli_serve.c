/*
 * cli_serve.c: `tracker serve`: its options and limits, the write token,
 * and the life of the process around the server (server.c): signals
 * blocked before its threads start, the URL printed once it listens, a
 * clean stop on SIGINT or SIGTERM.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "db.h"
#include "server.h"
#include "util.h"

/* Parse ADDR:PORT (IPv4) into *addr, or die with a usage error. */
static void
parse_listen(const struct command *cmd, const char *arg, struct sockaddr_in *addr)
{
	const char *colon = strrchr(arg, ':');
	char host[64];
	char *end;
	if (colon == NULL || (size_t)(colon - arg) >= sizeof host)
		cli_usage(cmd, "--listen: '%s' is not ADDR:PORT", arg);
	memcpy(host, arg, (size_t)(colon - arg));
	host[colon - arg] = '\0';
	long port = strtol(colon + 1, &end, 10);
	memset(addr, 0, sizeof *addr);
	addr->sin_family = AF_INET;
	if (*end || colon[1] == '\0' || port < 0 || port > 65535 ||
	    inet_pton(AF_INET, strcmp(host, "localhost") == 0 ? "127.0.0.1" : host,
	              &addr->sin_addr) != 1)
		cli_usage(cmd, "--listen: '%s' is not ADDR:PORT (an IPv4 address and a port)", arg);
	addr->sin_port = htons((uint16_t)port);
}

/* A positive number for option name, or a usage error. */
static unsigned
number(const struct command *cmd, const char *name, const char *arg)
{
	char *end;
	unsigned long v = strtoul(arg, &end, 10);
	if (*arg == '\0' || *end || v == 0 || v > 1000000000UL)
		cli_usage(cmd, "--%s: '%s' is not a positive number", name, arg);
	return (unsigned)v;
}

/* The token in file (white space around it dropped), or die saying why not. */
static char *
read_token(const char *file)
{
	FILE *fp = fopen(file, "r");
	if (fp == NULL)
		die("--token-file: %s: %s", file, strerror(errno));
	char line[512];
	size_t n = fread(line, 1, sizeof line - 1, fp);
	fclose(fp);
	line[n] = '\0';
	char *s = line;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	size_t len = strcspn(s, " \t\r\n");
	if (len == 0)
		die("--token-file: %s: no token in the file", file);
	return xstrndup(s, len);
}

int
cmd_serve(const struct command *cmd, int argc, char **argv)
{
	static const struct option opts[] = {{"listen", required_argument, NULL, 'l'},
	                                     {"token-file", required_argument, NULL, 'k'},
	                                     {"max-connections", required_argument, NULL, 'c'},
	                                     {"per-ip", required_argument, NULL, 'p'},
	                                     {"timeout", required_argument, NULL, 't'},
	                                     {"request-timeout", required_argument, NULL, 'r'},
	                                     {"threads", required_argument, NULL, 'j'},
	                                     {"max-streams", required_argument, NULL, 's'},
	                                     {"max-body", required_argument, NULL, 'b'},
	                                     {"max-header", required_argument, NULL, 'H'},
	                                     CLI_COMMON_OPTIONS};
	const char *token_file = NULL;
	char *token = NULL;
	struct server_conf conf = {0};
	int c;
	conf.max_conns = 1000;
	conf.per_ip = 200;
	conf.timeout = 30;
	conf.request_timeout = 30;
	conf.threads = 2;
	conf.max_streams = 256;
	conf.max_body = 1 << 20;
	conf.max_header = 8192;
	parse_listen(cmd, "127.0.0.1:8080", &conf.addr);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'l':
			parse_listen(cmd, optarg, &conf.addr);
			break;
		case 'k':
			token_file = optarg;
			break;
		case 'c':
			conf.max_conns = number(cmd, "max-connections", optarg);
			break;
		case 'p':
			conf.per_ip = number(cmd, "per-ip", optarg);
			break;
		case 't':
			conf.timeout = number(cmd, "timeout", optarg);
			break;
		case 'r':
			conf.request_timeout = number(cmd, "request-timeout", optarg);
			if (conf.request_timeout == 0)
				cli_usage(cmd, "--request-timeout: at least 1 second");
			break;
		case 'j':
			conf.threads = number(cmd, "threads", optarg);
			if (conf.threads > SERVER_MAX_THREADS)
				cli_usage(cmd, "--threads: at most %d", SERVER_MAX_THREADS);
			break;
		case 's':
			conf.max_streams = number(cmd, "max-streams", optarg);
			break;
		case 'b':
			conf.max_body = number(cmd, "max-body", optarg);
			break;
		case 'H':
			conf.max_header = number(cmd, "max-header", optarg);
			if (conf.max_header < 1024 || conf.max_header > 1 << 20)
				cli_usage(cmd, "--max-header: from 1024 to 1048576 bytes");
			break;
		default:
			cli_option(cmd, c, optarg);
		}
	}
	if (optind < argc)
		cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
	if (conf.max_streams >= conf.max_conns)
		cli_usage(cmd, "--max-streams must be below --max-connections");
	if (token_file)
		token = read_token(token_file);
	else if (getenv("TRACKER_TOKEN") && *getenv("TRACKER_TOKEN"))
		token = xstrdup(getenv("TRACKER_TOKEN"));
	conf.token = token;
	conf.db = db_path(cli.db);

	sqlite3 *wdb = cli_db(); /* creates and migrates; then the watcher's own */
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	unsigned port;
	char *err;
	if (server_start(&conf, wdb, &port, &err) != 0)
		die("%s", err);
	char host[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, &conf.addr.sin_addr, host, sizeof host);
	printf("tracker: serving http://%s:%u/ (%s; Ctrl-C stops)\n", host, port, conf.db);
	fflush(stdout);

	int sig;
	sigwait(&sigs, &sig);
	fprintf(stderr, "tracker: stopping (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
	server_stop();
	free(token);
	return 0;
}
