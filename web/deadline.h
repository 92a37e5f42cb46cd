/* deadline.h: each connection's deadline per request and share of the connection limit. */
#ifndef TRACKER_DEADLINE_H
#define TRACKER_DEADLINE_H

#include <microhttpd.h>

#include "peers.h"

struct deadline_conf {
	unsigned request_timeout; /* seconds a request may take to arrive whole */
	unsigned max_conns;       /* connections at once (reclaiming near it; 0: never) */
	unsigned per_ip;          /* connections at once for one address (0: no limit) */
};

int deadline_start(const struct deadline_conf *c);
void deadline_stop(void);
void deadline_notify(void *cls, struct MHD_Connection *c, void **socket_context,
                     enum MHD_ConnectionNotificationCode toe);
enum MHD_Result deadline_accept(void *cls, const struct sockaddr *addr, socklen_t len);
int deadline_client(struct MHD_Connection *c, const struct peer_addr *client);
void deadline_arm(struct MHD_Connection *c, int armed);

#endif
