/* Articles into a dataset: ingest each file, add it as a source, extract
 * its facts into the dataset. What `jibao build` and article inputs of
 * `jibao batch` do before rendering. */
#include <stdio.h>

#include "jibao/extract.h"

typedef struct {
    jb_dataset_t *ds;
    const char *source;
} fact_sink_t;

static void
add_fact(const jb_fact_t *fact, void *user)
{
    fact_sink_t *sink = user;
    jb_dataset_add_fact(sink->ds, sink->source, fact);
}

jb_status_t
jb_extract_files(const jb_extractor_t *ex, const char *const *paths, size_t n,
                 const jb_ingest_options_t *opts, jb_dataset_t *ds, jb_diag_fn diag, void *user,
                 jb_error_t *err)
{
    jb_status_t first = JB_OK;
    for (size_t i = 0; i < n; i++) {
        jb_error_t e;
        jb_error_clear(&e);
        jb_article_t *a = jb_ingest_load_file(paths[i], opts, &e);
        if (!a) {
            if (!e.file[0])
                snprintf(e.file, sizeof e.file, "%s", paths[i]);
            if (diag)
                diag(&e, user);
            if (first == JB_OK) {
                first = e.status;
                if (err)
                    *err = e;
            }
            if (e.status == JB_ERR_USAGE)
                return e.status;
            continue;
        }
        fact_sink_t sink = {ds, jb_dataset_add_source(ds, jb_article_get_name(a),
                                                      jb_article_get_title(a),
                                                      jb_article_get_encoding(a))};
        jb_extract_article(ex, a, add_fact, &sink);
        jb_article_free(a);
    }
    return first;
}
