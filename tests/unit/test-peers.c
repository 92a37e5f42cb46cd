/*
 * test-peers.c: who a client is (web/peers.c): trusted proxies given as
 * addresses and networks, the client a trusted proxy's X-Forwarded-For
 * names, what an untrusted peer claims ignored, and the per-address counts.
 */
#include <arpa/inet.h>
#include <stdlib.h>

#include "peers.h"
#include "unit.h"
#include "util.h"

/* The client a request from peer with X-Forwarded-For xff (NULL: none) is for, as text. */
static const char *
client(const char *peer, const char *xff)
{
	static char out[INET6_ADDRSTRLEN];
	struct peer_addr p, c;
	if (peer_parse(peer, strlen(peer), &p) != 0)
		return "(peer not an address)";
	peer_forwarded(&p, xff, &c);
	peer_format(&c, out, sizeof out);
	return out;
}

static int
trusted(const char *a)
{
	struct peer_addr p;
	return peer_parse(a, strlen(a), &p) == 0 && peer_trusted(&p);
}

int
main(void)
{
	char *err = NULL;
	CHECK("trust: addresses and networks", peer_trust("127.0.0.9, 10.0.0.0/8", &err) != 0);
	CHECK_STR("trust: a blank after the comma is no address",
	          "--trust-proxy: ' 10.0.0.0/8' is not an address (ADDR or ADDR/BITS)", err);
	free(err);
	peer_trust_clear();
	CHECK("trust: a comma list", peer_trust("127.0.0.9,10.0.0.0/8", &err) == 0);
	CHECK("trust: repeated", peer_trust("2001:db8::/32", &err) == 0);
	const char *bad[] = {"",          "127.0.0.300", "10.0.0.0/33",
	                     "10.0.0.0/", "10.0.0.0/8x", "2001:db8::/129",
	                     "localhost", "127.0.0.1,"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char name[64];
		snprintf(name, sizeof name, "trust: '%s' refused", bad[i]);
		err = NULL;
		CHECK(name, peer_trust(bad[i], &err) != 0 && err != NULL);
		free(err);
	}
	CHECK("trusted: the address", trusted("127.0.0.9"));
	CHECK("trusted: not its neighbour", !trusted("127.0.0.8"));
	CHECK("trusted: in 10/8", trusted("10.255.0.1"));
	CHECK("trusted: not 11.0.0.0", !trusted("11.0.0.0"));
	CHECK("trusted: in 2001:db8::/32", trusted("2001:db8:ffff::1"));
	CHECK("trusted: not 2001:db9::", !trusted("2001:db9::"));
	CHECK("trusted: an IPv4 address is not in an IPv6 network", !trusted("32.1.13.184"));

	/* peer, X-Forwarded-For, the client */
	const char *cases[][3] = {
	    {"127.0.0.9", NULL, "127.0.0.9"},                        /* no header: the proxy */
	    {"127.0.0.9", "198.51.100.1", "198.51.100.1"},           /* one hop */
	    {"127.0.0.9", "1.2.3.4, 198.51.100.1", "198.51.100.1"},  /* the client's own claim */
	    {"127.0.0.9", "198.51.100.1, 10.1.2.3", "198.51.100.1"}, /* behind two proxies */
	    {"127.0.0.9", " 198.51.100.1 ,\t10.1.2.3 ", "198.51.100.1"},
	    {"127.0.0.9", "10.0.0.1, 10.0.0.2", "10.0.0.1"}, /* all trusted: the left-most */
	    {"127.0.0.9", "garbage, 198.51.100.1", "198.51.100.1"},
	    {"127.0.0.9", "198.51.100.1, garbage", "127.0.0.9"}, /* stops at it */
	    {"127.0.0.9", "", "127.0.0.9"},
	    {"127.0.0.9", "2001:db8::1, 2001:db9::5", "2001:db9::5"},
	    {"127.0.0.8", "198.51.100.1", "127.0.0.8"}, /* not trusted: ignored */
	    {"2001:db8::7", "198.51.100.9", "198.51.100.9"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char name[160];
		snprintf(name, sizeof name, "forwarded: %s with '%s'", cases[i][0],
		         cases[i][1] ? cases[i][1] : "(none)");
		CHECK_STR(name, cases[i][2], client(cases[i][0], cases[i][1]));
	}

	struct peer_addr a, b;
	peer_parse("192.0.2.1", 9, &a);
	peer_parse("192.0.2.2", 9, &b);
	CHECK("take: 1 of 2", peer_take(&a, 2) == 1);
	CHECK("take: 2 of 2", peer_take(&a, 2) == 1);
	CHECK("take: a third refused", peer_take(&a, 2) == 0);
	CHECK("take: another address has its own", peer_take(&b, 2) == 1);
	CHECK("count: 2 and 1", peer_count(&a) == 2 && peer_count(&b) == 1);
	peer_give(&a);
	CHECK("give: room again", peer_take(&a, 2) == 1);
	CHECK("take: no limit", peer_take(&a, 0) == 1 && peer_count(&a) == 3);
	peer_give(&a), peer_give(&a), peer_give(&a), peer_give(&b);
	CHECK("give: all back", peer_count(&a) == 0 && peer_count(&b) == 0);

	/* IPv6: one client's /64 is one share; another /64 has its own */
	struct peer_addr c, d, e;
	peer_parse("2001:db8:1:2::1", 15, &c);
	peer_parse("2001:db8:1:2:ffff::9", 20, &d);
	peer_parse("2001:db8:1:3::1", 15, &e);
	CHECK("take: an IPv6 address", peer_take(&c, 2) == 1);
	CHECK("take: another in its /64", peer_take(&d, 2) == 1);
	CHECK("take: a third in that /64 refused", peer_take(&d, 2) == 0);
	CHECK("take: the next /64 has its own", peer_take(&e, 2) == 1);
	CHECK("count: the /64's", peer_count(&c) == 2 && peer_count(&e) == 1);
	peer_give(&c), peer_give(&d), peer_give(&e);
	CHECK("give: the /64's back", peer_count(&d) == 0 && peer_count(&e) == 0);
	peer_trust_clear();
	return unit_failed;
}
