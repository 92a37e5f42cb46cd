/*
 * store.c: the match JSON v1 importer's back half: a validated struct doc
 * written into the database in one transaction. Tournaments and stages are
 * found by slug, teams and players by name_key() or by a spelling of that
 * key (a renamed or merged team's old name; each looked up once per
 * document through the names maps), new spellings recorded as aliases.
 * A match already stored with the same content is left alone; different
 * content is refused, naming the first difference, or replaced when the
 * user asked for it. Any error rolls the whole document back.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "find.h"
#include "doc.h"
#include "store.h"
#include "teamkey.h"
#include "util.h"

static const char *const sqls[S_COUNT] = {
    [S_TOUR_GET] = "SELECT id FROM tournament WHERE slug = ?1",
    [S_TOUR_ADD] = "INSERT INTO tournament (name, slug) VALUES (?1, ?2)",
    [S_STAGE_GET] = "SELECT id, ruleset, source FROM stage WHERE tournament_id = ?1 AND slug = ?2",
    [S_STAGE_ADD] = "INSERT INTO stage (tournament_id, name, slug, ruleset, source)"
                    " VALUES (?1, ?2, ?3, ?4, ?5)",
    [S_STAGE_SET] =
        "UPDATE stage SET ruleset = coalesce(?2, ruleset), source = coalesce(?3, source)"
        " WHERE id = ?1",
    /* a team by its key or a spelling's, and whether spelling ?2 is recorded yet */
    [S_TEAM_GET] =
        "SELECT id, name, EXISTS (SELECT 1 FROM team_alias WHERE spelling = ?2) FROM team"
        " WHERE key = ?1 UNION ALL SELECT t.id, t.name, EXISTS (SELECT 1 FROM team_alias"
        " WHERE spelling = ?2) FROM team_alias a JOIN team t ON t.id = a.team_id"
        " WHERE lower(a.spelling) = ?1",
    [S_TALIAS_GET] = "SELECT 1 FROM team_alias WHERE spelling = ?1",
    [S_TALIAS_ADD] = "INSERT INTO team_alias (spelling, team_id) VALUES (?1, ?2)",
    [S_PLAYER_GET] =
        "SELECT id, name, EXISTS (SELECT 1 FROM player_alias WHERE spelling = ?2) FROM player"
        " WHERE key = ?1 UNION ALL SELECT p.id, p.name, EXISTS (SELECT 1 FROM player_alias"
        " WHERE spelling = ?2) FROM player_alias a JOIN player p ON p.id = a.player_id"
        " WHERE lower(a.spelling) = ?1",
    [S_PLAYER_ADD] = "INSERT INTO player (name, key) VALUES (?1, ?2)",
    [S_PALIAS_GET] = "SELECT 1 FROM player_alias WHERE spelling = ?1",
    [S_PALIAS_ADD] = "INSERT INTO player_alias (spelling, player_id) VALUES (?1, ?2)",
    /* the match numbered ?2, else the one below it: what is stored, and where a gap starts */
    [S_MATCH_NEAR] = "SELECT number, id, day, map, played_at, void FROM match"
                     " WHERE stage_id = ?1 AND number <= ?2 ORDER BY number DESC LIMIT 1",
    [S_MATCH_ADD] = "INSERT INTO match (stage_id, number, day, map, played_at, void)"
                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [S_MATCH_SET] = "UPDATE match SET day = ?2, map = ?3, played_at = ?4, void = ?5 WHERE id = ?1",
    [S_RESULTS_DEL] = "DELETE FROM result WHERE match_id = ?1", /* player results cascade */
    /* status as enum doc_status */
    [S_RESULTS] = "SELECT team_id, placement, kills, CASE status WHEN 'dq' THEN 1"
                  " WHEN 'forfeit' THEN 2 ELSE 0 END FROM result WHERE match_id = ?1",
    [S_PRESULTS] = "SELECT player_id, team_id, kills, damage, assists, mvp FROM player_result"
                   " WHERE match_id = ?1",
    [S_RESULT_ADD] = "INSERT INTO result (match_id, team_id, placement, kills, status)"
                     " VALUES (?1, ?2, ?3, ?4, ?5)",
    [S_PRESULT_ADD] = "INSERT INTO player_result (match_id, player_id, team_id, kills, damage,"
                      " assists, mvp) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [S_ROSTER] = "SELECT x.team_id, t.name, x.grp FROM stage_team x JOIN team t ON t.id = x.team_id"
                 " WHERE x.stage_id = ?1 ORDER BY x.team_id",
    [S_MEMBERS] = "SELECT team_id FROM stage_team WHERE stage_id = ?1 ORDER BY team_id",
    [S_ROSTER_DEL] = "DELETE FROM stage_team WHERE stage_id = ?1",
    [S_ROSTER_ADD] = "INSERT INTO stage_team (stage_id, team_id, grp) VALUES (?1, ?2, ?3)",
    [S_SEEN] = "SELECT DISTINCT r.team_id, t.name FROM result r JOIN match m ON m.id = r.match_id"
               " JOIN team t ON t.id = r.team_id WHERE m.stage_id = ?1 ORDER BY r.team_id",
    [S_ADJUST] = "SELECT a.team_id, t.name, a.points, a.after_match, a.reason FROM adjustment a"
                 " JOIN team t ON t.id = a.team_id WHERE a.stage_id = ?1 ORDER BY a.id",
    [S_ADJUST_DEL] = "DELETE FROM adjustment WHERE stage_id = ?1",
    [S_ADJUST_ADD] = "INSERT INTO adjustment (stage_id, team_id, points, after_match, reason)"
                     " VALUES (?1, ?2, ?3, ?4, ?5)",
    [S_COUNTED] = "SELECT number FROM match WHERE stage_id = ?1 AND void IS NULL ORDER BY number",
    [S_NUMBERS] = "SELECT number FROM match WHERE stage_id = ?1 ORDER BY number",
    [S_STAGES] = "SELECT name, slug FROM stage WHERE tournament_id = ?1 ORDER BY id",
    /* the teams of stage ?1's tournament: its matches' and its rosters' */
    [S_LOOK_TEAMS] =
        "SELECT t.id, t.name FROM stage g JOIN stage s ON s.tournament_id = g.tournament_id"
        " JOIN match m ON m.stage_id = s.id JOIN result r ON r.match_id = m.id"
        " JOIN team t ON t.id = r.team_id WHERE g.id = ?1"
        " UNION SELECT t.id, t.name FROM stage g JOIN stage s ON s.tournament_id = g.tournament_id"
        " JOIN stage_team x ON x.stage_id = s.id JOIN team t ON t.id = x.team_id WHERE g.id = ?1",
    [S_LOOK_PLAYERS] = "SELECT DISTINCT p.id, p.name FROM player_result x"
                       " JOIN player p ON p.id = x.player_id WHERE x.team_id = ?1",
    [S_DATA_VERSION] = "PRAGMA data_version",
};

