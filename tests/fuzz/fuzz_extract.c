/* Fuzz target: extraction of a whole document. The input is an article
 * (the first byte: text or HTML); it is ingested with undecodable bytes
 * replaced and every fact extracted. Each fact must carry a finite decimal
 * value, an offset inside the input and a sentence in valid UTF-8. */
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "jibao/extract.h"
#include "jibao/ingest.h"

static jb_extractor_t *ex;

typedef struct {
    size_t size;
} input_t;

static void
on_fact(const jb_fact_t *f, void *user)
{
    const input_t *in = user;
    char *end = NULL;
    double v = g_ascii_strtod(f->value, &end);
    if (!f->value[0] || !end || *end || !isfinite(v))
        abort(); /* the numbers never lie: no nan, inf or junk */
    if (f->offset < 0 || f->offset > (int64_t)in->size)
        abort();
    if (!g_utf8_validate(f->sentence, -1, NULL) || !g_utf8_validate(f->entity, -1, NULL) ||
        !g_utf8_validate(f->indicator, -1, NULL) || !g_utf8_validate(f->unit, -1, NULL))
        abort();
    if (f->value_base && f->value_base[0]) {
        double b = g_ascii_strtod(f->value_base, &end);
        if (!end || *end || !isfinite(b))
            abort();
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    if (!ex) {
        jb_error_t err;
        jb_error_clear(&err);
        if (!(ex = jb_extractor_new(NULL, &err)))
            abort();
    }
    jb_ingest_options_t opts = {NULL, 1, data[0] & 1 ? JB_FORMAT_HTML : JB_FORMAT_TEXT, NULL};
    jb_error_t err;
    jb_error_clear(&err);
    jb_article_t *a = jb_ingest_parse("fuzz.txt", (const char *)data + 1, size - 1, &opts, &err);
    if (!a)
        return 0;
    input_t in = {size - 1};
    jb_extract_article(ex, a, on_fact, &in);
    jb_article_free(a);
    return 0;
}
