/* Page flow: blocks of the document tree are set one after another in the
 * text area, starting a new page when one is full. Paragraphs are broken
 * and justified by the paragraph engine (paragraph.c) and placed line by
 * line on their style's fixed pitch, with widow and orphan control;
 * headings keep with what follows; charts are never split. Running headers
 * and footers are added last, when the page count is known. */
#include "jibao/layout.h"

#include <string.h>

#include "jibao/chart.h"

#include "../base/base-private.h"
#include "../base/pages-private.h"
#include "../base/text-private.h"
#include "paragraph-private.h"

typedef struct {
    const jb_document_t *doc;
    jb_fonts_t *fonts;
    jb_layout_options_t opts;
    const jb_kinsoku_t *kinsoku;
    PangoContext *ctx;
    jb_pages_t *pages;
    jb_page_t *page;
    double y;              /* top of the free space on the page */
    GPtrArray *sections; /* per page: its first level-1 heading, else the one before */
    char *section;       /* the current level-1 heading's text */
    int page_has_section; /* a level-1 heading starts on this page */
} flow_t;

void
jb_layout_options_init(jb_layout_options_t *opts)
{
    opts->cjk_latin_space = 0.25;
    opts->total_fit = 1;
}

static double
text_width(const flow_t *f)
{
    return f->doc->page_width - f->doc->margin_left - f->doc->margin_right;
}

static double
text_bottom(const flow_t *f)
{
    return f->doc->page_height - f->doc->margin_bottom;
}

static void
new_page(flow_t *f)
{
    f->page = jb_pages_add_page(f->pages, f->doc->page_width, f->doc->page_height);
    f->y = f->doc->margin_top;
    f->page_has_section = 0;
    g_ptr_array_add(f->sections, g_strdup(f->section ? f->section : ""));
}

/* Start a new page unless `height` more points fit on this one. */
static void
need(flow_t *f, double height)
{
    if (f->y + height > text_bottom(f) + 0.01 && f->y > f->doc->margin_top)
        new_page(f);
}

static jb_rgba_t
rgba(uint32_t colour)
{
    return (jb_rgba_t){((colour >> 16) & 0xff) / 255.0, ((colour >> 8) & 0xff) / 255.0,
                       (colour & 0xff) / 255.0, 1};
}

/* The paragraph engine's settings for a style at a given measure. */
static jb_para_style_t
para_style(const flow_t *f, const jb_style_t *st, double width)
{
    static const jb_para_align_t aligns[] = {
        [JB_ALIGN_JUSTIFY] = JB_PARA_JUSTIFY, [JB_ALIGN_LEFT] = JB_PARA_LEFT,
        [JB_ALIGN_CENTER] = JB_PARA_CENTER, [JB_ALIGN_RIGHT] = JB_PARA_RIGHT};
    jb_para_style_t ps = {
        .family = st->family, .size = st->size, .bold = st->bold, .width = width,
        .first_indent = st->first_indent * st->size, .align = aligns[st->align],
        .cjk_latin_space = f->opts.cjk_latin_space, .total_fit = f->opts.total_fit};
    return ps;
}

/* Shape and break a text run (with a number or marker in front) in a style.
 * Bold inlines become pango attributes. */
static jb_paragraph_t *
paragraph_new(const flow_t *f, const char *number, const jb_text_t *text, const jb_style_t *st,
              double width)
{
    GString *s = g_string_new(number);
    PangoAttrList *attrs = pango_attr_list_new();
    for (size_t i = 0; i < text->n_inlines; i++) {
        const jb_inline_t *in = &text->inlines[i];
        size_t start = s->len;
        if (in->flags & JB_INLINE_LINE_BREAK)
            g_string_append_c(s, '\n');
        else if (in->text)
            g_string_append(s, in->text);
        if (in->flags & JB_INLINE_BOLD && !st->bold) {
            PangoAttribute *a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
            a->start_index = (guint)start;
            a->end_index = (guint)s->len;
            pango_attr_list_insert(attrs, a);
        }
    }
    jb_para_style_t ps = para_style(f, st, width);
    jb_paragraph_t *p = jb_paragraph_new(f->ctx, f->kinsoku, s->str, attrs, &ps);
    pango_attr_list_unref(attrs);
    g_string_free(s, TRUE);
    return p;
}

/* Place a paragraph's lines on the style's fixed line pitch, never leaving
 * a single line of a paragraph alone at the foot (orphan) or the head
 * (widow) of a page. The baseline sits so that the em box (0.88 em above
 * the baseline, 0.12 em below in Noto CJK) is centred in the pitch. */
