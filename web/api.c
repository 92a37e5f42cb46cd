/*
 * api.c: the JSON API under /api/v1/. Every number comes from the scoring
 * engine (standings_json, maps_json) or is a raw stored row (tournaments,
 * matches), with the same keys and bytes as `tracker ... --format json`.
 * POST /api/v1/matches stores a match JSON v1 document through the
 * importer, behind the write token.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db.h"
#include "json.h"
#include "live.h"
#include "maps.h"
#include "pages.h"
#include "players.h"
#include "rules.h"
#include "table.h"
#include "util.h"

#define TYPE_JSON "application/json"

/* GET /api/v1/tournaments: what `tracker tournaments --format json` prints. */
void
api_tournaments(const struct http_req *req, struct http_out *out)
{
	static const struct column cols[] = {
	    {"Tournament", "tournament"}, {"Slug", "tournament_slug"}, {"Stage", "stage"},
	    {"Stage slug", "stage_slug"}, {"Matches", "matches"},      {"Teams", "teams"},
	    {"Ruleset", "ruleset"},
	};
	sqlite3_stmt *st = db_prepare(
	    req->db,
	    "SELECT t.name, t.slug, s.name, s.slug,"
	    " (SELECT count(*) FROM match m WHERE m.stage_id = s.id),"
	    " (SELECT count(DISTINCT r.team_id) FROM match m JOIN result r ON r.match_id = m.id"
	    "   WHERE m.stage_id = s.id),"
	    " coalesce(s.ruleset ->> '$.name', CASE WHEN s.ruleset IS NULL THEN 'ffws (default)'"
	    "   ELSE 'custom' END)"
	    " FROM tournament t JOIN stage s ON s.tournament_id = t.id ORDER BY t.name, s.id");
	struct table *t = table_new(cols, 7);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int i = 0; i < 4; i++)
			table_str(t, (const char *)sqlite3_column_text(st, i));
		table_int(t, sqlite3_column_int64(st, 4));
		table_int(t, sqlite3_column_int64(st, 5));
		table_str(t, (const char *)sqlite3_column_text(st, 6));
	}
	sqlite3_finalize(st);
	out->type = TYPE_JSON;
	table_render(t, FORMAT_JSON, &out->body);
	table_free(t);
}

/* GET .../stages/{s}/standings[?after=N]: what `tracker standings --format json` prints. */
void
api_standings(const struct http_req *req, struct http_out *out)
{
	int64_t stage;
	int after;
	struct standings s;
	char *err;
	if (!page_stage_id(req, out, &stage) || !page_after(req, out, stage, &after))
		return;
	if (standings_compute(req->db, stage, NULL, after, &s, &err) != 0) {
		http_fail(out, 500, "%s", err);
		free(err);
		return;
	}
	out->type = TYPE_JSON;
	standings_json(&s, &out->body);
	standings_free(&s);
}

/* GET .../stages/{s}/matches: what `tracker matches --format json` prints. */
void
api_matches(const struct http_req *req, struct http_out *out)
{
	static const struct column cols[] = {
	    {"Match", "match"},
	    {"Day", "day"},
	    {"Map", "map"},
	    {"Booyah", "booyah"},
	    {"Kills", "booyah_kills"},
	    {"Lobby kills", "lobby_kills"},
	    {"Teams", "teams"},
	    {"Played at", "played_at"},
	};
	int64_t stage;
	if (!page_stage_id(req, out, &stage))
		return;
	sqlite3_stmt *st = db_prepare(
	    req->db,
	    "SELECT m.number, m.day, m.map,"
	    " (SELECT group_concat(t.name, ' / ') FROM result r JOIN team t ON t.id = r.team_id"
	    "   WHERE r.match_id = m.id AND r.placement = 1),"
	    " (SELECT sum(r.kills) FROM result r WHERE r.match_id = m.id AND r.placement = 1),"
	    " (SELECT sum(r.kills) FROM result r WHERE r.match_id = m.id),"
	    " (SELECT count(*) FROM result r WHERE r.match_id = m.id), m.played_at"
	    " FROM match m WHERE m.stage_id = ?1 ORDER BY m.number");
	sqlite3_bind_int64(st, 1, stage);
	struct table *t = table_new(cols, 8);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int i = 0; i < 8; i++) {
			if (sqlite3_column_type(st, i) == SQLITE_NULL)
				table_null(t);
			else if (sqlite3_column_type(st, i) == SQLITE_INTEGER)
				table_int(t, sqlite3_column_int64(st, i));
			else
				table_str(t, (const char *)sqlite3_column_text(st, i));
		}
	}
	sqlite3_finalize(st);
	out->type = TYPE_JSON;
	table_render(t, FORMAT_JSON, &out->body);
	table_free(t);
}

