/* Internals shared by the stages of the core library; not installed.
 * pango, cairo and fontconfig types appear only here and in the modules
 * that draw or shape. */
#ifndef JIBAO_BASE_PRIVATE_H
#define JIBAO_BASE_PRIVATE_H

#include <pango/pangocairo.h>

#include "jibao/fonts.h"

/* The pango font map built on jibao's own FcConfig. Owned by fonts. */
PangoFontMap *jb_fonts_get_font_map(jb_fonts_t *fonts);

/* A new pango context for print: 72 dpi (1 pt = 1 user unit), no hinting,
 * no glyph-position rounding, language zh-cn. The caller unrefs it. */
PangoContext *jb_fonts_new_context(jb_fonts_t *fonts);

/* Whether any font of jibao's configuration has a glyph for c (what pango
 * can fall back to). The union of the fonts' character sets is built on
 * the first call. */
int jb_fonts_has_char(jb_fonts_t *fonts, gunichar c);

#endif
