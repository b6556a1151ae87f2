/* Small helpers of the core library: whole-file reading and atomic output.
 * Not installed. */
#ifndef JIBAO_UTIL_PRIVATE_H
#define JIBAO_UTIL_PRIVATE_H

#include <glib.h>
#include <stdio.h>

#include "jibao/error.h"

/* Read the whole of path ("-" = standard input) into a NUL-terminated buffer
 * the caller frees with g_free. Returns FALSE and sets *gerr on failure
 * (gerr may be NULL). */
gboolean jb_read_file(const char *path, char **buf, size_t *len, GError **gerr);

/* Output written to a temporary file beside the target and renamed over it
 * only when complete, so a crash or a kill never leaves a partial file at
 * the target path and never loses the previous good one. */
typedef struct jb_atomic_file jb_atomic_file_t;

/* Create the temporary file in path's folder. A path that exists and is
 * not a regular file (a device, a FIFO) is opened and written in place. Fails with JB_ERR_IO naming
 * path. The result is freed by _commit or _abort. */
jb_atomic_file_t *jb_atomic_file_open(const char *path, jb_error_t *err);

/* Remove temporary files a killed writer left beside path (a kill -9
 * between naming the temporary file and renaming it). Only for a caller
 * that holds a lock excluding every other writer of path (jibao batch). */
void jb_atomic_file_sweep(const char *path);

/* The stream to write to; owned by the atomic file. */
FILE *jb_atomic_file_get_stream(jb_atomic_file_t *af);

/* Flush, fsync, give the file the usual permissions, rename it over the
 * target and fsync the folder. On failure the temporary file is removed and
 * JB_ERR_IO returned. af is freed in every case. */
jb_status_t jb_atomic_file_commit(jb_atomic_file_t *af, jb_error_t *err);

/* Close and remove the temporary file; af is freed. NULL is a no-op. */
void jb_atomic_file_abort(jb_atomic_file_t *af);

#endif
