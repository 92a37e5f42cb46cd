/*
 * export.c: a stage as the files it could have come from. export_json
 * writes a match JSON v1 stage file with everything the tracker stores for
 * the stage (ruleset with head starts by team name, roster and groups,
 * adjustments, voided matches, dq and forfeit results, unknown maps,
 * players), so that importing it into an empty database gives the same
 * standings. export_csv writes the match CSV of
 * ../shared/formats/match-csv.md, which has columns for results only, and
 * says what it had to leave out. export_wikitext writes the standings and
 * the matches as Liquipedia's FfaStandings and Match templates
 * (docs/broadcast.md names the modules they follow).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "export.h"
#include "report.h"
#include "rules.h"
#include "standings.h"
#include "util.h"

/* The statement for sql with stage bound to ?1, or NULL with *err set. */
static sqlite3_stmt *
query(sqlite3 *db, int64_t id, const char *sql, char **err)
{
	sqlite3_stmt *st = db_prepare(db, sql);
	if (st == NULL) {
		*err = xstrdup(db_error());
		return NULL;
	}
	sqlite3_bind_int64(st, 1, id);
	return st;
}

/* Finalize st after its last step returned rc: 0 when every row was read,
 * else -1 with *err set. */
static int
done(sqlite3 *db, sqlite3_stmt *st, int rc, char **err)
{
	if (db_end(db, st, rc) == 0)
		return 0;
	*err = xstrdup(db_error());
	return -1;
}

/* Column col as a JSON value: a string, an integer or null. */
static void
json_col(struct buf *out, sqlite3_stmt *st, int col)
{
	switch (sqlite3_column_type(st, col)) {
	case SQLITE_NULL:
		buf_puts(out, "null");
		break;
	case SQLITE_INTEGER:
		buf_printf(out, "%lld", (long long)sqlite3_column_int64(st, col));
		break;
	default:
		buf_json_str(out, (const char *)sqlite3_column_text(st, col));
	}
}

static const char sql_stage[] =
    "SELECT t.name, s.name, s.source, s.ruleset IS NOT NULL FROM stage s "
    "JOIN tournament t ON t.id = s.tournament_id WHERE s.id = ?1";
static const char sql_roster[] = "SELECT t.name, st.grp FROM stage_team st JOIN team t ON t.id = "
                                 "st.team_id WHERE st.stage_id = ?1 ORDER BY st.grp, t.name";
static const char sql_adj[] = "SELECT t.name, a.points, a.after_match, a.reason FROM adjustment a "
                              "JOIN team t ON t.id = a.team_id WHERE a.stage_id = ?1 ORDER BY a.id";
static const char sql_matches[] = "SELECT id, number, day, map, played_at, void FROM match "
                                  "WHERE stage_id = ?1 ORDER BY number";
static const char sql_results[] =
    "SELECT t.name, r.placement, r.kills, r.status, r.team_id FROM result r JOIN team t ON t.id = "
    "r.team_id WHERE r.match_id = ?1 ORDER BY r.placement IS NULL, r.placement, t.name";
static const char sql_players[] =
    "SELECT p.name, pr.kills, pr.damage, pr.assists, pr.mvp FROM player_result pr JOIN player p "
    "ON p.id = pr.player_id WHERE pr.match_id = ?1 AND pr.team_id = ?2 ORDER BY p.name";

