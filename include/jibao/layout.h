/* jibao — layout: the document tree set on pages.
 *
 * Layout shapes and breaks text with pango, places blocks and charts in the
 * page's text area and returns pages as a display list (jibao/pages.h). It
 * never draws.
 */
#ifndef JIBAO_LAYOUT_H
#define JIBAO_LAYOUT_H

#include "jibao/document.h"
#include "jibao/error.h"
#include "jibao/fonts.h"
#include "jibao/pages.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Typesetting choices that are not part of a document's styles. */
typedef struct {
    double cjk_latin_space; /* between Han and Latin letters or digits, in em (0.25) */
    int total_fit;          /* 1: break paragraphs by total fit (default), 0: first fit */
} jb_layout_options_t;

/* Fill opts with the defaults. */
void jb_layout_options_init(jb_layout_options_t *opts);

/* Lay out doc with fonts and the default options. The caller frees the result with jb_pages_free.
 * Fails (NULL) when a chart cannot be drawn (its error, with the template
 * line of the chart) or the page has no room for text. */
jb_pages_t *jb_layout_document(const jb_document_t *doc, jb_fonts_t *fonts, jb_error_t *err);

/* The same with explicit options. Also fails when data/kinsoku.txt cannot
 * be read. */
jb_pages_t *jb_layout_document_with_options(const jb_document_t *doc, jb_fonts_t *fonts,
                                            const jb_layout_options_t *opts, jb_error_t *err);

/* Glyph preflight: check every character the document will print (text,
 * tables, chart titles and labels, header and footer) against the fonts.
 * Each missing character is passed to diag once, with its code point, the
 * text around it and where it came from (origin:line of the template, and
 * the fact it was bound from): a warning, or with strict an error. Returns
 * JB_OK, or JB_ERR_FONT when strict and a character is missing (err holds
 * the first). */
jb_status_t jb_layout_preflight(const jb_document_t *doc, jb_fonts_t *fonts, int strict,
                                const char *origin, jb_diag_fn diag, void *user, jb_error_t *err);

#ifdef __cplusplus
}
#endif
#endif
