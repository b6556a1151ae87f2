/* The paragraph engine: pango shapes, jibao breaks and spaces lines by the
 * rules of Chinese typesetting (docs/internals/linebreak.md). Not
 * installed. */
#ifndef JIBAO_PARAGRAPH_PRIVATE_H
#define JIBAO_PARAGRAPH_PRIVATE_H

#include <pango/pangocairo.h>

#include "../base/pages-private.h"
#include "kinsoku-private.h"

typedef enum {
    JB_PARA_JUSTIFY, /* both edges flush, last line flush left (两端对齐) */
    JB_PARA_LEFT,
    JB_PARA_CENTER,
    JB_PARA_RIGHT,
} jb_para_align_t;

/* A byte range of a paragraph's text. */
typedef struct {
    int start, end;
} jb_para_range_t;

/* A byte range that links to a named destination (a value's entry in the
 * sources appendix). */
typedef struct {
    int start, end;
    const char *dest;
} jb_para_link_t;

/* How a paragraph is set. Lengths in points, cjk_latin_space in em. */
typedef struct {
    const char *family;
    double size;
    int bold;
    double width;        /* the measure */
    double first_indent; /* points */
    jb_para_align_t align;
    double cjk_latin_space;          /* between Han and Latin letters or digits, em */
    int total_fit;                   /* 1: Knuth–Plass-style total fit, 0: first fit */
    const jb_para_range_t *emphasis; /* ranges marked with 着重号 (a dot under */
    int n_emphasis;                  /* each Han character); copied */
    const jb_para_link_t *links;     /* ranges that are links; copied */
    int n_links;
    const jb_para_range_t *highlight; /* ranges marked behind (values to review); */
    int n_highlight;                  /* copied */
} jb_para_style_t;

typedef struct jb_paragraph jb_paragraph_t;

/* Shape text (UTF-8; '\n' is a forced line break) in style, with optional
 * attributes (bold ranges) and break it into lines. The caller frees the
 * result with jb_paragraph_free. */
jb_paragraph_t *jb_paragraph_new(PangoContext *ctx, const jb_kinsoku_t *kinsoku, const char *text,
                                 PangoAttrList *attrs, const jb_para_style_t *style);

void jb_paragraph_free(jb_paragraph_t *p);

int jb_paragraph_get_line_count(const jb_paragraph_t *p);

/* The width the i-th line occupies once set (justified lines: the measure). */
double jb_paragraph_get_line_width(const jb_paragraph_t *p, int i);

/* Where the i-th line's last character ends when not trimmed at the line
 * end (a closing mark keeps its full width). */
double jb_paragraph_get_line_end_untrimmed(const jb_paragraph_t *p, int i);

/* Append the i-th line's glyphs to page, its left edge at x (the measure's
 * left edge), its baseline at y; and a link over each piece of a link
 * range on the line. */
void jb_paragraph_add_line(const jb_paragraph_t *p, int i, jb_page_t *page, double x, double y,
                           jb_rgba_t colour);

/* A dot leader: the first glyph of p's first line (a paragraph of ".")
 * repeated every step points between x0 and x1 on baseline y, on a grid
 * that starts at the page's left edge so leaders of all lines align. The
 * text of the run is the dots. */
void jb_paragraph_add_leader(const jb_paragraph_t *p, jb_page_t *page, double x0, double x1,
                             double step, double y, jb_rgba_t colour);

/* A line-break dump, one line of text per set line:
 *   <x0> <x1> | <text> | nat=<natural> adj=<shrink or stretch> glue=<n>
 * x0, x1 the set line's left and right edges relative to the measure.
 * The caller frees it with g_free. */
char *jb_paragraph_dump(const jb_paragraph_t *p);

#endif
