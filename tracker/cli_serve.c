/*
 * cli_serve.c: `tracker serve`: its options and limits, the write tokens,
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
#include <sys/resource.h>

#include "cache.h"
#include "cli.h"
#include "db.h"
#include "peers.h"
#include "publish.h"
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

/* Files a server holds besides its connections: the listening socket, each
 * pool thread's epoll and wake-up descriptors and database files, stdio. */
#define FILES_SPARE(threads) (64 + 8 * (threads))

/*
 * Raise the limit of open files (the soft limit, up to the hard one) to
 * what conf's connections need; never lower it. Where the hard limit is
 * short, say so and lower --max-connections to what fits, rather than fail
 * accepting.
 */
static void
open_files(struct server_conf *conf)
{
	struct rlimit rl;
	rlim_t need = (rlim_t)conf->max_conns + FILES_SPARE(conf->threads);
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur >= need)
		return;
	rlim_t was = rl.rlim_cur;
	rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max >= need ? need : rl.rlim_max;
	if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
		rl.rlim_cur = was;
	if (rl.rlim_cur >= need)
		return;
	unsigned fit = rl.rlim_cur > FILES_SPARE(conf->threads) + 2
	                   ? (unsigned)(rl.rlim_cur - FILES_SPARE(conf->threads))
	                   : 2;
	warnmsg("open files are limited to %llu (ulimit -Hn), and %u connections need "
	        "%llu: serving %u connections at most",
	        (unsigned long long)rl.rlim_cur, conf->max_conns, (unsigned long long)need, fit);
	conf->max_conns = fit;
}

#define TOKEN_MIN 16 /* characters a write token has at least */

/* s with the white space at its start and end dropped, in place. */
static char *
trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && strchr(" \t\r\n", s[n - 1]))
		s[--n] = '\0';
	return s;
}

/* Add the token name = secret to the list *t of *n (both copied). */
static void
add_token(struct http_token **t, int *n, const char *name, const char *secret)
{
	*t = xrealloc(*t, (size_t)(*n + 1) * sizeof **t);
	(*t)[*n].name = xstrdup(name);
	(*t)[*n].secret = xstrdup(secret);
	(*n)++;
}

/*
 * Read the token file: one "NAME TOKEN" per line, the token being the whole
 * rest of the line (white space around it dropped), '#' lines and blank
 * lines skipped. Dies naming file:line for a line without a token, a token
 * under TOKEN_MIN characters, a name or a token given twice, or a file
 * without any token.
 */
static void
read_tokens(const char *file, struct http_token **t, int *n)
{
	FILE *fp = fopen(file, "r");
	if (fp == NULL)
		die("--token-file: %s: %s", file, strerror(errno));
	char *line = NULL;
	size_t cap = 0;
	int lineno = 0;
	while (getline(&line, &cap, fp) >= 0) {
		lineno++;
		char *s = trim(line);
		if (*s == '\0' || *s == '#')
			continue;
		size_t nl = strcspn(s, " \t");
		char *secret = trim(s + nl);
		s[nl] = '\0';
		if (*secret == '\0')
			die("--token-file: %s:%d: expected NAME TOKEN, got one word", file, lineno);
		if (strlen(secret) < TOKEN_MIN)
			die("--token-file: %s:%d: the token of '%s' has %zu characters; at least "
			    "%d",
			    file, lineno, s, strlen(secret), TOKEN_MIN);
		for (int i = 0; i < *n; i++) {
			if (strcmp((*t)[i].name, s) == 0)
				die("--token-file: %s:%d: the name '%s' is given twice", file,
				    lineno, s);
			if (strcmp((*t)[i].secret, secret) == 0)
				die("--token-file: %s:%d: '%s' has the token of '%s'", file, lineno,
				    s, (*t)[i].name);
		}
		add_token(t, n, s, secret);
	}
	free(line);
	fclose(fp);
	if (*n == 0)
		die("--token-file: %s: no token in the file (one NAME TOKEN per line)", file);
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
	                                     {"render-timeout", required_argument, NULL, 'R'},
	                                     {"stream-write-timeout", required_argument, NULL, 'w'},
	                                     {"max-body", required_argument, NULL, 'b'},
	                                     {"max-header", required_argument, NULL, 'H'},
	                                     {"secure-cookie", no_argument, NULL, 'S'},
	                                     {"trust-proxy", required_argument, NULL, 'P'},
	                                     {"cache-mb", required_argument, NULL, 'M'},
	                                     {"publish", required_argument, NULL, 'U'},
	                                     CLI_COMMON_OPTIONS};
	const char *token_file = NULL, *publish = NULL;
	struct http_token *tokens = NULL;
	int ntokens = 0;
	struct server_conf conf = {0};
	char *err;
	int c, streams_given = 0;
	unsigned cache_mb = CACHE_MB;
	conf.max_conns = 12000; /* 10,000 event streams and the pages around them */
	conf.per_ip = 200;
	conf.timeout = 30;
	conf.request_timeout = 30;
	conf.threads = 2;
	conf.max_streams = 10000;
	conf.render_ms = 10000;
	conf.stream_timeout = 60;
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
		case 'S':
			conf.secure_cookie = 1;
			break;
		case 'P':
			if (peer_trust(optarg, &err) != 0)
				cli_usage(cmd, "%s", err);
			break;
		case 'M':
			cache_mb = number(cmd, "cache-mb", optarg);
			break;
		case 'U':
			if (publish_parse(optarg, &err) != 0)
				cli_usage(cmd, "%s", err);
			publish = optarg;
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
			streams_given = 1;
			break;
		case 'R': {
			char *end;
			double s = strtod(optarg, &end);
			if (*optarg == '\0' || *end || !(s >= 0.01 && s <= 3600))
				cli_usage(cmd,
				          "--render-timeout: '%s' is not from 0.01 to 3600 seconds",
				          optarg);
			conf.render_ms = (unsigned)(s * 1000 + 0.5);
			break;
		}
		case 'w':
			conf.stream_timeout = number(cmd, "stream-write-timeout", optarg);
			if (conf.stream_timeout == 0)
				cli_usage(cmd, "--stream-write-timeout: at least 1 second");
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
	open_files(&conf);
	unsigned share = conf.max_conns / 6 * 5; /* of the connections, for streams */
	if (!streams_given && conf.max_streams > share)
		conf.max_streams = share > 0 ? share : 1;
	if (conf.max_streams >= conf.max_conns)
		cli_usage(cmd, "--max-streams %u must be below --max-connections (%u)",
		          conf.max_streams, conf.max_conns);
	const char *env = getenv("TRACKER_TOKEN");
	if (token_file)
		read_tokens(token_file, &tokens, &ntokens);
	else if (env && *env) {
		if (strlen(env) < TOKEN_MIN)
			die("TRACKER_TOKEN has %zu characters; a token has at least %d",
			    strlen(env), TOKEN_MIN);
		add_token(&tokens, &ntokens, "env", env);
	}
	conf.tokens = tokens;
	conf.ntokens = ntokens;
	conf.db = db_path(cli.db);

	sqlite3 *wdb = cli_db(); /* creates and migrates; then the watcher's own */
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	unsigned port;
	cache_budget((size_t)cache_mb << 20);
	if (publish && publish_start(publish, &err) != 0)
		die("%s", err);
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
	publish_stop();
	for (int i = 0; i < ntokens; i++) {
		free((char *)tokens[i].name);
		free((char *)tokens[i].secret);
	}
	free(tokens);
	return 0;
}
