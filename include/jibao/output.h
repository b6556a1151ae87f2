/* jibao — output: pages drawn with cairo into a PDF, written atomically. */
#ifndef JIBAO_OUTPUT_H
#define JIBAO_OUTPUT_H

#include "jibao/chart-spec.h"
#include "jibao/error.h"
#include "jibao/fonts.h"
#include "jibao/pages.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Document information for the PDF; NULL fields are left out. */
typedef struct {
    const char *title;
    const char *author;
    const char *subject;
    const char *keywords;
} jb_pdf_info_t;

/* Draw pages into a PDF at path. The creator is "jibao VERSION"; creation
 * and modification dates come from $SOURCE_DATE_EPOCH when it is set (so the
 * same input gives the same bytes), else from the clock. The PDF is written
 * to a temporary file beside path and renamed over it only when complete:
 * on failure (JB_ERR_IO, JB_ERR_RENDER) nothing is left at path and a file
 * that was there is untouched. */
jb_status_t jb_output_write_pdf(const jb_pages_t *pages, const jb_pdf_info_t *info,
                                const char *path, jb_error_t *err);

/* Draw page `index` (0-based) of pages as SVG or PNG, chosen by path's
 * extension (.svg, .png); PNG pixels are png_scale per point. Written
 * atomically like the PDF. Fails with JB_ERR_USAGE for another extension,
 * JB_ERR_IO or JB_ERR_RENDER. */
jb_status_t jb_output_write_image(const jb_pages_t *pages, size_t index, double png_scale,
                                  const char *path, jb_error_t *err);

/* Render spec alone on a page of width × height points into path, as PDF,
 * SVG or PNG (chosen by the extension; PNG at 2 pixels per point), written
 * atomically. Fails like jb_chart_draw, with JB_ERR_USAGE for another
 * extension and JB_ERR_IO/JB_ERR_RENDER when the file cannot be written. */
jb_status_t jb_output_write_chart(const jb_chart_spec_t *spec, jb_fonts_t *fonts, double width,
                                double height, const char *path, jb_error_t *err);

#ifdef __cplusplus
}
#endif
#endif
