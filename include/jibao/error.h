/* jibao — status codes and the error record shared by every stage.
 *
 * A fallible function returns a jb_status_t (or NULL) and takes a
 * jb_error_t *err as its last argument; err may be NULL when the caller does
 * not care. The numbers of jb_status_t never change once released.
 */
#ifndef JIBAO_ERROR_H
#define JIBAO_ERROR_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    JB_OK = 0,
    JB_ERR_USAGE = 1,        /* bad arguments to a function or the CLI */
    JB_ERR_IO = 2,           /* reading or writing a file failed */
    JB_ERR_SYNTAX = 3,       /* malformed XML (template, dataset, chart spec) */
    JB_ERR_SCHEMA = 4,       /* document does not follow the schema */
    JB_ERR_XPATH = 5,        /* XPath does not compile or evaluate */
    JB_ERR_DATA = 6,         /* dataset content is wrong or missing */
    JB_ERR_FONT = 7,         /* no usable font */
    JB_ERR_RENDER = 8,       /* cairo or pango failed while drawing */
    JB_ERR_LIMIT = 9,        /* a named resource limit was hit */
    JB_ERR_UNSUPPORTED = 10, /* valid request that this version cannot do */
    JB_ERR_PARAM = 11,       /* template parameter missing or malformed */
    JB_ERR_INPUT = 12,       /* an article cannot be read or decoded */
    JB_STATUS_COUNT
} jb_status_t;

/* Where a problem is and what it is. line and col are 1-based; 0 means
 * unknown. offset is a byte offset into the file, or -1 when unknown. */
typedef struct {
    jb_status_t status;
    char file[1024];
    unsigned line;
    unsigned col;
    int64_t offset;
    int is_warning; /* a diagnostic that does not fail the run */
    char message[1024];
} jb_error_t;

/* Diagnostics callback for passes that report every problem (template
 * checking). The record is valid only during the call. */
typedef void (*jb_diag_fn)(const jb_error_t *diag, void *user);

/* Reset err to "no error". NULL is a no-op. */
void jb_error_clear(jb_error_t *err);

/* Fill err (if not NULL) and return status, so that callers can write
 * `return jb_error_set(err, JB_ERR_IO, path, 0, 0, -1, "…", …);`.
 * file may be NULL. The message is truncated to fit. */
jb_status_t jb_error_set(jb_error_t *err, jb_status_t status, const char *file, unsigned line,
                         unsigned col, int64_t offset, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/* A short human name for a status ("syntax error"); never NULL. */
const char *jb_status_get_name(jb_status_t status);

/* Format err as "file:line:col: error: message" (parts that are unknown are
 * left out) into buf of size n. Returns buf. */
char *jb_error_format(const jb_error_t *err, const char *severity, char *buf, size_t n);

#ifdef __cplusplus
}
#endif
#endif