static void
place_lines(flow_t *f, const jb_paragraph_t *p, const jb_style_t *st)
{
    int n = jb_paragraph_get_line_count(p);
    for (int i = 0; i < n;) {
        int fit = (int)((text_bottom(f) - f->y + 0.01) / st->line_pitch);
        int left = n - i;
        if (fit < left && f->y > f->doc->margin_top) {
            if (left - fit == 1 && fit >= 2 && left >= 3)
                fit--; /* keep two lines for the next page: no widow */
            if ((i == 0 && fit < 2) || fit < 1) {
                new_page(f); /* no orphan: a lone first line moves on */
                continue;
            }
        } else if (fit < 1) {
            fit = 1; /* a page too short for one line: overfull, not endless */
        }
        for (int k = 0; k < fit && i < n; k++, i++) {
            double baseline = f->y + st->line_pitch / 2 + 0.38 * st->size;
            jb_paragraph_add_line(p, i, f->page, f->doc->margin_left, baseline, rgba(st->colour));
            f->y += st->line_pitch;
        }
        if (i < n)
            new_page(f);
    }
}

/* Set a block's text (with its number or marker in front) in its style. */
static void
set_text_block(flow_t *f, const jb_block_t *b)
{
    const jb_style_t *st = jb_document_get_block_style(f->doc, b);
    jb_paragraph_t *p = paragraph_new(f, b->number, &b->text, st, text_width(f));
    if (f->y > f->doc->margin_top)
        f->y += st->space_before;
    place_lines(f, p, st);
    f->y += st->space_after;
    jb_paragraph_free(p);
}

/* Keep a heading with the first two lines of the block after it. */
static void
set_heading(flow_t *f, const jb_block_t *b, const jb_block_t *next)
{
    const jb_style_t *st = jb_document_get_block_style(f->doc, b);
    double follow = 0;
    if (next) {
        const jb_style_t *nst = jb_document_get_block_style(f->doc, next);
        if (next->type == JB_BLOCK_CHART)
            follow = 8 + (next->chart && next->chart->height > 0 ? next->chart->height : 220);
        else if (next->type != JB_BLOCK_PAGE_BREAK)
            follow = nst->space_before + 2 * nst->line_pitch;
    }
    need(f, st->space_before + st->line_pitch + st->space_after + follow);
    set_text_block(f, b);
    if (b->level <= 1) {
        /* the section a running header shows: the page's first heading */
        char *body = jb_text_get_string(&b->text);
        g_free(f->section);
        f->section = g_strdup(body);
        free(body);
        if (!f->page_has_section) {
            g_free(g_ptr_array_index(f->sections, f->sections->len - 1));
            g_ptr_array_index(f->sections, f->sections->len - 1) = g_strdup(f->section);
            f->page_has_section = 1;
        }
    }
}

static jb_status_t
set_chart(flow_t *f, const jb_block_t *b, jb_error_t *err)
{
    double height = b->chart->height > 0 ? b->chart->height : 220;
    if (height > text_bottom(f) - f->doc->margin_top)
        height = text_bottom(f) - f->doc->margin_top;
    need(f, height);
    jb_box_t box = {f->doc->margin_left, f->y, text_width(f), height};
    jb_status_t status = jb_chart_draw(b->chart, f->fonts, f->page, box, err);
    f->y += height;
    return status;
}

/* A running header or footer slot with its fields filled in. */
static char *
expand_fields(const flow_t *f, const char *pattern, size_t page_no, size_t n_pages,
              const char *section)
{
    const jb_document_t *d = f->doc;
    char page[32], pages[32];
    g_snprintf(page, sizeof page, "%zu", page_no);
    g_snprintf(pages, sizeof pages, "%zu", n_pages);
    const struct {
        const char *name, *value;
    } fields[] = {
        {"{page}", page},        {"{pages}", pages},       {"{title}", d->title},
        {"{subtitle}", d->subtitle}, {"{period}", d->period}, {"{date}", d->date},
        {"{section}", section},  {"{organisation}", d->organisation},
    };
    GString *s = g_string_new(NULL);
    for (const char *p = pattern; *p;) {
        size_t i = 0;
        for (; i < G_N_ELEMENTS(fields); i++)
            if (g_str_has_prefix(p, fields[i].name))
                break;
        if (i < G_N_ELEMENTS(fields)) {
            g_string_append(s, fields[i].value ? fields[i].value : "");
            p += strlen(fields[i].name);
        } else {
            g_string_append_c(s, *p++);
        }
    }
    return g_string_free(s, FALSE);
}

/* Set one slot of a running header or footer on a page at baseline y. */
static void
set_running_slot(flow_t *f, jb_page_t *page, const char *text, jb_align_t align, double y)
{
    jb_style_t st = *jb_document_get_style(f->doc, y < f->doc->margin_top ? "header" : "footer");
    st.align = align;
    st.first_indent = 0;
    jb_text_t t = {0};
    jb_text_add(&t, text, NULL, 0);
    jb_paragraph_t *p = paragraph_new(f, NULL, &t, &st, text_width(f));
    if (jb_paragraph_get_line_count(p) > 0)
        jb_paragraph_add_line(p, 0, page, f->doc->margin_left, y, rgba(st.colour));
    jb_paragraph_free(p);
    free(t.inlines[0].text);
    free(t.inlines[0].fact_id);
    free(t.inlines);
}

