/*
 * scenarios.c: what each team can still reach. For the title under
 * Champion Rush and for each zone of the ruleset ("top 12"), a team is
 * clinched, eliminated or alive, with what it needs in words. The state now
 * comes from the one scoring function (standings_get); what is possible
 * from here comes from the ruleset's points (rules_match_points) under the
 * lobby's bounds: every team plays each match left, the placements a
 * permutation of 1..lobby, and a team kills at most the players of the
 * other teams, the lobby at most all its players but one. The reasoning is
 * bounds (team against team, and what m teams can score together or must
 * score between them), so it is sound but not complete:
 * a claim of clinched or eliminated holds in every outcome, and a team that
 * the bounds cannot settle (a tie on points included) stays alive.
 * Also the match-point story of a standings (who is on match point, the
 * matches left, the points each other team needs), which the standings
 * surfaces print.
 */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "scenarios.h"
#include "util.h"

/* The fewest and most points one team can score in one match under b. */
static void
gains(const struct ruleset *r, const struct scen_bounds *b, long *lo, long *hi)
{
	*lo = *hi = rules_match_points(r, 1, 0, NULL, NULL);
	for (int p = 1; p <= b->lobby; p++) {
		long v[2] = {rules_match_points(r, p, 0, NULL, NULL),
		             rules_match_points(r, p, b->max_kills, NULL, NULL)};
		for (int k = 0; k < 2; k++) {
			*lo = v[k] < *lo ? v[k] : *lo;
			*hi = v[k] > *hi ? v[k] : *hi;
		}
	}
}

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return x < y ? -1 : x > y;
}

/*
 * 1 when no m teams other than i can all end on f points or more in the
 * left matches: together, m teams score at most the m best placements
 * (each at least nothing) and the lobby's kills (each team's counted under
 * the cap) in a match, less than the points the m closest to f lack.
 */
static int
short_of(const struct ruleset *r, const struct scen_bounds *b, const int *pts, int n, int i, long f,
         int m, long left)
{
	if (m < 1 || m > n - 1)
		return 0;
	long *v = xcalloc((size_t)(n + b->lobby), sizeof *v), gain = 0, lack = 0;
	for (int p = 1; p <= b->lobby; p++) {
		long pp = rules_match_points(r, p, 0, NULL, NULL);
		v[p - 1] = pp > 0 ? -pp : 0; /* ascending: the best places first */
	}
	qsort(v, (size_t)b->lobby, sizeof *v, cmp_long);
	for (int k = 0; k < m && k < b->lobby; k++)
		gain -= v[k];
	long each = r->kill_cap >= 0 && r->kill_cap < b->max_kills ? r->kill_cap : b->max_kills;
	long kills = (long)m * each < b->all_kills ? (long)m * each : b->all_kills;
	gain += r->kill_points > 0 ? kills * r->kill_points : 0;
	int k = 0;
	for (int j = 0; j < n; j++)
		if (j != i)
			v[k++] = f - pts[j] > 0 ? f - pts[j] : 0;
	qsort(v, (size_t)k, sizeof *v, cmp_long);
	for (int j = 0; j < m; j++)
		lack += v[j];
	free(v);
	return lack > left * gain;
}

/*
 * 1 when after k more matches no m teams other than i and skip (-1: none)
 * can all end on at most i's best (its points plus k times hi): the m with
 * the fewest points hold m places of each match, so they score at least
 * its m lowest place points (lo each at least), more than the room under
 * that best.
 */
static int
joint_out(const struct ruleset *r, const struct scen_bounds *b, const int *pts, int n, int i,
          int skip, int m, long k, long lo, long hi)
{
	long *v = xcalloc((size_t)(n + b->lobby), sizeof *v), f = pts[i] + k * hi, low = 0, sum = 0;
	for (int p = 1; p <= b->lobby; p++)
		v[p - 1] = rules_match_points(r, p, 0, NULL, NULL);
	qsort(v, (size_t)b->lobby, sizeof *v, cmp_long);
	for (int j = 0; j < m && j < b->lobby; j++)
		low += v[j];
	int c = 0, out = 0;
	for (int j = 0; j < n; j++)
		if (j != i && j != skip)
			v[c++] = pts[j];
	qsort(v, (size_t)c, sizeof *v, cmp_long);
	for (int j = 0; j < m && j < c; j++)
		sum += v[j];
	if (m >= 1 && m <= c)
		out = v[m - 1] + k * lo > f || sum + k * low > m * f;
	free(v);
	return out;
}

