/* session.h: the desk's sessions (a cookie opened by a token), their CSRF tokens, and the
 * throttle on wrong tokens. */
#ifndef TRACKER_SESSION_H
#define TRACKER_SESSION_H

#include "http.h"

#define SESSION_ID 33 /* bytes of a session id or CSRF token: 32 hex digits and a NUL */

struct session {
	char id[SESSION_ID];   /* the cookie's value */
	char csrf[SESSION_ID]; /* what every form of the session carries */
	char name[64];         /* the name of the token that opened it */
};

int session_open(const char *name, struct session *s);
int session_get(const struct http_req *req, struct session *s);
int session_csrf_ok(const struct session *s, const char *given);
void session_close(const char *id);
int session_throttled(const char *client);
void session_failed(const char *client);

#endif