/* The roster: "teams" for teams without a group, "groups" for the rest. */
static int
json_roster(sqlite3 *db, int64_t stage, struct buf *out, char **err)
{
	sqlite3_stmt *st = query(db, stage, sql_roster, err);
	if (st == NULL)
		return -1;
	struct buf teams = {0}, groups = {0};
	const char *last = NULL;
	char *lastbuf = NULL;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *grp = (const char *)sqlite3_column_text(st, 1);
		if (grp == NULL) {
			buf_puts(&teams, teams.len ? "," : "");
			buf_json_str(&teams, (const char *)sqlite3_column_text(st, 0));
			continue;
		}
		if (last == NULL || strcmp(last, grp) != 0) {
			buf_puts(&groups, groups.len ? "]," : "");
			buf_json_str(&groups, grp);
			buf_puts(&groups, ":[");
			free(lastbuf);
			last = lastbuf = xstrdup(grp);
		} else
			buf_putc(&groups, ',');
		buf_json_str(&groups, (const char *)sqlite3_column_text(st, 0));
	}
	free(lastbuf);
	if (done(db, st, rc, err) != 0) {
		buf_free(&teams);
		buf_free(&groups);
		return -1;
	}
	if (teams.len)
		buf_printf(out, ",\n \"teams\": [%s]", teams.data);
	if (groups.len)
		buf_printf(out, ",\n \"groups\": {%s]}", groups.data);
	buf_free(&teams);
	buf_free(&groups);
	return 0;
}

static int
json_adjustments(sqlite3 *db, int64_t stage, struct buf *out, char **err)
{
	sqlite3_stmt *st = query(db, stage, sql_adj, err);
	if (st == NULL)
		return -1;
	int n = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		buf_puts(out, n++ ? ",\n  {\"team\": " : ",\n \"adjustments\": [\n  {\"team\": ");
		json_col(out, st, 0);
		buf_printf(out, ", \"points\": %d, \"after_match\": %d, \"reason\": ",
		           sqlite3_column_int(st, 1), sqlite3_column_int(st, 2));
		json_col(out, st, 3);
		buf_putc(out, '}');
	}
	if (n)
		buf_puts(out, "\n ]");
	return done(db, st, rc, err);
}

/* The players of team in match, as a "players" key, when it has any. */
static int
json_players(sqlite3 *db, int64_t match, int64_t team, struct buf *out, char **err)
{
	sqlite3_stmt *st = query(db, match, sql_players, err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 2, team);
	static const char *const keys[] = {"damage", "assists", "mvp"};
	int n = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		buf_puts(out, n++ ? ", {\"name\": " : ", \"players\": [{\"name\": ");
		json_col(out, st, 0);
		buf_printf(out, ", \"kills\": %d", sqlite3_column_int(st, 1));
		for (int k = 0; k < 3; k++)
			if (sqlite3_column_type(st, 2 + k) != SQLITE_NULL)
				buf_printf(out, ", \"%s\": %lld", keys[k],
				           (long long)sqlite3_column_int64(st, 2 + k));
		buf_putc(out, '}');
	}
	if (n)
		buf_putc(out, ']');
	return done(db, st, rc, err);
}

static int
json_results(sqlite3 *db, int64_t match, struct buf *out, char **err)
{
	sqlite3_stmt *st = query(db, match, sql_results, err);
	if (st == NULL)
		return -1;
	int n = 0, rc = 0, step;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		buf_puts(out, n++ ? ",\n   {\"team\": " : "\n   {\"team\": ");
		json_col(out, st, 0);
		if (sqlite3_column_type(st, 1) != SQLITE_NULL)
			buf_printf(out, ", \"placement\": %d", sqlite3_column_int(st, 1));
		if (sqlite3_column_type(st, 2) != SQLITE_NULL)
			buf_printf(out, ", \"kills\": %d", sqlite3_column_int(st, 2));
		const char *status = (const char *)sqlite3_column_text(st, 3);
		if (strcmp(status, "played") != 0)
			buf_printf(out, ", \"status\": \"%s\"", status);
		rc = json_players(db, match, sqlite3_column_int64(st, 4), out, err);
		buf_putc(out, '}');
	}
	if (rc != 0) {
		sqlite3_finalize(st);
		return rc;
	}
	return done(db, st, step, err);
}