/*
 * Team i's state for a rank of at most to; ti: its state for the title.
 * Under Champion Rush the champion ranks first whatever its points: the one
 * decided, or one that may still win a Booyah on match point (jump[j]); a
 * champion on points leads on them anyway. A won title may end the stage
 * after the match that wins it (at once when it is won already), so a
 * team's fewest and most points count the number of matches that makes
 * them so.
 */
static enum scen_state
zone(const struct ruleset *r, const struct scen_bounds *b, const int *pts, int n, int i, int to,
     int champion, const int *jump, enum scen_state ti, long lo, long hi)
{
	int rush = r->rush_threshold > 0;
	long left = b->left, first = rush ? (champion >= 0 ? 0 : 1) : left;
	long lz = (lo >= 0 ? first : left) * lo, hz = (hi >= 0 ? left : first) * hi;
	int ahead = 0, below = 0, others = 0, sure = 0, skip = champion != i ? champion : -1;
	if (left < 0)
		return SCEN_ALIVE;
	if (rush && ti == SCEN_CLINCHED)
		return SCEN_CLINCHED;
	for (int j = 0; j < n; j++) {
		if (j == i)
			continue;
		int may = pts[j] + hz >= pts[i] + lz; /* end level with it or above */
		ahead += may;
		below |= !may && jump[j];
		others |= jump[j];
		sure += j != skip && pts[j] + lz > pts[i] + hz;
	}
	if (1 + ahead + below <= to || short_of(r, b, pts, n, i, pts[i] + lz, to - others, left))
		return SCEN_CLINCHED;
	if (rush && ti != SCEN_ELIMINATED)
		return SCEN_ALIVE;
	/* the champion first, then the teams sure to end above it */
	if (sure >= (skip >= 0 ? to - 1 : to))
		return SCEN_ELIMINATED;
	int crowded = first <= left; /* whichever match the stage ends after */
	for (long k = first; crowded && k <= left; k++)
		crowded = joint_out(r, b, pts, n, i, skip, n - to, k, lo, hi);
	return crowded ? SCEN_ELIMINATED : SCEN_ALIVE;
}

/*
 * The title under Champion Rush: the first team to win a match while at or
 * over the threshold, else the leader after the last match. Team i is
 * eliminated when it cannot reach the threshold before the last match left
 * and some team is sure to finish above its best total; clinched when no
 * other team can reach the threshold before the last match left nor finish
 * level with its worst total.
 */
static void
title(const struct ruleset *r, const struct scen_bounds *b, long lo, long hi, const int *pts, int n,
      int champion, enum scen_state *out)
{
	long th = r->rush_threshold, left = b->left;
	for (int i = 0; i < n; i++)
		out[i] = champion < 0    ? SCEN_ALIVE
		         : i == champion ? SCEN_CLINCHED
		                         : SCEN_ELIMINATED;
	if (champion >= 0 || th <= 0 || left <= 0)
		return;
	for (int i = 0; i < n; i++) {
		int beaten = 0, alone = 1;
		for (int j = 0; j < n; j++) {
			if (j == i)
				continue;
			beaten |= pts[j] + left * lo > pts[i] + left * hi;
			alone &= pts[j] + (left - 1) * hi < th &&
			         pts[j] + left * hi < pts[i] + left * lo;
		}
		if (pts[i] + (left - 1) * hi < th &&
		    (beaten || joint_out(r, b, pts, n, i, -1, n - 1, left, lo, hi)))
			out[i] = SCEN_ELIMINATED;
		else if (alone)
			out[i] = SCEN_CLINCHED;
	}
}

