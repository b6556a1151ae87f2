/* jibao — pages as a display list.
 *
 * Layout and charts do not draw: they append items (positioned glyph runs
 * with their text, rectangles, lines) to pages. Output sees every glyph of
 * the document before it embeds fonts, and the table of contents can learn
 * page numbers in a second pass. Coordinates are PDF points, origin at the
 * top left of the page, y growing downwards.
 */
#ifndef JIBAO_PAGES_H
#define JIBAO_PAGES_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct jb_pages jb_pages_t;
typedef struct jb_page jb_page_t;

typedef struct {
    double r, g, b, a;
} jb_rgba_t;

typedef struct {
    double x, y, width, height;
} jb_box_t;

/* A new, empty document of pages. The caller frees it with jb_pages_free. */
jb_pages_t *jb_pages_new(void);

/* Free the pages and every item on them. NULL is a no-op. */
void jb_pages_free(jb_pages_t *pages);

/* Append a blank page of the given size in points. Owned by pages. */
jb_page_t *jb_pages_add_page(jb_pages_t *pages, double width, double height);

size_t jb_pages_get_count(const jb_pages_t *pages);

/* The i-th page (0-based), or NULL. Owned by pages. */
jb_page_t *jb_pages_get_page(const jb_pages_t *pages, size_t i);

double jb_page_get_width(const jb_page_t *page);
double jb_page_get_height(const jb_page_t *page);
size_t jb_page_get_item_count(const jb_page_t *page);

/* Fill a rectangle. */
void jb_page_add_rect(jb_page_t *page, jb_box_t box, jb_rgba_t fill);

/* Stroke a straight line of the given width. */
void jb_page_add_line(jb_page_t *page, double x0, double y0, double x1, double y1, double width,
                      jb_rgba_t colour);

/* Fill the polygon of n points given as x, y pairs in xy (copied). */
void jb_page_add_polygon(jb_page_t *page, const double *xy, size_t n, jb_rgba_t fill);

/* A readable text dump of every item on every page (one line each, numbers
 * with two decimals), for golden tests and debugging. The caller frees it
 * with free(). */
char *jb_pages_dump(const jb_pages_t *pages);

/* The text of all glyph runs of a page in drawing order, runs separated by
 * '\n'. The caller frees it with free(). */
char *jb_page_get_text(const jb_page_t *page);

#ifdef __cplusplus
}
#endif
#endif