/* A stored row of a match, for comparing it with the document's. */
struct row {
	int64_t id, team;                               /* team (or player) and team */
	int64_t placement, kills, damage, assists, mvp; /* -1: NULL */
	int64_t status;                                 /* enum doc_status; -1 for a player */
};

/* Report SQLite's last error as the document's error; returns -1. */
int
store_error(struct store *s)
{
	doc_report(s->d, 0, -1, -1, -1, NULL, "database error: %s", sqlite3_errmsg(s->d->db));
	return -1;
}

/* Step statement i, which returns no row, and reset it: 0, or -1 reported. */
int
store_run(struct store *s, enum stmt i)
{
	int rc = sqlite3_step(s->st[i]);
	if (rc != SQLITE_DONE)
		store_error(s);
	sqlite3_reset(s->st[i]);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Step statement i for one row: 1 row (the caller resets it), 0 none (reset), -1 reported. */
int
store_row(struct store *s, enum stmt i)
{
	int rc = sqlite3_step(s->st[i]);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		store_error(s);
	sqlite3_reset(s->st[i]);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Bind v to column col of st, or NULL when v < 0 (not given). */
static void
bind_opt(sqlite3_stmt *st, int col, int v)
{
	if (v < 0)
		sqlite3_bind_null(st, col);
	else
		sqlite3_bind_int(st, col, v);
}

/*
 * The row id of the team (team=1) or player that spelling sp names: looked
 * up once, created when create is set. Returns the id, -1 when it is not in
 * the database (create=0), 0 on a database error (reported).
 */
static int64_t
entity_id(struct store *s, int team, int sp, int create)
{
	struct names *n = team ? &s->d->teams : &s->d->players;
	struct names_entity *e = &n->ents[n->sps[sp].entity];
	if (e->id == 0 && s->names) { /* a name an earlier document of this connection named */
		const struct names *c = team ? &s->names->teams : &s->names->players;
		int k = names_entity(c, e->key);
		if (k >= 0) {
			e->id = c->ents[k].id;
			e->stored = xstrdup(c->ents[k].stored);
			int sc = names_spelling(c, n->sps[sp].text);
			n->sps[sp].known = sc >= 0 && c->sps[sc].known > 0;
		}
	}
	if (e->id == 0) {
		sqlite3_stmt *st = s->st[team ? S_TEAM_GET : S_PLAYER_GET];
		sqlite3_bind_text(st, 1, e->key, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, n->sps[sp].text, -1, SQLITE_STATIC);
		int rc = store_row(s, team ? S_TEAM_GET : S_PLAYER_GET);
		if (rc < 0)
			return 0;
		e->id = -1;
		if (rc > 0) { /* and whether this spelling is an alias already, in the same step */
			e->id = sqlite3_column_int64(st, 0);
			e->stored = db_text(st, 1);
			n->sps[sp].known = sqlite3_column_int(st, 2) ? 1 : -1;
			sqlite3_reset(st);
		}
	}
	if (e->id > 0 || !create)
		return e->id;
	const char *name = n->sps[sp].text;
	if (team) {
		if (teamkey_add(s->d->db, name, &e->id) != 0) {
			e->id = 0;
			store_error(s);
			return 0;
		}
		/* its first spelling, whether a result, a roster or an adjustment names it */
		sqlite3_bind_text(s->st[S_TALIAS_ADD], 1, name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s->st[S_TALIAS_ADD], 2, e->id);
		if (store_run(s, S_TALIAS_ADD) != 0)
			return 0;
		n->sps[sp].known = 1;
		s->d->n.teams_added++;
	} else {
		sqlite3_stmt *st = s->st[S_PLAYER_ADD];
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, e->key, -1, SQLITE_STATIC);
		if (store_run(s, S_PLAYER_ADD) != 0)
			return 0;
		s->d->n.players_added++;
		e->id = sqlite3_last_insert_rowid(s->d->db);
	}
	e->first = sp;
	return e->id;
}

/* The row id of the team spelling sp names (entity_id): for stage.c. */
int64_t
store_team(struct store *s, int sp, int create)
{
	return entity_id(s, 1, sp, create);
}

/*
 * The row id of the team or player spelling sp names, created if new, with
 * the spelling recorded as an alias; a new spelling of a known team is
 * warned about at match m, result r. Returns the id, or 0 reported.
 */
static int64_t
name_id(struct store *s, int team, int sp, int m, int r)
{
	int64_t id = entity_id(s, team, sp, 1);
	struct names *n = team ? &s->d->teams : &s->d->players;
	struct names_spelling *spell = &n->sps[sp];
	if (id <= 0 || spell->known > 0)
		return id;
	enum stmt get = team ? S_TALIAS_GET : S_PALIAS_GET,
	          add = team ? S_TALIAS_ADD : S_PALIAS_ADD;
	sqlite3_bind_text(s->st[get], 1, spell->text, -1, SQLITE_STATIC);
	int rc = spell->known < 0 ? 0 : store_row(s, get); /* < 0: entity_id found it is not */
	if (rc < 0)
		return 0;
	if (rc > 0)
		sqlite3_reset(s->st[get]);
	else {
		sqlite3_bind_text(s->st[add], 1, spell->text, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s->st[add], 2, id);
		if (store_run(s, add) != 0)
			return 0;
		struct names_entity *e = &n->ents[spell->entity];
		if (team && e->first != sp)
			doc_report(s->d, 1, m, r, -1, "team", "'%s' is a new spelling of team '%s'",
			           spell->text, e->stored ? e->stored : n->sps[e->first].text);
	}
	spell->known = 1;
	return id;
}

/*
 * How the ruleset given differs in meaning from the one stored for stage
 * (head starts included): NULL when not at all, else "FIELD: GIVEN, stored
 * STORED" (rules_diff). The caller frees it.
 */
static char *
rules_change(sqlite3 *db, int64_t stage, const struct ruleset *given)
{
	struct ruleset old;
	char *err = NULL, *d;
	if (rules_for_stage(db, stage, &old, &err) != 0) {
		d = xasprintf("the stored one is not valid (%s)", err);
		free(err);
	} else {
		d = rules_diff(given, &old, "stored");
		rules_free(&old);
	}
	return d;
}

/*
 * Split name into what a typo changes and what tells stages apart: core,
 * its words of two or more letters, lower-cased and joined; marks, its
 * numbers and one-letter words ("Day 2", "Group B"), joined by spaces.
 * Returns core; both are fresh strings (free() them).
 */
static char *
name_parts(const char *name, char **marks)
{
	struct buf core = {0}, mk = {0};
	const unsigned char *c = (const unsigned char *)name;
	while (*c) {
		const unsigned char *w = c;
		int digits = 1;
		while (*c && (isalnum(*c) || *c >= 0x80))
			digits &= isdigit(*c) != 0, c++;
		size_t n = (size_t)(c - w);
		struct buf *to = n == 1 || (n > 0 && digits) ? &mk : &core;
		if (to == &mk && mk.len)
			buf_putc(&mk, ' ');
		for (size_t k = 0; k < n; k++)
			buf_putc(to, (char)tolower(w[k]));
		while (*c && !isalnum(*c) && *c < 0x80)
			c++;
	}
	*marks = mk.data ? mk.data : xstrdup("");
	return core.data ? core.data : xstrdup("");
}

/*
 * 1 if stage names a and b are near enough to be one stage mistyped
 * ("Grand Finals" and "Grand Final", "Play-offs" and "Playoffs"): the same
 * numbers and one-letter words, and the rest within an edit distance of 2
 * (at most a quarter of its length). "Day 1" and "Day 2" are not.
 */
static int
near_names(const char *a, const char *b)
{
	char *ma, *mb, *ca = name_parts(a, &ma), *cb = name_parts(b, &mb);
	size_t la = strlen(ca), lb = strlen(cb);
	int d = strcmp(ma, mb) == 0 && la && lb ? find_distance(ca, cb) : 255;
	free(ca), free(cb), free(ma), free(mb);
	return d <= 2 && (size_t)d * 4 <= (la > lb ? la : lb);
}

/*
 * Refuse stage i of the document, about to be created in tournament, when
 * its name is near the name of a stage the tournament has (near_names),
 * unless the import names it as new (--new-stage). 0, or -1 reported.
 */
static int
near_stage(struct store *s, int i, int64_t tournament)
{
	struct doc *d = s->d;
	const struct doc_stage *g = &d->stages[i];
	for (int k = 0; k < d->opt->nnew_stages; k++) {
		char *slug = slugify(d->opt->new_stages[k]);
		int same = strcmp(slug, g->slug) == 0;
		free(slug);
		if (same)
			return 0;
	}
	sqlite3_stmt *st = s->st[S_STAGES];
	char *near = NULL;
	sqlite3_bind_int64(st, 1, tournament);
	while (near == NULL && sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		if (near_names(g->name, name))
			near = xstrdup(name);
	}
	sqlite3_reset(st);
	if (near == NULL)
		return 0;
	doc_report(d, 0, g->at, -1, -1, "stage",
	           "'%s' is not a stage of '%s', which has a stage '%s' (a typo? import with "
	           "--new-stage '%s' to create it)",
	           g->name, g->tournament, near, g->name);
	free(near);
	return -1;
}

/*
 * Store stage i's head starts (its ruleset's, by team, replacing what the
 * stage had), warning about each team no import had named, which is
 * created. 0, or -1 reported.
 */
int
store_headstarts(struct store *s, int i)
{
	struct doc *d = s->d;
	const struct ruleset *r = d->stages[i].rules;
	char *made = xcalloc((size_t)(r->nheadstart ? r->nheadstart : 1), 1);
	int n = rules_store_headstarts(d->db, d->stages[i].id, r, made);
	if (n < 0)
		store_error(s);
	for (int h = 0; n > 0 && h < r->nheadstart; h++)
		if (made[h])
			doc_report(d, 1, -1, -1, -1, "ruleset.headstart",
			           "'%s' is not a known team: added as a new team",
			           r->headstart[h].team);
	d->n.teams_added += n > 0 ? n : 0;
	free(made);
	return n < 0 ? -1 : 0;
}

/*
 * Find or create stage i of the document (and its tournament); a new stage
 * whose name is near an existing one's is refused (stage_near). A ruleset
 * the document gives is stored when the stage has none; one that differs
 * from the stored one is an error unless replace. 0, or -1 reported.
 */
int
store_stage(struct store *s, int i)
{
	struct doc *d = s->d;
	struct doc_stage *g = &d->stages[i];
	int64_t tid;
	sqlite3_bind_text(s->st[S_TOUR_GET], 1, g->tslug, -1, SQLITE_STATIC);
	int rc = store_row(s, S_TOUR_GET);
	if (rc < 0)
		return -1;
	if (rc > 0) {
		tid = sqlite3_column_int64(s->st[S_TOUR_GET], 0);
		sqlite3_reset(s->st[S_TOUR_GET]);
	} else {
		sqlite3_bind_text(s->st[S_TOUR_ADD], 1, g->tournament, -1, SQLITE_STATIC);
		sqlite3_bind_text(s->st[S_TOUR_ADD], 2, g->tslug, -1, SQLITE_STATIC);
		if (store_run(s, S_TOUR_ADD) != 0)
			return -1;
		tid = sqlite3_last_insert_rowid(d->db);
	}
	const char *rules = g->ruleset;
	sqlite3_stmt *st = s->st[S_STAGE_GET];
	sqlite3_bind_int64(st, 1, tid);
	sqlite3_bind_text(st, 2, g->slug, -1, SQLITE_STATIC);
	if ((rc = store_row(s, S_STAGE_GET)) > 0) {
		g->id = sqlite3_column_int64(st, 0);
		g->existed = 1;
		const char *old = (const char *)sqlite3_column_text(st, 1);
		g->ruled = old != NULL || rules != NULL;
		const char *src = (const char *)sqlite3_column_text(st, 2);
		char *change = rules && old ? rules_change(d->db, g->id, g->rules) : NULL;
		int set_rules = rules && (old == NULL || (change && d->opt->replace));
		g->set_rules = set_rules;
		int set_source =
		    g->source && (src == NULL || (strcmp(src, g->source) && d->opt->replace));
		if (change && !set_rules) {
			doc_report(d, 0, -1, -1, -1, NULL,
			           "ruleset.%s (the ruleset stored for stage '%s' of '%s' "
			           "differs; --replace stores this one)",
			           change, g->name, g->tournament);
			rc = -1;
		}
		free(change);
		sqlite3_reset(st);
		if (rc > 0 && (set_rules || set_source)) {
			st = s->st[S_STAGE_SET];
			sqlite3_bind_int64(st, 1, g->id);
			sqlite3_bind_text(st, 2, set_rules ? rules : NULL, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3, set_source ? g->source : NULL, -1, SQLITE_STATIC);
			rc = store_run(s, S_STAGE_SET) == 0 ? 1 : -1;
		}
	} else if (rc == 0 && near_stage(s, i, tid) != 0) {
		rc = -1;
	} else if (rc == 0) {
		st = s->st[S_STAGE_ADD];
		sqlite3_bind_int64(st, 1, tid);
		sqlite3_bind_text(st, 2, g->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, g->slug, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, rules, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, g->source, -1, SQLITE_STATIC);
		if (store_run(s, S_STAGE_ADD) == 0) {
			g->id = sqlite3_last_insert_rowid(d->db);
			g->set_rules = rules != NULL;
			g->ruled = rules != NULL;
			g->wrote |= WROTE_STAGE;
			d->n.stages_added++;
			rc = 1;
		} else
			rc = -1;
	}
	return rc < 0 ? -1 : 0;
}

/* The rows statement i returns for match id, into a fresh array (free() it); *n entries.
 * A read that fails is reported (store_error), which refuses the document. */
static struct row *
stored_rows(struct store *s, enum stmt i, int64_t id, int *n)
{
	sqlite3_stmt *st = s->st[i];
	struct row *v = NULL;
	int cap = 0, ncol = sqlite3_column_count(st), rc;
	*n = 0;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap)
			v = xrealloc(v, (size_t)(cap = cap ? 2 * cap : 64) * sizeof *v);
		int64_t c[6];
		for (int k = 0; k < 6; k++)
			c[k] = k < ncol && sqlite3_column_type(st, k) != SQLITE_NULL
			           ? sqlite3_column_int64(st, k)
			           : -1;
		v[(*n)++] = ncol == 4 ? (struct row){c[0], -1, c[1], c[2], -1, -1, -1, c[3]}
		                      : (struct row){c[0], c[1], -1, c[2], c[3], c[4], c[5], -1};
	}
	if (rc != SQLITE_DONE)
		store_error(s);
	sqlite3_reset(st);
	return v;
}