/*
 * The states of n teams with the given totals for one goal: to 0 the title
 * (Champion Rush), else a rank of at most to. champion: the index of the
 * team that has won the title, -1: none yet. out gets n states.
 */
void
scenarios_decide(const struct ruleset *r, const struct scen_bounds *b, const int *points, int n,
                 int champion, int to, enum scen_state *out)
{
	long lo, hi;
	int rush = r->rush_threshold > 0;
	gains(r, b, &lo, &hi);
	enum scen_state *t = xcalloc((size_t)(n ? n : 1), sizeof *t);
	title(r, b, lo, hi, points, n, champion, t);
	int *jump = xcalloc((size_t)(n ? n : 1), sizeof *jump);
	for (int j = 0; j < n; j++)
		jump[j] = champion >= 0 ? j == champion
		                        : rush && b->left >= 1 &&
		                              points[j] + (b->left - 1) * hi >= r->rush_threshold;
	for (int i = 0; i < n; i++)
		out[i] =
		    to == 0 ? t[i] : zone(r, b, points, n, i, to, champion, jump, t[i], lo, hi);
	free(jump);
	free(t);
}

/* Matches left of max_matches after s, -1: not bounded. */
static int
matches_left(const struct standings *s)
{
	int m = s->rules.rush_max_matches;
	return m <= 0 ? -1 : m > s->matches_played ? m - s->matches_played : 0;
}

/*
 * The match-point story of s into lines[0..3): the teams on match point,
 * the matches left of max_matches and the points each other team needs to
 * reach the threshold. Returns how many lines (msg_free() each): 0 without
 * Champion Rush or once it is decided (standings_decided says how).
 */
int
scenarios_story(const struct standings *s, struct msg lines[3])
{
	int th = s->rules.rush_threshold, left = matches_left(s), n = 0, on = 0, below = 0;
	if (th <= 0 || s->champion)
		return 0;
	char **names = xcalloc((size_t)(s->nrows ? s->nrows : 1), sizeof *names);
	char **needs = xcalloc((size_t)(s->nrows ? s->nrows : 1), sizeof *needs);
	for (int i = 0; i < s->nrows; i++)
		if (s->rows[i].points >= th)
			names[on++] = s->rows[i].team;
		else
			needs[below++] =
			    xasprintf("%s %d", s->rows[i].team, th - s->rows[i].points);
	lines[n++] = on ? msg_of("story.point", -1, "do", th, (const char *const *)names, on)
	                : msg_of("story.point_none", -1, "d", th);
	lines[n++] = left >= 0 ? msg_of("story.left", -1, "dd", left, s->rules.rush_max_matches)
	                       : msg_of("story.left_unbounded", -1, "");
	if (below)
		lines[n++] = msg_of("story.needs", -1, "dl", th, (const char *const *)needs, below);
	for (int i = 0; i < below; i++)
		free(needs[i]);
	free(needs);
	free(names);
	return n;
}

/* Append ,"match_point":{...} of s (the story as data), or null where
 * scenarios_story gives NULL. */
void
scenarios_story_json(const struct standings *s, struct buf *out)
{
	int th = s->rules.rush_threshold, left = matches_left(s), k = 0;
	buf_puts(out, ",\"match_point\":");
	if (th <= 0 || s->champion) {
		buf_puts(out, "null");
		return;
	}
	buf_printf(out, "{\"threshold\":%d,\"teams\":[", th);
	for (int i = 0; i < s->nrows; i++)
		if (s->rows[i].points >= th) {
			buf_puts(out, k++ ? "," : "");
			buf_json_str(out, s->rows[i].team);
		}
	buf_puts(out, "],\"matches_left\":");
	if (left >= 0)
		buf_printf(out, "%d,\"max_matches\":%d", left, s->rules.rush_max_matches);
	else
		buf_puts(out, "null,\"max_matches\":null");
	buf_puts(out, ",\"needs\":[");
	k = 0;
	for (int i = 0; i < s->nrows; i++)
		if (s->rows[i].points < th) {
			buf_puts(out, k++ ? ",{\"team\":" : "{\"team\":");
			buf_json_str(out, s->rows[i].team);
			buf_printf(out, ",\"points\":%d}", th - s->rows[i].points);
		}
	buf_puts(out, "]}");
}

