/* publish.h: `tracker serve --publish URL`: every update POSTed to nchan, off the request threads. */
#ifndef TRACKER_PUBLISH_H
#define TRACKER_PUBLISH_H

int publish_parse(const char *url, char **err);
int publish_start(const char *url, char **err);
void publish_stop(void);

#endif
