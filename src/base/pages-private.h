/* The display list's items, for the modules that fill pages (layout, chart)
 * and the one that draws them (output). Not installed. */
#ifndef JIBAO_PAGES_PRIVATE_H
#define JIBAO_PAGES_PRIVATE_H

#include <cairo.h>
#include <pango/pangocairo.h>

#include "jibao/pages.h"

typedef enum {
    JB_ITEM_GLYPHS,
    JB_ITEM_RECT,
    JB_ITEM_LINE,
    JB_ITEM_LINK, /* a clickable area leading to a destination */
    JB_ITEM_DEST, /* a named destination (a heading's position) */
    JB_ITEM_DOT,  /* a filled circle (着重号, the emphasis mark) */
    JB_ITEM_POLYGON, /* a filled polygon (pie and donut slices) */
} jb_item_type_t;

/* A run of glyphs in one font, at absolute page positions, with the UTF-8
 * text it shows and the clusters that tie glyphs to text (so the PDF text
 * stays extractable). */
typedef struct {
    PangoFont *font; /* one reference held */
    int n_glyphs;
    cairo_glyph_t *glyphs;
    char *text;
    int text_len;
    int n_clusters;
    cairo_text_cluster_t *clusters;
} jb_glyph_run_t;

typedef struct {
    jb_item_type_t type;
    jb_rgba_t colour;
    union {
        jb_glyph_run_t glyphs;
        jb_box_t rect;
        struct {
            double x0, y0, x1, y1, width;
        } line;
        struct {
            jb_box_t box;
            char *dest;
        } link;
        struct {
            double x, y;
            char *name;
        } dest;
        struct {
            double x, y, radius;
        } dot;
        struct {
            double *xy; /* n points as x, y pairs */
            size_t n;
        } polygon;
    } u;
} jb_item_t;

/* The i-th item of a page, valid until the pages are freed. */
const jb_item_t *jb_page_get_item(const jb_page_t *page, size_t i);

/* Append a glyph run in font (a reference is taken); glyphs, text and
 * clusters are copied. */
void jb_page_add_glyph_run(jb_page_t *page, PangoFont *font, const cairo_glyph_t *glyphs,
                           int n_glyphs, const char *text, int text_len,
                           const cairo_text_cluster_t *clusters, int n_clusters, jb_rgba_t colour);

/* A link over box to the destination named dest (copied). */
void jb_page_add_link(jb_page_t *page, jb_box_t box, const char *dest);

/* A filled circle of the given radius centred at (x, y). */
void jb_page_add_dot(jb_page_t *page, double x, double y, double radius, jb_rgba_t colour);

/* A named destination at (x, y) (name copied; letters, digits, '-' only). */
void jb_page_add_dest(jb_page_t *page, double x, double y, const char *name);

/* The first page numbered 1 (pages before it form the cover, labelled 封面
 * in PDF viewers); 0 by default. */
void jb_pages_set_first_numbered(jb_pages_t *pages, size_t page);
size_t jb_pages_get_first_numbered(const jb_pages_t *pages);

/* An outline (bookmark) entry: level 1 is the top; title and dest copied. */
typedef struct {
    int level;
    char *title;
    char *dest;
} jb_outline_entry_t;

void jb_pages_add_outline(jb_pages_t *pages, int level, const char *title, const char *dest);
size_t jb_pages_get_outline_count(const jb_pages_t *pages);
const jb_outline_entry_t *jb_pages_get_outline(const jb_pages_t *pages, size_t i);

/* Append every run of a laid-out pango layout as glyph runs; (x, y) is the
 * top-left corner of the layout's logical rectangle. */
void jb_page_add_layout(jb_page_t *page, PangoLayout *layout, double x, double y, jb_rgba_t colour);

/* Append the runs of one line of a layout, its baseline at y, its left edge
 * at x. */
void jb_page_add_layout_line(jb_page_t *page, PangoLayoutLine *line, double x, double y,
                             jb_rgba_t colour);

#endif
