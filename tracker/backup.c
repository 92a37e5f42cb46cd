/*
 * backup.c: copying the database while a server or an import writes to it.
 * SQLite's online backup API copies every page inside one read transaction,
 * so the copy is the database as of one commit, the last writes still in
 * the -wal file included (which a `cp` of the main file misses). In WAL
 * mode readers do not wait for writers; the copy retries while SQLite
 * answers busy (a checkpoint or recovery in another process).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "backup.h"
#include "db.h"
#include "util.h"

#define BUSY_TRIES 200 /* times 50 ms: how long a busy database is waited for */

/* Copy db's main database into the open, empty dst. 0, or -1 with *err set. */
static int
copy(sqlite3 *db, sqlite3 *dst, const char *path, char **err)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", db, "main");
	if (b == NULL) {
		*err = xasprintf("%s: %s", path, sqlite3_errmsg(dst));
		return -1;
	}
	int rc, tries = 0;
	/* -1: every page in one step, so that one read transaction sees them all */
	while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY) {
		if (++tries > BUSY_TRIES)
			break;
		sqlite3_sleep(50);
	}
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		*err = xasprintf("%s: %s", path, sqlite3_errstr(rc));
		return -1;
	}
	return 0;
}

/* 1 if path is the file of db's main database (or its -wal or -shm), else 0. */
static int
same_file(sqlite3 *db, const char *path)
{
	const char *file = sqlite3_db_filename(db, "main");
	struct stat a, b;
	if (file == NULL || *file == '\0' || stat(path, &b) != 0)
		return 0;
	const char *suffix[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		char *f = xasprintf("%s%s", file, suffix[i]);
		int same = stat(f, &a) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
		free(f);
		if (same)
			return 1;
	}
	return 0;
}

/*
 * Copy db into a new file at path: refused when path exists, unless force
 * (then the old file and its -wal and -shm are replaced), and always when
 * path is the database itself. On success fills
 * *info (matches in the copy, its size) and returns 0; else -1 with *err
 * set (free() it) and no file left behind that was not there before.
 */
int
backup_copy(sqlite3 *db, const char *path, int force, struct backup_info *info, char **err)
{
	*err = NULL;
	if (same_file(db, path)) {
		*err = xasprintf("%s is the database itself: name another file", path);
		return -1;
	}
	if (force) {
		char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
		unlink(wal);
		unlink(shm);
		free(wal);
		free(shm);
		if (unlink(path) != 0 && errno != ENOENT) {
			*err = xasprintf("%s: cannot replace: %s", path, strerror(errno));
			return -1;
		}
	}
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		*err = errno == EEXIST
		           ? xasprintf("%s exists: name a new file, or --force to replace it", path)
		           : xasprintf("%s: cannot create: %s", path, strerror(errno));
		return -1;
	}
	close(fd);
	sqlite3 *dst = NULL;
	int rc = -1;
	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		*err = xasprintf("%s: %s", path, sqlite3_errmsg(dst));
		goto out;
	}
	if (copy(db, dst, path, err) != 0)
		goto out;
	/* one self-contained file: no -wal beside it */
	if (db_exec(dst, "PRAGMA journal_mode=DELETE") != 0) {
		*err = xasprintf("%s: %s", path, sqlite3_errmsg(dst));
		goto out;
	}
	info->matches = 0;
	if (db_int(dst, &info->matches, "SELECT count(*) FROM match", 0) != 0) {
		*err = xasprintf("%s: %s", path, db_error());
		goto out;
	}
	rc = 0;
out:
	sqlite3_close(dst);
	struct stat sb;
	if (rc == 0 && stat(path, &sb) == 0)
		info->bytes = (int64_t)sb.st_size;
	if (rc != 0)
		unlink(path);
	return rc;
}

/*
 * Copy db into a new file beside it, named DB.backup-YYYYMMDDTHHMMSSZ (with
 * -2, -3 ... when that exists), before a removal. The caller may hold the
 * write lock (BEGIN IMMEDIATE, nothing written yet): the copy is read
 * through a connection of its own, which sees the last commit, so it is
 * what the caller's transaction starts from. Returns the path (free() it)
 * with *info filled, or NULL with *err set.
 */
char *
backup_beside(sqlite3 *db, struct backup_info *info, char **err)
{
	const char *file = sqlite3_db_filename(db, "main");
	sqlite3 *src = NULL;
	char *path = NULL;
	if (file == NULL || *file == '\0') {
		*err = xstrdup("the database has no file to put a backup beside");
		return NULL;
	}
	if (sqlite3_open_v2(file, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		*err = xasprintf("%s: %s", file, sqlite3_errmsg(src));
		goto out;
	}
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", gmtime_r(&now, &tm));
	for (int k = 1;; k++) {
		path = k == 1 ? xasprintf("%s.backup-%s", file, stamp)
		              : xasprintf("%s.backup-%s-%d", file, stamp, k);
		if (access(path, F_OK) != 0)
			break;
		free(path);
	}
	if (backup_copy(src, path, 0, info, err) != 0) {
		free(path);
		path = NULL;
	}
out:
	sqlite3_close(src);
	return path;
}
