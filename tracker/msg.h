/* msg.h: a sentence as data, a catalog key and its arguments: English for the CLI and the API
 * (msg_english), the reader's language on the pages (web/i18n.c). */
#ifndef TRACKER_MSG_H
#define TRACKER_MSG_H

#define MSG_MAX_ARGS 6

enum msg_type {
	MSG_INT,  /* a number */
	MSG_STR,  /* a text, as given (a team's name, a reason) */
	MSG_LIST, /* texts joined by ", " */
	MSG_OR,   /* texts joined by ", " and the last by the catalog's list.or (" or ") */
	MSG_MSG   /* a message, said in the same language */
};

struct msg_arg {
	enum msg_type type;
	long long n;   /* MSG_INT */
	char *s;       /* MSG_STR; MSG_LIST and MSG_OR: the texts, each ending in '\n' */
	struct msg *m; /* MSG_MSG */
};

struct msg {
	const char *key; /* catalog key (a literal); with count >= 0, key.one or key.other */
	int count;       /* 1: key.one, other values: key.other; -1: key itself */
	int nargs;
	struct msg_arg arg[MSG_MAX_ARGS]; /* in the order of the text's conversions */
};

struct msg msg_of(const char *key, int count, const char *types, ...);
char *msg_english(const struct msg *m);
struct buf;
void msg_json_array(const struct msg *m, int n, struct buf *out);
void msg_free(struct msg *m);

#endif
