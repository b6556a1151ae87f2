/* Fuzz target: a chart from a dataset. The input is a standalone chart spec
 * (the <chart> element of templates) and optionally a dataset, split at the
 * first line "----"; the spec is loaded from memory, bound, checked and,
 * when the check passes, drawn onto a page and dumped. jb_chart_check and
 * jb_chart_draw must agree: a spec the check accepts draws. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "jibao/chart.h"
#include "jibao/dataset.h"
#include "jibao/fonts.h"

static jb_fonts_t *fonts;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65536)
        return 0;
    if (!fonts) {
        jb_error_t err;
        jb_error_clear(&err);
        fonts = jb_fonts_new(NULL, &err);
        if (!fonts)
            abort();
    }
    const char *text = (const char *)data;
    const char *sep = NULL;
    for (size_t i = 0; i + 6 <= size; i++)
        if (memcmp(text + i, "\n----\n", 6) == 0) {
            sep = text + i;
            break;
        }
    size_t spec_len = sep ? (size_t)(sep - text) : size;

    jb_error_t err;
    jb_error_clear(&err);
    jb_dataset_t *ds = NULL;
    if (sep) {
        ds = jb_dataset_new();
        jb_dataset_load_memory(ds, sep + 6, size - spec_len - 6, "fuzz-data.xml", &err);
        jb_error_clear(&err);
    }
    jb_chart_spec_t *spec = jb_chart_spec_load_memory(text, spec_len, "fuzz-chart.xml", ds, &err);
    if (spec && jb_chart_check(spec, &err) == JB_OK) {
        jb_pages_t *pages = jb_pages_new();
        jb_page_t *page = jb_pages_add_page(pages, 595.0, 842.0);
        jb_box_t box = {70.0, 70.0, 455.0, spec->height > 0 ? spec->height : 240.0};
        jb_error_clear(&err);
        if (jb_chart_draw(spec, fonts, page, box, &err) != JB_OK)
            abort(); /* the check accepted what drawing refuses */
        char *dump = jb_chart_dump(spec, fonts, box, JB_CHART_DUMP_ALL, &err);
        g_free(dump);
        char *pages_dump = jb_pages_dump(pages);
        free(pages_dump);
        jb_pages_free(pages);
    }
    jb_chart_spec_free(spec);
    jb_dataset_free(ds);
    return 0;
}
