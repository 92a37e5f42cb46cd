/* live.h: the data version, the watcher that notices writes, the event of each write, and
 * server-sent event streams. */
#ifndef TRACKER_LIVE_H
#define TRACKER_LIVE_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct live_ops {
	void (*suspend)(void *conn); /* park a stream's connection until resume */
	void (*resume)(void *conn);  /* wake a parked connection */
};

struct live_stream;

uint64_t live_version(void);
void live_bump(void);
void live_listen(void (*fn)(uint64_t version));
char *live_event_data(uint64_t version, size_t *len);
int live_start(sqlite3 *db, const struct live_ops *ops, int max_streams, char **err);
void live_stop(void);
struct live_stream *live_open(void *conn, int fd, uint64_t since);
ssize_t live_read(struct live_stream *s, char *out, size_t max);
void live_close(struct live_stream *s);

#endif
