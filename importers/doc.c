/*
 * doc.c: the document model every importer shares. A reader (json.c) fills
 * a struct doc from the bytes it is given, reporting what is wrong through
 * doc_report; the checks that do not depend on the format (stages named by
 * slug, a team or player twice in one match, a match number twice, two
 * Booyahs in a match, a placement beyond the lobby, a gap in placements)
 * are here; and doc_import runs a reader, then the store (store.c) when the
 * document is without errors, in one transaction.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "util.h"

#define MAX_SHOWN 25 /* errors written per document; the rest are counted */

/*
 * Append one message line to d->msgs: "NAME: WHERE: problem", WHERE said by
 * the reader (d->locate) from the match m, result r, player entry p (each
 * -1 when not part of it) and key (or NULL). warn: a warning, else an
 * error. Control characters in the text become '?', so a message is always
 * one line.
 */
void
doc_report(struct doc *d, int warn, int m, int r, int p, const char *key, const char *fmt, ...)
{
	if (warn)
		d->warnings++;
	else if (d->errors++ >= MAX_SHOWN)
		return;
	struct buf *b = d->msgs, where = {0};
	size_t start = b->len;
	if (d->locate)
		d->locate(d, m, r, p, key, &where);
	buf_puts(b, d->name);
	if (where.len && where.data[0] != ':')
		buf_puts(b, ": ");
	buf_puts(b, where.len ? where.data : "");
	buf_puts(b, warn ? ": warning: " : ": ");
	buf_free(&where);
	char small[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	buf_puts(b, small);
	for (size_t i = start; i < b->len; i++)
		if ((unsigned char)b->data[i] < 0x20)
			b->data[i] = '?';
	buf_putc(b, '\n');
}

/*
 * Where match m, result r and player entry p are, for a message that
 * points at another place ("also matches[0]", "also line 3"), into out.
 */
void
doc_where(const struct doc *d, int m, int r, int p, struct buf *out)
{
	struct buf w = {0};
	d->locate(d, m, r, p, NULL, &w);
	if (w.len && w.data[0] == ':')
		buf_printf(out, "line %s", w.data + 1);
	else
		buf_puts(out, w.len ? w.data : "");
	buf_free(&w);
}

/*
 * The index in d->stages of the stage named by tournament and stage (added
 * when new), or -1 reported. m places the names for messages.
 */
int
doc_stage(struct doc *d, int m, const char *tournament, const char *stage)
{
	char *t = name_clean(tournament), *ts = slugify(t);
	char *s = name_clean(stage), *ss = slugify(s);
	int bad = 0;
	if (*ts == '\0') {
		doc_report(d, 0, m, -1, -1, "tournament",
		           "'%s' has no letter or digit to name it by", tournament);
		bad = 1;
	}
	if (*ss == '\0') {
		doc_report(d, 0, m, -1, -1, "stage", "'%s' has no letter or digit to name it by",
		           stage);
		bad = 1;
	}
	int i = 0;
	while (!bad && i < d->nstages &&
	       (strcmp(d->stages[i].tslug, ts) != 0 || strcmp(d->stages[i].slug, ss) != 0))
		i++;
	if (bad || i < d->nstages) {
		free(t), free(ts), free(s), free(ss);
		return bad ? -1 : i;
	}
	d->stages = xrealloc(d->stages, (size_t)(d->nstages + 1) * sizeof *d->stages);
	d->stages[i] =
	    (struct doc_stage){.tournament = t, .tslug = ts, .name = s, .slug = ss, .at = m};
	d->nstages++;
	return i;
}

/*
 * The spelling index of the team or player name (team: 1) of result r (and
 * player entry p) of match m, given at key, interned into d's names; -1
 * reported when it is empty or already in the match.
 */
static int
intern(struct doc *d, int team, int m, int r, int p, const char *key, const char *name)
{
	struct names *n = team ? &d->teams : &d->players;
	int sp = names_intern(n, name);
	if (sp < 0) {
		doc_report(d, 0, m, r, p, key, "must not be empty");
		return -1;
	}
	struct names_entity *e = &n->ents[n->sps[sp].entity];
	if (e->stamp == m + 1) {
		struct buf also = {0};
		doc_where(d, m, e->where_r, e->where_p, &also);
		doc_report(d, 0, m, r, p, key, "%s '%s' is already in this match (%s)",
		           team ? "team" : "player", name, also.data);
		buf_free(&also);
		return -1;
	}
	e->stamp = m + 1, e->where_r = r, e->where_p = p;
	return sp;
}

/* The spelling index of team, of result r of match m; -1 reported (empty, or twice). */
int
doc_team(struct doc *d, int m, int r, const char *team)
{
	return intern(d, 1, m, r, -1, "team", team);
}

/*
 * The spelling index of player name, entry p of result r of match m, given
 * at key ("name", "player"); -1 reported.
 */
int
doc_player(struct doc *d, int m, int r, int p, const char *key, const char *name)
{
	return intern(d, 0, m, r, p, key, name);
}

/*
 * The spelling index of team named outside a match (an adjustment, the
 * roster) at key ("adjustments[2].team"); -1 reported when it is empty.
 */
int
doc_name(struct doc *d, const char *key, const char *team)
{
	int sp = names_intern(&d->teams, team);
	if (sp < 0)
		doc_report(d, 0, -1, -1, -1, key, "must not be empty");
	return sp;
}

/*
 * Append sep and the numbers of stage i's matches whose written is w, runs
 * of consecutive numbers as ranges ("match 14", "matches 1-3, 7"), to out.
 * Returns how many there are.
 */
static int
numbers(const struct doc *d, int i, int w, const char *sep, struct buf *out)
{
	int n = 0, first = 0, last = 0;
	struct buf list = {0};
	for (int m = 0; m <= d->nmatches; m++) {
		const struct doc_match *g = m < d->nmatches ? &d->matches[m] : NULL;
		if (g && (g->stage != i || g->written != w))
			continue;
		if (g && n > 0 && g->number == last + 1) {
			last = g->number, n++;
			continue;
		}
		if (n > 0 && first == last)
			buf_printf(&list, "%s%d", list.len ? ", " : "", first);
		else if (n > 0)
			buf_printf(&list, "%s%d-%d", list.len ? ", " : "", first, last);
		if (g)
			first = last = g->number, n++;
	}
	if (n > 0)
		buf_printf(out, "%smatch%s %s", sep, n == 1 ? "" : "es", list.data);
	buf_free(&list);
	return n;
}

/*
 * Say in st what storing d wrote: the one stage it wrote to (st->stage),
 * and into st->what the matches added and replaced and what else of each
 * stage it stored ("match 14 added, adjustments stored"), each stage named
 * when it wrote to several.
 */
static void
wrote(const struct doc *d, struct import_stats *st)
{
	static const char *const outcome[] = {NULL, "added", "replaced"};
	int nwrote = 0;
	st->stage = 0;
	for (int i = 0; i < d->nstages; i++)
		if (d->stages[i].wrote) {
			nwrote++;
			st->stage = d->stages[i].id;
		}
	if (nwrote != 1)
		st->stage = 0;
	for (int i = 0; st->what && i < d->nstages; i++) {
		const struct doc_stage *g = &d->stages[i];
		const char *sep = "";
		if (!g->wrote)
			continue;
		if (nwrote > 1)
			buf_printf(st->what, "%sstage '%s':", st->what->len ? "; " : "", g->name),
			    sep = " ";
		else if (st->what->len)
			sep = ", ";
		for (int w = 1; w <= 2; w++)
			if (numbers(d, i, w, sep, st->what) > 0) {
				buf_printf(st->what, " %s", outcome[w]);
				sep = ", ";
			}
		static const struct {
			int bit;
			const char *text;
		} also[] = {{WROTE_STAGE, "stage created"},
		            {WROTE_RULES, "ruleset stored"},
		            {WROTE_ROSTER, "roster stored"},
		            {WROTE_ADJUST, "adjustments stored"}};
		for (size_t k = 0; k < sizeof also / sizeof *also; k++)
			if (g->wrote & also[k].bit) {
				buf_printf(st->what, "%s%s", sep, also[k].text);
				sep = ", ";
			}
	}
}

/*
 * Report match m's lobby faults: two teams that played it at placement 1
 * (a Booyah belongs to one team), and a placement beyond the lobby (more
 * than the match's results). Shared placements other than 1 are warnings
 * when the match is stored (store.c).
 */
static void
check_lobby(struct doc *d, int m)
{
	const struct doc_match *g = &d->matches[m];
	int first = -1;
	for (int r = 0; r < g->nresults; r++) {
		const struct doc_result *x = &g->results[r];
		if (x->placement > g->nresults)
			doc_report(d, 0, m, r, -1, "placement",
			           "%d is beyond the lobby: the match has %d result%s", x->placement,
			           g->nresults, g->nresults == 1 ? "" : "s");
		if (x->placement != 1 || x->status != DOC_PLAYED)
			continue;
		if (first >= 0) {
			struct buf also = {0};
			doc_where(d, m, first, -1, &also);
			doc_report(d, 0, m, r, -1, "placement",
			           "a second Booyah: '%s' (%s) is placed 1st too",
			           g->results[first].team, also.data);
			buf_free(&also);
		} else
			first = r;
	}
}

/*
 * Warn about match m's gap in placements: a placement below its highest
 * that no team holds (1, 2, 4: no 3rd place), which a typo leaves. Teams
 * sharing a placement leave none ("two 11th" in a 12-team lobby).
 */
static void
check_gaps(struct doc *d, int m)
{
	const struct doc_match *g = &d->matches[m];
	int top = 0, k = 0, nmissing = 0;
	for (int r = 0; r < g->nresults; r++)
		if (g->results[r].placement > top)
			top = g->results[r].placement;
	char *held = xcalloc((size_t)top + 1, 1);
	for (int r = 0; r < g->nresults; r++)
		if (g->results[r].placement > 0)
			held[g->results[r].placement] = 1;
	for (int i = 1; i < top; i++)
		nmissing += !held[i];
	struct buf list = {0};
	for (int i = 1; i < top && nmissing; i++) {
		if (held[i])
			continue;
		k++;
		buf_printf(&list, "%s%d", k == 1 ? "" : k == nmissing ? " or " : ", ", i);
	}
	if (nmissing)
		doc_report(d, 1, m, -1, -1, NULL,
		           "match %d: no team has placement %s (a gap in placements 1 to %d)",
		           g->number, list.data, top);
	buf_free(&list);
	free(held);
}

/* Compare two matches by stage, number, then position, for qsort. */
static int
by_number(const void *a, const void *b)
{
	const struct doc_match *x = *(const struct doc_match *const *)a;
	const struct doc_match *y = *(const struct doc_match *const *)b;
	if (x->stage != y->stage)
		return x->stage < y->stage ? -1 : 1;
	if (x->number != y->number)
		return x->number < y->number ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Report every match number that appears twice in one stage of the document. */
static void
check_numbers(struct doc *d)
{
	if (d->nmatches < 2)
		return;
	struct doc_match **v = xmalloc((size_t)d->nmatches * sizeof *v);
	struct buf also = {0};
	for (int i = 0; i < d->nmatches; i++)
		v[i] = &d->matches[i];
	qsort(v, (size_t)d->nmatches, sizeof *v, by_number);
	for (int i = 1; i < d->nmatches; i++)
		if (v[i]->number > 0 && v[i]->number == v[i - 1]->number &&
		    v[i]->stage == v[i - 1]->stage) {
			buf_reset(&also);
			doc_where(d, (int)(v[i - 1] - d->matches), -1, -1, &also);
			doc_report(d, 0, (int)(v[i] - d->matches), -1, -1, "match",
			           "match number %d appears twice in this document (also %s)",
			           v[i]->number, also.data);
		}
	buf_free(&also);
	free(v);
}

/* Free what d holds (not d itself); the reader's memory goes with keep_free. */
static void
doc_free(struct doc *d)
{
	for (int m = 0; m < d->nmatches; m++) {
		for (int r = 0; r < d->matches[m].nresults; r++)
			free(d->matches[m].results[r].players);
		free(d->matches[m].results);
		free(d->matches[m].map);
	}
	free(d->matches);
	for (int i = 0; i < d->nstages; i++) {
		free(d->stages[i].tournament);
		free(d->stages[i].tslug);
		free(d->stages[i].name);
		free(d->stages[i].slug);
		free(d->stages[i].ruleset);
		if (d->stages[i].rules)
			rules_free(d->stages[i].rules);
		free(d->stages[i].rules);
		free(d->stages[i].adjust);
		free(d->stages[i].roster);
	}
	free(d->stages);
	names_free(&d->teams);
	names_free(&d->players);
	if (d->keep_free)
		d->keep_free(d->keep);
}

/*
 * Import one document: read (json.c's or csv.c's reader) fills it from the
 * len bytes of data (NUL-terminated or not), and a document without errors
 * is stored in ONE transaction on db. name labels messages ("data/x.json",
 * "-", "POST body"). opt: what the import may do beyond adding. Returns
 * 0 stored (or unchanged), -1 refused: nothing written. Every error and
 * warning is appended to msgs as one line "NAME: WHERE: problem". The
 * counts are added to *st (files always, the rest only when the document
 * is stored).
 */
int
doc_import(sqlite3 *db, const char *name, const char *data, size_t len,
           const struct import_options *opt, doc_reader *read, struct import_stats *st,
           struct buf *msgs)
{
	struct doc d = {.name = name, .msgs = msgs, .opt = opt, .db = db};
	int rc = -1;
	st->files++;
	read(&d, data, len);
	check_numbers(&d);
	for (int m = 0; m < d.nmatches && d.errors == 0; m++)
		check_lobby(&d, m);
	if (d.errors == 0 && doc_store(&d) == 0)
		rc = 0;
	for (int m = 0; m < d.nmatches && rc == 0; m++)
		if (d.matches[m].written)
			check_gaps(&d, m);
	if (d.errors > MAX_SHOWN)
		buf_printf(msgs, "%s: %d more errors not shown\n", name, d.errors - MAX_SHOWN);
	if (rc == 0) {
		st->matches_added += d.n.matches_added;
		st->matches_unchanged += d.n.matches_unchanged;
		st->matches_replaced += d.n.matches_replaced;
		st->teams_added += d.n.teams_added;
		st->players_added += d.n.players_added;
		st->stages_added += d.n.stages_added;
		st->rulesets_stored += d.n.rulesets_stored;
		st->rosters_stored += d.n.rosters_stored;
		st->adjustments_stored += d.n.adjustments_stored;
		wrote(&d, st);
	} else
		st->files_failed++;
	st->warnings += d.warnings;
	doc_free(&d);
	return rc;
}
