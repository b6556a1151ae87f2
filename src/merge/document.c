/* The document tree that merge builds from a template and its data, and
 * that layout turns into pages. Plain C data; owned from the top. The
 * default styles live here: docs/templates.md lists them. */
#include "jibao/document.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MM (72.0 / 25.4)

/* Chinese business-document defaults: 11 pt serif body on a 20 pt pitch
 * with a two-character indent, sans-serif (黑体-like) headings. */
static const jb_style_t default_styles[] = {
    /* name, family, size, bold, colour, pitch, indent, align, before, after */
    {"title", "sans-serif", 22, 1, 0x000000, 32, 0, JB_ALIGN_CENTER, 0, 16},
    {"subtitle", "sans-serif", 14, 0, 0x333333, 22, 0, JB_ALIGN_CENTER, 0, 16},
    {"heading1", "sans-serif", 15, 1, 0x000000, 24, 0, JB_ALIGN_LEFT, 14, 6},
    {"heading2", "sans-serif", 13, 1, 0x000000, 22, 0, JB_ALIGN_LEFT, 10, 4},
    {"heading3", "sans-serif", 12, 1, 0x000000, 20, 0, JB_ALIGN_LEFT, 8, 2},
    {"heading4", "serif", 11, 1, 0x000000, 20, 0, JB_ALIGN_LEFT, 6, 2},
    {"body", "serif", 11, 0, 0x000000, 20, 2, JB_ALIGN_JUSTIFY, 0, 4},
    {"list", "serif", 11, 0, 0x000000, 20, 0, JB_ALIGN_JUSTIFY, 0, 2},
    {"caption", "sans-serif", 10, 1, 0x000000, 16, 0, JB_ALIGN_CENTER, 8, 4},
    {"note", "sans-serif", 8, 0, 0x555555, 12, 0, JB_ALIGN_LEFT, 2, 8},
    {"table", "sans-serif", 9.5, 0, 0x000000, 15, 0, JB_ALIGN_LEFT, 0, 0},
    {"table-header", "sans-serif", 9.5, 1, 0x000000, 15, 0, JB_ALIGN_CENTER, 0, 0},
    {"header", "sans-serif", 8.5, 0, 0x555555, 12, 0, JB_ALIGN_LEFT, 0, 0},
    {"footer", "sans-serif", 8.5, 0, 0x555555, 12, 0, JB_ALIGN_CENTER, 0, 0},
    {"toc-title", "sans-serif", 16, 1, 0x000000, 28, 0, JB_ALIGN_CENTER, 0, 12},
    {"toc1", "serif", 11, 0, 0x000000, 22, 0, JB_ALIGN_LEFT, 0, 0},
    {"toc2", "serif", 10.5, 0, 0x000000, 20, 0, JB_ALIGN_LEFT, 0, 0},
    {"toc3", "serif", 10, 0, 0x333333, 18, 0, JB_ALIGN_LEFT, 0, 0},
    {"cover-title", "sans-serif", 28, 1, 0x000000, 44, 0, JB_ALIGN_CENTER, 160, 24},
    {"cover-subtitle", "sans-serif", 18, 0, 0x000000, 30, 0, JB_ALIGN_CENTER, 0, 12},
    {"cover-meta", "serif", 13, 0, 0x000000, 24, 0, JB_ALIGN_CENTER, 0, 4},
};

static void
style_copy(jb_style_t *dst, const jb_style_t *src)
{
    *dst = *src;
    dst->name = g_strdup(src->name);
    dst->family = g_strdup(src->family);
}

static void
style_clear(jb_style_t *s)
{
    g_free(s->name);
    g_free(s->family);
}

jb_document_t *
jb_document_new(void)
{
    jb_document_t *doc = g_new0(jb_document_t, 1);
    doc->page_width = 210 * MM;
    doc->page_height = 297 * MM;
    doc->margin_top = doc->margin_right = doc->margin_bottom = doc->margin_left = 25 * MM;
    doc->footer.center = g_strdup("第 {page} 页 / 共 {pages} 页");
    for (size_t i = 0; i < G_N_ELEMENTS(default_styles); i++)
        jb_document_set_style(doc, &default_styles[i]);
    return doc;
}

