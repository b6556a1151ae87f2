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

/* Lay out doc with fonts. The caller frees the result with jb_pages_free.
 * Fails (NULL) when a chart cannot be drawn (its error, with the template
 * line of the chart) or the page has no room for text. */
jb_pages_t *jb_layout_document(const jb_document_t *doc, jb_fonts_t *fonts, jb_error_t *err);

#ifdef __cplusplus
}
#endif
#endif
