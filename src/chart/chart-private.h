/* One drawing function per chart family, called by chart.c. Not installed. */
#ifndef JIBAO_CHART_PRIVATE_H
#define JIBAO_CHART_PRIVATE_H

#include "jibao/chart.h"

/* Vertical bars, one or more series grouped by category (bar.c). */
jb_status_t jb_chart_draw_bar(const jb_chart_spec_t *spec, jb_fonts_t *fonts, jb_page_t *page,
                              jb_box_t box, jb_error_t *err);

#endif
