/* backup.h: a consistent copy of the live database (SQLite's online backup). */
#ifndef TRACKER_BACKUP_H
#define TRACKER_BACKUP_H

#include <sqlite3.h>
#include <stdint.h>

struct backup_info {
	int64_t matches; /* matches in the copy */
	int64_t bytes;   /* size of the copy */
};

int backup_copy(sqlite3 *db, const char *path, int force, struct backup_info *info, char **err);
char *backup_beside(sqlite3 *db, struct backup_info *info, char **err);

#endif
