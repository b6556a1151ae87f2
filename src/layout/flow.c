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
    double y;                        /* top of the free space on the page */
    double x_shift;                  /* left indent of the block being placed */
    double marker_x;                 /* where a list item's marker goes */
    GPtrArray *sections;             /* per page: its first level-1 heading, else the one before */
    char *section;                   /* the current level-1 heading's text */
    int page_has_section;            /* a level-1 heading starts on this page */
    size_t first_body_page;          /* pages before it form the cover */
    const int *toc_pages;            /* per block: a heading's page number from the last pass */
    int *heading_pages;              /* per block: the page number a heading lands on */
    const jb_block_t *pending_chart; /* a floating chart waiting for the next page */
    jb_status_t status;              /* of drawing a pending chart */
    jb_error_t *err;
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

static jb_status_t draw_chart(flow_t *f, const jb_block_t *b, double height, jb_error_t *err);
static double chart_height(const flow_t *f, const jb_block_t *b);

static void
new_page(flow_t *f)
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
static jb_paragraph_t *
paragraph_new(const flow_t *f, const char *number, const jb_text_t *text, const jb_style_t *st,
              double width)
{
    GString *s = g_string_new(number);
    PangoAttrList *attrs = pango_attr_list_new();
    GArray *emphasis = g_array_new(FALSE, FALSE, sizeof(jb_para_range_t));
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
    }
    jb_para_style_t ps = para_style(f, st, width);
    ps.emphasis = (const jb_para_range_t *)(void *)emphasis->data;
    ps.n_emphasis = (int)emphasis->len;
    jb_paragraph_t *p = jb_paragraph_new(f->ctx, f->kinsoku, s->str, attrs, &ps);
    g_array_free(emphasis, TRUE);
    pango_attr_list_unref(attrs);
    g_string_free(s, TRUE);
    return p;
}

/* Place a paragraph's lines on the style's fixed line pitch, never leaving
 * a single line of a paragraph alone at the foot (orphan) or the head
 * (widow) of a page. The baseline sits so that the em box (0.88 em above
 * the baseline, 0.12 em below in Noto CJK) is centred in the pitch. */
