/* jibao — templates and merging them with a dataset.
 *
 * A template is an XML document in jibao's vocabulary (templates/jibao.rng,
 * docs/templates.md) that binds data with XPath 1.0 expressions evaluated
 * against the dataset. Merging a template with a dataset and parameters
 * gives a jb_document_t.
 */
#ifndef JIBAO_TEMPLATE_H
#define JIBAO_TEMPLATE_H

#include "jibao/dataset.h"
#include "jibao/document.h"
#include "jibao/error.h"
#include "jibao/limits.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct jb_template jb_template_t;
typedef struct jb_params jb_params_t;

/* Template parameters (--param name=value). Freed by the caller. */
jb_params_t *jb_params_new(void);
void jb_params_free(jb_params_t *params);

/* Set one parameter from "name=value". Fails with JB_ERR_PARAM when there is
 * no '=' or the name is not an XML name. */
jb_status_t jb_params_parse(jb_params_t *params, const char *assignment, jb_error_t *err);

/* Parse a template safely (no network, no DTD, no entities) and validate it
 * against the schema. Every schema violation is passed to diag (may be
 * NULL); err holds the first problem. Returns NULL with JB_ERR_IO,
 * JB_ERR_SYNTAX or JB_ERR_SCHEMA. The caller frees the result. */
jb_template_t *jb_template_load_file(const char *path, jb_diag_fn diag, void *user,
                                     jb_error_t *err);

/* The same from len bytes in memory; name stands for the file in errors
 * and its folder is the root for includes. */
jb_template_t *jb_template_load_memory(const char *buf, size_t len, const char *name,
                                       jb_diag_fn diag, void *user, jb_error_t *err);

/* Free a template. NULL is a no-op. */
void jb_template_free(jb_template_t *tpl);

/* The template's path as given when loading. Owned by tpl. */
const char *jb_template_get_path(const jb_template_t *tpl);

/* Files the template includes must lie under dir (default: the template's
 * folder). The string is copied. */
void jb_template_set_root(jb_template_t *tpl, const char *dir);

/* Wall-clock limit in seconds on the XPath evaluation of one merge
 * (default 60); 0 = none. Hitting it fails the merge with JB_ERR_LIMIT. */
void jb_template_set_time_limit(jb_template_t *tpl, double seconds);

/* Set every limit the merge enforces (jibao/limits.h: xpath-ops,
 * xpath-time, include-depth, chart-points, table-rows); copied. */
void jb_template_set_limits(jb_template_t *tpl, const jb_limits_t *limits);

/* Merge the template with a dataset and parameters into a new document,
 * evaluating every binding. Stops at the first problem: JB_ERR_PARAM (a
 * required or unknown parameter), JB_ERR_XPATH (an expression that does not
 * compile or evaluate, or selects nothing where a value is required), with
 * the template line and column. The caller frees the document. */
jb_document_t *jb_template_merge(const jb_template_t *tpl, jb_dataset_t *ds,
                                 const jb_params_t *params, jb_error_t *err);

/* As jb_template_merge, and warnings (optional values that select nothing)
 * go to diag (may be NULL), as do errors. */
jb_document_t *jb_template_merge_full(const jb_template_t *tpl, jb_dataset_t *ds,
                                      const jb_params_t *params, jb_diag_fn diag, void *user,
                                      jb_error_t *err);

/* Do everything merge does without keeping the result, and report every
 * problem to diag rather than only the first. Returns JB_OK when there was
 * none; otherwise the status of the first, which err holds. */
jb_status_t jb_template_check(const jb_template_t *tpl, jb_dataset_t *ds,
                              const jb_params_t *params, jb_diag_fn diag, void *user,
                              jb_error_t *err);

#ifdef __cplusplus
}
#endif
#endif
