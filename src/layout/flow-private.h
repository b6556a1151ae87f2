/* Page flow state shared by the parts of layout: the flow itself
 * (flow.c), tables (table.c), the table of contents (toc.c) and running
 * headers and footers (running.c). Not installed. */
#ifndef JIBAO_FLOW_PRIVATE_H
#define JIBAO_FLOW_PRIVATE_H

#include "jibao/layout.h"

#include "../base/pages-private.h"
#include "paragraph-private.h"

typedef struct {
    const jb_document_t *doc;
    jb_fonts_t *fonts;
    jb_layout_options_t opts;
    const jb_kinsoku_t *kinsoku;
    PangoContext *ctx;
    jb_pages_t *pages;
    jb_page_t *page;
    double y;                        /* top of the free space on the page */
    double x_shift;                  /* left indent of the block being placed */
    double marker_x;                 /* where a list item's marker goes */
    GPtrArray *sections;             /* per page: its first level-1 heading, else the one before */
    char *section;                   /* the current level-1 heading's text */
    int page_has_section;            /* a level-1 heading starts on this page */
    size_t first_body_page;          /* pages before it form the cover */
    const int *toc_pages;            /* per block: a heading's page number from the last pass */
    int *heading_pages;              /* per block: the page number a heading lands on */
    const jb_block_t *pending_chart; /* a floating chart waiting for the next page */
    jb_status_t status;              /* of drawing a pending chart */
    jb_error_t *err;
} jb_flow_t;

/* The width of the text area, and the y of its bottom edge. */
double jb_flow_text_width(const jb_flow_t *f);
double jb_flow_text_bottom(const jb_flow_t *f);

/* Start a new page (a waiting floating chart opens it). */
void jb_flow_new_page(jb_flow_t *f);

/* Start a new page unless `height` more points fit on this one. */
void jb_flow_need(jb_flow_t *f, double height);

jb_rgba_t jb_flow_rgba(uint32_t colour);

/* Shape and break a text run (number or marker in front) in a style at a
 * measure; freed with jb_paragraph_free. */
jb_paragraph_t *jb_flow_paragraph_new(const jb_flow_t *f, const char *number, const jb_text_t *text,
                                      const jb_style_t *st, double width);

/* Place a paragraph's lines on the style's pitch, with widow and orphan
 * control; marker (or NULL) is a list item's marker for the first line. */
void jb_flow_place_lines(jb_flow_t *f, const jb_paragraph_t *p, const jb_style_t *st,
                         const jb_paragraph_t *marker);

/* A table block (table.c), a table of contents (toc.c), and the running
 * headers and footers of every page from first on (running.c). */
void jb_flow_set_table(jb_flow_t *f, const jb_block_t *b);
void jb_flow_set_toc(jb_flow_t *f, const jb_block_t *b);
void jb_flow_add_running(jb_flow_t *f, size_t first);

#endif
