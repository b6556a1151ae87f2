/* Fuzz target: a template and a dataset, split at the first line "----",
 * loaded from memory, checked (every diagnostic) and merged. Whatever the
 * input, jibao must not crash, leak or hang. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "jibao/dataset.h"
#include "jibao/template.h"

static void
ignore(const jb_error_t *d, void *user)
{
    (void)d;
    (void)user;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *sep = NULL;
    for (size_t i = 0; i + 6 <= size; i++)
        if (memcmp(text + i, "\n----\n", 6) == 0) {
            sep = text + i;
            break;
        }
    size_t tpl_len = sep ? (size_t)(sep - text) : size;

    jb_error_t err;
    jb_error_clear(&err);
    jb_dataset_t *ds = jb_dataset_new();
    if (sep)
        jb_dataset_load_memory(ds, sep + 6, size - tpl_len - 6, "fuzz-data.xml", &err);
    jb_template_t *tpl =
        jb_template_load_memory(text, tpl_len, "fuzz-template.xml", ignore, NULL, &err);
    if (tpl) {
        jb_template_set_time_limit(tpl, 2);
        jb_template_check(tpl, ds, NULL, ignore, NULL, &err);
        jb_document_t *doc = jb_template_merge(tpl, ds, NULL, &err);
        if (doc) {
            char *dump = jb_document_dump(doc);
            free(dump);
        }
        jb_document_free(doc);
    }
    jb_template_free(tpl);
    jb_dataset_free(ds);
    return 0;
}
