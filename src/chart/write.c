/* One chart on its own page, written as PDF (through output, like any
 * document), SVG or PNG (cairo surfaces here), always atomically: what
 * `jibao chart` calls. */
#include "chart-private.h"

#include <cairo-svg.h>
#include <string.h>

#include "../base/util-private.h"
#include "jibao/output.h"

#define MARGIN 12.0
#define PNG_SCALE 2.0

static cairo_status_t
write_stream(void *closure, const unsigned char *data, unsigned int length)
{
    return fwrite(data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS
                                                       : CAIRO_STATUS_WRITE_ERROR;
}

/* Replay a page's display list on a cairo context. */
static void
replay(cairo_t *cr, const jb_page_t *page)
{
    for (size_t i = 0; i < jb_page_get_item_count(page); i++) {
        const jb_item_t *item = jb_page_get_item(page, i);
        cairo_set_source_rgba(cr, item->colour.r, item->colour.g, item->colour.b, item->colour.a);
        switch (item->type) {
        case JB_ITEM_GLYPHS: {
            const jb_glyph_run_t *g = &item->u.glyphs;
            cairo_set_scaled_font(cr, pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(g->font)));
            cairo_show_text_glyphs(cr, g->text, g->text_len, g->glyphs, g->n_glyphs, g->clusters,
                                   g->n_clusters, 0);
            break;
        }
        case JB_ITEM_RECT:
            cairo_rectangle(cr, item->u.rect.x, item->u.rect.y, item->u.rect.width,
                            item->u.rect.height);
            cairo_fill(cr);
            break;
        case JB_ITEM_LINE:
            cairo_set_line_width(cr, item->u.line.width);
            cairo_move_to(cr, item->u.line.x0, item->u.line.y0);
            cairo_line_to(cr, item->u.line.x1, item->u.line.y1);
            cairo_stroke(cr);
            break;
        }
    }
}

jb_status_t
jb_chart_write_file(const jb_chart_spec_t *spec, jb_fonts_t *fonts, double width, double height,
                    const char *path, jb_error_t *err)
{
    const char *dot = strrchr(path, '.');
    int svg = dot && g_ascii_strcasecmp(dot, ".svg") == 0;
    int png = dot && g_ascii_strcasecmp(dot, ".png") == 0;
    int pdf = dot && g_ascii_strcasecmp(dot, ".pdf") == 0;
    if (!svg && !png && !pdf)
        return jb_error_set(err, JB_ERR_USAGE, path, 0, 0, -1,
                            "cannot tell the format from the name: use .pdf, .svg or .png");

    jb_status_t st;
    jb_pages_t *pages = jb_pages_new();
    jb_page_t *page = jb_pages_add_page(pages, width, height);
    jb_page_add_rect(page, (jb_box_t){0, 0, width, height}, (jb_rgba_t){1, 1, 1, 1});
    jb_box_t box = {MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN};
    if ((st = jb_chart_draw(spec, fonts, page, box, err)) != JB_OK)
        goto out;
    if (pdf) {
        jb_pdf_info_t info = {spec->title, NULL, NULL, NULL};
        st = jb_output_write_pdf(pages, &info, path, err);
        goto out;
    }

    jb_atomic_file_t *af = jb_atomic_file_open(path, err);
    if (!af) {
        st = JB_ERR_IO;
        goto out;
    }
    FILE *fp = jb_atomic_file_get_stream(af);
    cairo_surface_t *surface;
    if (svg) {
        surface = cairo_svg_surface_create_for_stream(write_stream, fp, width, height);
        cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PT);
    } else {
        surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(width * PNG_SCALE),
                                             (int)(height * PNG_SCALE));
    }
    cairo_t *cr = cairo_create(surface);
    if (png)
        cairo_scale(cr, PNG_SCALE, PNG_SCALE);
    replay(cr, page);
    cairo_status_t cs = cairo_status(cr);
    cairo_destroy(cr);
    if (png && cs == CAIRO_STATUS_SUCCESS)
        cs = cairo_surface_write_to_png_stream(surface, write_stream, fp);
    cairo_surface_finish(surface);
    if (cs == CAIRO_STATUS_SUCCESS)
        cs = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (cs != CAIRO_STATUS_SUCCESS) {
        jb_atomic_file_abort(af);
        st = jb_error_set(err, cs == CAIRO_STATUS_WRITE_ERROR ? JB_ERR_IO : JB_ERR_RENDER, path,
                          0, 0, -1, "cannot write the chart: %s", cairo_status_to_string(cs));
        goto out;
    }
    st = jb_atomic_file_commit(af, err);
out:
    jb_pages_free(pages);
    return st;
}
