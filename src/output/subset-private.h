/* Font subsetting for output: every face the pages use, cut down with
 * HarfBuzz's subsetter to the glyphs they show, loaded with FreeType as a
 * cairo font face. Not installed. */
#ifndef JIBAO_SUBSET_PRIVATE_H
#define JIBAO_SUBSET_PRIVATE_H

#include <cairo.h>
#include <pango/pangocairo.h>

#include "../base/pages-private.h"

typedef struct jb_font_subsets jb_font_subsets_t;

/* Collect the glyphs of every glyph run on pages, per face, and subset each
 * face (CFF desubroutinized, no hinting, no layout tables). A face that
 * HarfBuzz or FreeType cannot subset is drawn from the full font instead.
 * The caller frees the result with jb_font_subsets_free, after the cairo
 * surface that drew with it is finished. */
jb_font_subsets_t *jb_font_subsets_new(const jb_pages_t *pages);

void jb_font_subsets_free(jb_font_subsets_t *subsets);

/* The scaled font to draw a run in font with (owned by subsets), and the
 * run's glyphs with their ids mapped into that font (n of them into out). */
cairo_scaled_font_t *jb_font_subsets_get_scaled_font(jb_font_subsets_t *subsets, PangoFont *font,
                                                     const cairo_glyph_t *glyphs, int n,
                                                     cairo_glyph_t *out);

/* Faces subset, the bytes of their font files (a .ttc counts whole) and of
 * the subsets, for benchmarks and tests. */
void jb_font_subsets_get_stats(const jb_font_subsets_t *subsets, int *n_faces, size_t *bytes_in,
                               size_t *bytes_out);

#endif
