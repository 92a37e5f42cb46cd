/* deadline.h: a whole-request deadline over libmicrohttpd's idle timeout. */
#ifndef TRACKER_DEADLINE_H
#define TRACKER_DEADLINE_H

#include <microhttpd.h>

int deadline_start(unsigned seconds);
void deadline_stop(void);
void deadline_notify(void *cls, struct MHD_Connection *c, void **socket_context,
                     enum MHD_ConnectionNotificationCode toe);
void deadline_arm(struct MHD_Connection *c, int armed);

#endif
