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
 *   gen -s SHAPE PER_FILE OUTDIR MATCHES
 *                             one tournament as the first form, PER_FILE (1 to
 *                             10,000) matches to a stage, in SHAPE: json (stage
 *                             files OUTDIR/stage-001.json, ...), match (one match
 *                             object per file, carrying its tournament and
 *                             stage, as a desk posts: OUTDIR/stage-001-0001.json,
 *                             ..., after the stage's roster in
 *                             OUTDIR/stage-001-0000.json) or csv (match CSV, one
 *                             row per player: OUTDIR/stage-001.csv, ...): the
 *                             same matches in every shape (bench-import.sh).
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

enum shape { JSON, MATCH, CSV };

/* Write match number (1-based within stage) to fp in shape, its teams drawn
 * from pool + 0 .. pool + TEAMS - 1, named with width digits; last: the
 * file's last match. */
static void
match(FILE *fp, enum shape shape, int stage, int number, int last, int pool, int width)
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
	const char *map = maps[rnd(5)];
	int day = 1 + (number - 1) / 6 % 1000; /* at most 1000 */
	if (shape == MATCH)
		fprintf(fp, "{\"tournament\": \"Bench Cup\", \"stage\": \"Stage %03d\", ", stage);
	else if (shape == JSON)
		fputs("  {", fp);
	if (shape != CSV)
		fprintf(fp, "\"match\": %d, \"day\": %d, \"map\": \"%s\", \"results\": [\n", number,
		        day, map);
	for (int r = 0; r < LOBBY; r++) {
		int kills[ROSTER], total = 0;
		for (int p = 0; p < ROSTER; p++)
			total += kills[p] = (int)rnd(6);
		if (shape == CSV) {
			for (int p = 0; p < ROSTER; p++)
				fprintf(
				    fp,
				    "Bench Cup,Stage %03d,%d,%d,%s,Bench Team %0*d,%d,%d,Player "
				    "%0*d-%d,%d,%u,%u,%d\n",
				    stage, number, day, map, width, teams[r], r + 1, total, width,
				    teams[r], p + 1, kills[p], rnd(4000), rnd(8), r == 0 && p == 0);
			continue;
		}
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
	if (shape != CSV)
		fprintf(fp, "  ]}%s\n", last || shape == MATCH ? "" : ",");
}

/* Open path for writing, or exit. */
static FILE *
create(const char *path)
{
	FILE *fp = fopen(path, "w");
	if (fp == NULL) {
		perror(path);
		exit(1);
	}
	return fp;
}

/* Close fp (path), or exit. */
static void
done(FILE *fp, const char *path)
{
	if (fclose(fp) != 0) {
		perror(path);
		exit(1);
	}
}

/* gen -s SHAPE PER_FILE OUTDIR MATCHES: the matches of the first form, in shape. */
static int
shaped(enum shape shape, int per, const char *dir, int total)
{
	char path[4096];
	for (int f = 0; f * per < total; f++) {
		int n = total - f * per < per ? total - f * per : per;
		FILE *fp = NULL;
		if (shape != MATCH) {
			snprintf(path, sizeof path, "%s/stage-%03d.%s", dir, f + 1,
			         shape == CSV ? "csv" : "json");
			fp = create(path);
		}
		if (shape == JSON)
			fprintf(fp,
			        "{\n \"tournament\": \"Bench Cup\",\n \"stage\": \"Stage %03d\",\n"
			        " \"source\": \"tests/bench/gen.c\",\n \"matches\": [\n",
			        f + 1);
		if (shape == CSV)
			fputs("tournament,stage,match,day,map,team,placement,kills,player,player_"
			      "kills,"
			      "damage,assists,mvp\n",
			      fp);
		if (shape == MATCH) { /* the stage's roster first, as a desk's stage has one */
			snprintf(path, sizeof path, "%s/stage-%03d-0000.json", dir, f + 1);
			fp = create(path);
			fprintf(fp,
			        "{\"tournament\": \"Bench Cup\", \"stage\": \"Stage %03d\", "
			        "\"teams\": [",
			        f + 1);
			for (int t = 0; t < TEAMS; t++)
				fprintf(fp, "%s\"Bench Team %02d\"", t ? ", " : "", t);
			fputs("]}\n", fp);
			done(fp, path);
		}
		for (int m = 0; m < n; m++) {
			if (shape == MATCH) {
				snprintf(path, sizeof path, "%s/stage-%03d-%04d.json", dir, f + 1,
				         m + 1);
				fp = create(path);
			}
			match(fp, shape, f + 1, m + 1, m + 1 == n, 0, 2);
			if (shape == MATCH)
				done(fp, path);
		}
		if (shape == JSON)
			fputs(" ]\n}\n", fp);
		if (shape != MATCH)
			done(fp, path);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 6 && strcmp(argv[1], "-s") == 0) {
		enum shape shape = argv[2][0] == 'm' ? MATCH : argv[2][0] == 'c' ? CSV : JSON;
		int per = atoi(argv[3]);
		if (per < 1 || per > 10000) {
			fprintf(stderr, "gen: PER_FILE must be 1..10000\n");
			return 2;
		}
		return shaped(shape, per, argv[4], atoi(argv[5]));
	}
	int cups = argc > 1 && strcmp(argv[1], "-t") == 0;
	argv += cups, argc -= cups;
	if (argc != 3 && !(cups && argc == 5)) {
		fprintf(stderr,
		        "usage: gen OUTDIR MATCHES\n       gen -t OUTDIR MATCHES [FIRST COUNT]\n"
		        "       gen -s json|match|csv PER_FILE OUTDIR MATCHES\n");
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
			match(fp, JSON, f + 1, m + 1, m + 1 == n, cups ? cup * SHARED : 0,
			      cups ? 5 : 2);
		fputs(" ]\n}\n", fp);
		if (fclose(fp) != 0) {
			perror(path);
			return 1;
		}
	}
	return 0;
}
