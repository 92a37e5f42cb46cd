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

/*
 * Append one message line to d->msgs: "NAME: WHERE: problem", WHERE said by
 * the reader (d->locate) from the match m, result r, player entry p (each
 * -1 when not part of it) and key (or NULL). warn: a warning, else an
 * error. The line is term_safe(): control and invisible characters (a file
 * name's, a name's) are written as escapes, so a message is always one line
 * and reaches a terminal as text.
 */
void
doc_report(struct doc *d, int warn, int m, int r, int p, const char *key, const char *fmt, ...)
{
	if (warn)
		d->warnings++;
	else if (d->errors++ >= MAX_SHOWN)
		return;
	struct buf line = {0};
	if (d->locate)
		d->locate(d, m, r, p, key, &line);
	int at = line.len && line.data[0] != ':';
	char small[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	char *safe = xasprintf("%s%s%s%s%s", d->name, at ? ": " : "", line.len ? line.data : "",
	                       warn ? ": warning: " : ": ", small);
	buf_free(&line);
	char *shown = term_safe(safe, 0);
	buf_puts(d->msgs, shown);
	buf_putc(d->msgs, '\n');
	free(shown);
	free(safe);
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

/* Free what d holds (not d itself); the reader's memory goes with keep_free. */
void
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
