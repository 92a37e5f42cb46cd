/*
 * gen.c: the benchmark's deterministic data generator. `gen OUTDIR MATCHES`
 * writes MATCHES matches as match JSON v1 stage files of 100 matches each
 * (OUTDIR/stage-001.json, ...): 12 of 48 teams per match, 4 players a team,
 * placements 1..12, players' kills adding up to the team's. The same seed
 * every run, so every run imports the same bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define TEAMS    48  /* teams in the pool */
#define LOBBY    12  /* teams per match */
#define ROSTER   4   /* players per team */
#define PER_FILE 100 /* matches per stage file */

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

/* Write match number (1-based within its stage) to fp. */
static void
match(FILE *fp, int number, int last)
{
	static const char *const maps[] = {"Bermuda", "Purgatory", "Kalahari", "Alpine",
	                                   "Nexterra"};
	int teams[TEAMS];
	for (int i = 0; i < TEAMS; i++)
		teams[i] = i;
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
		        "   {\"team\": \"Bench Team %02d\", \"placement\": %d, \"kills\": %d, "
		        "\"players\": [",
		        teams[r], r + 1, total);
		for (int p = 0; p < ROSTER; p++)
			fprintf(fp,
			        "%s{\"name\": \"Player %02d-%d\", \"kills\": %d, \"damage\": %u, "
			        "\"assists\": %u, \"mvp\": %d}",
			        p ? ", " : "", teams[r], p + 1, kills[p], rnd(4000), rnd(8),
			        r == 0 && p == 0);
		fprintf(fp, "]}%s\n", r + 1 < LOBBY ? "," : "");
	}
	fprintf(fp, "  ]}%s\n", last ? "" : ",");
}

int
main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: gen OUTDIR MATCHES\n");
		return 2;
	}
	int total = atoi(argv[2]);
	for (int f = 0; f * PER_FILE < total; f++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/stage-%03d.json", argv[1], f + 1);
		FILE *fp = fopen(path, "w");
		if (fp == NULL) {
			perror(path);
			return 1;
		}
		int n = total - f * PER_FILE < PER_FILE ? total - f * PER_FILE : PER_FILE;
		fprintf(fp,
		        "{\n \"tournament\": \"Bench Cup\",\n \"stage\": \"Stage %03d\",\n"
		        " \"source\": \"tests/bench/gen.c\",\n \"matches\": [\n",
		        f + 1);
		for (int m = 0; m < n; m++)
			match(fp, m + 1, m + 1 == n);
		fputs(" ]\n}\n", fp);
		if (fclose(fp) != 0) {
			perror(path);
			return 1;
		}
	}
	return 0;
}