static void
text_clear(jb_text_t *t)
{
    for (size_t j = 0; j < t->n_inlines; j++) {
        g_free(t->inlines[j].text);
        g_free(t->inlines[j].fact_id);
        g_free(t->inlines[j].link);
    }
    g_free(t->inlines);
    t->inlines = NULL;
    t->n_inlines = 0;
}

static void
table_free(jb_table_t *table)
{
    if (!table)
        return;
    for (size_t r = 0; r < table->n_rows; r++) {
        for (size_t c = 0; c < table->rows[r].n_cells; c++)
            text_clear(&table->rows[r].cells[c].text);
        g_free(table->rows[r].cells);
        g_free(table->rows[r].anchor);
    }
    g_free(table->rows);
    g_free(table->col_widths);
    g_free(table->col_align);
    g_free(table->caption);
    g_free(table->note);
    g_free(table);
}

static void
running_clear(jb_running_t *r)
{
    g_free(r->left);
    g_free(r->center);
    g_free(r->right);
}

void
jb_document_free(jb_document_t *doc)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        jb_block_t *b = &doc->blocks[i];
        text_clear(&b->text);
        g_free(b->style);
        g_free(b->number);
        g_free(b->anchor);
        jb_chart_spec_free(b->chart);
        table_free(b->table);
    }
    g_free(doc->blocks);
    for (size_t i = 0; i < doc->n_styles; i++)
        style_clear(&doc->styles[i]);
    g_free(doc->styles);
    running_clear(&doc->header);
    running_clear(&doc->footer);
    g_free(doc->title);
    g_free(doc->subtitle);
    g_free(doc->organisation);
    g_free(doc->author);
    g_free(doc->subject);
    g_free(doc->keywords);
    g_free(doc->period);
    g_free(doc->date);
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
    b->level = 1;
    return b;
}

const jb_style_t *
jb_document_get_style(const jb_document_t *doc, const char *name)
{
    for (size_t i = 0; name && i < doc->n_styles; i++)
        if (strcmp(doc->styles[i].name, name) == 0)
            return &doc->styles[i];
    return NULL;
}

const jb_style_t *
jb_document_get_block_style(const jb_document_t *doc, const jb_block_t *block)
{
    const jb_style_t *s = jb_document_get_style(doc, block->style);
    if (s)
        return s;
    char name[32];
    switch (block->type) {
    case JB_BLOCK_TITLE:
        return jb_document_get_style(doc, "title");
    case JB_BLOCK_HEADING:
        snprintf(name, sizeof name, "heading%d", block->level < 1 ? 1 : block->level > 4 ? 4 : block->level);
        return jb_document_get_style(doc, name);
    case JB_BLOCK_LIST_ITEM:
        return jb_document_get_style(doc, "list");
    case JB_BLOCK_TOC:
        return jb_document_get_style(doc, "toc-title");
    case JB_BLOCK_TABLE:
        return jb_document_get_style(doc, "table");
    default:
        break;
    }
    s = jb_document_get_style(doc, "body");
    return s ? s : &default_styles[6];
}

void
jb_document_set_style(jb_document_t *doc, const jb_style_t *style)
{
    for (size_t i = 0; i < doc->n_styles; i++)
        if (strcmp(doc->styles[i].name, style->name) == 0) {
            style_clear(&doc->styles[i]);
            style_copy(&doc->styles[i], style);
            return;
        }
    doc->styles = g_renew(jb_style_t, doc->styles, doc->n_styles + 1);
    style_copy(&doc->styles[doc->n_styles++], style);
}

void
jb_text_add(jb_text_t *text, const char *s, const char *fact_id, unsigned flags)
{
    text->inlines = g_renew(jb_inline_t, text->inlines, text->n_inlines + 1);
    jb_inline_t *in = &text->inlines[text->n_inlines++];
    in->text = g_strdup(s ? s : "");
    in->fact_id = g_strdup(fact_id);
    in->flags = flags;
    in->link = NULL;
}

