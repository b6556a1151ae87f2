/* The document tree that merge builds from a template and its data, and
 * that layout turns into pages. Plain C data; owned from the top. */
#include "jibao/document.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#define MM (72.0 / 25.4)

jb_document_t *
jb_document_new(void)
{
    jb_document_t *doc = g_new0(jb_document_t, 1);
    doc->page_width = 210 * MM;
    doc->page_height = 297 * MM;
    doc->margin_top = doc->margin_right = doc->margin_bottom = doc->margin_left = 25 * MM;
    return doc;
}

jb_chart_spec_t *
jb_chart_spec_new(const char *type)
{
    jb_chart_spec_t *chart = g_new0(jb_chart_spec_t, 1);
    chart->type = g_strdup(type ? type : "bar");
    return chart;
}

void
jb_chart_spec_free(jb_chart_spec_t *chart)
{
    if (!chart)
        return;
    for (size_t i = 0; i < chart->n_series; i++) {
        jb_series_t *s = &chart->series[i];
        for (size_t j = 0; j < s->n; j++)
            g_free(s->labels[j]);
        g_free(s->labels);
        g_free(s->values);
        g_free(s->name);
    }
    g_free(chart->series);
    g_free(chart->type);
    g_free(chart->title);
    g_free(chart->unit);
    g_free(chart->source);
    g_free(chart);
}

void
jb_document_free(jb_document_t *doc)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        jb_block_t *b = &doc->blocks[i];
        for (size_t j = 0; j < b->n_inlines; j++) {
            g_free(b->inlines[j].text);
            g_free(b->inlines[j].fact_id);
        }
        g_free(b->inlines);
        jb_chart_spec_free(b->chart);
    }
    g_free(doc->blocks);
    g_free(doc->title);
    g_free(doc->subtitle);
    g_free(doc->author);
    g_free(doc->subject);
    g_free(doc->keywords);
    g_free(doc);
}

jb_block_t *
jb_document_add_block(jb_document_t *doc, jb_block_type_t type, unsigned line)
{
    doc->blocks = g_renew(jb_block_t, doc->blocks, doc->n_blocks + 1);
    jb_block_t *b = &doc->blocks[doc->n_blocks++];
    memset(b, 0, sizeof *b);
    b->type = type;
    b->line = line;
    return b;
}

void
jb_block_add_inline(jb_block_t *block, const char *text, const char *fact_id)
{
    block->inlines = g_renew(jb_inline_t, block->inlines, block->n_inlines + 1);
    jb_inline_t *in = &block->inlines[block->n_inlines++];
    in->text = g_strdup(text);
    in->fact_id = g_strdup(fact_id);
}

char *
jb_block_get_text(const jb_block_t *block)
{
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < block->n_inlines; i++)
        g_string_append(s, block->inlines[i].text);
    char *out = strdup(s->str);
    g_string_free(s, TRUE);
    return out;
}

jb_series_t *
jb_chart_spec_add_series(jb_chart_spec_t *chart, const char *name)
{
    chart->series = g_renew(jb_series_t, chart->series, chart->n_series + 1);
    jb_series_t *s = &chart->series[chart->n_series++];
    memset(s, 0, sizeof *s);
    s->name = g_strdup(name ? name : "");
    return s;
}

void
jb_series_add_point(jb_series_t *series, const char *label, double value)
{
    series->labels = g_renew(char *, series->labels, series->n + 1);
    series->values = g_renew(double, series->values, series->n + 1);
    series->labels[series->n] = g_strdup(label ? label : "");
    series->values[series->n] = value;
    series->n++;
}

static const char *const block_names[] = {
    [JB_BLOCK_TITLE] = "title",
    [JB_BLOCK_HEADING] = "heading",
    [JB_BLOCK_PARAGRAPH] = "paragraph",
    [JB_BLOCK_CHART] = "chart",
};

static void
dump_text_attr(GString *s, const char *name, const char *value)
{
    if (value)
        g_string_append_printf(s, " %s=\"%s\"", name, value);
}

char *
jb_document_dump(const jb_document_t *doc)
{
    GString *s = g_string_new(NULL);
    char w[G_ASCII_DTOSTR_BUF_SIZE], h[G_ASCII_DTOSTR_BUF_SIZE];
    g_string_append(s, "document");
    dump_text_attr(s, "title", doc->title);
    dump_text_attr(s, "subtitle", doc->subtitle);
    dump_text_attr(s, "author", doc->author);
    g_string_append_printf(s, " page=%sx%s\n", g_ascii_formatd(w, sizeof w, "%.1f", doc->page_width),
                           g_ascii_formatd(h, sizeof h, "%.1f", doc->page_height));
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const jb_block_t *b = &doc->blocks[i];
        g_string_append_printf(s, "%s line=%u", block_names[b->type], b->line);
        if (b->type == JB_BLOCK_HEADING)
            g_string_append_printf(s, " level=%d", b->level);
        g_string_append_c(s, '\n');
        for (size_t j = 0; j < b->n_inlines; j++) {
            g_string_append_printf(s, "  text \"%s\"", b->inlines[j].text);
            if (b->inlines[j].fact_id)
                g_string_append_printf(s, " fact=%s", b->inlines[j].fact_id);
            g_string_append_c(s, '\n');
        }
        if (b->chart) {
            const jb_chart_spec_t *c = b->chart;
            g_string_append_printf(s, "  chart type=%s", c->type);
            dump_text_attr(s, "title", c->title);
            dump_text_attr(s, "unit", c->unit);
            g_string_append_c(s, '\n');
            for (size_t k = 0; k < c->n_series; k++) {
                g_string_append_printf(s, "  series \"%s\"", c->series[k].name);
                for (size_t p = 0; p < c->series[k].n; p++)
                    g_string_append_printf(s, " %s=%s", c->series[k].labels[p],
                                           g_ascii_formatd(w, sizeof w, "%g",
                                                           c->series[k].values[p]));
                g_string_append_c(s, '\n');
            }
        }
    }
    char *out = strdup(s->str);
    g_string_free(s, TRUE);
    return out;
}