/* The entry of v (n entries) with this id, or NULL. */
static struct row *
find_row(struct row *v, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (v[i].id == id)
			return &v[i];
	return NULL;
}

/* The status names, as stored (enum doc_status). */
static const char *const status_name[] = {"played", "dq", "forfeit"};

/* 1 if a and b (either may be NULL) hold the same text or are both NULL. */
static int
same_text(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* n as text in out, or "not given" when it is below 0. */
static const char *
given(int64_t n, char *out, size_t size)
{
	if (n < 0)
		return "not given";
	snprintf(out, size, "%lld", (long long)n);
	return out;
}

/*
 * Where result r (and its player entry p, or -1) of match m is, as a
 * message about the match says it: "results[2].players[1]" (in the match
 * object), "line 106" (a CSV's row). Returns out's text.
 */
static const char *
entry(const struct store *s, int m, int r, int p, struct buf *out)
{
	buf_reset(out);
	if (s->d->kind == DOC_ROWS)
		doc_where(s->d, m, r, p, out);
	else if (p < 0)
		buf_printf(out, "results[%d]", r);
	else
		buf_printf(out, "results[%d].players[%d]", r, p);
	return out->data;
}

/*
 * Compare match m of the document with stored match id (whose day, map,
 * played_at and void are given; day -1: NULL) and write the first
 * difference into why. Returns 1 differs, 0 same, -1 database error
 * (reported).
 */
static int
differs(struct store *s, int m, int64_t id, int day, const char *map, const char *played_at,
        const char *voided, struct buf *why)
{
	const struct doc_match *g = &s->d->matches[m];
	char a[24], b[24];
	int nres, npl, total = 0;
	if (!same_text(g->map, map)) {
		buf_printf(why, "map %s, stored %s", g->map ? g->map : "unknown",
		           map ? map : "unknown");
		return 1;
	}
	if (g->day != day) {
		buf_printf(why, "day %s, stored %s", given(g->day, a, sizeof a),
		           given(day, b, sizeof b));
		return 1;
	}
	if (!same_text(g->voided, voided)) {
		buf_printf(why, "void %s, stored %s", g->voided ? g->voided : "not given",
		           voided ? voided : "not given");
		return 1;
	}
	if ((g->played_at == NULL) != (played_at == NULL) ||
	    (played_at && strcmp(g->played_at, played_at) != 0)) {
		buf_printf(why, "played_at %s, stored %s",
		           g->played_at ? g->played_at : "not given",
		           played_at ? played_at : "not given");
		return 1;
	}
	struct row *res = stored_rows(s, S_RESULTS, id, &nres);
	struct row *pl = stored_rows(s, S_PRESULTS, id, &npl);
	struct buf at = {0};
	int rc = 0;
	if (g->nresults != nres) {
		buf_printf(why, "%d results, stored %d", g->nresults, nres);
		rc = 1;
	}
	for (int r = 0; r < g->nresults && rc == 0; r++) {
		const struct doc_result *x = &g->results[r];
		int64_t tid = entity_id(s, 1, x->spell, 0);
		struct row *y = tid > 0 ? find_row(res, nres, tid) : NULL;
		total += x->nplayers;
		if (tid == 0)
			rc = -1;
		else if (y == NULL)
			buf_printf(why, "%s (%s) is not in the stored match",
			           entry(s, m, r, -1, &at), x->team);
		else if ((int64_t)x->status != y->status)
			buf_printf(why, "%s (%s) status %s, stored %s", entry(s, m, r, -1, &at),
			           x->team, status_name[x->status], status_name[y->status]);
		else if (x->placement != y->placement)
			buf_printf(why, "%s (%s) placement %s, stored %s", entry(s, m, r, -1, &at),
			           x->team, given(x->placement, a, sizeof a),
			           given(y->placement, b, sizeof b));
		else if (x->kills != y->kills)
			buf_printf(why, "%s (%s) kills %s, stored %s", entry(s, m, r, -1, &at),
			           x->team, given(x->kills, a, sizeof a),
			           given(y->kills, b, sizeof b));
		for (int p = 0; p < x->nplayers && rc == 0 && why->len == 0; p++) {
			const struct doc_player *q = &x->players[p];
			int64_t pid = entity_id(s, 0, q->spell, 0);
			struct row *z = pid > 0 ? find_row(pl, npl, pid) : NULL;
			const char *pname = s->d->players.sps[q->spell].text;
			if (pid == 0)
				rc = -1;
			else if (z == NULL || z->team != tid)
				buf_printf(why, "%s (%s) is not in the stored match for %s",
				           entry(s, m, r, p, &at), pname, x->team);
			else if (q->kills != z->kills || q->damage != z->damage ||
			         q->assists != z->assists || q->mvp != z->mvp)
				buf_printf(
				    why,
				    "%s (%s) kills/damage/assists/mvp "
				    "%d/%d/%d/%d, stored %lld/%lld/%lld/%lld (-1: not given)",
				    entry(s, m, r, p, &at), pname, q->kills, q->damage, q->assists,
				    q->mvp, (long long)z->kills, (long long)z->damage,
				    (long long)z->assists, (long long)z->mvp);
		}
		if (why->len)
			rc = 1;
	}
	if (rc == 0 && total != npl) {
		buf_printf(why, "%d player results, stored %d", total, npl);
		rc = 1;
	}
	free(res);
	free(pl);
	buf_free(&at);
	return rc;
}

/*
 * Warn about match m's placements shared by teams that played it (two at
 * placement 1 are an error, doc.c) and players' kills that do not add up
 * to their team's.
 */
static void
match_warnings(struct store *s, int m)
{
	const struct doc_match *g = &s->d->matches[m];
	struct buf teams = {0};
	for (int r = 0; r < g->nresults; r++) {
		const struct doc_result *x = &g->results[r];
		int first = x->status == DOC_PLAYED, shared = 0;
		for (int k = 0; k < r && first; k++)
			first = g->results[k].status != DOC_PLAYED ||
			        g->results[k].placement != x->placement;
		buf_reset(&teams);
		for (int k = r + 1; k < g->nresults && first; k++)
			if (g->results[k].status == DOC_PLAYED &&
			    g->results[k].placement == x->placement) {
				if (!shared) /* written once a placement is found shared */
					buf_printf(&teams, "'%s'", x->team);
				buf_printf(&teams, " and '%s'", g->results[k].team);
				shared = 1;
			}
		if (shared)
			doc_report(s->d, 1, m, -1, -1, NULL,
			           "match %d: placement %d is shared by %s", g->number,
			           x->placement, teams.data);
	}
	buf_free(&teams);
	for (int r = 0; r < g->nresults; r++) {
		const struct doc_result *x = &g->results[r];
		long sum = 0;
		for (int p = 0; p < x->nplayers; p++)
			sum += x->players[p].kills;
		if (x->nplayers > 0 && x->kills >= 0 && sum != x->kills)
			doc_report(s->d, 1, m, r, -1, NULL,
			           "match %d: %s's players' kills add up to %ld, the team's kills "
			           "are %d",
			           g->number, x->team, sum, x->kills);
	}
}

/*
 * Write match m of the document with its results: as a new match when id is
 * 0, else over stored match id (whose results go, its row id stays).
 * 0, or -1 reported.
 */
static int
write_match(struct store *s, int m, int64_t id)
{
	const struct doc_match *g = &s->d->matches[m];
	sqlite3_stmt *st;
	if (id) {
		st = s->st[S_MATCH_SET];
		sqlite3_bind_int64(st, 1, id);
		bind_opt(st, 2, g->day);
		sqlite3_bind_text(st, 3, g->map, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, g->played_at, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, g->voided, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s->st[S_RESULTS_DEL], 1, id);
		if (store_run(s, S_MATCH_SET) != 0 || store_run(s, S_RESULTS_DEL) != 0)
			return -1;
	} else {
		st = s->st[S_MATCH_ADD];
		sqlite3_bind_int64(st, 1, s->d->stages[g->stage].id);
		sqlite3_bind_int(st, 2, g->number);
		bind_opt(st, 3, g->day);
		sqlite3_bind_text(st, 4, g->map, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, g->played_at, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, g->voided, -1, SQLITE_STATIC);
		if (store_run(s, S_MATCH_ADD) != 0)
			return -1;
		id = sqlite3_last_insert_rowid(s->d->db);
	}
	for (int r = 0; r < g->nresults; r++) {
		const struct doc_result *x = &g->results[r];
		int64_t tid = name_id(s, 1, x->spell, m, r);
		if (tid == 0)
			return -1;
		st = s->st[S_RESULT_ADD];
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, tid);
		bind_opt(st, 3, x->placement);
		bind_opt(st, 4, x->kills);
		sqlite3_bind_text(st, 5, status_name[x->status], -1, SQLITE_STATIC);
		if (store_run(s, S_RESULT_ADD) != 0)
			return -1;
		for (int p = 0; p < x->nplayers; p++) {
			const struct doc_player *q = &x->players[p];
			int64_t pid = name_id(s, 0, q->spell, m, r);
			if (pid == 0)
				return -1;
			st = s->st[S_PRESULT_ADD];
			sqlite3_bind_int64(st, 1, id);
			sqlite3_bind_int64(st, 2, pid);
			sqlite3_bind_int64(st, 3, tid);
			sqlite3_bind_int(st, 4, q->kills);
			bind_opt(st, 5, q->damage);
			bind_opt(st, 6, q->assists);
			bind_opt(st, 7, q->mvp);
			if (store_run(s, S_PRESULT_ADD) != 0)
				return -1;
		}
	}
	match_warnings(s, m);
	return 0;
}

