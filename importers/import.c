/*
 * import.c: the import driver: a reader (json.c, csv.c) fills a struct doc,
 * the checks on the document as a whole run, and store.c and stage.c write
 * it in one transaction: the stage rows, then rosters, matches, adjustments
 * and head starts, then the warnings on what was written; and what it wrote
 * is said for the summary and the log. The top of importers/: nothing
 * below it calls in here.
 */
#include <stdlib.h>

#include "db.h"
#include "doc.h"
#include "lookalike.h"
#include "store.h"
#include "util.h"

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
			           "%d is beyond the lobby: the match has %d result%s",
			           x->placement, g->nresults, g->nresults == 1 ? "" : "s");
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

/*
 * Write the validated document d into d->db in one transaction (the
 * caller's when d->opt->in_tx, which it rolls back on a refusal; a
 * savepoint of its own would copy every page the document changes): 0
 * stored, -1 refused (reported; everything rolled back).
 */
static int
store(struct doc *d)
{
	struct store s = {0};
	int bad = 0, own = !d->opt->in_tx;
	if (store_open(&s, d) != 0)
		goto out;
	if (own && db_begin(d->db) != 0) {
		store_error(&s);
		goto out;
	}
	for (int i = 0; i < d->nstages; i++)
		bad |= store_stage(&s, i) != 0;
	for (int i = 0; i < d->nstages && !bad; i++)
		bad |= stage_roster(&s, i) != 0 || stage_carry(&s, i) != 0;
	for (int m = 0; m < d->nmatches && !bad; m++)
		if (store_match(&s, m) != 0 && d->errors == 0)
			bad = 1;
	if (!bad && d->errors == 0)
		lookalike_warnings(&s);
	for (int i = 0; i < d->nstages && !bad && d->errors == 0; i++) {
		struct doc_stage *g = &d->stages[i];
		bad |= g->has_adjust && stage_adjustments(&s, i) != 0;
		bad |= g->set_rules && store_headstarts(&s, i) != 0;
		if (g->set_rules) {
			d->n.rulesets_stored++;
			g->wrote |= WROTE_RULES;
		}
		bad |= !bad && stage_rush_warnings(&s, i) != 0;
		bad |= !bad && stage_number_gaps(&s, i) != 0;
	}
	if (d->errors == 0 && !bad && own && db_commit(d->db) != 0)
		store_error(&s);
	if (d->errors == 0 && !bad)
		store_cache_keep(s.names, d);
	if ((d->errors || bad) && own)
		db_rollback(d->db);
out:
	store_close(&s);
	return d->errors || bad ? -1 : 0;
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
	if (d.errors == 0 && store(&d) == 0)
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
