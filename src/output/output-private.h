/* What the output files share: drawing one page of the display list on a
 * cairo context. Not installed. */
#ifndef JIBAO_OUTPUT_PRIVATE_H
#define JIBAO_OUTPUT_PRIVATE_H

#include <cairo.h>

#include "../base/pages-private.h"
#include "subset-private.h"

/* Draw every item of page on cr. With subsets (PDF) glyphs are drawn from
 * the subset faces and links and destinations become PDF tags; without
 * (SVG, PNG) glyphs use pango's own faces and links are skipped. */
void jb_output_draw_page(cairo_t *cr, const jb_page_t *page, jb_font_subsets_t *subsets);

#endif
