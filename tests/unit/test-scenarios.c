/*
 * test-scenarios.c: every clinched or eliminated claim of the scenarios
 * engine checked against a brute force that plays out every outcome of
 * the matches left on tiny stages (4 to 6 teams, 1 to 3 matches left):
 * each match's placements a permutation of the lobby, each team's kills at
 * most kmax and the lobby's at most ktot. The brute force scores with its
 * own arithmetic (placement table + kills * kill points, the cap applied)
 * and its own Champion Rush (the first Booyah by a team at or over the
 * threshold before the match, else the leader after the last match; the
 * champion ranks first; once the title is won the stage may end after any
 * match, or at once when it was won before). A tie on points may go either way: a team level
 * with another for a place can be on either side of it. The engine may
 * leave alive what the brute force decides (the ratio is printed), never
 * the reverse.
 */
#include <stdlib.h>
#include <string.h>

#include "scenarios.h"
#include "unit.h"

#define MAXT 6
#define MAXO 40000

struct outcome {
	int booyah;    /* team placed first */
	int pts[MAXT]; /* points of each team in the match */
};

struct world {
	const struct ruleset *r;
	int n, left;
	struct outcome *o; /* the distinct outcomes of one match */
	int no;
	/* per team, over every outcome: */
	int can_win[MAXT], can_lose[MAXT]; /* the title */
	int can_in[MAXT][MAXT + 1];        /* rank <= K possible, by K */
	int can_out[MAXT][MAXT + 1];       /* rank > K possible, by K */
};

/* The points of placement p with k kills, by the brute force's own arithmetic. */
static int
points(const struct ruleset *r, int p, int k)
{
	int pp = p <= r->nplacement ? r->placement[p - 1] : 0;
	if (r->kill_cap >= 0 && k > r->kill_cap)
		k = r->kill_cap;
	return pp + k * r->kill_points;
}

/* Add outcome x to w's list unless it is there. */
static void
add_outcome(struct world *w, const struct outcome *x)
{
	for (int i = 0; i < w->no; i++)
		if (w->o[i].booyah == x->booyah && memcmp(w->o[i].pts, x->pts, sizeof x->pts) == 0)
			return;
	if (w->no == MAXO) {
		printf("not ok outcomes: more than %d\n", MAXO);
		exit(1);
	}
	w->o[w->no++] = *x;
}

/* Every kill split of team t.. (each at most kmax, all at most ktot) under placements place. */
static void
kills(struct world *w, const int *place, int *k, int t, int kmax, int ktot)
{
	if (t == w->n) {
		struct outcome x = {0};
		for (int i = 0; i < w->n; i++) {
			x.pts[i] = points(w->r, place[i], k[i]);
			if (place[i] == 1)
				x.booyah = i;
		}
		add_outcome(w, &x);
		return;
	}
	for (k[t] = 0; k[t] <= kmax && k[t] <= ktot; k[t]++)
		kills(w, place, k, t + 1, kmax, ktot - k[t]);
}

/* Every permutation of placements 1..n from position t on (Heap-free: by swaps). */
static void
perms(struct world *w, int *place, int t, int kmax, int ktot)
{
	if (t == w->n) {
		int k[MAXT];
		kills(w, place, k, 0, kmax, ktot);
		return;
	}
	for (int i = t; i < w->n; i++) {
		int s = place[t];
		place[t] = place[i];
		place[i] = s;
		perms(w, place, t + 1, kmax, ktot);
		place[i] = place[t];
		place[t] = s;
	}
}

/* Record what the final totals tot and champion (-1: none) allow. */
static void
judge(struct world *w, const int *tot, int champion)
{
	int n = w->n, rush = w->r->rush_threshold > 0, top = tot[0], nlead = 0, c = champion;
	for (int i = 0; i < n; i++)
		top = tot[i] > top ? tot[i] : top;
	for (int i = 0; i < n; i++)
		nlead += tot[i] == top;
	for (int i = 0; rush && c < 0 && nlead == 1 && i < n; i++)
		if (tot[i] == top)
			c = i;
	for (int i = 0; i < n; i++) {
		int sure = c == i, may = sure || (rush && c < 0 && tot[i] == top);
		if (rush) {
			w->can_win[i] |= may;
			w->can_lose[i] |= !sure;
		}
		int best = 1, worst = 1;
		if (c >= 0 && c != i)
			best = worst = 2;
		for (int j = 0; c != i && j < n; j++)
			if (j != i && j != c) {
				best += tot[j] > tot[i];
				worst += tot[j] >= tot[i];
			}
		for (int K = 1; K < n; K++) {
			w->can_in[i][K] |= best <= K;
			w->can_out[i][K] |= worst > K;
		}
	}
}

/* Play match m of w->left from totals tot and champion. */
static void
play(struct world *w, int m, const int *tot, int champion)
{
	if (m == w->left || champion >= 0) /* a won title may end the stage here */
		judge(w, tot, champion);
	if (m == w->left)
		return;
	for (int o = 0; o < w->no; o++) {
		const struct outcome *x = &w->o[o];
		int next[MAXT], c = champion;
		if (c < 0 && w->r->rush_threshold > 0 && tot[x->booyah] >= w->r->rush_threshold)
			c = x->booyah;
		for (int i = 0; i < w->n; i++)
			next[i] = tot[i] + x->pts[i];
		play(w, m + 1, next, c);
	}
}

static unsigned long seed = 12;

static int
rnd(int lo, int hi)
{
	seed = seed * 6364136223846793005UL + 1442695040888963407UL;
	return lo + (int)((seed >> 33) % (unsigned long)(hi - lo + 1));
}

