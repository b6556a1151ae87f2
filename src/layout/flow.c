/* Page flow: blocks of the document tree are set one after another in the
 * text area, starting a new page when one is full. Paragraphs are broken
 * and justified by the paragraph engine (paragraph.c) and placed line by
 * line on their style's fixed pitch, with widow and orphan control;
 * headings keep with what follows; charts are never split. Running headers
 * and footers are added last, when the page count is known. */
#include "jibao/layout.h"

#include <math.h>
#include <string.h>

#include "jibao/chart.h"

#include "../base/base-private.h"
#include "flow-private.h"

void
jb_layout_options_init(jb_layout_options_t *opts)
{
    opts->cjk_latin_space = 0.25;
    opts->total_fit = 1;
}

double
jb_flow_text_width(const jb_flow_t *f)
{
    return f->doc->page_width - f->doc->margin_left - f->doc->margin_right;
}

double
jb_flow_text_bottom(const jb_flow_t *f)
{
    return f->doc->page_height - f->doc->margin_bottom;
}

static jb_status_t draw_chart(jb_flow_t *f, const jb_block_t *b, double height, jb_error_t *err);
static double chart_height(const jb_flow_t *f, const jb_block_t *b);

void
jb_flow_new_page(jb_flow_t *f)
{
    f->page = jb_pages_add_page(f->pages, f->doc->page_width, f->doc->page_height);
    f->y = f->doc->margin_top;
    f->page_has_section = 0;
    g_ptr_array_add(f->sections, g_strdup(f->section ? f->section : ""));
    if (f->pending_chart) { /* a floating chart opens the page */
        const jb_block_t *b = f->pending_chart;
        f->pending_chart = NULL;
        jb_status_t status = draw_chart(f, b, chart_height(f, b), f->err);
        if (status != JB_OK && f->status == JB_OK) {
            f->status = status;
            if (f->err && !f->err->line)
                f->err->line = b->line;
        }
        f->y += 12;
    }
}

/* Start a new page unless `height` more points fit on this one. */
void
jb_flow_need(jb_flow_t *f, double height)
{
    if (f->y + height > jb_flow_text_bottom(f) + 0.01 && f->y > f->doc->margin_top)
        jb_flow_new_page(f);
}

jb_rgba_t
jb_flow_rgba(uint32_t colour)
{
    return (jb_rgba_t){((colour >> 16) & 0xff) / 255.0, ((colour >> 8) & 0xff) / 255.0,
                       (colour & 0xff) / 255.0, 1};
}

/* The paragraph engine's settings for a style at a given measure. */
static jb_para_style_t
para_style(const jb_flow_t *f, const jb_style_t *st, double width)
{
    static const jb_para_align_t aligns[] = {[JB_ALIGN_JUSTIFY] = JB_PARA_JUSTIFY,
                                             [JB_ALIGN_LEFT] = JB_PARA_LEFT,
                                             [JB_ALIGN_CENTER] = JB_PARA_CENTER,
                                             [JB_ALIGN_RIGHT] = JB_PARA_RIGHT};
    jb_para_style_t ps = {.family = st->family,
                          .size = st->size,
                          .bold = st->bold,
                          .width = width,
                          .first_indent = st->first_indent * st->size,
                          .align = aligns[st->align],
                          .cjk_latin_space = f->opts.cjk_latin_space,
                          .total_fit = f->opts.total_fit};
    return ps;
}

/* Shape and break a text run (with a number or marker in front) in a style.
 * Bold inlines become pango attributes. */