/*
 * Store match m: unchanged when the stored match has the same content,
 * refused (or with replace, overwritten in place) when it differs, else
 * added.
 * 0, or -1 reported.
 */
int
store_match(struct store *s, int m)
{
	struct doc *d = s->d;
	const struct doc_match *g = &d->matches[m];
	int64_t old = 0;
	d->matches[m].below = 0; /* a new stage has no match below it */
	if (d->stages[g->stage].existed) {
		sqlite3_stmt *st = s->st[S_MATCH_NEAR];
		sqlite3_bind_int64(st, 1, d->stages[g->stage].id);
		sqlite3_bind_int(st, 2, g->number);
		int rc = store_row(s, S_MATCH_NEAR);
		if (rc < 0)
			return -1;
		if (rc > 0 && sqlite3_column_int(st, 0) != g->number) {
			d->matches[m].below = sqlite3_column_int(st, 0);
			sqlite3_reset(st);
			rc = 0;
		}
		if (rc > 0) {
			struct buf why = {0};
			old = sqlite3_column_int64(st, 1);
			int day = sqlite3_column_type(st, 2) == SQLITE_NULL
			              ? -1
			              : sqlite3_column_int(st, 2);
			char *map = db_text(st, 3), *at = db_text(st, 4), *voided = db_text(st, 5);
			sqlite3_reset(st);
			rc = differs(s, m, old, day, map, at, voided, &why);
			free(map);
			free(at);
			free(voided);
			if (rc > 0 && !d->opt->replace)
				doc_report(d, 0, m, -1, -1, NULL,
				           "match %d differs from the stored one: %s (--replace "
				           "stores the new content)",
				           g->number, why.data);
			buf_free(&why);
			if (rc < 0 || (rc > 0 && !d->opt->replace))
				return -1;
			if (rc == 0) {
				d->n.matches_unchanged++;
				return 0;
			}
			/* replaced: the match below it, for the gap warning (stage_number_gaps) */
			sqlite3_bind_int(st, 2, g->number - 1);
			if ((rc = store_row(s, S_MATCH_NEAR)) < 0)
				return -1;
			if (rc > 0) {
				d->matches[m].below = sqlite3_column_int(st, 0);
				sqlite3_reset(st);
			}
		}
	}
	if (write_match(s, m, old) != 0)
		return -1;
	d->matches[m].written = old ? 2 : 1;
	d->stages[g->stage].wrote |= WROTE_MATCH;
	if (old)
		d->n.matches_replaced++;
	else
		d->n.matches_added++;
	return 0;
}

