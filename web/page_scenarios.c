/*
 * page_scenarios.c: who can still win, GET /t/{tournament}/{stage}/
 * scenarios[?after=N]: the match-point story, then for each goal of the
 * stage (the title under Champion Rush, each zone) every team's points, its
 * state (clinched, alive, eliminated) and what it needs, in words, and the
 * bounds the states rest on: scenarios_of, the same as the API's
 * .../scenarios and `tracker scenarios`. Of the whole stage only.
 */
#include <stdlib.h>

#include "html.h"
#include "i18n.h"
#include "pages.h"
#include "scenarios.h"
#include "stage.h"
#include "util.h"

/* The words of each state (one place, for the string catalogs). */
static const char *const state_words[] = {
    /* catalog keys */
    [SCEN_ALIVE] = "scen.alive",
    [SCEN_CLINCHED] = "scen.clinched",
    [SCEN_ELIMINATED] = "scen.eliminated",
};

/* One goal's table. */
static void
goal(struct buf *b, const struct scen_goal *g, int n)
{
	htmlf(b,
	      "<h2>%s</h2><div class=\"scroll\" tabindex=\"0\"><table class=\"board scen\"><thead>"
	      "<tr><th class=\"team\">%s</th><th>%s</th><th>%s</th><th "
	      "class=\"team\">%s</th></tr></thead><tbody>\n",
	      trm(&g->label), tr("board.team"), tr("team.points"), tr("scen.state"),
	      tr("scen.needs"));
	for (int i = 0; i < n; i++) {
		const struct scenario *t = &g->teams[i];
		htmlf(b,
		      "<tr data-team=\"%a\"><td class=\"team\"><a class=\"name\" "
		      "href=\"/teams/%p%s\">%s"
		      "</a></td><td class=\"total\">%d</td><td class=\"state s%d\">%s</td><td "
		      "class=\"needs\">%s</td></tr>\n",
		      t->team, t->slug, i18n_q(), t->team, t->points, (int)t->state,
		      tr(state_words[t->state]), trm(&t->needs));
	}
	htmlf(b, "</tbody></table></div>\n");
}

/* GET /t/{tournament}/{stage}/scenarios[?after=N]. */
void
page_scenarios(const struct http_req *req, struct http_out *out)
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
	if (scenarios_of(req->db, &s, &sc) != 0) {
		scenarios_free(&sc);
		return; /* recorded (db_error_set): http_handle answers */
	}
	struct buf *b = &out->body;
	html_open_live(b, tr("scen.title", sc.s.stage, sc.s.tournament), stage_lead(&sc.s),
	               req->version);
	stage_head(b, &sc.s, 4);
	htmlf(b, "<section id=\"live\">");
	page_story(b, &sc.s, 0);
	for (int g = 0; g < sc.ngoals; g++)
		goal(b, &sc.goals[g], sc.s.nrows);
	if (sc.nnotes) {
		htmlf(b, "<ul class=\"notes\">");
		for (int i = 0; i < sc.nnotes; i++)
			htmlf(b, "<li>%s</li>", trm(&sc.notes[i]));
		htmlf(b, "</ul>\n");
	}
	htmlf(b, "</section>\n");
	html_close(b);
	scenarios_free(&sc);
}