/* GET .../stages/{s}/maps: what `tracker maps --stage S --format json` prints. */
void
api_maps(const struct http_req *req, struct http_out *out)
{
	int64_t stage;
	struct map_row *rows;
	int nrows;
	char *err;
	if (!page_stage_id(req, out, &stage))
		return;
	struct maps_query q = {
	    .tournament =
	        db_int(req->db, 0, "SELECT tournament_id FROM stage WHERE id = ?1", stage),
	    .stage = stage};
	if (maps_compute(req->db, &q, &rows, &nrows, &err) != 0) {
		http_fail(out, 500, "%s", err);
		free(err);
		return;
	}
	out->type = TYPE_JSON;
	maps_json(rows, nrows, &out->body);
	maps_free(rows, nrows);
}

/* The team's standings row in each stage it played, as `tracker team --format json` has it. */
static void
team_stages(sqlite3 *db, int64_t team, struct buf *json)
{
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT s.id FROM stage s WHERE EXISTS (SELECT 1 FROM match m JOIN result r"
	        " ON r.match_id = m.id WHERE m.stage_id = s.id AND r.team_id = ?1)"
	        " ORDER BY s.tournament_id, s.id");
	sqlite3_bind_int64(st, 1, team);
	buf_putc(json, '[');
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct standings s;
		char *err;
		if (standings_compute(db, sqlite3_column_int64(st, 0), NULL, 0, &s, &err) != 0) {
			free(err);
			continue;
		}
		for (int i = 0; i < s.nrows; i++) {
			const struct standing *r = &s.rows[i];
			if (r->team_id != team)
				continue;
			buf_puts(json, n++ ? ",\n{\"tournament\":" : "\n{\"tournament\":");
			buf_json_str(json, s.tournament);
			buf_puts(json, ",\"stage\":");
			buf_json_str(json, s.stage);
			buf_printf(json,
			           ",\"rank\":%d,\"teams\":%d,\"matches\":%d,\"booyahs\":%d,"
			           "\"kills\":%d,\"placement_points\":%d,\"kill_points\":%d,"
			           "\"headstart\":%d,\"points\":%d,\"champion\":%s}",
			           r->rank, s.nrows, r->matches, r->booyahs, r->kills,
			           r->placement_points, r->kill_points, r->headstart, r->points,
			           s.champion_id == team ? "true" : "false");
		}
		standings_free(&s);
	}
	sqlite3_finalize(st);
	buf_puts(json, n ? "\n]" : "]");
}

/* The team's last 10 matches with the points each earned under its stage's ruleset. */
static void
team_matches(sqlite3 *db, int64_t team, struct buf *json)
{
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT s.id, s.name, m.number, m.map, r.placement, r.kills"
	        " FROM result r JOIN match m ON m.id = r.match_id JOIN stage s ON s.id = m.stage_id"
	        " WHERE r.team_id = ?1 ORDER BY s.tournament_id DESC, s.id DESC, m.number DESC"
	        " LIMIT 10");
	sqlite3_bind_int64(st, 1, team);
	struct ruleset r = {0};
	int64_t rstage = 0;
	int n = 0;
	buf_putc(json, '[');
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t stage = sqlite3_column_int64(st, 0);
		char *err;
		if (stage != rstage) {
			rules_free(&r);
			if (rules_for_stage(db, stage, &r, &err) != 0) {
				free(err);
				rules_default(&r);
			}
			rstage = stage;
		}
		int place = sqlite3_column_int(st, 4), kills = sqlite3_column_int(st, 5);
		buf_puts(json, n++ ? ",\n{\"stage\":" : "\n{\"stage\":");
		buf_json_str(json, (const char *)sqlite3_column_text(st, 1));
		buf_printf(json, ",\"match\":%d,\"map\":", sqlite3_column_int(st, 2));
		buf_json_str(json, (const char *)sqlite3_column_text(st, 3));
		buf_printf(json, ",\"placement\":%d,\"kills\":%d,\"points\":%d}", place, kills,
		           rules_match_points(&r, place, kills, NULL, NULL));
	}
	rules_free(&r);
	sqlite3_finalize(st);
	buf_puts(json, n ? "\n]" : "]");
}

/*
 * GET /api/v1/teams/{team}: what `tracker team TEAM --format json` prints:
 * the standings row in each stage, the per-map numbers (maps_json), the last
 * 10 matches and the players (players_json).
 */
