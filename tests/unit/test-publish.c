/* test-publish.c: the URLs `tracker serve --publish` takes, and the message for each it refuses. */
#include <stdlib.h>

#include "publish.h"
#include "unit.h"

/* A URL and the message refusing it ("" when it is taken). */
static const struct {
	const char *url, *err;
} cases[] = {
    {"http://127.0.0.1:8081/.tracker/publish", ""},
    {"http://localhost/pub", ""},
    {"http://edge-1.example:80/pub?x=1", ""},
    {"http://[::1]:8081/pub", ""},
    {"https://127.0.0.1/pub", "--publish: 'https://127.0.0.1/pub' is not http://HOST[:PORT]/PATH"},
    {"http://127.0.0.1:8081", "--publish: 'http://127.0.0.1:8081' is not http://HOST[:PORT]/PATH"},
    {"http:///pub", "--publish: 'http:///pub' is not http://HOST[:PORT]/PATH"},
    {"http://h:0/pub", "--publish: 'http://h:0/pub' is not http://HOST[:PORT]/PATH"},
    {"http://h:65536/pub", "--publish: 'http://h:65536/pub' is not http://HOST[:PORT]/PATH"},
    {"http://h:8o/pub", "--publish: 'http://h:8o/pub' is not http://HOST[:PORT]/PATH"},
    {"http://h:/pub", "--publish: 'http://h:/pub' is not http://HOST[:PORT]/PATH"},
    {"http://h/a b", "--publish: 'http://h/a b' is not http://HOST[:PORT]/PATH"},
    {"http://[::1/pub", "--publish: 'http://[::1/pub': the [IPv6] address has no ']'"},
};

int
main(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *err = NULL;
		int rc = publish_parse(cases[i].url, &err);
		char name[160];
		snprintf(name, sizeof name, "publish URL %s", cases[i].url);
		if (*cases[i].err == '\0')
			CHECK(name, rc == 0 && err == NULL);
		else
			CHECK_STR(name, cases[i].err, rc == -1 ? err : NULL);
		free(err);
	}
	return unit_failed;
}