/* Running headers and footers on every page after the cover, numbered from
 * the first page after it (第 N 页 / 共 M 页). */
static void
add_running(flow_t *f, size_t first)
{
    const jb_document_t *d = f->doc;
    size_t n = jb_pages_get_count(f->pages);
    for (size_t i = first; i < n; i++) {
        jb_page_t *page = jb_pages_get_page(f->pages, i);
        const char *section = g_ptr_array_index(f->sections, i);
        const jb_running_t *runs[2] = {&d->header, &d->footer};
        double ys[2] = {d->margin_top - 14, d->page_height - d->margin_bottom + 28};
        for (int r = 0; r < 2; r++) {
            const char *slots[3] = {runs[r]->left, runs[r]->center, runs[r]->right};
            const jb_align_t aligns[3] = {JB_ALIGN_LEFT, JB_ALIGN_CENTER, JB_ALIGN_RIGHT};
            int any = 0;
            for (int k = 0; k < 3; k++) {
                if (!slots[k] || !*slots[k])
                    continue;
                char *text = expand_fields(f, slots[k], i - first + 1, n - first, section);
                if (*text) {
                    set_running_slot(f, page, text, aligns[k], ys[r]);
                    any = 1;
                }
                g_free(text);
            }
            if (any && r == 0) /* a hairline under the header */
                jb_page_add_line(page, d->margin_left, d->margin_top - 8,
                                 d->page_width - d->margin_right, d->margin_top - 8, 0.5,
                                 (jb_rgba_t){0.4, 0.4, 0.4, 1});
        }
    }
}

jb_pages_t *
jb_layout_document(const jb_document_t *doc, jb_fonts_t *fonts, jb_error_t *err)
{
    jb_layout_options_t opts;
    jb_layout_options_init(&opts);
    return jb_layout_document_with_options(doc, fonts, &opts, err);
}

jb_pages_t *
jb_layout_document_with_options(const jb_document_t *doc, jb_fonts_t *fonts,
                                const jb_layout_options_t *opts, jb_error_t *err)
{
    if (doc->page_width - doc->margin_left - doc->margin_right < 72 ||
        doc->page_height - doc->margin_top - doc->margin_bottom < 72) {
        jb_error_set(err, JB_ERR_DATA, NULL, 0, 0, -1,
                     "the margins leave less than 1 inch for text");
        return NULL;
    }
    const jb_kinsoku_t *kinsoku = jb_kinsoku_get_default(err);
    if (!kinsoku)
        return NULL;
    flow_t f = {.doc = doc, .fonts = fonts, .opts = *opts, .kinsoku = kinsoku,
                .ctx = jb_fonts_new_context(fonts), .pages = jb_pages_new(),
                .sections = g_ptr_array_new_with_free_func(g_free)};
    new_page(&f);
    size_t first_body_page = 0;

    jb_status_t status = JB_OK;
    for (size_t i = 0; i < doc->n_blocks && status == JB_OK; i++) {
        const jb_block_t *b = &doc->blocks[i];
        if (i > 0 && i == doc->n_cover_blocks) { /* the cover stands alone */
            new_page(&f);
            first_body_page = jb_pages_get_count(f.pages) - 1;
        }
        switch (b->type) {
        case JB_BLOCK_TITLE:
        case JB_BLOCK_PARAGRAPH:
        case JB_BLOCK_LIST_ITEM:
            set_text_block(&f, b);
            break;
        case JB_BLOCK_HEADING:
            set_heading(&f, b, i + 1 < doc->n_blocks ? &doc->blocks[i + 1] : NULL);
            break;
        case JB_BLOCK_CHART:
            f.y += 8;
            status = set_chart(&f, b, err);
            f.y += 12;
            break;
        case JB_BLOCK_PAGE_BREAK:
            if (f.y > doc->margin_top)
                new_page(&f);
            break;
        case JB_BLOCK_TABLE:
        case JB_BLOCK_TOC:
            status = jb_error_set(err, JB_ERR_UNSUPPORTED, NULL, b->line, 0, -1,
                                  "%s are not laid out yet",
                                  b->type == JB_BLOCK_TABLE ? "tables" : "tables of contents");
            break;
        }
        if (status != JB_OK && err && !err->line)
            err->line = b->line;
    }
    if (status == JB_OK)
        add_running(&f, first_body_page);
    g_object_unref(f.ctx);
    g_ptr_array_free(f.sections, TRUE);
    g_free(f.section);
    if (status != JB_OK) {
        jb_pages_free(f.pages);
        return NULL;
    }
    return f.pages;
}
