/*
 * gen.c: the benchmarks' deterministic data generator, writing match JSON v1
 * stage files of 100 matches each (OUTDIR/stage-00001.json, ...), 12 teams a
 * match, 4 players a team, placements 1..12, players' kills adding up to the
 * team's. The same bytes every run.
 *
 *   gen OUTDIR MATCHES        one tournament ("Bench Cup"): every match drawn
 *                             from one pool of 48 teams (bench-import.sh)
 *   gen -t OUTDIR MATCHES [FIRST COUNT]
 *                             a tournament per 1,000 matches (10 stages of
 *                             100), each with its own pool of 48 teams, half
 *                             of them shared with the tournament before: so
 *                             a team plays one or two tournaments (250 or 500
 *                             matches) however many matches the database
 *                             holds, as real teams do. Only the stage files
 *                             FIRST to FIRST+COUNT-1 (1-based), whose bytes
 *                             do not depend on the others: a large database
 *                             is written and imported a slice at a time.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEAMS    48   /* teams in a pool */
#define SHARED   24   /* of them, in the next tournament's pool too (-t) */
#define LOBBY    12   /* teams per match */
#define ROSTER   4    /* players per team */
#define PER_FILE 100  /* matches per stage file */
#define PER_CUP  1000 /* matches per tournament (-t) */

static uint64_t seed = 0x9E3779B97F4A7C15u; /* fixed: the same data every run */

/* The next pseudo-random number below n (xorshift64*). */
static unsigned
rnd(unsigned n)
{
	seed ^= seed >> 12;
	seed ^= seed << 25;
	seed ^= seed >> 27;
	return (unsigned)((seed * 0x2545F4914F6CDD1Du) >> 33) % n;
}

/* Write match number (1-based within its stage) to fp, its teams drawn from
 * pool + 0 .. pool + TEAMS - 1, named with width digits. */
static void
match(FILE *fp, int number, int last, int pool, int width)
{
	static const char *const maps[] = {"Bermuda", "Purgatory", "Kalahari", "Alpine",
	                                   "Nexterra"};
	int teams[TEAMS];
	for (int i = 0; i < TEAMS; i++)
		teams[i] = pool + i;
	for (int i = 0; i < LOBBY; i++) { /* a partial shuffle picks the lobby */
		int j = i + (int)rnd(TEAMS - i), t = teams[i];
		teams[i] = teams[j], teams[j] = t;
	}
	fprintf(fp, "  {\"match\": %d, \"day\": %d, \"map\": \"%s\", \"results\": [\n", number,
	        1 + (number - 1) / 6, maps[rnd(5)]);
	for (int r = 0; r < LOBBY; r++) {
		int kills[ROSTER], total = 0;
		for (int p = 0; p < ROSTER; p++)
			total += kills[p] = (int)rnd(6);
		fprintf(fp,
		        "   {\"team\": \"Bench Team %0*d\", \"placement\": %d, \"kills\": %d, "
		        "\"players\": [",
		        width, teams[r], r + 1, total);
		for (int p = 0; p < ROSTER; p++)
			fprintf(fp,
			        "%s{\"name\": \"Player %0*d-%d\", \"kills\": %d, \"damage\": %u, "
			        "\"assists\": %u, \"mvp\": %d}",
			        p ? ", " : "", width, teams[r], p + 1, kills[p], rnd(4000), rnd(8),
			        r == 0 && p == 0);
		fprintf(fp, "]}%s\n", r + 1 < LOBBY ? "," : "");
	}
	fprintf(fp, "  ]}%s\n", last ? "" : ",");
}

int
main(int argc, char **argv)
{
	int cups = argc > 1 && strcmp(argv[1], "-t") == 0;
	argv += cups, argc -= cups;
	if (argc != 3 && !(cups && argc == 5)) {
		fprintf(stderr,
		        "usage: gen OUTDIR MATCHES\n       gen -t OUTDIR MATCHES [FIRST COUNT]\n");
		return 2;
	}
	int total = atoi(argv[2]), files = (total + PER_FILE - 1) / PER_FILE;
	int first = argc == 5 ? atoi(argv[3]) : 1,
	    last = argc == 5 ? first + atoi(argv[4]) - 1 : files;
	for (int f = first - 1; f < files && f < last; f++) {
		char path[4096];
		snprintf(path, sizeof path, cups ? "%s/stage-%05d.json" : "%s/stage-%03d.json",
		         argv[1], f + 1);
		FILE *fp = fopen(path, "w");
		if (fp == NULL) {
			perror(path);
			return 1;
		}
		int n = total - f * PER_FILE < PER_FILE ? total - f * PER_FILE : PER_FILE;
		int cup = f / (PER_CUP / PER_FILE);
		if (cups) { /* each file its own stream of numbers */
			seed = 0x9E3779B97F4A7C15u ^ (uint64_t)(f + 1) * 0xBF58476D1CE4E5B9u;
			fprintf(fp,
			        "{\n \"tournament\": \"Bench Cup %04d\",\n \"stage\": \"Stage "
			        "%02d\",\n",
			        cup + 1, f % (PER_CUP / PER_FILE) + 1);
		} else
			fprintf(fp,
			        "{\n \"tournament\": \"Bench Cup\",\n \"stage\": \"Stage %03d\",\n",
			        f + 1);
		fputs(" \"source\": \"tests/bench/gen.c\",\n \"matches\": [\n", fp);
		for (int m = 0; m < n; m++)
			match(fp, m + 1, m + 1 == n, cups ? cup * SHARED : 0, cups ? 5 : 2);
		fputs(" ]\n}\n", fp);
		if (fclose(fp) != 0) {
			perror(path);
			return 1;
		}
	}
	return 0;
}
