/* jibao — the document tree: a template merged with its data.
 *
 * merge produces it, layout and chart consume it. Everything in it is plain
 * text and numbers: no XPath, no XML. The document owns all its contents;
 * jb_document_free frees everything.
 */
#ifndef JIBAO_DOCUMENT_H
#define JIBAO_DOCUMENT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    JB_BLOCK_TITLE,     /* the report title as set on the page */
    JB_BLOCK_HEADING,   /* a section heading, level 1..4 */
    JB_BLOCK_PARAGRAPH, /* body text */
    JB_BLOCK_CHART,
} jb_block_type_t;

/* A piece of inline text. Bound values remember the fact they came from. */
typedef struct {
    char *text;
    char *fact_id; /* NULL for literal template text */
} jb_inline_t;

/* One series of a chart: parallel arrays of category labels and values. */
typedef struct {
    char *name;
    size_t n;
    char **labels;
    double *values;
} jb_series_t;

typedef struct {
    char *type; /* "bar" */
    char *title;
    char *unit;   /* shown as 单位：… */
    char *source; /* shown as 数据来源：… */
    double height; /* points; 0 = default */
    size_t n_series;
    jb_series_t *series;
} jb_chart_spec_t;

typedef struct {
    jb_block_type_t type;
    unsigned line; /* template line it came from */
    int level;     /* headings */
    size_t n_inlines;
    jb_inline_t *inlines;
    jb_chart_spec_t *chart; /* JB_BLOCK_CHART */
} jb_block_t;

typedef struct {
    char *title;
    char *subtitle;
    char *author;
    char *subject;
    char *keywords;
    double page_width, page_height; /* points */
    double margin_top, margin_right, margin_bottom, margin_left;
    size_t n_blocks;
    jb_block_t *blocks;
} jb_document_t;

/* A new empty document: A4 portrait, 25 mm margins. Freed by the caller. */
jb_document_t *jb_document_new(void);

/* Free the document and everything in it. NULL is a no-op. */
void jb_document_free(jb_document_t *doc);

/* Append a block of the given type; the returned pointer is owned by doc and
 * valid until the next append. */
jb_block_t *jb_document_add_block(jb_document_t *doc, jb_block_type_t type, unsigned line);

/* Append inline text (copied) to a block; fact_id may be NULL. */
void jb_block_add_inline(jb_block_t *block, const char *text, const char *fact_id);

/* The block's inline text concatenated. The caller frees it with free(). */
char *jb_block_get_text(const jb_block_t *block);

/* Append a series (name copied) to a chart, and a point to a series. */
jb_series_t *jb_chart_spec_add_series(jb_chart_spec_t *chart, const char *name);
void jb_series_add_point(jb_series_t *series, const char *label, double value);

/* A new empty chart spec of the given type; freed with jb_chart_spec_free
 * (or with the document that holds it). */
jb_chart_spec_t *jb_chart_spec_new(const char *type);
void jb_chart_spec_free(jb_chart_spec_t *chart);

/* A readable dump of the tree (one line per block, inlines with their fact
 * ids), for golden tests. The caller frees it with free(). */
char *jb_document_dump(const jb_document_t *doc);

#ifdef __cplusplus
}
#endif
#endif
