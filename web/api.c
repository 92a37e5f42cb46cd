/*
 * api.c: the JSON API under /api/v1/. Every number comes from the scoring
 * engine (standings_json, maps_json, team_json) or is a stored row
 * (catalog.c: tournaments, matches), with the same keys and bytes as
 * `tracker ... --format json`.
 * POST /api/v1/matches stores a match JSON v1 document, or a match CSV
 * (Content-Type: text/csv), through the importer, behind the write token.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catalog.h"
#include "db.h"
#include "json.h"
#include "live.h"
#include "maps.h"
#include "pages.h"
#include "report.h"
#include "scenarios.h"
#include "stage.h"
#include "team.h"
#include "util.h"
#include "write.h"

#define TYPE_JSON "application/json"

/* Answer with t as JSON, as `--format json` prints it; frees t. NULL t: the
 * database could not be read (db_error_set), which http_handle answers. */
static void
json_report(struct http_out *out, struct report *t)
{
	if (t == NULL)
		return;
	out->type = TYPE_JSON;
	report_render(t, FORMAT_JSON, &out->body);
	report_free(t);
}

/* GET /api/v1/tournaments: what `tracker tournaments --format json` prints. */
void
api_tournaments(const struct http_req *req, struct http_out *out)
{
	json_report(out, catalog_tournaments(req->db));
}

/*
 * GET .../stages/{s}/standings[?after=N][&group=G]: what `tracker standings
 * [--after N] [--group G] --format json` prints (after=0: before the first
 * match).
 */
void
api_standings(const struct http_req *req, struct http_out *out)
{
	struct standings s;
	if (!stage_standings(req, out, 1, 0, &s))
		return;
	out->type = TYPE_JSON;
	standings_json(&s, &out->body);
	standings_free(&s);
}

/*
 * GET .../stages/{s}/scenarios[?after=N]: what `tracker scenarios [--after
 * N] --format json` prints; of the whole stage only (no ?group=).
 */
void
api_scenarios(const struct http_req *req, struct http_out *out)
{
	struct standings s;
	struct scenarios sc;
	const char *group = http_arg(req, "group");
	if (group && *group) {
		http_fail_tr(out, 400, "detail.scen_group", group);
		return;
	}
	if (!stage_standings(req, out, 1, 0, &s))
		return;
	if (scenarios_of(req->db, &s, &sc) == 0) {
		out->type = TYPE_JSON;
		scenarios_json(&sc, &out->body);
	}
	scenarios_free(&sc);
}

/* GET .../stages/{s}/matches: what `tracker matches --format json` prints. */
void
api_matches(const struct http_req *req, struct http_out *out)
{
	int64_t stage;
	if (!stage_id(req, out, &stage))
		return;
	json_report(out, catalog_matches(req->db, stage));
}

/*
 * GET .../stages/{s}/maps: what `tracker maps --stage S --format json`
 * prints, and in X-Unknown-Map-Matches the stage's matches on an unknown map
 * that the figures leave out (maps_unknown; 0 when none), as the CLI's table
 * says it.
 */
void
api_maps(const struct http_req *req, struct http_out *out)
{
	int64_t stage;
	struct map_row *rows;
	int nrows;
	char *err;
	if (!stage_id(req, out, &stage))
		return;
	struct maps_query q = {.stage = stage};
	if (maps_compute(req->db, &q, &rows, &nrows, &err) != 0) {
		http_fail(out, 500, "%s", err);
		free(err);
		return;
	}
	out->type = TYPE_JSON;
	out->header = "X-Unknown-Map-Matches";
	snprintf(out->header_value, sizeof out->header_value, "%d", maps_unknown(req->db, &q));
	maps_json(rows, nrows, &out->body);
	maps_free(rows, nrows);
}

/*
 * GET /api/v1/teams/{team}: what `tracker team TEAM --format json` prints
 * (team_json): the standings row in each stage, the per-map numbers, the
 * last 10 matches and the players.
 */
void
api_team(const struct http_req *req, struct http_out *out)
{
	struct team_report r;
	if (!page_team_report(req, out, &r))
		return;
	out->type = TYPE_JSON;
	team_json(&r, &out->body);
	team_free(&r);
}

/*
 * GET .../stages/{s}/matches/{n}: one match's lobby (match_json): every
 * team's placement, kills, points and players, and the map.
 */
void
api_match(const struct http_req *req, struct http_out *out)
{
	struct standings s;
	struct match_lobby m;
	if (!page_match_lobby(req, out, &s, &m))
		return;
	out->type = TYPE_JSON;
	match_json(&m, &out->body);
	match_free(&m);
	standings_free(&s);
}

