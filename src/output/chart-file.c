/* One chart on its own page, drawn by the chart stage and written as PDF,
 * SVG or PNG, atomically: what `jibao chart` calls. */
#include <glib.h>
#include <string.h>

#include "../base/pages-private.h"
#include "jibao/chart.h"
#include "jibao/output.h"

#define MARGIN 12.0
#define PNG_SCALE 2.0

jb_status_t
jb_output_write_chart(const jb_chart_spec_t *spec, jb_fonts_t *fonts, double width, double height,
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

    st = jb_output_write_image(pages, 0, PNG_SCALE, path, err);
out:
    jb_pages_free(pages);
    return st;
}
