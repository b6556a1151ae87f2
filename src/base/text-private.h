/* Shaping short pieces of text for labels, titles and paragraphs. Not
 * installed. */
#ifndef JIBAO_TEXT_PRIVATE_H
#define JIBAO_TEXT_PRIVATE_H

#include <pango/pangocairo.h>

typedef struct {
    const char *family; /* "sans-serif", "serif", or a family name */
    double size;        /* points */
    int bold;
} jb_text_style_t;

/* A layout of text in the given style. width <= 0: one line, no wrapping.
 * The caller unrefs it. */
PangoLayout *jb_text_layout_new(PangoContext *ctx, const char *text, const jb_text_style_t *style,
                                double width);

/* Logical width and height of a layout in points. */
void jb_text_layout_get_size(PangoLayout *layout, double *width, double *height);

/* Format v with a fixed number of decimals, locale-independently, into buf
 * (at least 64 bytes). Returns buf. */
char *jb_format_decimal(char *buf, size_t n, double v, int decimals);

#endif