static int
json_matches(sqlite3 *db, int64_t stage, struct buf *out, char **err)
{
	sqlite3_stmt *st = query(db, stage, sql_matches, err);
	if (st == NULL)
		return -1;
	int n = 0, rc = 0, step;
	buf_puts(out, ",\n \"matches\": [");
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		buf_printf(out, "%s\n  {\"match\": %d", n++ ? "," : "", sqlite3_column_int(st, 1));
		static const char *const keys[] = {"day", "map", "played_at", "void"};
		for (int k = 0; k < 4; k++)
			if (k == 1 || sqlite3_column_type(st, 2 + k) != SQLITE_NULL) {
				buf_printf(out, ", \"%s\": ", keys[k]);
				json_col(out, st, 2 + k);
			}
		buf_puts(out, ", \"results\": [");
		rc = json_results(db, sqlite3_column_int64(st, 0), out, err);
		buf_puts(out, "]}");
	}
	buf_puts(out, "\n ]");
	if (rc != 0) {
		sqlite3_finalize(st);
		return rc;
	}
	return done(db, st, step, err);
}

/*
 * Append stage as one match JSON v1 stage file: tournament, stage, source,
 * the ruleset when one is stored (head starts by the teams' names as they
 * are now), the roster and groups when declared, the adjustments, every
 * match (voided ones with their reason, an unknown map as null) with its
 * results and players. Returns 0, or -1 with *err set.
 */
int
export_json(sqlite3 *db, int64_t stage, struct buf *out, char **err)
{
	sqlite3_stmt *st = query(db, stage, sql_stage, err);
	if (st == NULL)
		return -1;
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		if (done(db, st, rc, err) == 0)
			*err = xasprintf("no stage with id %lld", (long long)stage);
		return -1;
	}
	buf_puts(out, "{\n \"tournament\": ");
	json_col(out, st, 0);
	buf_puts(out, ",\n \"stage\": ");
	json_col(out, st, 1);
	if (sqlite3_column_type(st, 2) != SQLITE_NULL) {
		buf_puts(out, ",\n \"source\": ");
		json_col(out, st, 2);
	}
	int has_rules = sqlite3_column_int(st, 3);
	sqlite3_finalize(st);
	if (has_rules) {
		struct ruleset r;
		if (rules_for_stage(db, stage, &r, err) != 0)
			return -1;
		buf_puts(out, ",\n \"ruleset\": ");
		rules_json(&r, out);
		rules_free(&r);
	}
	if (json_roster(db, stage, out, err) != 0 || json_adjustments(db, stage, out, err) != 0 ||
	    json_matches(db, stage, out, err) != 0)
		return -1;
	buf_puts(out, "\n}\n");
	return 0;
}

/* The number sql (stage bound to ?1) counts, or -1 when it cannot be read. */
static int
count(sqlite3 *db, int64_t stage, const char *sql)
{
	int64_t v = 0;
	return db_int(db, &v, sql, stage) == 0 ? (int)v : -1;
}

/* Append one cell of column col of st: text, an integer, or empty. */
static void
csv_col(struct report *t, sqlite3_stmt *st, int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		report_null(t);
	else if (sqlite3_column_type(st, col) == SQLITE_INTEGER)
		report_int(t, sqlite3_column_int64(st, col));
	else
		report_str(t, (const char *)sqlite3_column_text(st, col));
}

/*
 * Append stage as match CSV: one row per team per match, or per player
 * when the stage has player numbers (a team without players then has one
 * row with the player columns empty). Voided matches, the ruleset, the
 * roster and the adjustments have no columns: *left is set to a sentence
 * naming what was left out, or NULL when nothing was. Returns 0, or -1
 * with *err set.
 */
