/* jibao — resource limits: every limit a render can hit, by name.
 *
 * Each limit has a name (used in messages and in --limit NAME=VALUE), a
 * default and a unit; docs/cli.md lists them. 0 means "no limit" for every
 * one. The library enforces those it can see (input size, XPath, includes,
 * chart points, table rows); render time and memory are enforced by the
 * program that runs the render (jibao render, batch workers).
 */
#ifndef JIBAO_LIMITS_H
#define JIBAO_LIMITS_H

#include <stddef.h>

#include "jibao/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    double input_size;    /* input-size: bytes of one template, dataset or corrections file */
    double xpath_ops;     /* xpath-ops: steps of one XPath evaluation */
    double xpath_time;    /* xpath-time: seconds of XPath evaluation per render */
    double include_depth; /* include-depth: nested <include>s */
    double chart_points;  /* chart-points: points of one chart, all series together */
    double table_rows;    /* table-rows: body rows of one table */
    double render_time;   /* render-time: wall-clock seconds of one render (the program) */
    double memory;        /* memory: MiB of memory for one render (the program) */
    double article_size;  /* article-size: bytes of one article (ingest) */
    double html_depth;    /* html-depth: element nesting of an HTML article (at most 2048) */
} jb_limits_t;

/* Fill limits with the defaults. */
void jb_limits_init(jb_limits_t *limits);

/* Set one limit from "NAME=VALUE" (VALUE a non-negative number; 0 = none).
 * Fails with JB_ERR_USAGE naming the known limits. */
jb_status_t jb_limits_parse(jb_limits_t *limits, const char *assignment, jb_error_t *err);

/* The input-size limit for the file at path: JB_ERR_LIMIT naming the file
 * when it is larger; JB_OK for smaller, missing or special files (reading
 * them reports those). limits NULL: no check. */
jb_status_t jb_limits_check_file(const jb_limits_t *limits, const char *path, jb_error_t *err);

/* The names of the limits, space-separated, for help texts. */
const char *jb_limits_get_names(void);

#ifdef __cplusplus
}
#endif
#endif
