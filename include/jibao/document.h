/* jibao — the document tree: a template merged with its data.
 *
 * merge produces it, layout and chart consume it. Everything in it is plain
 * text, numbers and names: no XPath, no XML. The document owns all its
 * contents; jb_document_free frees everything. Lengths are in points.
 */
#ifndef JIBAO_DOCUMENT_H
#define JIBAO_DOCUMENT_H

#include <stddef.h>
#include <stdint.h>

#include "jibao/chart-spec.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    JB_ALIGN_JUSTIFY, /* both edges flush, last line flush left (两端对齐) */
    JB_ALIGN_LEFT,
    JB_ALIGN_CENTER,
    JB_ALIGN_RIGHT,
} jb_align_t;

/* A named paragraph style. jb_document_new installs the defaults listed in
 * docs/templates.md (title, subtitle, heading1..4, body, list, caption,
 * table, table-header, header, footer, toc1..3, cover-title,
 * cover-subtitle, cover-meta, note); templates override or add. */
typedef struct {
    char *name;
    char *family;        /* "serif", "sans-serif" or a family name */
    double size;         /* font size */
    int bold;
    uint32_t colour;     /* 0xRRGGBB */
    double line_pitch;   /* baseline to baseline */
    double first_indent; /* in em of this style's size (2 = 两字缩进) */
    jb_align_t align;
    double space_before, space_after;
} jb_style_t;

/* Inline flags. */
enum {
    JB_INLINE_BOLD = 1 << 0,
    JB_INLINE_EMPHASIS = 1 << 1,   /* 着重号 or the style's emphasis */
    JB_INLINE_LINE_BREAK = 1 << 2, /* a forced line break; text is "" */
    JB_INLINE_HIGHLIGHT = 1 << 3,  /* a value to review (low confidence): marked behind */
};

/* A piece of inline text. Bound values remember the fact they came from. */
typedef struct {
    char *text;
    char *fact_id; /* NULL for literal template text */
    unsigned flags;
    char *link;    /* a destination (a sources appendix entry), or NULL */
} jb_inline_t;

/* A run of inline pieces: a paragraph's or a table cell's content. */
typedef struct {
    size_t n_inlines;
    jb_inline_t *inlines;
} jb_text_t;

typedef enum { JB_ROW_BODY, JB_ROW_HEADER, JB_ROW_TOTAL } jb_row_kind_t;

typedef struct {
    jb_text_t text;
    jb_align_t align;
} jb_cell_t;

typedef struct {
    jb_row_kind_t kind;
    size_t n_cells;
    jb_cell_t *cells;
    char *anchor; /* a destination name at the row (sources appendix), or NULL */
} jb_row_t;

/* A table. Header rows repeat on every page the table spans. */
typedef struct {
    char *caption; /* above the table, or NULL */
    char *note;    /* under it (数据来源：…), or NULL */
    size_t n_cols;
    double *col_widths;   /* relative widths, n_cols of them; 0 = share equally */
    jb_align_t *col_align; /* n_cols */
    size_t n_rows;
    jb_row_t *rows;
} jb_table_t;

typedef enum {
    JB_BLOCK_TITLE,      /* the report title as set on the page */
    JB_BLOCK_HEADING,    /* a section heading, level 1..4 */
    JB_BLOCK_PARAGRAPH,  /* body text */
    JB_BLOCK_CHART,      /* chart: a jb_chart_spec_t */
    JB_BLOCK_LIST_ITEM,  /* number/marker + text, level 1..3 */
    JB_BLOCK_TABLE,      /* table: a jb_table_t */
    JB_BLOCK_TOC,        /* table of contents; layout fills it from headings */
    JB_BLOCK_PAGE_BREAK, /* the next block starts a new page */
} jb_block_type_t;

typedef struct {
    jb_block_type_t type;
    unsigned line;  /* template line it came from */
    char *style;    /* style name, or NULL for the type's default */
    int level;      /* headings 1..4, list items 1..3, TOC depth */
    char *number;   /* heading number (一、 （一） 1. （1）) or list marker */
    char *anchor;   /* headings: a unique id (outline, TOC links) */
    jb_text_t text; /* title, heading, paragraph, list item, TOC title */
    jb_chart_spec_t *chart;
    jb_table_t *table;
    int may_float; /* charts: when one does not fit, the text after it may fill
                      the rest of the page and the chart opens the next page */
} jb_block_t;

/* Running header or footer: three slots of text with fields {page},
 * {pages}, {title}, {subtitle}, {period}, {date}, {section}, {organisation},
 * replaced by layout on each page. NULL slots are empty. */
typedef struct {
    char *left, *center, *right;
} jb_running_t;

typedef struct {
    char *title;
    char *subtitle;
    char *organisation;
    char *author;
    char *subject;
    char *keywords;
    char *period; /* the report period as printed (2024年前三季度) */
    char *date;   /* the report date as printed */
    double page_width, page_height;
    double margin_top, margin_right, margin_bottom, margin_left;
    jb_running_t header, footer;
    size_t n_cover_blocks; /* the first n blocks form the cover page: no
                              header, footer or page number */
    size_t n_styles;
    jb_style_t *styles;
    size_t n_blocks;
    jb_block_t *blocks;
} jb_document_t;

/* A new empty document: A4 portrait, 25 mm margins, the default styles, a
 * footer "第 {page} 页 / 共 {pages} 页". Freed by the caller. */
jb_document_t *jb_document_new(void);

/* Free the document and everything in it. NULL is a no-op. */
void jb_document_free(jb_document_t *doc);

/* Append a block of the given type; the returned pointer is owned by doc and
 * valid until the next append. */
jb_block_t *jb_document_add_block(jb_document_t *doc, jb_block_type_t type, unsigned line);

/* The style of that name, or NULL. Valid until styles change. */
const jb_style_t *jb_document_get_style(const jb_document_t *doc, const char *name);

/* The style a block is set in: its own, else its type's default
 * (heading<level>, body, list, …). Never NULL. */
const jb_style_t *jb_document_get_block_style(const jb_document_t *doc, const jb_block_t *block);

/* Add a style, or replace the one of the same name (strings copied). */
void jb_document_set_style(jb_document_t *doc, const jb_style_t *style);

/* Append inline text (copied) to a text run; fact_id may be NULL. */
void jb_text_add(jb_text_t *text, const char *s, const char *fact_id, unsigned flags);

/* The run's text concatenated (line breaks as '\n'). The caller frees it
 * with free(). */
char *jb_text_get_string(const jb_text_t *text);

/* A new table of n_cols columns (equal widths, left aligned), for a
 * JB_BLOCK_TABLE's table field; freed with its block. */
jb_table_t *jb_table_new(size_t n_cols);

/* Append a row of n_cols empty cells (aligned as their columns); owned by
 * the table, valid until the next append. */
jb_row_t *jb_table_add_row(jb_table_t *table, jb_row_kind_t kind);

/* The traditional edition: convert every printed string of the document
 * (metadata, header and footer, text, tables, chart titles and labels) to
 * traditional characters with OpenCC's s2t, and set every style and chart
 * in the TC faces of Noto CJK. Fails with JB_ERR_FONT when OpenCC's data
 * is missing (doc unchanged). */
jb_status_t jb_document_set_traditional(jb_document_t *doc, jb_error_t *err);

/* A readable dump of the tree (one line per block, inlines with their fact
 * ids), for golden tests. The caller frees it with free(). */
char *jb_document_dump(const jb_document_t *doc);

#ifdef __cplusplus
}
#endif
#endif
