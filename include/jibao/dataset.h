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

/* Read a dataset XML file ("-" = standard input), check it against the
 * dataset schema and add its sources and facts. Fails with JB_ERR_IO,
 * JB_ERR_SYNTAX (with line and column) or JB_ERR_DATA; the dataset is left
 * unchanged on failure. */
jb_status_t jb_dataset_load_file(jb_dataset_t *ds, const char *path, jb_error_t *err);

size_t jb_dataset_get_fact_count(const jb_dataset_t *ds);
size_t jb_dataset_get_source_count(const jb_dataset_t *ds);

#ifdef __cplusplus
}
#endif
#endif
