/* jibao — the fonts jibao typesets with.
 *
 * jibao never asks the system which fonts to use: it builds its own
 * fontconfig configuration from fonts/fonts.conf (Noto Sans CJK SC and Noto
 * Serif CJK SC from Debian's fonts-noto-cjk, plus any font file placed in
 * fonts/), so output does not change when other fonts are installed.
 */
#ifndef JIBAO_FONTS_H
#define JIBAO_FONTS_H

#include "jibao/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct jb_fonts jb_fonts_t;

/* One family jibao resolves and the face file it resolves to. */
typedef struct {
    const char *request; /* what a style asks for: "sans-serif", "Noto Serif CJK SC" */
    const char *family;  /* the family fontconfig chose */
    const char *style;   /* "Regular", "Bold" */
    const char *file;    /* absolute path of the font file */
    int index;           /* face index inside a .ttc collection */
} jb_font_info_t;

/* Build jibao's font set from the fontconfig file dir/fonts.conf. dir NULL
 * means jb_fonts_get_default_dir(). Fails with JB_ERR_FONT (naming the
 * Debian package to install) when no Noto CJK SC face is found, or when the
 * configuration cannot be read. The caller frees the result. */
jb_fonts_t *jb_fonts_new(const char *dir, jb_error_t *err);

/* Free the font set. NULL is a no-op. */
void jb_fonts_free(jb_fonts_t *fonts);

/* The folder holding fonts.conf: $JIBAO_FONTS_DIR if set, else
 * "fonts" under jb_get_data_dir(). The string is owned by jibao. */
const char *jb_fonts_get_default_dir(void);

/* The families jibao resolves (sans-serif, serif, their bold faces, and each
 * extra font in fonts/). Valid until the font set is freed. */
size_t jb_fonts_get_count(const jb_fonts_t *fonts);
const jb_font_info_t *jb_fonts_get_info(const jb_fonts_t *fonts, size_t i);

/* The folder of jibao's data (fonts/, templates/, data/): $JIBAO_DATADIR if
 * set, else the source tree when running uninstalled, else the installed
 * data folder. Owned by jibao. */
const char *jb_get_data_dir(void);

#ifdef __cplusplus
}
#endif
#endif