char *
jb_text_get_string(const jb_text_t *text)
{
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < text->n_inlines; i++) {
        if (text->inlines[i].flags & JB_INLINE_LINE_BREAK)
            g_string_append_c(s, '\n');
        g_string_append(s, text->inlines[i].text);
    }
    char *out = strdup(s->str);
    g_string_free(s, TRUE);
    return out;
}

jb_table_t *
jb_table_new(size_t n_cols)
{
    jb_table_t *t = g_new0(jb_table_t, 1);
    t->n_cols = n_cols;
    t->col_widths = g_new0(double, n_cols ? n_cols : 1);
    t->col_align = g_new0(jb_align_t, n_cols ? n_cols : 1);
    for (size_t c = 0; c < n_cols; c++)
        t->col_align[c] = JB_ALIGN_LEFT;
    return t;
}

jb_row_t *
jb_table_add_row(jb_table_t *table, jb_row_kind_t kind)
{
    table->rows = g_renew(jb_row_t, table->rows, table->n_rows + 1);
    jb_row_t *row = &table->rows[table->n_rows++];
    row->kind = kind;
    row->anchor = NULL;
    row->n_cells = table->n_cols;
    row->cells = g_new0(jb_cell_t, table->n_cols ? table->n_cols : 1);
    for (size_t c = 0; c < table->n_cols; c++)
        row->cells[c].align = table->col_align[c];
    return row;
}

static const char *const block_names[] = {
    [JB_BLOCK_TITLE] = "title",         [JB_BLOCK_HEADING] = "heading",
    [JB_BLOCK_PARAGRAPH] = "paragraph", [JB_BLOCK_CHART] = "chart",
    [JB_BLOCK_LIST_ITEM] = "list-item", [JB_BLOCK_TABLE] = "table",
    [JB_BLOCK_TOC] = "toc",             [JB_BLOCK_PAGE_BREAK] = "page-break",
};

static void
dump_text_attr(GString *s, const char *name, const char *value)
{
    if (value)
        g_string_append_printf(s, " %s=\"%s\"", name, value);
}

static void
dump_text(GString *s, const jb_text_t *t, const char *indent)
{
    for (size_t j = 0; j < t->n_inlines; j++) {
        const jb_inline_t *in = &t->inlines[j];
        if (in->flags & JB_INLINE_LINE_BREAK) {
            g_string_append_printf(s, "%sbreak\n", indent);
            continue;
        }
        g_string_append_printf(s, "%stext \"%s\"", indent, in->text);
        if (in->fact_id)
            g_string_append_printf(s, " fact=%s", in->fact_id);
        if (in->link)
            g_string_append_printf(s, " link=%s", in->link);
        if (in->flags & JB_INLINE_BOLD)
            g_string_append(s, " bold");
        if (in->flags & JB_INLINE_EMPHASIS)
            g_string_append(s, " em");
        if (in->flags & JB_INLINE_HIGHLIGHT)
            g_string_append(s, " review");
        g_string_append_c(s, '\n');
    }
}

static void
dump_chart(GString *s, const jb_chart_spec_t *c)
{
    char w[G_ASCII_DTOSTR_BUF_SIZE];
    g_string_append_printf(s, "  chart type=%s", c->type);
    dump_text_attr(s, "title", c->title);
    dump_text_attr(s, "unit", c->unit);
    g_string_append_c(s, '\n');
    for (size_t k = 0; k < c->n_series; k++) {
        g_string_append_printf(s, "  series \"%s\"", c->series[k].name);
        for (size_t p = 0; p < c->series[k].n; p++)
            g_string_append_printf(s, " %s=%s", c->series[k].labels[p],
                                   g_ascii_formatd(w, sizeof w, "%g", c->series[k].values[p]));
        g_string_append_c(s, '\n');
    }
}

static void
dump_table(GString *s, const jb_table_t *t)
{
    static const char *const kinds[] = {"row", "header", "total"};
    g_string_append_printf(s, "  table cols=%zu", t->n_cols);
    dump_text_attr(s, "caption", t->caption);
    dump_text_attr(s, "note", t->note);
    g_string_append_c(s, '\n');
    for (size_t r = 0; r < t->n_rows; r++) {
        g_string_append_printf(s, "  %s", kinds[t->rows[r].kind]);
        for (size_t c = 0; c < t->rows[r].n_cells; c++) {
            char *cell = jb_text_get_string(&t->rows[r].cells[c].text);
            g_string_append_printf(s, " | %s", cell);
            free(cell);
        }
        g_string_append_c(s, '\n');
    }
}

