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
 * series), negative pie slices and more categories than the kind can show
 * (suggesting top="N"), and JB_ERR_UNSUPPORTED for an unknown chart type. */
jb_status_t jb_chart_draw(const jb_chart_spec_t *spec, jb_fonts_t *fonts, jb_page_t *page,
                          jb_box_t box, jb_error_t *err);

/* Check what jb_chart_draw would refuse without drawing (no fonts
 * needed): the kind, finite values, negative pie slices, too many
 * categories, magnitudes no axis can show. merge calls it after binding a
 * chart so that errors carry the template line. */
jb_status_t jb_chart_check(const jb_chart_spec_t *spec, jb_error_t *err);

/* The placed geometry of spec in box as text, one box a line:
 * "ROLE X Y WIDTH HEIGHT" (points, one decimal, locale-independent), texts
 * followed by their text in quotes (a line break written \n), filled boxes
 * by their colour as #RRGGBB, for golden
 * and property tests. Roles: chart plot bar swatch nodata ground title unit
 * source tick category value legend; with JB_CHART_DUMP_ALL also markers
 * and every line (grid axis line slice separator swatch, as X Y DX DY),
 * otherwise a count of lines. The caller frees the result with g_free;
 * NULL on the errors of jb_chart_draw. */
#define JB_CHART_DUMP_ALL 1u
char *jb_chart_dump(const jb_chart_spec_t *spec, jb_fonts_t *fonts, jb_box_t box, unsigned flags,
                    jb_error_t *err);


/* Nice axis ticks (steps of 1, 2 or 5 times a power of ten) covering
 * [min, max] with at most max_ticks intervals; zero is always inside.
 * Writes the first and last tick and the step. */
void jb_chart_nice_ticks(double min, double max, int max_ticks, double *lo, double *hi,
                         double *step);

#ifdef __cplusplus
}
#endif
#endif
