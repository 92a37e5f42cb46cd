/*
 * net.h: what the hostile clients of tests/hostile/ share: a clock and a
 * socket to the server on 127.0.0.1. Built with each of them (net.c).
 */
#ifndef HOSTILE_NET_H
#define HOSTILE_NET_H

/* Seconds since an arbitrary start (CLOCK_MONOTONIC), for durations. */
double now(void);

/*
 * A socket connected to 127.0.0.1:port from address src (NULL: any);
 * flags go to socket(2): with SOCK_NONBLOCK the connect may still be under
 * way. -1 when refused or src cannot be bound.
 */
int dial(const char *src, int port, int flags);

#endif
