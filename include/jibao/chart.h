/* jibao — charts drawn into a box of a page.
 *
 * A chart spec (jb_chart_spec_t, from the document tree) is measured and
 * placed inside the box, then drawn as display-list items (vector shapes and
 * glyph runs) onto the page.
 */
#ifndef JIBAO_CHART_H
#define JIBAO_CHART_H

#include "jibao/document.h"
#include "jibao/error.h"
#include "jibao/fonts.h"
#include "jibao/pages.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Draw spec into box on page. A chart without data draws a "无数据" box.
 * Fails with JB_ERR_DATA for values that are not finite (naming the
 * series) and JB_ERR_UNSUPPORTED for a chart type this version lacks. */
jb_status_t jb_chart_draw(const jb_chart_spec_t *spec, jb_fonts_t *fonts, jb_page_t *page,
                          jb_box_t box, jb_error_t *err);

/* Nice axis ticks (steps of 1, 2 or 5 times a power of ten) covering
 * [min, max] with at most max_ticks intervals; zero is always inside.
 * Writes the first and last tick and the step. */
void jb_chart_nice_ticks(double min, double max, int max_ticks, double *lo, double *hi,
                         double *step);

#ifdef __cplusplus
}
#endif
#endif
