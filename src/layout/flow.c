/* Page flow: blocks of the document tree are set one after another in the
 * text area, starting a new page when one is full. Paragraphs are shaped,
 * broken and justified by pango for now, and placed line by line on a fixed
 * line pitch; charts get a box of the text width. */
#include "jibao/layout.h"

#include "jibao/chart.h"

#include "../base/base-private.h"
#include "../base/pages-private.h"
#include "../base/text-private.h"

typedef struct {
    const jb_document_t *doc;
    jb_fonts_t *fonts;
    PangoContext *ctx;
    jb_pages_t *pages;
    jb_page_t *page;
    double y; /* top of the free space on the page */
} flow_t;

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
}

/* Start a new page unless `height` more points fit on this one. */
static void
need(flow_t *f, double height)
{
    if (f->y + height > text_bottom(f) && f->y > f->doc->margin_top)
        new_page(f);
}

/* Place a laid-out paragraph line by line on a fixed pitch. The baseline
 * sits so that the em box (0.88 em above the baseline, 0.12 em below in
 * Noto CJK) is centred in the line's pitch. */
static void
place_lines(flow_t *f, PangoLayout *layout, double size, double pitch, jb_rgba_t colour)
{
    double x0 = f->doc->margin_left;
    PangoLayoutIter *it = pango_layout_get_iter(layout);
    do {
        need(f, pitch);
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        double baseline = f->y + pitch / 2 + 0.38 * size;
        jb_page_add_layout_line(f->page, pango_layout_iter_get_line_readonly(it),
                                x0 + pango_units_to_double(logical.x), baseline, colour);
        f->y += pitch;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
}

/* The pango style of a document style. */
static jb_text_style_t
text_style(const jb_style_t *st)
{
    jb_text_style_t ts = {st->family, st->size, st->bold};
    return ts;
}

static jb_rgba_t
rgba(uint32_t colour)
{
    return (jb_rgba_t){((colour >> 16) & 0xff) / 255.0, ((colour >> 8) & 0xff) / 255.0,
                       (colour & 0xff) / 255.0, 1};
}

/* Set a block's text (with its number or marker in front) in its style. */
static void
set_text_block(flow_t *f, const jb_block_t *b)
{
    const jb_style_t *st = jb_document_get_block_style(f->doc, b);
    char *body = jb_text_get_string(&b->text);
    char *text = b->number ? g_strconcat(b->number, body, NULL) : g_strdup(body);
    free(body);
    jb_text_style_t ts = text_style(st);
    PangoLayout *layout = jb_text_layout_new(f->ctx, text, &ts, text_width(f));
    g_free(text);
    static const PangoAlignment aligns[] = {
        [JB_ALIGN_JUSTIFY] = PANGO_ALIGN_LEFT, [JB_ALIGN_LEFT] = PANGO_ALIGN_LEFT,
        [JB_ALIGN_CENTER] = PANGO_ALIGN_CENTER, [JB_ALIGN_RIGHT] = PANGO_ALIGN_RIGHT};
    pango_layout_set_indent(layout, pango_units_from_double(st->first_indent * st->size));
    pango_layout_set_alignment(layout, aligns[st->align]);
    pango_layout_set_justify(layout, st->align == JB_ALIGN_JUSTIFY);
    if (f->y > f->doc->margin_top)
        f->y += st->space_before;
    place_lines(f, layout, st->size, st->line_pitch, rgba(st->colour));
    f->y += st->space_after;
    g_object_unref(layout);
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

jb_pages_t *
jb_layout_document(const jb_document_t *doc, jb_fonts_t *fonts, jb_error_t *err)
{
    if (text_width(&(flow_t){.doc = doc}) < 72 ||
        doc->page_height - doc->margin_top - doc->margin_bottom < 72) {
        jb_error_set(err, JB_ERR_DATA, NULL, 0, 0, -1,
                     "the margins leave less than 1 inch for text");
        return NULL;
    }
    flow_t f = {.doc = doc, .fonts = fonts, .ctx = jb_fonts_new_context(fonts),
                .pages = jb_pages_new()};
    new_page(&f);

    for (size_t i = 0; i < doc->n_blocks; i++) {
        const jb_block_t *b = &doc->blocks[i];
        jb_status_t status = JB_OK;
        switch (b->type) {
        case JB_BLOCK_TITLE:
        case JB_BLOCK_PARAGRAPH:
        case JB_BLOCK_LIST_ITEM:
            set_text_block(&f, b);
            break;
        case JB_BLOCK_HEADING: {
            /* keep a heading with at least three lines of what follows */
            const jb_style_t *st = jb_document_get_block_style(doc, b);
            need(&f, st->space_before + st->line_pitch + st->space_after + 3 * 20);
            set_text_block(&f, b);
            break;
        }
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
        if (status != JB_OK) {
            if (err && !err->line)
                err->line = b->line;
            g_object_unref(f.ctx);
            jb_pages_free(f.pages);
            return NULL;
        }
    }
    g_object_unref(f.ctx);
    return f.pages;
}