static long claims, wrong, decided_brute, decided_both;

/* Compare the engine with the brute force on one state; name says which. */
static void
compare(struct world *w, const int *tot, int champion, int kmax, int ktot, const char *name)
{
	struct scen_bounds b = {w->left, w->n, kmax, ktot};
	memset(w->can_win, 0, sizeof w->can_win);
	memset(w->can_lose, 0, sizeof w->can_lose);
	memset(w->can_in, 0, sizeof w->can_in);
	memset(w->can_out, 0, sizeof w->can_out);
	play(w, 0, tot, champion);
	int rush = w->r->rush_threshold > 0;
	for (int K = rush ? 0 : 1; K < w->n; K++) {
		enum scen_state st[MAXT];
		scenarios_decide(w->r, &b, tot, w->n, champion, K, st);
		for (int i = 0; i < w->n; i++) {
			int clinched = K ? !w->can_out[i][K] : !w->can_lose[i];
			int out = K ? !w->can_in[i][K] : !w->can_win[i];
			if ((st[i] == SCEN_CLINCHED && !clinched) ||
			    (st[i] == SCEN_ELIMINATED && !out)) {
				wrong++;
				printf("not ok %s: team %d goal %d: engine says %s, brute force "
				       "finds otherwise (totals",
				       name, i, K,
				       st[i] == SCEN_CLINCHED ? "clinched" : "eliminated");
				for (int j = 0; j < w->n; j++)
					printf(" %d", tot[j]);
				printf(", champion %d, %d left)\n", champion, w->left);
				unit_failed = 1;
			}
			claims += st[i] != SCEN_ALIVE;
			decided_brute += clinched || out;
			decided_both += (clinched || out) && st[i] != SCEN_ALIVE;
		}
	}
}

/* States at random around the threshold (or on a spread of totals), each compared. */
static void
stage(const char *name, struct ruleset *r, int n, int left, int kmax, int ktot, int states)
{
	static struct outcome o[MAXO];
	struct world w = {r, n, left, o, 0, {0}, {0}, {{0}}, {{0}}};
	int place[MAXT];
	for (int i = 0; i < n; i++)
		place[i] = i + 1;
	perms(&w, place, 0, kmax, ktot);
	long before = wrong;
	for (int s = 0; s < states; s++) {
		int tot[MAXT], th = r->rush_threshold ? r->rush_threshold : 20, champion = -1;
		for (int i = 0; i < n; i++)
			tot[i] = rnd(th - 3 * left * (r->placement[0] + kmax) / 2, th + 6);
		if (r->rush_threshold && s % 5 == 4) /* a title already won */
			champion = rnd(0, n - 1);
		compare(&w, tot, champion, kmax, ktot, name);
	}
	printf("# %s: %d distinct outcomes a match, %d states\n", name, w.no, states);
	CHECK(name, wrong == before);
}

int
main(void)
{
	struct ruleset r;
	memset(&r, 0, sizeof r);
	int table[] = {5, 3, 1, 0, 0, 0};
	memcpy(r.placement, table, sizeof table);
	r.nplacement = 6;
	r.kill_points = 1;
	r.kill_cap = -1;
	r.rush_threshold = 12;
	stage("rush 4 teams 1 left", &r, 4, 1, 3, 3, 300);
	stage("rush 4 teams 2 left", &r, 4, 2, 2, 3, 30);
	stage("rush 4 teams 3 left", &r, 4, 3, 1, 1, 10);
	stage("rush 5 teams 2 left", &r, 5, 2, 1, 1, 15);
	stage("rush 6 teams 1 left", &r, 6, 1, 2, 3, 150);
	r.kill_cap = 1;
	stage("rush kill cap 5 teams 1 left", &r, 5, 1, 3, 4, 150);
	r.kill_cap = -1;
	r.rush_threshold = 0;
	stage("points 4 teams 2 left", &r, 4, 2, 2, 3, 30);
	stage("points 5 teams 2 left", &r, 5, 2, 1, 1, 15);
	stage("points 6 teams 1 left", &r, 6, 1, 2, 3, 150);
	/* every place scores: a team's worst match is worth 1 */
	int scores[] = {6, 4, 2, 1};
	memcpy(r.placement, scores, sizeof scores);
	r.nplacement = 4;
	r.rush_threshold = 12;
	stage("rush every place scores 4 teams 1 left", &r, 4, 1, 3, 3, 300);
	stage("rush every place scores 4 teams 2 left", &r, 4, 2, 2, 3, 30);
	r.rush_threshold = 0;
	stage("points every place scores 4 teams 2 left", &r, 4, 2, 2, 3, 30);

	/* unbounded: no max_matches, so nothing is decided but a title won */
	struct scen_bounds open = {-1, 4, 3, 3};
	int tot[4] = {100, 0, 0, 0};
	enum scen_state st[4];
	r.rush_threshold = 12;
	scenarios_decide(&r, &open, tot, 4, -1, 1, st);
	CHECK("unbounded: a 100-point lead is not clinched", st[0] == SCEN_ALIVE);
	scenarios_decide(&r, &open, tot, 4, 0, 0, st);
	CHECK("unbounded: a won title is", st[0] == SCEN_CLINCHED && st[1] == SCEN_ELIMINATED);

	printf("brute force decides %ld (team, goal) states; the engine decides %ld of them "
	       "(%.1f%%), with %ld claims, %ld wrong\n",
	       decided_brute, decided_both,
	       decided_brute ? 100.0 * decided_both / decided_brute : 0, claims, wrong);
	/* an engine that only ever says alive would pass the checks above */
	CHECK("the engine decides some states", decided_both > decided_brute / 4);
	return unit_failed;
}
