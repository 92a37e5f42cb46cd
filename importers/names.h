/* names.h: the teams or players one imported document names, interned by spelling and key. */
#ifndef TRACKER_IMPORT_NAMES_H
#define TRACKER_IMPORT_NAMES_H

#include <stddef.h>
#include <stdint.h>

struct names_entity {
	char *key;    /* name_key(): the identity of the team or player */
	char *stored; /* its name as stored in the database, or NULL */
	int64_t id;   /* row id; 0: not looked up yet; -1: not in the database */
	int first;    /* the spelling that created it in this document; -1: stored before */
	int stamp;    /* 1 + the index of the last match it was seen in */
	int where_r;  /* the result it was seen in, in that match */
	int where_p;  /* the player entry it was seen in, in that match */
};

struct names_spelling {
	char *text; /* name_clean() of what the document wrote */
	int entity; /* index into names.ents */
	int known;  /* 1 once its alias row is known to exist; -1: known not to; 0: unknown */
};

struct names_slot {
	const char *key; /* a string owned by an entity or a spelling; NULL: empty slot */
	uint32_t hash;   /* hash of key */
	int val;         /* index of the entity or spelling */
};

struct names_map {
	struct names_slot *slots; /* open addressing, cap a power of two */
	size_t cap, n;            /* slots allocated, used */
};

struct names {
	struct names_entity *ents;   /* distinct teams or players */
	int nents, capents;          /* used, allocated */
	struct names_spelling *sps;  /* distinct spellings */
	int nsps, capsps;            /* used, allocated */
	struct names_map bykey;      /* key -> entity */
	struct names_map byspelling; /* spelling -> spelling index */
};

int names_intern(struct names *n, const char *given);
int names_entity(const struct names *n, const char *key);
int names_spelling(const struct names *n, const char *text);
void names_free(struct names *n);

#endif