jb_paragraph_t *
jb_flow_paragraph_new(const jb_flow_t *f, const char *number, const jb_text_t *text,
                      const jb_style_t *st, double width)
{
    GString *s = g_string_new(number);
    PangoAttrList *attrs = pango_attr_list_new();
    GArray *emphasis = g_array_new(FALSE, FALSE, sizeof(jb_para_range_t));
    GArray *links = g_array_new(FALSE, FALSE, sizeof(jb_para_link_t));
    GArray *highlight = g_array_new(FALSE, FALSE, sizeof(jb_para_range_t));
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
        if (in->flags & JB_INLINE_EMPHASIS) {
            jb_para_range_t r = {(int)start, (int)s->len};
            g_array_append_val(emphasis, r);
        }
        if (in->flags & JB_INLINE_HIGHLIGHT) {
            jb_para_range_t r = {(int)start, (int)s->len};
            g_array_append_val(highlight, r);
        }
        if (in->link && s->len > start) {
            jb_para_link_t l = {(int)start, (int)s->len, in->link};
            g_array_append_val(links, l);
        }
    }
    jb_para_style_t ps = para_style(f, st, width);
    ps.emphasis = (const jb_para_range_t *)(void *)emphasis->data;
    ps.n_emphasis = (int)emphasis->len;
    ps.links = (const jb_para_link_t *)(void *)links->data;
    ps.n_links = (int)links->len;
    ps.highlight = (const jb_para_range_t *)(void *)highlight->data;
    ps.n_highlight = (int)highlight->len;
    jb_paragraph_t *p = jb_paragraph_new(f->ctx, f->kinsoku, s->str, attrs, &ps);
    g_array_free(emphasis, TRUE);
    g_array_free(links, TRUE);
    g_array_free(highlight, TRUE);
    pango_attr_list_unref(attrs);
    g_string_free(s, TRUE);
    return p;
}

/* Place a paragraph's lines on the style's fixed line pitch, never leaving
 * a single line of a paragraph alone at the foot (orphan) or the head
 * (widow) of a page. The baseline sits so that the em box (0.88 em above
 * the baseline, 0.12 em below in Noto CJK) is centred in the pitch. */
void
jb_flow_place_lines(jb_flow_t *f, const jb_paragraph_t *p, const jb_style_t *st,
                    const jb_paragraph_t *marker)
{
    int n = jb_paragraph_get_line_count(p);
    double rise = st->line_pitch / 2 + 0.38 * st->size;
    for (int i = 0; i < n;) {
        /* a tight pitch at the top of a page: the glyph boxes (1.16 em
         * above the baseline in Noto CJK's metrics) stay in the text area */
        if (f->y <= f->doc->margin_top + 0.01 && rise < 1.16 * st->size)
            f->y = f->doc->margin_top + 1.16 * st->size - rise;
        int fit = (int)((jb_flow_text_bottom(f) - f->y + 0.01) / st->line_pitch);
        int left = n - i;
        if (fit < left && f->y > f->doc->margin_top) {
            if (left - fit == 1 && fit >= 2 && left >= 3)
                fit--; /* keep two lines for the next page: no widow */
            if ((i == 0 && fit < 2) || fit < 1) {
                jb_flow_new_page(f); /* no orphan: a lone first line moves on */
                continue;
            }
        } else if (fit < 1) {
            fit = 1; /* a page too short for one line: overfull, not endless */
        }
        for (int k = 0; k < fit && i < n; k++, i++) {
            double baseline = f->y + rise;
            if (i == 0 && marker)
                jb_paragraph_add_line(marker, 0, f->page, f->doc->margin_left + f->marker_x,
                                      baseline, jb_flow_rgba(st->colour));
            jb_paragraph_add_line(p, i, f->page, f->doc->margin_left + f->x_shift, baseline,
                                  jb_flow_rgba(st->colour));
            f->y += st->line_pitch;
        }
        if (i < n)
            jb_flow_new_page(f);
    }
}

/* Set a block's text (with its number or marker in front) in its style. */
static void
set_text_block(jb_flow_t *f, const jb_block_t *b)
{
    const jb_style_t *st = jb_document_get_block_style(f->doc, b);
    jb_paragraph_t *p = jb_flow_paragraph_new(f, b->number, &b->text, st, jb_flow_text_width(f));
    /* space before is dropped at the top of a page, except on the cover,
     * where it places the title (cover-title: 160 pt) */
    if (f->y > f->doc->margin_top || (size_t)(b - f->doc->blocks) < f->doc->n_cover_blocks)
        f->y += st->space_before;
    jb_flow_place_lines(f, p, st, NULL);
    f->y += st->space_after;
    jb_paragraph_free(p);
}

/* A list item hangs: its marker is set on its own at the item's left edge
 * and the text runs in a column after it, so every line aligns with the
 * text after the marker. Each level below the first adds 2 em. */