/*
 * Prepare s's statements for document d: on d's cache (import_options) when
 * it has one for d's connection, only those it lacks; the cache's names and
 * roster serve d while nothing else has written since they were read: no
 * other connection (in d's transaction, PRAGMA data_version tells) and
 * nothing else on this one (its total changes, as store_cache_commit left
 * them); else they are dropped. 0, or -1 reported.
 */
int
store_open(struct store *s, struct doc *d)
{
	struct store_cache *c = d->opt->cache;
	s->d = d;
	s->st = s->own;
	s->names = NULL;
	if (c && (c->db == NULL || c->db == d->db)) {
		c->db = d->db;
		s->st = c->st;
	}
	for (int i = 0; i < S_COUNT; i++)
		if (s->st[i] == NULL && (s->st[i] = db_prepare(d->db, sqls[i])) == NULL) {
			doc_report(d, 0, -1, -1, -1, NULL, "%s", db_error());
			return -1;
		}
	if (c == NULL || s->st != c->st)
		return 0;
	if (store_row(s, S_DATA_VERSION) <= 0)
		return store_error(s);
	int64_t version = sqlite3_column_int64(s->st[S_DATA_VERSION], 0);
	sqlite3_reset(s->st[S_DATA_VERSION]);
	if (version != c->version || sqlite3_total_changes64(d->db) != c->changes) {
		names_free(&c->teams);
		names_free(&c->players);
		store_cache_roster(c, 0);
		c->version = version;
	}
	store_cache_abort(c);
	s->names = c;
	return 0;
}

