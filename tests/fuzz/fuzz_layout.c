/* Fuzz target: paragraph layout. The input's first byte chooses the text
 * width (page margins), the style and the breaking mode; the rest, made
 * valid UTF-8, is split at newlines into paragraphs, headings and list
 * items, and laid out on pages. Every line must stay inside the page. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "jibao/fonts.h"
#include "jibao/layout.h"

static jb_fonts_t *fonts;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 16384)
        return 0;
    if (!fonts) {
        jb_error_t err;
        jb_error_clear(&err);
        fonts = jb_fonts_new(NULL, &err);
        if (!fonts)
            abort();
    }
    unsigned sel = data[0];
    char *text = g_utf8_make_valid((const char *)data + 1, (gssize)size - 1);

    jb_document_t *doc = jb_document_new();
    /* text widths from 5 mm to the whole page: narrow columns force every
       breaking rule, including characters wider than the line */
    double margin = 10.0 + (sel & 15) * (doc->page_width / 2 - 12.0) / 15.0;
    doc->margin_left = doc->margin_right = margin;
    char **paras = g_strsplit(text, "\n", 64);
    for (int i = 0; paras[i]; i++) {
        jb_block_type_t type = JB_BLOCK_PARAGRAPH;
        if ((sel >> 4) & 1 && i == 0)
            type = JB_BLOCK_HEADING;
        else if ((sel >> 5) & 1 && i % 2)
            type = JB_BLOCK_LIST_ITEM;
        jb_block_t *b = jb_document_add_block(doc, type, (unsigned)i + 1);
        b->level = 1;
        jb_text_add(&b->text, paras[i], NULL, (sel >> 6) & 1 ? JB_INLINE_BOLD : 0);
    }
    g_strfreev(paras);

    jb_layout_options_t opts;
    jb_layout_options_init(&opts);
    opts.total_fit = !(sel >> 7);
    jb_error_t err;
    jb_error_clear(&err);
    jb_pages_t *pages = jb_layout_document_with_options(doc, fonts, &opts, &err);
    if (pages) {
        char *dump = jb_pages_dump(pages);
        free(dump);
    }
    jb_pages_free(pages);
    jb_document_free(doc);
    g_free(text);
    return 0;
}