void
api_team(const struct http_req *req, struct http_out *out)
{
	int64_t team;
	struct map_row *maps;
	struct player_row *players;
	int nmaps, nplayers;
	char *err;
	if (!page_team_id(req, out, &team))
		return;
	struct maps_query mq = {.team = team};
	if (maps_compute(req->db, &mq, &maps, &nmaps, &err) != 0) {
		http_fail(out, 500, "%s", err);
		free(err);
		return;
	}
	struct players_query pq = {.team = team};
	players_compute(req->db, &pq, &players, &nplayers);
	struct buf *b = &out->body, part = {0};
	sqlite3_stmt *st = db_prepare(req->db, "SELECT name, slug FROM team WHERE id = ?1");
	sqlite3_bind_int64(st, 1, team);
	sqlite3_step(st);
	out->type = TYPE_JSON;
	buf_puts(b, "{\"team\":");
	buf_json_str(b, (const char *)sqlite3_column_text(st, 0));
	buf_puts(b, ",\"slug\":");
	buf_json_str(b, (const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	buf_puts(b, ",\"standings\":");
	team_stages(req->db, team, b);
	buf_puts(b, ",\"maps\":");
	maps_json(maps, nmaps, &part);
	buf_puts(b, part.len ? part.data : "[]");
	buf_puts(b, ",\"last_matches\":");
	team_matches(req->db, team, b);
	buf_puts(b, ",\"players\":");
	buf_reset(&part);
	players_json(players, nplayers, &part);
	buf_puts(b, part.len ? part.data : "[]");
	buf_puts(b, "}\n");
	buf_free(&part);
	maps_free(maps, nmaps);
	players_free(players, nplayers);
}

/*
 * GET .../stages/{s}/events: a server-sent event stream; the server takes
 * over once this has checked the stage. ?since=V is the data version the
 * page was rendered at: an update follows at once if it is not current.
 */
void
api_events(const struct http_req *req, struct http_out *out)
{
	int64_t stage;
	if (!page_stage_id(req, out, &stage))
		return;
	const char *since = http_arg(req, "since");
	out->stream = 1;
	out->stream_since = since ? strtoull(since, NULL, 10) : 0;
}

/* 1 when the Authorization header carries "Bearer " + token; compared in constant time. */
static int
token_ok(const char *authorization, const char *token)
{
	if (authorization == NULL || strncasecmp(authorization, "Bearer ", 7) != 0)
		return 0;
	const char *given = authorization + 7;
	size_t lt = strlen(token), lg = strlen(given);
	unsigned char diff = lt != lg;
	for (size_t i = 0; i < lg; i++)
		diff |= (unsigned char)(given[i] ^ token[i % lt]);
	return diff == 0;
}

/*
 * POST /api/v1/matches[?replace=1]: store the body through the importer.
 * 201 when a match was added or replaced, 200 when all were unchanged,
 * 400 with the importer's messages when it refused (nothing stored).
 */
void
api_post_match(const struct http_req *req, struct http_out *out)
{
	if (req->token == NULL) {
		http_fail(out, 403, "writes are off: the server has no token (--token-file)");
		return;
	}
	if (!token_ok(req->authorization, req->token)) {
		http_fail(out, 401, "a write needs Authorization: Bearer TOKEN");
		return;
	}
	const char *replace = http_arg(req, "replace");
	struct import_stats st = {0};
	struct buf msgs = {0};
	int rc = import_json(req->db, "POST body", req->body, req->body_len,
	                     replace && strcmp(replace, "0") != 0, &st, &msgs);
	if (msgs.len && msgs.data[msgs.len - 1] == '\n')
		msgs.data[--msgs.len] = '\0';
	if (rc != 0) {
		http_fail(out, 400, "%s", msgs.data ? msgs.data : "the importer refused the body");
		buf_free(&msgs);
		return;
	}
	if (st.matches_added || st.matches_replaced) {
		out->status = 201;
		live_bump();
	}
	out->type = TYPE_JSON;
	out->cache_control = "no-store";
	buf_printf(&out->body,
	           "{\"matches_added\":%d,\"matches_unchanged\":%d,\"matches_replaced\":%d,"
	           "\"teams_added\":%d,\"players_added\":%d,\"warnings\":",
	           st.matches_added, st.matches_unchanged, st.matches_replaced, st.teams_added,
	           st.players_added);
	buf_json_str(&out->body, msgs.data ? msgs.data : "");
	buf_puts(&out->body, "}\n");
	buf_free(&msgs);
}