/*
 * Add what n knows of its entities with rows (and of their spellings) to c,
 * but what known (or NULL) knows already.
 */
static void
keep_names(struct names *c, const struct names *n, const struct names *known)
{
	for (int i = 0; i < n->nsps; i++) {
		const struct names_spelling *sp = &n->sps[i];
		const struct names_entity *e = &n->ents[sp->entity];
		if (e->id <= 0)
			continue;
		int was = known ? names_spelling(known, sp->text) : -1;
		if (was >= 0 && (known->sps[was].known > 0 || sp->known <= 0))
			continue;
		int k = names_intern(c, sp->text);
		struct names_entity *x = &c->ents[c->sps[k].entity];
		if (x->id == 0) {
			x->id = e->id;
			x->stored = xstrdup(e->stored ? e->stored : n->sps[e->first].text);
		}
		if (sp->known > 0)
			c->sps[k].known = 1;
	}
}

/*
 * Keep the names of document d, just stored on c's connection, until the
 * transaction that holds it commits (store_cache_commit) or rolls back
 * (store_cache_abort). c may be NULL.
 */
void
store_cache_keep(struct store_cache *c, const struct doc *d)
{
	if (c == NULL || c->db != d->db)
		return;
	keep_names(&c->pteams, &d->teams, &c->teams);
	keep_names(&c->pplayers, &d->players, &c->players);
}