/*
 * GET .../stages/{s}/days/{d}: the standings of day d alone, what `tracker
 * standings --day D --format json` prints.
 */
void
api_day(const struct http_req *req, struct http_out *out)
{
	struct standings s;
	int day;
	if (!page_day_standings(req, out, &s, NULL, NULL, &day))
		return;
	out->type = TYPE_JSON;
	standings_json(&s, &out->body);
	standings_free(&s);
}

/*
 * GET .../stages/{s}/players[?sort=K]: what `tracker players --stage S
 * --format json` prints (sorted by K when given, as the players page is).
 */
void
api_players(const struct http_req *req, struct http_out *out)
{
	struct standings s;
	struct player_row *rows;
	int n, sort;
	if (!page_players_rows(req, out, &s, &rows, &n, &sort))
		return;
	out->type = TYPE_JSON;
	players_json(rows, n, &out->body);
	players_free(rows, n);
	standings_free(&s);
}

/*
 * GET .../stages/{s}/events, and GET /api/v1/events (every page but a
 * stage's: the data version is the whole database's): a server-sent event
 * stream; the server takes over once this has checked the stage. ?since=V is the data version the
 * page was rendered at, Last-Event-ID (a reconnecting EventSource) the last
 * one it was told of: an update follows at once if that is not current.
 */
void
api_events(const struct http_req *req, struct http_out *out)
{
	int64_t stage;
	if (req->nparam == 2 && !stage_id(req, out, &stage))
		return;
	const char *since = req->last_event_id ? req->last_event_id : http_arg(req, "since");
	out->stream = 1;
	out->stream_since = since ? strtoull(since, NULL, 10) : 0;
}

/* The token the Authorization header ("Bearer " + token) names, or NULL. */
static const struct http_token *
bearer(const struct http_req *req)
{
	const char *a = req->authorization;
	if (a == NULL || strncasecmp(a, "Bearer ", 7) != 0)
		return NULL;
	return http_token_find(req, a + 7);
}

/* 1 if the Content-Type type is text/csv (any case, parameters such as charset after ';'). */
static int
is_csv(const char *type)
{
	if (type == NULL || strncasecmp(type, "text/csv", 8) != 0)
		return 0;
	type += 8;
	while (*type == ' ')
		type++;
	return *type == '\0' || *type == ';';
}

/*
 * POST /api/v1/matches[?replace=1]: store the body through the importer:
 * match JSON v1, or with Content-Type: text/csv a match CSV, whose rows name
 * their stage, or take it from ?tournament=T&stage=S.
 * 201 when a match was added or replaced, 200 when all were unchanged,
 * 400 with the importer's messages when it refused (nothing stored), 503
 * with Retry-After when another writer (a CLI import) held the database
 * past the busy timeout (nothing stored either).
 */
void
api_post_match(const struct http_req *req, struct http_out *out)
{
	if (req->ntokens == 0) {
		http_fail(out, 403, "writes are off: the server has no token (--token-file)");
		return;
	}
	const struct http_token *tok = bearer(req);
	if (tok == NULL) {
		http_fail(out, 401, "a write needs Authorization: Bearer TOKEN");
		return;
	}
	if (req->head_only) {
		out->status = 100;
		return;
	}
	const char *replace = http_arg(req, "replace");
	struct import_stats st = {0};
	struct buf msgs = {0};
	struct import_options opt = {.replace = replace && strcmp(replace, "0") != 0,
	                             .tournament = http_arg(req, "tournament"),
	                             .stage = http_arg(req, "stage"),
	                             .cache = req->cache};
	int csv = is_csv(req->content_type);
	if (!csv && (opt.tournament || opt.stage)) {
		http_fail(out, 400,
		          "?tournament= and ?stage= are for a CSV body (Content-Type: "
		          "text/csv); a JSON body names its own stage");
		return;
	}
	char *origin = write_origin(req->client, tok->name);
	int rc = write_import_with(req->db, origin, "post", "POST body", req->body, req->body_len,
	                           &opt, csv, &st, &msgs);
	free(origin);
	if (msgs.len && msgs.data[msgs.len - 1] == '\n')
		msgs.data[--msgs.len] = '\0';
	if (rc == WRITE_BUSY) {
		http_fail(out, 503, "the database is busy with another write; try again");
		out->retry_after = 1;
		buf_free(&msgs);
		return;
	}
	if (rc == WRITE_FAILED) {
		http_fail(out, 500, "the match could not be stored: %s", sqlite3_errmsg(req->db));
		buf_free(&msgs);
		return;
	}
	if (rc != WRITE_STORED) {
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