static const char *const state_names[] = {"alive", "clinched", "eliminated"};

/* What team i needs for the title, in words (msg_free() it). */
static struct msg
title_words(const struct scenarios *sc, const int *pts, int i, enum scen_state st, int champion)
{
	const struct standings *s = &sc->s;
	long th = s->rules.rush_threshold, left = sc->b.left, lo = sc->gain_min, hi = sc->gain_max;
	if (champion == i)
		return msg_of("scen.won", -1, "m", standings_decided_msg(s));
	if (champion >= 0)
		return msg_of("scen.won_by", -1, "sd", s->champion, s->decided_in_match);
	if (st == SCEN_CLINCHED)
		return msg_of("scen.title_clinched", -1, "L", th);
	if (pts[i] >= th)
		return msg_of("scen.on_point", -1, "");
	int lead = -1; /* the team with the most points after i's */
	for (int j = 0; j < s->nrows; j++)
		if (j != i && (lead < 0 || pts[j] > pts[lead]))
			lead = j;
	if (st == SCEN_ELIMINATED) {
		int sure = -1;
		for (int j = 0; j < s->nrows; j++)
			if (j != i && pts[j] + left * lo > pts[i] + left * hi)
				sure = j;
		if (sure < 0) /* the places left give the others too much (joint_out) */
			return msg_of("scen.out_crowded", -1, "LL", th, pts[i] + left * hi);
		return msg_of("scen.out_beaten", -1, "LsLL", th, s->rows[sure].team,
		              pts[sure] + left * lo, pts[i] + left * hi);
	}
	if (left < 0 || pts[i] + (left - 1) * hi >= th)
		return msg_of("scen.reach", -1, "LL", th - pts[i], th);
	if (lead < 0 || pts[i] > pts[lead])
		return msg_of("scen.stay_ahead", -1, "L", th);
	return msg_of("scen.on_points", (int)left, "LLsL", th, (long)pts[lead] - pts[i] + 1,
	              s->rows[lead].team, left);
}

/* What team i (row order) needs to rank at most to, in words (msg_free() it). */
static struct msg
zone_words(const struct scenarios *sc, const int *pts, int i, enum scen_state st, int to)
{
	const struct standings *s = &sc->s;
	long left = sc->b.left;
	if (left == 0)
		return msg_of("scen.finished", -1, "d", s->rows[i].rank);
	if (st == SCEN_CLINCHED)
		return msg_of("scen.zone_clinched", -1, "d", to);
	if (st == SCEN_ELIMINATED)
		return msg_of("scen.zone_out", -1, "d", to);
	int in = i < to, r = in ? to : to - 1; /* the rival: first out, or last in */
	if (r >= s->nrows)
		return msg_of("scen.zone_now", -1, "d", to);
	long d = in ? pts[i] - pts[r] : pts[r] - pts[i] + 1;
	struct msg points = msg_of("scen.points", (int)d, "L", d);
	if (in)
		return msg_of("scen.ahead", -1, "ms", points, s->rows[r].team);
	if (left > 0)
		return msg_of("scen.pass_in", (int)left, "msL", points, s->rows[r].team, left);
	return msg_of("scen.pass", -1, "ms", points, s->rows[r].team);
}

/* Append m (taken over) to sc->notes. */
static void
note(struct scenarios *sc, struct msg m)
{
	sc->notes = xrealloc(sc->notes, (size_t)(sc->nnotes + 1) * sizeof *sc->notes);
	sc->notes[sc->nnotes++] = m;
}