int
export_csv(sqlite3 *db, int64_t stage, struct buf *out, char **left, char **err)
{
	*left = NULL;
	int players = count(db, stage,
	                    "SELECT count(*) FROM player_result pr JOIN match m ON m.id = "
	                    "pr.match_id WHERE m.stage_id = ?1");
	int voids = count(db, stage,
	                  "SELECT count(*) FROM match WHERE stage_id = ?1 AND void "
	                  "IS NOT NULL"),
	    adj = count(db, stage, "SELECT count(*) FROM adjustment WHERE stage_id = ?1"),
	    roster = count(db, stage, "SELECT count(*) FROM stage_team WHERE stage_id = ?1"),
	    rules = count(db, stage, "SELECT ruleset IS NOT NULL FROM stage WHERE id = ?1");
	if (players < 0 || voids < 0 || adj < 0 || roster < 0 || rules < 0) {
		*err = xstrdup(db_error());
		return -1;
	}
	players = players > 0;
	static const struct report_column cols[] = {{"tournament", "tournament"},
	                                            {"stage", "stage"},
	                                            {"match", "match"},
	                                            {"day", "day"},
	                                            {"map", "map"},
	                                            {"played_at", "played_at"},
	                                            {"team", "team"},
	                                            {"placement", "placement"},
	                                            {"kills", "kills"},
	                                            {"status", "status"},
	                                            {"player", "player"},
	                                            {"player_kills", "player_kills"},
	                                            {"damage", "damage"},
	                                            {"assists", "assists"},
	                                            {"mvp", "mvp"}};
	struct report *t = report_new(cols, players ? 15 : 10);
	sqlite3_stmt *st = query(
	    db, stage,
	    "SELECT tn.name, s.name, m.number, m.day, m.map, m.played_at, te.name, r.placement, "
	    "r.kills, r.status, p.name, pr.kills, pr.damage, pr.assists, pr.mvp FROM match m "
	    "JOIN stage s ON s.id = m.stage_id JOIN tournament tn ON tn.id = s.tournament_id "
	    "JOIN result r ON r.match_id = m.id JOIN team te ON te.id = r.team_id "
	    "LEFT JOIN player_result pr ON pr.match_id = m.id AND pr.team_id = r.team_id "
	    "LEFT JOIN player p ON p.id = pr.player_id WHERE m.stage_id = ?1 AND m.void IS NULL "
	    "ORDER BY m.number, r.placement IS NULL, r.placement, te.name, p.name",
	    err);
	if (st == NULL) {
		report_free(t);
		return -1;
	}
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		for (int c = 0; c < (players ? 15 : 10); c++)
			csv_col(t, st, c);
	if (done(db, st, rc, err) != 0) {
		report_free(t);
		return -1;
	}
	report_render(t, FORMAT_CSV, out);
	report_free(t);

	struct buf why = {0};
	if (rules)
		buf_puts(&why, "the ruleset");
	if (roster)
		buf_printf(&why, "%sthe roster of %d teams", why.len ? ", " : "", roster);
	if (adj)
		buf_printf(&why, "%s%d adjustment%s", why.len ? ", " : "", adj, adj > 1 ? "s" : "");
	if (voids)
		buf_printf(&why, "%s%d voided match%s", why.len ? ", " : "", voids,
		           voids > 1 ? "es" : "");
	if (why.len)
		*left = xasprintf("match CSV has no columns for %s: left out (export --format json "
		                  "carries them)",
		                  why.data);
	buf_free(&why);
	return 0;
}

/* Append s as a template argument: the characters that would end or split it as entities. */
static void
wiki_text(struct buf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '|' || *s == '=' || *s == '{' || *s == '}' || *s == '<' || *s == '[' ||
		    *s == ']')
			buf_printf(out, "&#%d;", (unsigned char)*s);
		else
			buf_putc(out, *s);
	}
}

/* Append an HTML comment line of fmt's text, its < and > as entities so that a
 * name or reason holding "-->" cannot end it. */
static void __attribute__((format(printf, 2, 3))) comment(struct buf *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = NULL;
	int n = vasprintf(&text, fmt, ap);
	va_end(ap);
	if (n < 0) /* out of memory: the comment is left out, not the table */
		return;
	buf_puts(out, "<!-- ");
	for (int i = 0; i < n; i++)
		if (text[i] == '<' || text[i] == '>')
			buf_puts(out, text[i] == '<' ? "&lt;" : "&gt;");
		else
			buf_putc(out, text[i]);
	buf_puts(out, " -->\n");
	free(text);
}

