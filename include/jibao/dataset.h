/* jibao — the dataset: extracted facts and their sources.
 *
 * The dataset XML (DESIGN.md, contract 1) is what templates bind to with
 * XPath. Several files may be loaded into one dataset; their <source> and
 * <fact> elements are gathered under a single <dataset> root.
 */
#ifndef JIBAO_DATASET_H
#define JIBAO_DATASET_H

#include "jibao/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct jb_dataset jb_dataset_t;

/* A new, empty dataset. The caller frees it with jb_dataset_free. */
jb_dataset_t *jb_dataset_new(void);

/* Free the dataset. NULL is a no-op. */
void jb_dataset_free(jb_dataset_t *ds);

/* Read a dataset file ("-" = standard input) and add its sources and facts:
 * dataset XML checked against data/dataset.rng, or facts CSV (by the .csv
 * extension; see jb_dataset_load_csv). An id another loaded file already
 * uses gets a -2, -3 … suffix (facts follow their renamed source). Fails
 * with JB_ERR_IO, JB_ERR_SYNTAX (with line and column) or JB_ERR_DATA; the
 * dataset is left unchanged on failure. */
jb_status_t jb_dataset_load_file(jb_dataset_t *ds, const char *path, jb_error_t *err);

/* Add a dataset XML document held in memory; name stands for the file in
 * errors. */
jb_status_t jb_dataset_load_memory(jb_dataset_t *ds, const char *buf, size_t len,
                                   const char *name, jb_error_t *err);

/* Read facts in CSV with the columns of `jibao extract --format csv` (a
 * header row naming them, in any order; entity, indicator, kind and value
 * required; RFC 4180 quoting; UTF-8). Each distinct doc becomes a source.
 * Errors name the line and column of the bad field; on failure nothing is
 * added. */
jb_status_t jb_dataset_load_csv(jb_dataset_t *ds, const char *path, jb_error_t *err);

/* Apply an analyst's corrections file (data/corrections.rng): each
 * <correct> names a fact by id, or by entity, indicator, period and kind,
 * and gives the value to use. The fact keeps its original value and who
 * corrected it (original-value, corrected-by, correction-note attributes); a
 * correction by entity/indicator/period/kind that matches no fact adds one.
 * A correction naming an unknown fact id is an error (JB_ERR_DATA with its
 * line and column); on failure the dataset is unchanged. Returns JB_OK and
 * the number of facts changed or added in *n_applied (may be NULL). */
jb_status_t jb_dataset_load_corrections(jb_dataset_t *ds, const char *path, size_t *n_applied,
                                        jb_error_t *err);

size_t jb_dataset_get_fact_count(const jb_dataset_t *ds);
size_t jb_dataset_get_source_count(const jb_dataset_t *ds);

#ifdef __cplusplus
}
#endif
#endif
