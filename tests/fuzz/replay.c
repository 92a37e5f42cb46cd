/*
 * replay.c: the main() that stands in for libFuzzer's, so that a fuzz driver
 * built with gcc and -fsanitize=address,undefined replays files: each
 * argument is a file, or a directory whose regular files are each one input.
 * Every input is read into a buffer of exactly its size and handed to
 * LLVMFuzzerTestOneInput. Prints "replayed N inputs"; exits 1 when an
 * argument cannot be read. A crash aborts with the sanitizer's report after
 * the file's name has been printed on stderr.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

/* Replay one file. Returns 0, or -1 when it cannot be read. */
static int
replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return -1;
	}
	size_t cap = 4096, len = 0, n;
	uint8_t *data = xmalloc(cap);
	while ((n = fread(data + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap)
			data = xrealloc(data, cap *= 2);
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		fprintf(stderr, "%s: cannot read\n", path);
		free(data);
		return -1;
	}
	/* Exactly len bytes, as libFuzzer hands them over. */
	uint8_t *exact = xmalloc(len ? len : 1);
	memcpy(exact, data, len);
	free(data);
	fprintf(stderr, "replay: %s\n", path);
	LLVMFuzzerTestOneInput(exact, len);
	free(exact);
	return 0;
}

/* Names in a directory, sorted so that runs are repeatable. */
static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	int count = 0, rc = 0;
	for (int i = 1; i < argc; i++) {
		struct stat sb;
		if (stat(argv[i], &sb) != 0) {
			perror(argv[i]);
			rc = 1;
			continue;
		}
		if (!S_ISDIR(sb.st_mode)) {
			rc |= replay_file(argv[i]) != 0;
			count++;
			continue;
		}
		DIR *d = opendir(argv[i]);
		if (!d) {
			perror(argv[i]);
			rc = 1;
			continue;
		}
		char **names = NULL;
		size_t n = 0;
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			char *path = xasprintf("%s/%s", argv[i], e->d_name);
			if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode)) {
				names = xrealloc(names, (n + 1) * sizeof *names);
				names[n++] = path;
			} else
				free(path);
		}
		closedir(d);
		if (n)
			qsort(names, n, sizeof *names, by_name);
		for (size_t j = 0; j < n; j++) {
			rc |= replay_file(names[j]) != 0;
			count++;
			free(names[j]);
		}
		free(names);
	}
	printf("replayed %d inputs\n", count);
	return rc;
}