static void
set_list_item(jb_flow_t *f, const jb_block_t *b)
{
    const jb_style_t *st = jb_document_get_block_style(f->doc, b);
    double left = (b->level > 1 ? b->level - 1 : 0) * 2 * st->size + st->first_indent * st->size;
    jb_style_t ts = *st;
    ts.first_indent = 0;
    jb_paragraph_t *marker = NULL;
    double hang = 0;
    if (b->number && *b->number) {
        jb_text_t mt = {0};
        jb_inline_t in = {b->number, NULL, 0, NULL};
        mt.n_inlines = 1;
        mt.inlines = &in;
        jb_style_t ms = ts;
        ms.align = JB_ALIGN_LEFT;
        marker = jb_flow_paragraph_new(f, NULL, &mt, &ms, jb_flow_text_width(f) - left);
        if (jb_paragraph_get_line_count(marker) == 1)
            hang = jb_paragraph_get_line_end_untrimmed(marker, 0);
    }
    if (hang > (jb_flow_text_width(f) - left) / 2)
        hang = 0; /* a marker that long is not a marker */
    jb_paragraph_t *p =
        jb_flow_paragraph_new(f, NULL, &b->text, &ts, jb_flow_text_width(f) - left - hang);
    if (f->y > f->doc->margin_top)
        f->y += st->space_before;
    f->x_shift = left + hang;
    f->marker_x = left;
    jb_flow_place_lines(f, p, st, hang > 0 ? marker : NULL);
    f->x_shift = 0;
    f->y += st->space_after;
    jb_paragraph_free(p);
    jb_paragraph_free(marker);
}

/* Keep a heading with the first two lines of the block after it. */
static void
set_heading(jb_flow_t *f, const jb_block_t *b, const jb_block_t *next)
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
    jb_flow_need(f, st->space_before + st->line_pitch + st->space_after + follow);
    if (f->y > f->doc->margin_top)
        f->y += st->space_before;
    size_t index = (size_t)(b - f->doc->blocks);
    char dest[32];
    g_snprintf(dest, sizeof dest, "h%zu", index);
    jb_page_add_dest(f->page, f->doc->margin_left, f->y, dest);
    char *body = jb_text_get_string(&b->text);
    char *title = g_strconcat(b->number ? b->number : "", body, NULL);
    jb_pages_add_outline(f->pages, b->level < 1 ? 1 : b->level, title, dest);
    g_free(title);
    free(body);
    jb_paragraph_t *p = jb_flow_paragraph_new(f, b->number, &b->text, st, jb_flow_text_width(f));
    jb_flow_place_lines(f, p, st, NULL);
    f->y += st->space_after;
    jb_paragraph_free(p);
    f->heading_pages[index] = (int)(jb_pages_get_count(f->pages) - f->first_body_page);
    if (b->level <= 1) {
        /* the section a running header shows: the page's first heading */
        char *text = jb_text_get_string(&b->text);
        g_free(f->section);
        f->section = g_strdup(text);
        free(text);
        if (!f->page_has_section) {
            g_free(g_ptr_array_index(f->sections, f->sections->len - 1));
            g_ptr_array_index(f->sections, f->sections->len - 1) = g_strdup(f->section);
            f->page_has_section = 1;
        }
    }
}

static double
chart_height(const jb_flow_t *f, const jb_block_t *b)
{
    double height = b->chart->height > 0 ? b->chart->height : 220;
    return fmin(height, jb_flow_text_bottom(f) - f->doc->margin_top);
}

static jb_status_t
draw_chart(jb_flow_t *f, const jb_block_t *b, double height, jb_error_t *err)
{
    jb_box_t box = {f->doc->margin_left, f->y, jb_flow_text_width(f), height};
    jb_status_t status = jb_chart_draw(b->chart, f->fonts, f->page, box, err);
    f->y += height;
    return status;
}

/* A chart is never split: it moves to the next page when it does not fit.
 * A floating one (may_float) lets the text after it fill this page first;
 * only one waits at a time. */
static jb_status_t
set_chart(jb_flow_t *f, const jb_block_t *b, jb_error_t *err)
{
    double height = chart_height(f, b);
    if (f->y + 8 + height > jb_flow_text_bottom(f) + 0.01 && f->y > f->doc->margin_top) {
        if (b->may_float && !f->pending_chart) {
            f->pending_chart = b;
            return JB_OK;
        }
        jb_flow_new_page(f);
    } else {
        f->y += 8;
    }
    jb_status_t status = draw_chart(f, b, height, err);
    f->y += 12;
    return status;
}