static void
place_lines(flow_t *f, const jb_paragraph_t *p, const jb_style_t *st, const jb_paragraph_t *marker)
{
    int n = jb_paragraph_get_line_count(p);
    double rise = st->line_pitch / 2 + 0.38 * st->size;
    for (int i = 0; i < n;) {
        /* a tight pitch at the top of a page: the glyph boxes (1.16 em
         * above the baseline in Noto CJK's metrics) stay in the text area */
        if (f->y <= f->doc->margin_top + 0.01 && rise < 1.16 * st->size)
            f->y = f->doc->margin_top + 1.16 * st->size - rise;
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
            double baseline = f->y + rise;
            if (i == 0 && marker)
                jb_paragraph_add_line(marker, 0, f->page, f->doc->margin_left + f->marker_x,
                                      baseline, rgba(st->colour));
            jb_paragraph_add_line(p, i, f->page, f->doc->margin_left + f->x_shift, baseline,
                                  rgba(st->colour));
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
    /* space before is dropped at the top of a page, except on the cover,
     * where it places the title (cover-title: 160 pt) */
    if (f->y > f->doc->margin_top || (size_t)(b - f->doc->blocks) < f->doc->n_cover_blocks)
        f->y += st->space_before;
    place_lines(f, p, st, NULL);
    f->y += st->space_after;
    jb_paragraph_free(p);
}

/* A list item hangs: its marker is set on its own at the item's left edge
 * and the text runs in a column after it, so every line aligns with the
 * text after the marker. Each level below the first adds 2 em. */
static void
set_list_item(flow_t *f, const jb_block_t *b)
{
    const jb_style_t *st = jb_document_get_block_style(f->doc, b);
    double left = (b->level > 1 ? b->level - 1 : 0) * 2 * st->size + st->first_indent * st->size;
    jb_style_t ts = *st;
    ts.first_indent = 0;
    jb_paragraph_t *marker = NULL;
    double hang = 0;
    if (b->number && *b->number) {
        jb_text_t mt = {0};
        jb_inline_t in = {b->number, NULL, 0};
        mt.n_inlines = 1;
        mt.inlines = &in;
        jb_style_t ms = ts;
        ms.align = JB_ALIGN_LEFT;
        marker = paragraph_new(f, NULL, &mt, &ms, text_width(f) - left);
        if (jb_paragraph_get_line_count(marker) == 1)
            hang = jb_paragraph_get_line_end_untrimmed(marker, 0);
    }
    if (hang > (text_width(f) - left) / 2)
        hang = 0; /* a marker that long is not a marker */
    jb_paragraph_t *p = paragraph_new(f, NULL, &b->text, &ts, text_width(f) - left - hang);
    if (f->y > f->doc->margin_top)
        f->y += st->space_before;
    f->x_shift = left + hang;
    f->marker_x = left;
    place_lines(f, p, st, hang > 0 ? marker : NULL);
    f->x_shift = 0;
    f->y += st->space_after;
    jb_paragraph_free(p);
    jb_paragraph_free(marker);
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
    jb_paragraph_t *p = paragraph_new(f, b->number, &b->text, st, text_width(f));
    place_lines(f, p, st, NULL);
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
chart_height(const flow_t *f, const jb_block_t *b)
{
    double height = b->chart->height > 0 ? b->chart->height : 220;
    return fmin(height, text_bottom(f) - f->doc->margin_top);
}

static jb_status_t
draw_chart(flow_t *f, const jb_block_t *b, double height, jb_error_t *err)
{
    jb_box_t box = {f->doc->margin_left, f->y, text_width(f), height};
    jb_status_t status = jb_chart_draw(b->chart, f->fonts, f->page, box, err);
    f->y += height;
    return status;
}

/* A chart is never split: it moves to the next page when it does not fit.
 * A floating one (may_float) lets the text after it fill this page first;
 * only one waits at a time. */
static jb_status_t
set_chart(flow_t *f, const jb_block_t *b, jb_error_t *err)
{
    double height = chart_height(f, b);
    if (f->y + 8 + height > text_bottom(f) + 0.01 && f->y > f->doc->margin_top) {
        if (b->may_float && !f->pending_chart) {
            f->pending_chart = b;
            return JB_OK;
        }
        new_page(f);
    } else {
        f->y += 8;
    }
    jb_status_t status = draw_chart(f, b, height, err);
    f->y += 12;
    return status;
}

/* ---- tables ---------------------------------------------------------- */

enum { CELL_PAD_X = 4, CELL_PAD_Y = 3 };

typedef struct {
    size_t n;
    jb_paragraph_t **cells;
    const jb_style_t **styles;
    double height;
} row_set_t;

static void
row_set_clear(row_set_t *r)
{
    for (size_t c = 0; c < r->n; c++)
        jb_paragraph_free(r->cells[c]);
    g_free(r->cells);
    g_free(r->styles);
    memset(r, 0, sizeof *r);
}

/* Break every cell of a row into lines; the row is as tall as its tallest
 * cell. Total rows are set bold. */
static void
row_set_new(flow_t *f, const jb_row_t *row, const double *col_w, jb_style_t *body_st,
            jb_style_t *total_st, const jb_style_t *head_st, row_set_t *r)
{
    r->n = row->n_cells;
    r->cells = g_new0(jb_paragraph_t *, r->n);
    r->styles = g_new0(const jb_style_t *, r->n);
    int max_lines = 1;
    double pitch = 0;
    for (size_t c = 0; c < r->n; c++) {
        const jb_style_t *base = row->kind == JB_ROW_HEADER  ? head_st
                                 : row->kind == JB_ROW_TOTAL ? total_st
                                                             : body_st;
        jb_style_t st = *base;
        if (row->kind != JB_ROW_HEADER)
            st.align = row->cells[c].align;
        st.first_indent = 0;
        r->cells[c] = paragraph_new(f, NULL, &row->cells[c].text, &st, col_w[c] - 2 * CELL_PAD_X);
        r->styles[c] = base;
        int n = jb_paragraph_get_line_count(r->cells[c]);
        if (n > max_lines)
            max_lines = n;
        if (base->line_pitch > pitch)
            pitch = base->line_pitch;
    }
    r->height = max_lines * pitch + 2 * CELL_PAD_Y;
}

static void
row_set_draw(flow_t *f, const row_set_t *r, const double *col_x)
{
    for (size_t c = 0; c < r->n; c++) {
        const jb_style_t *st = r->styles[c];
        for (int i = 0; i < jb_paragraph_get_line_count(r->cells[c]); i++) {
            double baseline =
                f->y + CELL_PAD_Y + i * st->line_pitch + st->line_pitch / 2 + 0.38 * st->size;
            jb_paragraph_add_line(r->cells[c], i, f->page, col_x[c] + CELL_PAD_X, baseline,
                                  rgba(st->colour));
        }
    }
    f->y += r->height;
}

static void
rule(flow_t *f, double width)
{
    jb_page_add_line(f->page, f->doc->margin_left, f->y, f->doc->margin_left + text_width(f), f->y,
                     width, (jb_rgba_t){0, 0, 0, 1});
}

/* A three-line table (三线表): a heavy rule above the header rows, a light
 * one under them, a heavy one under the last row. Rows never split; when
 * the next row does not fit, the table closes on this page and reopens on
 * the next with its header rows repeated. */
static void
set_table(flow_t *f, const jb_block_t *b)
{
    const jb_table_t *t = b->table;
    size_t n_cols = t->n_cols;
    if (n_cols == 0)
        return;
    double *col_w = g_new0(double, n_cols), *col_x = g_new0(double, n_cols);
    double total = 0;
    for (size_t c = 0; c < n_cols; c++)
        total += t->col_widths && t->col_widths[c] > 0 ? t->col_widths[c] : 1;
    double x = f->doc->margin_left;
    for (size_t c = 0; c < n_cols; c++) {
        col_w[c] =
            text_width(f) * (t->col_widths && t->col_widths[c] > 0 ? t->col_widths[c] : 1) / total;
        col_x[c] = x;
        x += col_w[c];
    }
    jb_style_t body_st = *jb_document_get_style(f->doc, "table");
    jb_style_t total_st = body_st;
    total_st.bold = 1;
    const jb_style_t *head_st = jb_document_get_style(f->doc, "table-header");
    const jb_style_t *cap_st = jb_document_get_style(f->doc, "caption");

    /* the header rows: those at the top of the table */
    size_t n_head = 0;
    while (n_head < t->n_rows && t->rows[n_head].kind == JB_ROW_HEADER)
        n_head++;
    row_set_t *head = g_new0(row_set_t, n_head ? n_head : 1);
    double head_h = 0;
    for (size_t r = 0; r < n_head; r++) {
        row_set_new(f, &t->rows[r], col_w, &body_st, &total_st, head_st, &head[r]);
        head_h += head[r].height;
    }
    row_set_t row = {0};
    size_t next = n_head;
    if (next < t->n_rows)
        row_set_new(f, &t->rows[next], col_w, &body_st, &total_st, head_st, &row);

    /* the caption stays with the header and the first row */
    double cap_h = 0;
    jb_paragraph_t *cap = NULL;
    if (t->caption) {
        jb_text_t ct = {0};
        jb_inline_t in = {t->caption, NULL, 0};
        ct.n_inlines = 1;
        ct.inlines = &in;
        jb_style_t cs = *cap_st;
        cs.first_indent = 0;
        cap = paragraph_new(f, NULL, &ct, &cs, text_width(f));
        cap_h = cs.space_before + jb_paragraph_get_line_count(cap) * cs.line_pitch + cs.space_after;
    }
    f->y += 4;
    need(f, cap_h + head_h + row.height + 2);
    if (cap) {
        if (f->y > f->doc->margin_top)
            f->y += cap_st->space_before;
        place_lines(f, cap, cap_st, NULL);
        f->y += cap_st->space_after;
        jb_paragraph_free(cap);
    }

    int open = 0;
    for (;;) {
        if (!open) {
            rule(f, 1.0);
            for (size_t r = 0; r < n_head; r++)
                row_set_draw(f, &head[r], col_x);
            if (n_head)
                rule(f, 0.5);
            open = 1;
        }
        if (next >= t->n_rows)
            break;
        if (f->y + row.height > text_bottom(f) + 0.01 &&
            f->y > f->doc->margin_top + head_h + 0.01) {
            rule(f, 1.0);
            new_page(f);
            open = 0;
            continue;
        }
        if (t->rows[next].kind == JB_ROW_TOTAL)
            rule(f, 0.5);
        row_set_draw(f, &row, col_x);
        row_set_clear(&row);
        if (++next < t->n_rows)
            row_set_new(f, &t->rows[next], col_w, &body_st, &total_st, head_st, &row);
    }
    rule(f, 1.0);
    if (t->note) {
        jb_text_t nt = {0};
        jb_inline_t in = {t->note, NULL, 0};
        nt.n_inlines = 1;
        nt.inlines = &in;
        const jb_style_t *ns = jb_document_get_style(f->doc, "note");
        jb_style_t st = *ns;
        st.first_indent = 0;
        jb_paragraph_t *np = paragraph_new(f, NULL, &nt, &st, text_width(f));
        f->y += st.space_before;
        place_lines(f, np, &st, NULL);
        f->y += st.space_after;
        jb_paragraph_free(np);
    } else {
        f->y += 8;
    }
    for (size_t r = 0; r < n_head; r++)
        row_set_clear(&head[r]);
    g_free(head);
    g_free(col_w);
    g_free(col_x);
}

/* ---- table of contents ----------------------------------------------- */

/* The contents: one entry per heading up to the TOC's depth, its number
 * and text on the left, its page number flush right, dot leaders between,
 * the whole entry a link to the heading. Page numbers come from the
 * previous pass (jb_layout_document_with_options runs until they settle). */
static void
set_toc(flow_t *f, const jb_block_t *b)
{
    int depth = b->level > 0 ? b->level : 2;
    const jb_style_t *title_st = jb_document_get_style(f->doc, "toc-title");
    jb_text_t title = b->text;
    jb_inline_t dflt = {(char *)"目录", NULL, 0};
    char *given = jb_text_get_string(&b->text);
    if (!*given) {
        title.n_inlines = 1;
        title.inlines = &dflt;
    }
    free(given);
    jb_paragraph_t *tp = paragraph_new(f, NULL, &title, title_st, text_width(f));
    if (f->y > f->doc->margin_top)
        f->y += title_st->space_before;
    place_lines(f, tp, title_st, NULL);
    f->y += title_st->space_after;
    jb_paragraph_free(tp);

    double right = f->doc->margin_left + text_width(f);
    for (size_t j = 0; j < f->doc->n_blocks; j++) {
        const jb_block_t *h = &f->doc->blocks[j];
        if (h->type != JB_BLOCK_HEADING || h->level > depth)
            continue;
        int level = h->level < 1 ? 1 : h->level > 3 ? 3 : h->level;
        char name[8];
        g_snprintf(name, sizeof name, "toc%d", level);
        const jb_style_t *base = jb_document_get_style(f->doc, name);
        jb_style_t st = base ? *base : *title_st;
        st.align = JB_ALIGN_LEFT;
        st.first_indent = 0;

        char page_no[16] = "";
        if (f->toc_pages && f->toc_pages[j] > 0)
            g_snprintf(page_no, sizeof page_no, "%d", f->toc_pages[j]);
        jb_text_t pt = {0};
        jb_inline_t pin = {page_no[0] ? page_no : (char *)"0", NULL, 0};
        pt.n_inlines = 1;
        pt.inlines = &pin;
        jb_paragraph_t *pn = paragraph_new(f, NULL, &pt, &st, text_width(f));
        double num_w = jb_paragraph_get_line_width(pn, 0);
        double indent = (level - 1) * 2 * st.size;
        jb_paragraph_t *ep = paragraph_new(f, h->number, &h->text, &st,
                                           text_width(f) - indent - num_w - 3 * st.size);
        int n = jb_paragraph_get_line_count(ep);
        need(f, n * st.line_pitch);
        double top = f->y;
        for (int i = 0; i < n; i++) {
            double baseline = f->y + st.line_pitch / 2 + 0.38 * st.size;
            double x = f->doc->margin_left + indent;
            jb_paragraph_add_line(ep, i, f->page, x, baseline, rgba(st.colour));
            if (i == n - 1) {
                double end = x + jb_paragraph_get_line_width(ep, i);
                jb_paragraph_add_line(pn, 0, f->page, right - num_w, baseline, rgba(st.colour));
                jb_text_t dt = {0};
                jb_inline_t din = {(char *)".", NULL, 0};
                dt.n_inlines = 1;
                dt.inlines = &din;
                jb_paragraph_t *dots = paragraph_new(f, NULL, &dt, &st, text_width(f));
                jb_paragraph_add_leader(dots, f->page, end + 0.5 * st.size,
                                        right - num_w - 0.5 * st.size, 0.5 * st.size, baseline,
                                        rgba(st.colour));
                jb_paragraph_free(dots);
            }
            f->y += st.line_pitch;
        }
        char dest[32];
        g_snprintf(dest, sizeof dest, "h%zu", j);
        jb_page_add_link(
            f->page,
            (jb_box_t){f->doc->margin_left + indent, top, text_width(f) - indent, f->y - top},
            dest);
        jb_paragraph_free(pn);
        jb_paragraph_free(ep);
    }
    f->y += 12;
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
        {"{page}", page},        {"{pages}", pages},
        {"{title}", d->title},   {"{subtitle}", d->subtitle},
        {"{period}", d->period}, {"{date}", d->date},
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

/* One pass of the page flow. toc_pages: heading page numbers from the pass
 * before (or NULL); heading_pages receives this pass's. */
static jb_pages_t *
run_flow(const jb_document_t *doc, jb_fonts_t *fonts, const jb_layout_options_t *opts,
         const jb_kinsoku_t *kinsoku, const int *toc_pages, int *heading_pages, jb_error_t *err)
{
    flow_t f = {.doc = doc,
                .fonts = fonts,
                .opts = *opts,
                .kinsoku = kinsoku,
                .ctx = jb_fonts_new_context(fonts),
                .pages = jb_pages_new(),
                .sections = g_ptr_array_new_with_free_func(g_free),
                .toc_pages = toc_pages,
                .heading_pages = heading_pages,
                .err = err};
    new_page(&f);

    jb_status_t status = JB_OK;
    for (size_t i = 0; i < doc->n_blocks && status == JB_OK; i++) {
        const jb_block_t *b = &doc->blocks[i];
        /* a floating chart does not float past a heading or a page break */
        if (f.pending_chart && (b->type == JB_BLOCK_HEADING || b->type == JB_BLOCK_PAGE_BREAK ||
                                b->type == JB_BLOCK_CHART || i == doc->n_cover_blocks))
            new_page(&f);
        if (i > 0 && i == doc->n_cover_blocks) { /* the cover stands alone */
            new_page(&f);
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
                new_page(&f);
            break;
        case JB_BLOCK_TABLE:
            if (b->table)
                set_table(&f, b);
            break;
        case JB_BLOCK_TOC:
            set_toc(&f, b);
            break;
        }
        if (status != JB_OK && err && !err->line)
            err->line = b->line;
        if (status == JB_OK)
            status = f.status;
    }
    if (status == JB_OK && f.pending_chart)
        new_page(&f);
    if (status == JB_OK)
        status = f.status;
    if (status == JB_OK)
        add_running(&f, f.first_body_page);
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