/* Add the goal of ranking at most to (0: the title) with its states and words. */
static void
add_goal(struct scenarios *sc, const int *pts, int champion, int to, struct msg label)
{
	const struct standings *s = &sc->s;
	size_t n = (size_t)(s->nrows ? s->nrows : 1);
	enum scen_state *st = xcalloc(n, sizeof *st);
	scenarios_decide(&s->rules, &sc->b, pts, s->nrows, champion, to, st);
	sc->goals = xrealloc(sc->goals, (size_t)(sc->ngoals + 1) * sizeof *sc->goals);
	struct scen_goal *g = &sc->goals[sc->ngoals++];
	g->to = to;
	g->label = label;
	g->teams = xcalloc(n, sizeof *g->teams);
	for (int i = 0; i < s->nrows; i++) {
		struct scenario *t = &g->teams[i];
		if (to > 0 && sc->b.left == 0) /* the stage is over: its ranking stands */
			st[i] = s->rows[i].rank <= to ? SCEN_CLINCHED : SCEN_ELIMINATED;
		t->team = s->rows[i].team;
		t->slug = s->rows[i].slug;
		t->points = pts[i];
		t->state = st[i];
		t->needs = to ? zone_words(sc, pts, i, st[i], to)
		              : title_words(sc, pts, i, st[i], champion);
	}
	free(st);
}

/*
 * The scenarios of the standings *now (taken over: scenarios_free frees
 * them): the bounds of what is possible, and for the title (under Champion
 * Rush) and each zone that leaves some team out, every team's state and
 * needs. Returns 0, or -1 after db_error_set() (the database could not be
 * read); out holds the standings either way: free it with scenarios_free().
 */
int
scenarios_of(sqlite3 *db, struct standings *now, struct scenarios *out)
{
	memset(out, 0, sizeof *out);
	out->s = *now;
	memset(now, 0, sizeof *now);
	int64_t stage = out->s.stage_id;
	const struct standings *s = &out->s;
	const struct ruleset *r = &s->rules;
	int64_t teams = 0, squad = 0;
	if (db_int(db, &teams,
	           "SELECT max(c) FROM (SELECT count(*) AS c FROM result r"
	           " JOIN match m ON m.id = r.match_id WHERE m.stage_id = ?1 GROUP BY r.match_id)",
	           stage) != 0 ||
	    db_int(db, &squad,
	           "SELECT max(c) FROM (SELECT count(*) AS c FROM player_result p"
	           " JOIN match m ON m.id = p.match_id WHERE m.stage_id = ?1"
	           " GROUP BY p.match_id, p.team_id)",
	           stage) != 0)
		return -1;
	/* a team of the stage may join any lobby */
	int lobby = teams < s->nrows ? s->nrows : (int)teams;
	out->squad = (int)squad;
	if (out->squad == 0) {
		out->squad = 4;
		note(out, msg_of("scen.note.squads", -1, "d", out->squad));
	}
	out->b = (struct scen_bounds){matches_left(s), lobby, (lobby - 1) * out->squad,
	                              lobby * out->squad - 1};
	long lo, hi;
	gains(r, &out->b, &lo, &hi);
	out->gain_min = (int)lo;
	out->gain_max = (int)hi;
	note(out, msg_of("scen.note.bounds", -1, "dddddd", lobby, out->b.max_kills, lobby - 1,
	                 out->b.all_kills, out->gain_min, out->gain_max));
	if (out->b.left < 0)
		note(out, msg_of("scen.note.unbounded", -1, ""));
	note(out, msg_of("scen.note.sound", -1, ""));

	int *pts = xcalloc((size_t)(s->nrows ? s->nrows : 1), sizeof *pts), champion = -1;
	for (int i = 0; i < s->nrows; i++) {
		pts[i] = s->rows[i].points;
		if (s->champion && s->rows[i].team_id == s->champion_id)
			champion = i;
	}
	if (r->rush_threshold > 0)
		add_goal(out, pts, champion, 0, msg_of("scen.goal.title", -1, ""));
	for (int z = 0; z < r->nzones; z++)
		if (r->zones[z].to < s->nrows)
			add_goal(
			    out, pts, champion, r->zones[z].to,
			    msg_of("scen.goal.zone", -1, "ds", r->zones[z].to, r->zones[z].label));
	if (out->ngoals == 0)
		note(out, msg_of("scen.note.no_goal", -1, ""));
	free(pts);
	return 0;
}

