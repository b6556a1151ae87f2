/* The traditional edition: the merged document converted to traditional
 * characters with OpenCC (s2t) and set in the TC faces of Noto CJK, so
 * the same template and data give a 繁體 briefing, narration and chart
 * labels included. Runs between merge and layout. */
#include <glib.h>
#include <opencc/opencc.h>
#include <string.h>

#include "jibao/document.h"

/* Replace *s by its conversion (NULL stays NULL). */
static void
convert(opencc_t cc, char **s)
{
    if (!*s || !**s)
        return;
    char *out = opencc_convert_utf8(cc, *s, strlen(*s));
    if (!out)
        return; /* OpenCC could not convert: keep the text as it is */
    g_free(*s);
    *s = g_strdup(out);
    opencc_convert_utf8_free(out);
}

static void
convert_text(opencc_t cc, jb_text_t *t)
{
    for (size_t i = 0; i < t->n_inlines; i++)
        convert(cc, &t->inlines[i].text);
}

/* The TC face of a family: generic names and the SC faces map to TC. */
static char *
tc_family(const char *family)
{
    if (!family || strcmp(family, "sans-serif") == 0 || strcmp(family, "黑体") == 0)
        return g_strdup("Noto Sans CJK TC");
    if (strcmp(family, "serif") == 0 || strcmp(family, "宋体") == 0)
        return g_strdup("Noto Serif CJK TC");
    if (strcmp(family, "monospace") == 0)
        return g_strdup("Noto Sans Mono CJK TC");
    const char *sc = strstr(family, "CJK SC");
    if (sc) {
        GString *s = g_string_new_len(family, sc - family);
        g_string_append(s, "CJK TC");
        g_string_append(s, sc + 6);
        return g_string_free(s, FALSE);
    }
    return g_strdup(family);
}

jb_status_t
jb_document_set_traditional(jb_document_t *doc, jb_error_t *err)
{
    opencc_t cc = opencc_open("s2t.json");
    if (cc == (opencc_t)-1)
        cc = opencc_open("/usr/share/opencc/s2t.json");
    if (cc == (opencc_t)-1)
        return jb_error_set(err, JB_ERR_FONT, NULL, 0, 0, -1,
                            "OpenCC cannot open s2t.json (install the Debian package "
                            "libopencc-data): no traditional edition");

    char **meta[] = {&doc->title,   &doc->subtitle, &doc->organisation, &doc->author,
                     &doc->subject, &doc->keywords, &doc->period,       &doc->date,
                     &doc->header.left, &doc->header.center, &doc->header.right,
                     &doc->footer.left, &doc->footer.center, &doc->footer.right};
    for (size_t i = 0; i < G_N_ELEMENTS(meta); i++)
        convert(cc, meta[i]);
    for (size_t b = 0; b < doc->n_blocks; b++) {
        jb_block_t *blk = &doc->blocks[b];
        convert(cc, &blk->number);
        convert_text(cc, &blk->text);
        if (blk->table) {
            jb_table_t *t = blk->table;
            convert(cc, &t->caption);
            convert(cc, &t->note);
            for (size_t r = 0; r < t->n_rows; r++)
                for (size_t c = 0; c < t->rows[r].n_cells; c++)
                    convert_text(cc, &t->rows[r].cells[c].text);
        }
        if (blk->chart) {
            jb_chart_spec_t *ch = blk->chart;
            convert(cc, &ch->title);
            convert(cc, &ch->unit);
            convert(cc, &ch->source);
            for (size_t s = 0; s < ch->n_series; s++) {
                convert(cc, &ch->series[s].name);
                convert(cc, &ch->series[s].unit);
                for (size_t k = 0; k < ch->series[s].n; k++)
                    convert(cc, &ch->series[s].labels[k]);
            }
            char *font = tc_family(ch->font);
            g_free(ch->font);
            ch->font = font;
        }
    }
    opencc_close(cc);

    /* the TC faces of the same collections */
    for (size_t i = 0; i < doc->n_styles; i++) {
        char *family = tc_family(doc->styles[i].family);
        g_free(doc->styles[i].family);
        doc->styles[i].family = family;
    }
    return JB_OK;
}
