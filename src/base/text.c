/* Shaping helpers shared by layout and chart: a pango layout in a given
 * style, its size in points, and locale-independent number formatting. */
#include "text-private.h"

#include <stdio.h>
#include <string.h>

PangoLayout *
jb_text_layout_new(PangoContext *ctx, const char *text, const jb_text_style_t *style,
                   double width)
{
    PangoLayout *layout = pango_layout_new(ctx);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, style->family ? style->family : "sans-serif");
    pango_font_description_set_absolute_size(fd, style->size * PANGO_SCALE);
    pango_font_description_set_weight(fd, style->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout, fd);
    pango_font_description_free(fd);
    if (width > 0) {
        pango_layout_set_width(layout, pango_units_from_double(width));
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_text(layout, text, -1);
    return layout;
}

void
jb_text_layout_get_size(PangoLayout *layout, double *width, double *height)
{
    PangoRectangle logical;
    pango_layout_get_extents(layout, NULL, &logical);
    if (width)
        *width = pango_units_to_double(logical.width);
    if (height)
        *height = pango_units_to_double(logical.height);
}

char *
jb_format_decimal(char *buf, size_t n, double v, int decimals)
{
    char fmt[16];
    if (decimals < 0)
        decimals = 0;
    if (decimals > 12)
        decimals = 12;
    snprintf(fmt, sizeof fmt, "%%.%df", decimals);
    g_ascii_formatd(buf, (gint)n, fmt, v);
    /* -0.0 reads as a mistake on a chart */
    if (buf[0] == '-') {
        int all_zero = 1;
        for (const char *p = buf + 1; *p; p++)
            if (*p != '0' && *p != '.')
                all_zero = 0;
        if (all_zero)
            memmove(buf, buf + 1, strlen(buf));
    }
    return buf;
}
