/*
 * names.c: the teams (or players) one imported document names. Each
 * spelling is interned once (name_clean() of what was written) and points to
 * its entity, interned by name_key(), so "RRQ Kazu" and " rrq  KAZU " are
 * two spellings of one entity. Both live in small open-addressing hash maps,
 * so the importer looks each entity up in the database once per document,
 * not once per row.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "util.h"

/* FNV-1a of s. */
static uint32_t
hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The value stored under key (whose hash is h), or -1. */
static int
map_get(const struct names_map *m, const char *key, uint32_t h)
{
	if (m->cap == 0)
		return -1;
	for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		const struct names_slot *s = &m->slots[i];
		if (s->key == NULL)
			return -1;
		if (s->hash == h && strcmp(s->key, key) == 0)
			return s->val;
	}
}

/* Store val under key, which must not be there yet and must outlive m. */
static void
map_put(struct names_map *m, const char *key, uint32_t h, int val)
{
	if (2 * (m->n + 1) > m->cap) {
		struct names_map bigger = {xcalloc(m->cap ? 2 * m->cap : 64, sizeof *m->slots),
		                           m->cap ? 2 * m->cap : 64, 0};
		for (size_t i = 0; i < m->cap; i++)
			if (m->slots[i].key)
				map_put(&bigger, m->slots[i].key, m->slots[i].hash,
				        m->slots[i].val);
		free(m->slots);
		*m = bigger;
	}
	size_t i = h & (m->cap - 1);
	while (m->slots[i].key)
		i = (i + 1) & (m->cap - 1);
	m->slots[i] = (struct names_slot){key, h, val};
	m->n++;
}

/* 1 if name_clean(s) would return s unchanged. */
static int
is_clean(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	if (isspace(*p))
		return 0;
	for (; *p; p++)
		if (isspace(*p) && (*p != ' ' || p[1] == '\0' || isspace(p[1])))
			return 0;
	return 1;
}

/*
 * The index in n->sps of the spelling given is written in, interning the
 * spelling and, when its key is new, its entity. Returns -1 when given is
 * empty after white space folding.
 */
int
names_intern(struct names *n, const char *given)
{
	char *clean = NULL;
	const char *s = given;
	if (!is_clean(given))
		s = clean = name_clean(given);
	if (*s == '\0') {
		free(clean);
		return -1;
	}
	uint32_t h = hash(s);
	int i = map_get(&n->byspelling, s, h);
	if (i >= 0) {
		free(clean);
		return i;
	}
	if (clean == NULL)
		clean = xstrdup(given);
	char *key = name_key(clean);
	uint32_t hk = hash(key);
	int e = map_get(&n->bykey, key, hk);
	if (e < 0) {
		if (n->nents == n->capents) {
			n->capents = n->capents ? 2 * n->capents : 64;
			n->ents = xrealloc(n->ents, (size_t)n->capents * sizeof *n->ents);
		}
		e = n->nents++;
		n->ents[e] = (struct names_entity){.key = key, .first = -1};
		map_put(&n->bykey, key, hk, e);
	} else
		free(key);
	if (n->nsps == n->capsps) {
		n->capsps = n->capsps ? 2 * n->capsps : 64;
		n->sps = xrealloc(n->sps, (size_t)n->capsps * sizeof *n->sps);
	}
	i = n->nsps++;
	n->sps[i] = (struct names_spelling){clean, e, 0};
	map_put(&n->byspelling, clean, h, i);
	return i;
}

/* The index in n->ents of the entity whose key is key, or -1. */
int
names_entity(const struct names *n, const char *key)
{
	return map_get(&n->bykey, key, hash(key));
}

/* The index in n->sps of spelling text (as names_intern stores it), or -1. */
int
names_spelling(const struct names *n, const char *text)
{
	return map_get(&n->byspelling, text, hash(text));
}

/* Free what n holds and leave it empty. */
void
names_free(struct names *n)
{
	for (int i = 0; i < n->nents; i++) {
		free(n->ents[i].key);
		free(n->ents[i].stored);
	}
	for (int i = 0; i < n->nsps; i++)
		free(n->sps[i].text);
	free(n->ents);
	free(n->sps);
	free(n->bykey.slots);
	free(n->byspelling.slots);
	memset(n, 0, sizeof *n);
}
