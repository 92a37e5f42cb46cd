/* pages.h: the HTML pages and the JSON API, each a handler for the route table in http.c. */
#ifndef TRACKER_PAGES_H
#define TRACKER_PAGES_H

#include <stdint.h>

#include "http.h"
#include "match.h"
#include "players.h"
#include "standings.h"
#include "team.h"

void page_home(const struct http_req *req, struct http_out *out);
void page_tournaments(const struct http_req *req, struct http_out *out);
void page_teams(const struct http_req *req, struct http_out *out);
void page_tournament(const struct http_req *req, struct http_out *out);
void page_stage(const struct http_req *req, struct http_out *out);
void page_maps(const struct http_req *req, struct http_out *out);
void page_players(const struct http_req *req, struct http_out *out);
int page_players_rows(const struct http_req *req, struct http_out *out, struct standings *s,
                      struct player_row **rows, int *n, int *sort);
int page_match_lobby(const struct http_req *req, struct http_out *out, struct standings *s,
                     struct match_lobby *m);
void page_match(const struct http_req *req, struct http_out *out);
void page_day(const struct http_req *req, struct http_out *out);
int page_day_standings(const struct http_req *req, struct http_out *out, struct standings *of,
                       struct standings *after, struct standings *before, int *day);
void page_day_links(struct buf *b, sqlite3 *db, const struct standings *s, int on);
void page_scenarios(const struct http_req *req, struct http_out *out);
void page_story(struct buf *b, const struct standings *s, int link);
void page_team(const struct http_req *req, struct http_out *out);
void page_card(const struct http_req *req, struct http_out *out);
void page_overlay(const struct http_req *req, struct http_out *out);
void page_chart(struct buf *b, sqlite3 *db, const struct standings *st);
void page_error(struct buf *b, int status, const char *msg);
int page_team_report(const struct http_req *req, struct http_out *out, struct team_report *r);

void page_desk(const struct http_req *req, struct http_out *out);
void page_desk_stage(const struct http_req *req, struct http_out *out);
void desk_login(const struct http_req *req, struct http_out *out);
void desk_logout(const struct http_req *req, struct http_out *out);
void desk_preview(const struct http_req *req, struct http_out *out);
void desk_commit(const struct http_req *req, struct http_out *out);
void desk_void(const struct http_req *req, struct http_out *out);
void page_desk_fix(const struct http_req *req, struct http_out *out);
void desk_fix(const struct http_req *req, struct http_out *out);

void api_tournaments(const struct http_req *req, struct http_out *out);
void api_standings(const struct http_req *req, struct http_out *out);
void api_scenarios(const struct http_req *req, struct http_out *out);
void api_matches(const struct http_req *req, struct http_out *out);
void api_maps(const struct http_req *req, struct http_out *out);
void api_players(const struct http_req *req, struct http_out *out);
void api_match(const struct http_req *req, struct http_out *out);
void api_day(const struct http_req *req, struct http_out *out);
void api_team(const struct http_req *req, struct http_out *out);
void api_events(const struct http_req *req, struct http_out *out);
void api_post_match(const struct http_req *req, struct http_out *out);

#endif
