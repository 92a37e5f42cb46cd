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

/*
 * GET /api/v1/teams/{team}: the team, its standings row in each stage it
 * played (standings_json's row keys), and its per-map numbers (maps_json).
 */
void
api_team(const struct http_req *req, struct http_out *out)
{
	int64_t team;
	struct map_row *rows;
	int nrows;
	char *err;
	if (!page_team_id(req, out, &team))
		return;
	struct maps_query q = {.team = team};
	if (maps_compute(req->db, &q, &rows, &nrows, &err) != 0) {
		http_fail(out, 500, "%s", err);
		free(err);
		return;
	}
	sqlite3_stmt *st = db_prepare(req->db, "SELECT name, slug FROM team WHERE id = ?1");
	sqlite3_bind_int64(st, 1, team);
	sqlite3_step(st);
	out->type = TYPE_JSON;
	buf_puts(&out->body, "{\"team\":");
	buf_json_str(&out->body, (const char *)sqlite3_column_text(st, 0));
	buf_puts(&out->body, ",\"slug\":");
	buf_json_str(&out->body, (const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	buf_puts(&out->body, ",\"stages\":[");
	st = db_prepare(req->db, "SELECT DISTINCT m.stage_id FROM match m JOIN result r"
	                         " ON r.match_id = m.id WHERE r.team_id = ?1 ORDER BY m.stage_id");
	sqlite3_bind_int64(st, 1, team);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct standings s;
		if (standings_compute(req->db, sqlite3_column_int64(st, 0), NULL, 0, &s, &err) !=
		    0) {
			free(err);
			continue;
		}
		for (int i = 0; i < s.nrows; i++)
			if (s.rows[i].team_id == team) {
				struct standings one = s;
				one.rows = &s.rows[i];
				one.nrows = 1;
				struct buf b = {0};
				standings_json(&one, &b);
				if (b.len && b.data[b.len - 1] == '\n')
					b.len--;
				buf_puts(&out->body, n++ ? ",\n" : "\n");
				buf_put(&out->body, b.data, b.len);
				buf_free(&b);
			}
		standings_free(&s);
	}
	sqlite3_finalize(st);
	buf_puts(&out->body, "],\"maps\":");
	maps_json(rows, nrows, &out->body);
	if (out->body.len && out->body.data[out->body.len - 1] == '\n')
		out->body.len--;
	buf_puts(&out->body, "}\n");
	maps_free(rows, nrows);
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
