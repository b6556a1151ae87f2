/* jibao — extract: the statistics of an ingested article, as facts
 * (DESIGN.md, contract 1): value, unit, kind, indicator, entity, period,
 * qualifiers, and the byte offset of the number in the original file.
 * Second stage of the pipeline: reads jb_article_t, feeds the dataset.
 */
#ifndef JIBAO_EXTRACT_H
#define JIBAO_EXTRACT_H

#include "jibao/dataset.h"
#include "jibao/error.h"
#include "jibao/ingest.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The extractor: the units, indicator lexicon and entity words of data/,
 * loaded once and shared by every article. */
typedef struct jb_extractor jb_extractor_t;

/* Load the extractor's data files from data_dir (NULL = jibao's data
 * folder, jb_get_data_dir()/data). The caller frees it with
 * jb_extractor_free. Fails (NULL) with JB_ERR_IO or JB_ERR_DATA naming the
 * file and line. */
jb_extractor_t *jb_extractor_new(const char *data_dir, jb_error_t *err);

/* Free the extractor. NULL is a no-op. */
void jb_extractor_free(jb_extractor_t *ex);

/* Called once per fact, in the order of the text. The fact and its strings
 * are valid only during the call. */
typedef void (*jb_fact_fn)(const jb_fact_t *fact, void *user);

/* Extract every statistic of the article, calling fn for each. Memory is
 * bounded by one sentence beyond the article itself. Returns the number of
 * facts found. Never fails on text: text without statistics gives none. */
size_t jb_extract_article(const jb_extractor_t *ex, const jb_article_t *article, jb_fact_fn fn,
                          void *user);

/* Read each article (opts may be NULL), add it as a source of ds and its
 * facts to ds. An article that cannot be read is passed to diag (may be
 * NULL) and skipped; the others are still extracted. JB_ERR_USAGE (an
 * unknown --encoding) stops at once. Returns JB_OK, or the status of the
 * first article that failed, which err holds. */
jb_status_t jb_extract_files(const jb_extractor_t *ex, const char *const *paths, size_t n,
                             const jb_ingest_options_t *opts, jb_dataset_t *ds, jb_diag_fn diag,
                             void *user, jb_error_t *err);

#ifdef __cplusplus
}
#endif
#endif
