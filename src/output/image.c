/* One page of the display list as SVG (vectors, cairo's SVG surface) or PNG
 * (pixels, cairo's image surface), written atomically like the PDF. Charts
 * on their own (`jibao chart -o x.svg`) come this way. */
#include <cairo-svg.h>
#include <string.h>

#include "../base/util-private.h"
#include "jibao/output.h"
#include "output-private.h"

static cairo_status_t
write_file(void *closure, const unsigned char *data, unsigned int length)
{
    return fwrite(data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS
                                                       : CAIRO_STATUS_WRITE_ERROR;
}

jb_status_t
jb_output_write_image(const jb_pages_t *pages, size_t index, double png_scale, const char *path,
                      jb_error_t *err)
{
    const char *dot = strrchr(path, '.');
    int svg = dot && g_ascii_strcasecmp(dot, ".svg") == 0;
    int png = dot && g_ascii_strcasecmp(dot, ".png") == 0;
    const jb_page_t *page = jb_pages_get_page(pages, index);
    if (!svg && !png)
        return jb_error_set(err, JB_ERR_USAGE, path, 0, 0, -1,
                            "cannot tell the image format from the name: use .svg or .png");
    if (!page)
        return jb_error_set(err, JB_ERR_RENDER, path, 0, 0, -1, "there is no page %zu",
                            index + 1);
    if (png_scale <= 0)
        png_scale = 1;

    double width = jb_page_get_width(page), height = jb_page_get_height(page);
    jb_atomic_file_t *af = jb_atomic_file_open(path, err);
    if (!af)
        return JB_ERR_IO;
    FILE *fp = jb_atomic_file_get_stream(af);
    cairo_surface_t *surface;
    if (svg) {
        surface = cairo_svg_surface_create_for_stream(write_file, fp, width, height);
        cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PT);
    } else {
        surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(width * png_scale + 0.5),
                                             (int)(height * png_scale + 0.5));
    }
    cairo_t *cr = cairo_create(surface);
    if (png) {
        /* an image surface starts transparent black */
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        cairo_scale(cr, png_scale, png_scale);
    }
    jb_output_draw_page(cr, page, NULL);
    cairo_status_t cs = cairo_status(cr);
    cairo_destroy(cr);
    if (png && cs == CAIRO_STATUS_SUCCESS)
        cs = cairo_surface_write_to_png_stream(surface, write_file, fp);
    cairo_surface_finish(surface);
    if (cs == CAIRO_STATUS_SUCCESS)
        cs = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (cs != CAIRO_STATUS_SUCCESS) {
        jb_atomic_file_abort(af);
        return jb_error_set(err, cs == CAIRO_STATUS_WRITE_ERROR ? JB_ERR_IO : JB_ERR_RENDER, path,
                            0, 0, -1, "cannot write the image: %s", cairo_status_to_string(cs));
    }
    return jb_atomic_file_commit(af, err);
}