jb_pages_t *
jb_layout_document(const jb_document_t *doc, jb_fonts_t *fonts, jb_error_t *err)
{
    jb_layout_options_t opts;
    jb_layout_options_init(&opts);
    return jb_layout_document_with_options(doc, fonts, &opts, err);
}

/* One pass of the page flow. toc_pages: heading page numbers from the pass
 * before (or NULL); heading_pages receives this pass's. */
static jb_pages_t *
run_flow(const jb_document_t *doc, jb_fonts_t *fonts, const jb_layout_options_t *opts,
         const jb_kinsoku_t *kinsoku, const int *toc_pages, int *heading_pages, jb_error_t *err)
{
    jb_flow_t f = {.doc = doc,
                   .fonts = fonts,
                   .opts = *opts,
                   .kinsoku = kinsoku,
                   .ctx = jb_fonts_new_context(fonts),
                   .pages = jb_pages_new(),
                   .sections = g_ptr_array_new_with_free_func(g_free),
                   .toc_pages = toc_pages,
                   .heading_pages = heading_pages,
                   .err = err};
    jb_flow_new_page(&f);

    jb_status_t status = JB_OK;
    for (size_t i = 0; i < doc->n_blocks && status == JB_OK; i++) {
        const jb_block_t *b = &doc->blocks[i];
        /* a floating chart does not float past a heading or a page break */
        if (f.pending_chart && (b->type == JB_BLOCK_HEADING || b->type == JB_BLOCK_PAGE_BREAK ||
                                b->type == JB_BLOCK_CHART || i == doc->n_cover_blocks))
            jb_flow_new_page(&f);
        if (i > 0 && i == doc->n_cover_blocks) { /* the cover stands alone */
            jb_flow_new_page(&f);
            f.first_body_page = jb_pages_get_count(f.pages) - 1;
        }
        switch (b->type) {
        case JB_BLOCK_TITLE:
        case JB_BLOCK_PARAGRAPH:
            set_text_block(&f, b);
            break;
        case JB_BLOCK_LIST_ITEM:
            set_list_item(&f, b);
            break;
        case JB_BLOCK_HEADING:
            set_heading(&f, b, i + 1 < doc->n_blocks ? &doc->blocks[i + 1] : NULL);
            break;
        case JB_BLOCK_CHART:
            status = set_chart(&f, b, err);
            break;
        case JB_BLOCK_PAGE_BREAK:
            if (f.y > doc->margin_top)
                jb_flow_new_page(&f);
            break;
        case JB_BLOCK_TABLE:
            if (b->table)
                jb_flow_set_table(&f, b);
            break;
        case JB_BLOCK_TOC:
            jb_flow_set_toc(&f, b);
            break;
        }
        if (status != JB_OK && err && !err->line)
            err->line = b->line;
        if (status == JB_OK)
            status = f.status;
    }
    if (status == JB_OK && f.pending_chart)
        jb_flow_new_page(&f);
    if (status == JB_OK)
        status = f.status;
    if (status == JB_OK) {
        jb_flow_add_running(&f, f.first_body_page);
        jb_pages_set_first_numbered(f.pages, f.first_body_page);
    }
    g_object_unref(f.ctx);
    g_ptr_array_free(f.sections, TRUE);
    g_free(f.section);
    if (status != JB_OK) {
        jb_pages_free(f.pages);
        return NULL;
    }
    return f.pages;
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
    int has_toc = 0;
    for (size_t i = 0; i < doc->n_blocks; i++)
        has_toc |= doc->blocks[i].type == JB_BLOCK_TOC;

    /* a table of contents needs the page numbers of a first pass; passes
     * repeat (at most four) until the numbers settle */
    size_t n = doc->n_blocks ? doc->n_blocks : 1;
    int *before = g_new0(int, n), *now = g_new0(int, n);
    jb_pages_t *pages = NULL;
    for (int pass = 0; pass < 4; pass++) {
        jb_pages_free(pages);
        memset(now, 0, sizeof *now * n);
        pages = run_flow(doc, fonts, opts, kinsoku, pass ? before : NULL, now, err);
        if (!pages || !has_toc || (pass > 0 && memcmp(before, now, sizeof *now * n) == 0))
            break;
        memcpy(before, now, sizeof *now * n);
    }
    g_free(before);
    g_free(now);
    return pages;
}