/* The result of team in match number of s's stage, by st (sql_cell): 1 with
 * st on its row, 0 when the team has none, -1 with *err set. */
static int
cell(sqlite3_stmt *st, const struct standings *s, int number, int64_t team, char **err)
{
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, s->stage_id);
	sqlite3_bind_int(st, 2, number);
	sqlite3_bind_int64(st, 3, team);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc == SQLITE_ROW;
	db_error_set(sqlite3_db_handle(st));
	*err = xstrdup(db_error());
	return -1;
}

static const char sql_cell[] =
    "SELECT r.placement, r.kills, r.status FROM result r JOIN match m ON m.id = r.match_id "
    "WHERE m.stage_id = ?1 AND m.number = ?2 AND r.team_id = ?3";

/* The FfaStandings table: a round per counted match, the points each team scored in it. */
static int
wiki_standings(sqlite3 *db, const struct standings *s, struct buf *out, char **err)
{
	buf_puts(out, "{{FfaStandings|title=");
	wiki_text(out, s->stage);
	buf_puts(out, " Standings\n");
	/* bg: the zones, the first "up", the last "down" when there are several, else "stay" */
	for (int z = 0, from = 1; z < s->rules.nzones; from = s->rules.zones[z++].to + 1) {
		const char *bg = z == 0 ? "up" : z == s->rules.nzones - 1 ? "down" : "stay";
		buf_printf(out, "%s%d-%d=%s", z ? ", " : "|bg=", from, s->rules.zones[z].to, bg);
		if (z == s->rules.nzones - 1)
			buf_putc(out, '\n');
	}
	for (int i = 0; i < s->nnumbers && s->numbers[i] <= s->after_match; i++)
		buf_printf(out, "|round%d={{Round|title=Match %d|started=true|finished=true}}\n",
		           i + 1, s->numbers[i]);
	sqlite3_stmt *st = query(db, s->stage_id, sql_cell, err);
	if (st == NULL)
		return -1;
	for (int r = 0; r < s->nrows; r++) {
		const struct standing *row = &s->rows[r];
		buf_puts(out, "|{{TeamOpponent|");
		wiki_text(out, row->team);
		for (int i = 0; i < s->nnumbers && s->numbers[i] <= s->after_match; i++) {
			int has = cell(st, s, s->numbers[i], row->team_id, err);
			if (has < 0) {
				sqlite3_finalize(st);
				return -1;
			}
			if (!has)
				buf_printf(out, "|r%d=-", i + 1);
			else if (strcmp((const char *)sqlite3_column_text(st, 2), "played") != 0)
				buf_printf(out, "|r%d=0", i + 1);
			else
				buf_printf(out, "|r%d=%d", i + 1,
				           rules_match_points(&s->rules, sqlite3_column_int(st, 0),
				                              sqlite3_column_int(st, 1), NULL,
				                              NULL));
		}
		if (row->headstart + row->adjustment)
			buf_printf(out, "|startingpoints=%d", row->headstart + row->adjustment);
		buf_puts(out, "}}\n");
	}
	sqlite3_finalize(st);
	buf_puts(out, "}}\n");
	return 0;
}