/* The kept document's transaction committed: its names join c's. c may be NULL. */
void
store_cache_commit(struct store_cache *c)
{
	if (c == NULL)
		return;
	keep_names(&c->teams, &c->pteams, NULL);
	keep_names(&c->players, &c->pplayers, NULL);
	store_cache_abort(c);
	c->changes = sqlite3_total_changes64(c->db);
}

/* Forget the roster c holds unless it is stage's (0: whichever). */
void
store_cache_roster(struct store_cache *c, int64_t stage)
{
	if (c == NULL || (stage && c->roster_stage != stage))
		return;
	free(c->roster);
	c->roster = NULL;
	c->nroster = 0;
	c->roster_stage = 0;
}

/* The kept document's transaction rolled back: its names go. c may be NULL. */
void
store_cache_abort(struct store_cache *c)
{
	if (c == NULL)
		return;
	names_free(&c->pteams);
	names_free(&c->pplayers);
}

/* Finalize s's own statements, or leave a cache's reset and unbound. */
void
store_close(struct store *s)
{
	for (int i = 0; i < S_COUNT; i++)
		if (s->st == s->own)
			sqlite3_finalize(s->own[i]);
		else if (s->st[i]) {
			sqlite3_reset(s->st[i]);
			sqlite3_clear_bindings(s->st[i]);
		}
}

/* Finalize c's statements (the log's too), free its names and leave it empty. */
void
store_cache_free(struct store_cache *c)
{
	for (int i = 0; i < S_COUNT; i++)
		sqlite3_finalize(c->st[i]);
	sqlite3_finalize(c->log);
	db_tx_free(&c->tx);
	names_free(&c->teams);
	names_free(&c->players);
	store_cache_abort(c);
	store_cache_roster(c, 0);
	memset(c, 0, sizeof *c);
}