static int
style_is_default(const jb_style_t *st)
{
    for (size_t i = 0; i < G_N_ELEMENTS(default_styles); i++) {
        const jb_style_t *d = &default_styles[i];
        if (strcmp(d->name, st->name) == 0)
            return strcmp(d->family, st->family) == 0 && d->size == st->size &&
                   d->bold == st->bold && d->colour == st->colour &&
                   d->line_pitch == st->line_pitch && d->first_indent == st->first_indent &&
                   d->align == st->align && d->space_before == st->space_before &&
                   d->space_after == st->space_after;
    }
    return 0;
}

/* Margins, running header and footer, and the styles that differ from the
 * defaults. */
static void
dump_page(GString *s, const jb_document_t *doc)
{
    static const char *const aligns[] = {"justify", "left", "center", "right"};
    char a[5][G_ASCII_DTOSTR_BUF_SIZE];
    g_string_append_printf(s, "margins %s %s %s %s\n",
                           g_ascii_formatd(a[0], sizeof a[0], "%.1f", doc->margin_top),
                           g_ascii_formatd(a[1], sizeof a[1], "%.1f", doc->margin_right),
                           g_ascii_formatd(a[2], sizeof a[2], "%.1f", doc->margin_bottom),
                           g_ascii_formatd(a[3], sizeof a[3], "%.1f", doc->margin_left));
    const jb_running_t *r[] = {&doc->header, &doc->footer};
    for (int i = 0; i < 2; i++) {
        g_string_append(s, i ? "footer" : "header");
        dump_text_attr(s, "left", r[i]->left);
        dump_text_attr(s, "center", r[i]->center);
        dump_text_attr(s, "right", r[i]->right);
        g_string_append_c(s, '\n');
    }
    for (size_t i = 0; i < doc->n_styles; i++) {
        const jb_style_t *st = &doc->styles[i];
        if (style_is_default(st))
            continue;
        g_string_append_printf(s, "style %s family=%s size=%s%s colour=#%06X pitch=%s indent=%s "
                                  "align=%s before=%s after=%s\n",
                               st->name, st->family,
                               g_ascii_formatd(a[0], sizeof a[0], "%.1f", st->size),
                               st->bold ? " bold" : "", (unsigned)st->colour,
                               g_ascii_formatd(a[1], sizeof a[1], "%.1f", st->line_pitch),
                               g_ascii_formatd(a[2], sizeof a[2], "%g", st->first_indent),
                               aligns[st->align],
                               g_ascii_formatd(a[3], sizeof a[3], "%.1f", st->space_before),
                               g_ascii_formatd(a[4], sizeof a[4], "%.1f", st->space_after));
    }
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
    dump_text_attr(s, "period", doc->period);
    g_string_append_printf(s, " page=%sx%s", g_ascii_formatd(w, sizeof w, "%.1f", doc->page_width),
                           g_ascii_formatd(h, sizeof h, "%.1f", doc->page_height));
    if (doc->n_cover_blocks)
        g_string_append_printf(s, " cover=%zu", doc->n_cover_blocks);
    g_string_append_c(s, '\n');
    dump_page(s, doc);
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const jb_block_t *b = &doc->blocks[i];
        g_string_append_printf(s, "%s line=%u", block_names[b->type], b->line);
        if (b->type == JB_BLOCK_HEADING || b->type == JB_BLOCK_LIST_ITEM ||
            b->type == JB_BLOCK_TOC)
            g_string_append_printf(s, " level=%d", b->level);
        dump_text_attr(s, "style", b->style);
        dump_text_attr(s, "number", b->number);
        dump_text_attr(s, "anchor", b->anchor);
        g_string_append_c(s, '\n');
        dump_text(s, &b->text, "  ");
        if (b->chart)
            dump_chart(s, b->chart);
        if (b->table)
            dump_table(s, b->table);
    }
    char *out = strdup(s->str);
    g_string_free(s, TRUE);
    return out;
}