/*
 * scenarios_of the standings of stage after match after (-1: every match;
 * 0: before the first). Returns 0 with *out filled (free it with
 * scenarios_free()), or -1 with *err set (free() it) as standings_get.
 */
int
scenarios_get(sqlite3 *db, int64_t stage, int after, struct scenarios *out, char **err)
{
	struct standings s;
	struct standings_opts o = {.after = after};
	memset(out, 0, sizeof *out);
	if (standings_get(db, stage, &o, &s, err) != 0)
		return -1;
	if (scenarios_of(db, &s, out) != 0) {
		*err = xstrdup(db_error());
		scenarios_free(out);
		return -1;
	}
	return 0;
}

/* Append sc as the JSON object `tracker scenarios --format json` and the API print. */
void
scenarios_json(const struct scenarios *sc, struct buf *out)
{
	const struct standings *s = &sc->s;
	standings_json_open(s, out);
	buf_printf(out,
	           ",\"after_match\":%d,\"matches_played\":%d,\"matches_left\":", s->after_match,
	           s->matches_played);
	if (sc->b.left >= 0)
		buf_printf(out, "%d", sc->b.left);
	else
		buf_puts(out, "null");
	buf_printf(out,
	           ",\"bounds\":{\"lobby\":%d,\"squad\":%d,\"max_kills\":%d,\"min_points\":%d,"
	           "\"max_points\":%d},\"champion\":",
	           sc->b.lobby, sc->squad, sc->b.max_kills, sc->gain_min, sc->gain_max);
	if (s->champion) {
		buf_puts(out, "{\"team\":");
		buf_json_str(out, s->champion);
		buf_printf(out, ",\"decided_in_match\":%d,\"decided_by\":\"%s\"}",
		           s->decided_in_match, s->decided_by == RUSH_BOOYAH ? "booyah" : "points");
	} else
		buf_puts(out, "null");
	scenarios_story_json(s, out);
	buf_puts(out, ",\"goals\":[");
	for (int g = 0; g < sc->ngoals; g++) {
		const struct scen_goal *goal = &sc->goals[g];
		buf_puts(out, g ? ",\n{\"goal\":" : "\n{\"goal\":");
		char *label = msg_english(&goal->label);
		buf_json_str(out, label);
		free(label);
		if (goal->to)
			buf_printf(out, ",\"top\":%d,\"teams\":[", goal->to);
		else
			buf_puts(out, ",\"top\":null,\"teams\":[");
		for (int i = 0; i < s->nrows; i++) {
			const struct scenario *t = &goal->teams[i];
			buf_puts(out, i ? ",\n{\"team\":" : "\n{\"team\":");
			buf_json_str(out, t->team);
			buf_puts(out, ",\"slug\":");
			buf_json_str(out, t->slug);
			buf_printf(out, ",\"points\":%d,\"state\":\"%s\",\"needs\":", t->points,
			           state_names[t->state]);
			char *needs = msg_english(&t->needs);
			buf_json_str(out, needs);
			free(needs);
			buf_putc(out, '}');
		}
		buf_puts(out, "]}");
	}
	buf_puts(out, "],\"notes\":");
	msg_json_array(sc->notes, sc->nnotes, out);
	buf_puts(out, "}\n");
}

/* Free what sc holds (not sc itself). */
void
scenarios_free(struct scenarios *sc)
{
	for (int g = 0; g < sc->ngoals; g++) {
		for (int i = 0; i < sc->s.nrows; i++)
			msg_free(&sc->goals[g].teams[i].needs);
		free(sc->goals[g].teams);
		msg_free(&sc->goals[g].label);
	}
	free(sc->goals);
	for (int i = 0; i < sc->nnotes; i++)
		msg_free(&sc->notes[i]);
	free(sc->notes);
	standings_free(&sc->s);
	memset(sc, 0, sizeof *sc);
}
