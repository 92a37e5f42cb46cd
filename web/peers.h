/* peers.h: client addresses: trusted proxies, X-Forwarded-For, connections per address. */
#ifndef TRACKER_PEERS_H
#define TRACKER_PEERS_H

#include <stddef.h>
#include <sys/socket.h>

struct peer_addr {
	unsigned char b[16]; /* IPv6, an IPv4 address as ::ffff:a.b.c.d */
};

int peer_parse(const char *s, size_t n, struct peer_addr *a);
int peer_of(const struct sockaddr *sa, struct peer_addr *a);
void peer_format(const struct peer_addr *a, char *out, size_t size);
int peer_trust(const char *list, char **err);
void peer_trust_clear(void);
int peer_trusted(const struct peer_addr *a);
void peer_forwarded(const struct peer_addr *peer, const char *xff, struct peer_addr *client);
int peer_take(const struct peer_addr *a, unsigned limit);
void peer_give(const struct peer_addr *a);
unsigned peer_count(const struct peer_addr *a);

#endif