/* The Match: the placement table, a Map per counted match, each team's {{MS|placement|kills}}. */
static int
wiki_match(sqlite3 *db, const struct standings *s, struct buf *out, char **err)
{
	buf_printf(out, "{{Match|finished=%s\n|p_kill=%d",
	           s->matches_played == s->total_matches ? "true" : "false", s->rules.kill_points);
	for (int p = 0; p < s->rules.nplacement; p++)
		buf_printf(out, " |p%d=%d", p + 1, s->rules.placement[p]);
	buf_putc(out, '\n');
	sqlite3_stmt *st =
	    query(db, s->stage_id,
	          "SELECT number, map, played_at FROM match WHERE stage_id = ?1 AND void IS NULL "
	          "AND number <= ?2 ORDER BY number",
	          err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 2, s->after_match);
	int rc;
	for (int i = 0; (rc = sqlite3_step(st)) == SQLITE_ROW; i++) {
		buf_printf(out, "|map%d={{Map|finished=true", i + 1);
		if (sqlite3_column_type(st, 2) != SQLITE_NULL) {
			buf_puts(out, "|date=");
			wiki_text(out, (const char *)sqlite3_column_text(st, 2));
		}
		if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
			buf_puts(out, "|map=");
			wiki_text(out, (const char *)sqlite3_column_text(st, 1));
		}
		buf_printf(out, "}}<!-- match %d -->\n", sqlite3_column_int(st, 0));
	}
	if (done(db, st, rc, err) != 0 || (st = query(db, s->stage_id, sql_cell, err)) == NULL)
		return -1;
	for (int r = 0; r < s->nrows; r++) {
		buf_printf(out, "|opponent%d={{TeamOpponent|", r + 1);
		wiki_text(out, s->rows[r].team);
		for (int i = 0; i < s->nnumbers && s->numbers[i] <= s->after_match; i++) {
			int has = cell(st, s, s->numbers[i], s->rows[r].team_id, err);
			if (has < 0) {
				sqlite3_finalize(st);
				return -1;
			}
			if (!has)
				continue;
			if (strcmp((const char *)sqlite3_column_text(st, 2), "played") != 0)
				buf_printf(out, "|m%d={{MS|-|}}", i + 1);
			else
				buf_printf(out, "|m%d={{MS|%d|%d}}", i + 1,
				           sqlite3_column_int(st, 0), sqlite3_column_int(st, 1));
		}
		buf_puts(out, "}}\n");
	}
	sqlite3_finalize(st);
	buf_puts(out, "}}\n");
	return 0;
}

/*
 * Append stage's standings and matches as Liquipedia wikitext: an
 * FfaStandings table (Module:Standings/Parse/Wiki) with a round per counted
 * match and each team's points in it (dq and forfeit 0, absent "-"), head
 * start and adjustments as its startingpoints; then one Match (the Free
 * Fire wiki's Module:MatchGroup/Input/Custom) with the placement table as
 * p1.., p_kill, a Map per counted match and each team's {{MS|placement|kills}}
 * ({{MS|-|}} for dq and forfeit). What the templates cannot say (Champion
 * Rush, a kill cap, voided matches, the reasons of adjustments) goes into
 * HTML comments. Returns 0, or -1 with *err set.
 */
int
export_wikitext(sqlite3 *db, int64_t stage, struct buf *out, char **err)
{
	struct standings s;
	struct standings_opts o = {.after = -1};
	if (standings_get(db, stage, &o, &s, err) != 0)
		return -1;
	char *label = standings_label(&s);
	comment(out, "%s / %s: %s, exported by tracker", s.tournament, s.stage, label);
	free(label);
	char *how = standings_decided(&s);
	if (how)
		comment(out,
		        "Champion Rush: %s is champion, %s; it ranks first whatever its points",
		        s.champion, how);
	free(how);
	if (s.rules.kill_cap >= 0)
		comment(out,
		        "kills are capped at %d per match: MS gives the kills as played, the "
		        "standings count the capped ones",
		        s.rules.kill_cap);
	for (int i = 0; i < s.nvoids; i++)
		comment(out, "match %d was voided (%s) and is left out", s.voids[i].number,
		        s.voids[i].reason);
	for (int i = 0; i < s.nadj; i++)
		comment(out, "adjustment: %s %+d after match %d: %s", s.adj[i].team,
		        s.adj[i].points, s.adj[i].after_match, s.adj[i].reason);
	int rc = wiki_standings(db, &s, out, err);
	if (rc == 0) {
		buf_putc(out, '\n');
		rc = wiki_match(db, &s, out, err);
	}
	standings_free(&s);
	return rc;
}
